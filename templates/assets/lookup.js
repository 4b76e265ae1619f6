/* Niêm Yết dossier status lookup (tra cứu hồ sơ). No third-party code, no other host: works on old phones.
   The code the citizen types (or the QR code's ?ma=) is normalised exactly as the generator does (NFKC, no
   white space, upper case), hashed with SHA-256, and one small bucket file named by the first hex digits of
   the hash is read. The bucket holds entries keyed by hash digits only, never codes.
   Texts come from the page (#lookup-strings), so this file holds no words of any language. */
(function () {
  'use strict';

  /* ---- SHA-256 (FIPS 180-4) in plain JavaScript, for browsers without crypto.subtle: it exists only in
     secure contexts (https, localhost), and some portals are still served over plain http. ---- */
  var K = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  ];

  function utf8(text) {
    var bytes = [], i, c, d;
    for (i = 0; i < text.length; i++) {
      c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) { c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00); i++; }
      }
      if (c < 0x80) bytes.push(c);
      else if (c < 0x800) bytes.push(0xc0 | c >> 6, 0x80 | c & 63);
      else if (c < 0x10000) bytes.push(0xe0 | c >> 12, 0x80 | c >> 6 & 63, 0x80 | c & 63);
      else bytes.push(0xf0 | c >> 18, 0x80 | c >> 12 & 63, 0x80 | c >> 6 & 63, 0x80 | c & 63);
    }
    return bytes;
  }

  function hex(words) {
    var out = '', i, s;
    for (i = 0; i < words.length; i++) {
      s = (words[i] >>> 0).toString(16);
      out += '00000000'.slice(s.length) + s;
    }
    return out;
  }

  function sha256Hex(text) {
    var bytes = utf8(text), bitLength = bytes.length * 8, i, j, t, w = new Array(64);
    var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    bytes.push(0x80);
    while (bytes.length % 64 !== 56) bytes.push(0);
    // Length in bits as a 64-bit big-endian number (inputs here are far below 2^32 bits).
    bytes.push(0, 0, 0, 0, bitLength >>> 24 & 255, bitLength >>> 16 & 255, bitLength >>> 8 & 255, bitLength & 255);
    for (i = 0; i < bytes.length; i += 64) {
      for (j = 0; j < 16; j++) {
        w[j] = bytes[i + 4 * j] << 24 | bytes[i + 4 * j + 1] << 16 | bytes[i + 4 * j + 2] << 8 | bytes[i + 4 * j + 3];
      }
      for (j = 16; j < 64; j++) {
        var x = w[j - 15], y = w[j - 2];
        var s0 = (x >>> 7 | x << 25) ^ (x >>> 18 | x << 14) ^ x >>> 3;
        var s1 = (y >>> 17 | y << 15) ^ (y >>> 19 | y << 13) ^ y >>> 10;
        w[j] = w[j - 16] + s0 + w[j - 7] + s1 | 0;
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
      for (j = 0; j < 64; j++) {
        var S1 = (e >>> 6 | e << 26) ^ (e >>> 11 | e << 21) ^ (e >>> 25 | e << 7);
        var ch = e & f ^ ~e & g;
        t = k + S1 + ch + K[j] + w[j] | 0;
        var S0 = (a >>> 2 | a << 30) ^ (a >>> 13 | a << 19) ^ (a >>> 22 | a << 10);
        var maj = a & b ^ a & c ^ b & c;
        k = g; g = f; f = e; e = d + t | 0; d = c; c = b; b = a; a = t + S0 + maj | 0;
      }
      h[0] = h[0] + a | 0; h[1] = h[1] + b | 0; h[2] = h[2] + c | 0; h[3] = h[3] + d | 0;
      h[4] = h[4] + e | 0; h[5] = h[5] + f | 0; h[6] = h[6] + g | 0; h[7] = h[7] + k | 0;
    }
    return hex(h);
  }

  /* The fast path where the browser offers it; the plain version otherwise or if it fails. */
  function digest(text, done) {
    var subtle = window.crypto && window.crypto.subtle;
    if (subtle && window.isSecureContext && window.TextEncoder && window.Uint8Array) {
      try {
        subtle.digest('SHA-256', new TextEncoder().encode(text)).then(function (buffer) {
          var view = new Uint8Array(buffer), out = '', i;
          for (i = 0; i < view.length; i++) out += (view[i] < 16 ? '0' : '') + view[i].toString(16);
          done(out);
        }, function () { done(sha256Hex(text)); });
        return;
      } catch (ignored) { /* fall through */ }
    }
    done(sha256Hex(text));
  }

  /* Same as Dossier.normalise in the generator: NFKC (full-width Ａ１ → A1), no white space, upper case. */
  function normalise(raw) {
    var text = String(raw);
    if (text.normalize) text = text.normalize('NFKC');
    else text = text.replace(/[\uff01-\uff5e]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    });
    return text.replace(/[\s\u3000\u00a0\ufeff]+/g, '').toUpperCase();
  }

  window.NiemYetLookup = { normalise: normalise, sha256Hex: sha256Hex };

  var form = document.getElementById('lookup-form');
  var stringsElement = document.getElementById('lookup-strings');
  if (!form || !stringsElement || !window.JSON) return;
  var input = document.getElementById('ma');
  var out = document.getElementById('lookup-result');
  var t = JSON.parse(stringsElement.textContent || stringsElement.innerHTML);
  var dataURL = form.getAttribute('data-url');
  var prefixLength = parseInt(form.getAttribute('data-prefix'), 10);
  var keyLength = parseInt(form.getAttribute('data-key'), 10);
  // Procedure names are the records' language (Vietnamese) on every language's page.
  var recordsLang = form.getAttribute('data-records-lang');
  var pending = 0;

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) node.appendChild(document.createTextNode(text));
    if (className) node.className = className;
    return node;
  }

  function say(text, className) {
    out.innerHTML = '';
    out.appendChild(element('p', text, className));
  }

  function date(iso) {
    var p = iso.split('-');
    return (t.lookup_date_pattern || '{d}/{m}/{y}').replace('{d}', p[2]).replace('{m}', p[1]).replace('{y}', p[0]);
  }

  function show(code, entry) {
    // entry: [procedure code, procedure name, received, due, status, resolved, late (1/0)]
    var list = element('dl', undefined, 'fields'), status = entry[4];
    function row(label, value, className, lang) {
      var div = element('div'), dd = element('dd', value, className);
      if (lang) dd.lang = lang;
      div.appendChild(element('dt', label));
      div.appendChild(dd);
      list.appendChild(div);
    }
    out.innerHTML = '';
    out.appendChild(element('h2', t.lookup_result_title));
    out.appendChild(list);
    row(t.lookup_code_label, code);
    row(t.lookup_procedure, entry[1] ? entry[1] + ' (' + entry[0] + ')' : entry[0], undefined, recordsLang);
    row(t.lookup_received, date(entry[2]));
    row(t.lookup_due, date(entry[3]));
    if (entry[5]) row(t.lookup_resolved, date(entry[5]));
    row(t.lookup_status, t[status] || status, 'lookup-status');
    if (t[status + '_help']) out.appendChild(element('p', t[status + '_help']));
    if (status === 'dang-xu-ly') {
      out.appendChild(entry[6] ? element('p', t.lookup_late, 'late') : element('p', t.lookup_on_time));
    } else if (status === 'da-giai-quyet' && entry[6]) {
      out.appendChild(element('p', t.lookup_late_resolved, 'late'));
    }
  }

  function fetchBucket(name, done) {
    var request = new XMLHttpRequest();
    request.open('GET', dataURL + name + '.json', true);
    request.onreadystatechange = function () {
      if (request.readyState !== 4) return;
      if (request.status === 200) {
        try { done(null, JSON.parse(request.responseText)); } catch (error) { done(error); }
      } else if (request.status === 404) {
        done(null, {});  // no dossier hashes into this bucket
      } else {
        done(new Error('HTTP ' + request.status));
      }
    };
    request.send();
  }

  function lookup(raw) {
    var code = normalise(raw), ticket = ++pending;
    if (!code) { say(t.lookup_empty); return; }
    say(t.lookup_searching);
    digest(code, function (hash) {
      fetchBucket(hash.slice(0, prefixLength), function (error, bucket) {
        if (ticket !== pending) return;  // a newer lookup started meanwhile
        if (error) { say(t.lookup_error, 'late'); return; }
        var entry = bucket[hash.slice(prefixLength, keyLength)];
        if (entry) show(code, entry); else say(t.lookup_not_found, 'late');
      });
    });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (window.history && history.replaceState) {
      history.replaceState(null, '', '?ma=' + encodeURIComponent(input.value.replace(/^\s+|\s+$/g, '')));
    }
    lookup(input.value);
  });

  var match = /[?&]ma=([^&#]*)/.exec(window.location.search);
  if (match) {
    var given = '';
    try { given = decodeURIComponent(match[1].replace(/\+/g, ' ')); } catch (ignored) { given = match[1]; }
    input.value = given;
    lookup(given);
  }
})();
