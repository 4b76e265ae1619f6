/* Niêm Yết site search (tìm kiếm). Plain JavaScript, no third-party code, no other host; works on old phones.
   The query is normalised exactly as the generator does (Sources/NiemYetKit/Search/SearchText.swift): lower case,
   NFD, every combining mark dropped, đ and ð → d, ς → σ; words are runs of letters and digits, and two words with only
   white space between them also form a pair ("ho tich"). Each term lives in the shard file named by the FNV-1a hash
   of its UTF-8 bytes, so a query fetches one small file per term, then the result files of the results on screen
   (each holds a few consecutive documents: document n is element n % group size of file d/<n / group size>).
   Texts come from the page (#search-strings), so this file holds no words of any language. */
(function () {
  'use strict';

  var SPACE = /[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
  var WHITE = /^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;
  var MARK, WORD;
  try {
    MARK = new RegExp('\\p{M}', 'gu');
    WORD = new RegExp('[\\p{L}\\p{N}]', 'u');
  } catch (old) {  // browsers before Unicode property escapes: Latin and Vietnamese still work
    MARK = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
    WORD = /[0-9a-z\u00aa\u00b2\u00b3\u00b5\u00b9\u00ba\u00bc-\u00be\u00df-\u00f6\u00f8-\u02af\u1e00-\u1eff]/;
  }

  function fold(text) {
    var s = String(text).toLowerCase();
    if (s.normalize) s = s.normalize('NFD');
    return s.replace(MARK, '').replace(/[\u0111\u00f0]/g, 'd').replace(/\u03c2/g, '\u03c3');
  }

  /* Characters by code point (a letter outside the BMP is two UTF-16 units). */
  function each(s, f) {
    for (var i = 0, c, ch; i < s.length; i++) {
      ch = s.charAt(i);
      c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) ch += s.charAt(++i);
      f(ch);
    }
  }

  /* [{w: folded word, j: only white space since the previous word}] */
  function words(text) {
    var out = [], cur = '', soft = false;
    each(fold(text), function (ch) {
      if (WORD.test(ch)) { cur += ch; return; }
      if (cur) { out.push({ w: cur, j: soft }); cur = ''; soft = true; }
      if (!SPACE.test(ch)) soft = false;
    });
    if (cur) out.push({ w: cur, j: soft });
    return out;
  }

  /* Unique words, then the pairs of neighbouring words. */
  function terms(list) {
    var singles = [], pairs = [], seen = {}, i, p;
    for (i = 0; i < list.length; i++) {
      if (!seen['1' + list[i].w]) { seen['1' + list[i].w] = 1; singles.push(list[i].w); }
      p = i && list[i].j ? list[i - 1].w + ' ' + list[i].w : '';
      if (p && !seen['2' + p]) { seen['2' + p] = 1; pairs.push(p); }
    }
    return { singles: singles, pairs: pairs };
  }

  var imul = Math.imul || function (a, b) {
    var ah = a >>> 16 & 0xffff, al = a & 0xffff;
    return al * b + ((ah * b & 0xffff) << 16) | 0;
  };

  function shardOf(term, count) {
    var bytes, h = 0x811c9dc5, i;
    try { bytes = unescape(encodeURIComponent(term)); } catch (bad) { return 0; }
    for (i = 0; i < bytes.length; i++) h = imul(h ^ bytes.charCodeAt(i), 16777619);
    return (h >>> 0) % count;
  }

  var ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

  /* Posting list → [[document, weight], ...] (see SearchIndex.swift for the code). */
  function decode(text) {
    var list = [], doc = -1, value = 0, shift = 0, gap = true, d, i;
    for (i = 0; i < text.length; i++) {
      d = ALPHABET.indexOf(text.charAt(i));
      value |= (d & 31) << shift;
      if (d & 32) { shift += 5; continue; }
      if (gap) doc += value + 1; else list.push([doc, value + 1]);
      gap = !gap;
      value = 0;
      shift = 0;
    }
    return list;
  }

  window.NiemYetSearch = { fold: fold, words: words, terms: terms, shardOf: shardOf, decode: decode };

  if (typeof document === 'undefined') return;  // loaded by a test outside a browser
  var form = document.getElementById('search-form');
  var stringsElement = document.getElementById('search-strings');
  if (!form || !stringsElement || !window.JSON || !window.XMLHttpRequest) return;
  var t = JSON.parse(stringsElement.textContent || stringsElement.innerHTML);
  var input = document.getElementById('q');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var moreWrap = document.getElementById('search-more-wrap');
  var more = document.getElementById('search-more');
  var base = form.getAttribute('data-url');
  var version = '?v=' + form.getAttribute('data-version');
  var shards = parseInt(form.getAttribute('data-shards'), 10);
  var total = parseInt(form.getAttribute('data-documents'), 10);
  var pageSize = parseInt(form.getAttribute('data-page-size'), 10) || 10;
  var groupSize = parseInt(form.getAttribute('data-group-size'), 10) || 4;
  var cache = {}, pending = 0, current = null;

  function get(url, done) {
    if (cache[url]) { done(null, cache[url]); return; }
    var request = new XMLHttpRequest();
    request.open('GET', url, true);
    request.onreadystatechange = function () {
      if (request.readyState !== 4) return;
      var value;
      try { value = request.status === 200 ? JSON.parse(request.responseText) : null; } catch (e) { value = null; }
      if (value) cache[url] = value;
      done(value ? null : new Error(url), value);
    };
    request.send();
  }

  /* Calls done(error, values) once every url has answered. */
  function getAll(urls, done) {
    var left = urls.length, values = [], failed = null;
    if (!left) { done(null, values); return; }
    urls.forEach(function (url, i) {
      get(url, function (error, value) {
        values[i] = value;
        failed = failed || error;
        if (--left === 0) done(failed, values);
      });
    });
  }

  function say(text) { status.textContent = text; }

  function fill(pattern, q, n) {
    var digits = String(n), sep = t.search_thousands || '.';
    while (/\d{4}/.test(digits)) digits = digits.replace(/(\d)(\d{3})(?!\d)/, '$1' + sep + '$2');
    return pattern.replace('{q}', q).replace('{n}', digits);
  }

  /* Documents with as many of the query's words as any document has (all of them when possible, never fewer than
     two thirds), best first: each word and pair adds weight × rarity, and pairs count three times. */
  function rank(query, postings) {
    var score = {}, hits = {}, best = 0, docs = [], need, d, i, j, l, w, rarity;
    function add(list, factor, counts) {
      rarity = Math.log(1 + total / (list.length || 1)) * factor;
      for (j = 0; j < list.length; j++) {
        d = list[j][0];
        if (!counts && !hits[d]) continue;
        score[d] = (score[d] || 0) + rarity * list[j][1];
        if (counts) { hits[d] = (hits[d] || 0) + 1; if (hits[d] > best) best = hits[d]; }
      }
    }
    for (i = 0; i < query.singles.length; i++) add(postings[query.singles[i]] || [], 1, true);
    for (i = 0; i < query.pairs.length; i++) add(postings[query.pairs[i]] || [], 3, false);
    need = Math.ceil(query.singles.length * 2 / 3);
    if (best < need) return { docs: [], partial: false };
    for (l in hits) if (hits[l] === best) docs.push(+l);
    docs.sort(function (a, b) { return score[b] - score[a] || b - a; });
    return { docs: docs, partial: best < query.singles.length };
  }

  /* A text as runs of word and other characters, in the original spelling: [{s: text, w: folded word}]. */
  function runs(text) {
    var out = [], cur = '', word = false;
    each(text, function (ch) {
      var f = fold(ch), isWord = f === '' ? word : WORD.test(f.charAt(0));
      if (isWord !== word && cur) { out.push({ s: cur, w: word ? fold(cur) : '' }); cur = ''; }
      cur += ch;
      word = isWord;
    });
    if (cur) out.push({ s: cur, w: word ? fold(cur) : '' });
    return out;
  }

  /* Sets r.m on the runs to highlight: where the text holds a pair of the query ("hộ tịch" for "ho tich"), only the
     pairs; otherwise every word of the query. Returns how well the text matches. */
  function mark(list, wanted) {
    var pairs = 0, seen = {}, n = 0, i, a = null, gap = '';
    for (i = 0; i < list.length; i++) {
      if (!list[i].w) { gap += list[i].s; continue; }
      if (a && WHITE.test(gap) && wanted.pair[a.w + ' ' + list[i].w]) { a.m = list[i].m = 1; pairs++; }
      a = list[i];
      gap = '';
    }
    list.forEach(function (r) {
      if (r.w && wanted.single[r.w]) {
        if (!pairs) r.m = 1;
        if (!seen[r.w]) { seen[r.w] = 1; n++; }
      }
    });
    return n + 2 * pairs;
  }

  /* Runs → nodes; neighbouring highlights with only white space between share one <mark>. */
  function render(list) {
    var out = document.createDocumentFragment(), m = null, i, r;
    for (i = 0; i < list.length; i++) {
      r = list[i];
      if (r.m || (m && !r.w && list[i + 1] && list[i + 1].m && WHITE.test(r.s))) {
        if (!m) { m = document.createElement('mark'); out.appendChild(m); }
        m.appendChild(document.createTextNode(r.s));
      } else {
        m = null;
        out.appendChild(document.createTextNode(r.s));
      }
    }
    return out;
  }

  /* The passage that matches best, cut to about 220 characters around its densest highlights. */
  function snippet(passages, wanted) {
    var best = [], bestScore = -1, start = 0, top = -1, i, j, seen, n, length = 0, out;
    (passages || []).forEach(function (p) {
      var list = runs(p), score = mark(list, wanted);
      if (score > bestScore) { best = list; bestScore = score; }
    });
    for (i = 0; i < best.length; i++) {
      if (!best[i].m) continue;
      for (seen = {}, n = 0, j = i; j < best.length && j < i + 40; j++) {
        if (best[j].m && !seen[best[j].w]) { seen[best[j].w] = 1; n++; }
      }
      if (n > top) { top = n; start = i; }
    }
    i = Math.max(0, start - 12);
    while (i > 0 && !best[i].w) i--;
    out = i ? [{ s: '… ' }] : [];
    for (; i < best.length && length < 220; i++) { out.push(best[i]); length += best[i].s.length; }
    if (i < best.length) out.push({ s: ' …' });
    return out;
  }

  function item(doc, wanted) {
    var li = document.createElement('li'), h = document.createElement('h2'), a = document.createElement('a');
    var meta = document.createElement('p'), p = document.createElement('p');
    li.className = 'search-result';
    a.href = doc.u;
    if (doc.l) a.setAttribute('lang', doc.l);
    var title = runs(doc.t);
    mark(title, wanted);
    a.appendChild(render(title));
    h.appendChild(a);
    meta.className = 'meta';
    meta.appendChild(document.createTextNode((t[doc.k] || '') + (doc.d ? ' · ' + doc.d : '')));
    p.className = 'search-snippet';
    if (doc.l) p.setAttribute('lang', doc.l);
    p.appendChild(render(snippet(doc.s, wanted)));
    li.appendChild(h);
    li.appendChild(meta);
    li.appendChild(p);
    return li;
  }

  /* Shows the next page of results; focus moves to the first new one when asked. */
  function showMore(focus) {
    var state = current, from = list.children.length, docs = state.docs.slice(from, from + pageSize);
    var urls = [], slots = {};
    function fileOf(d) { return base + 'd/' + Math.floor(d / groupSize) + '.json' + version; }
    docs.forEach(function (d) {
      if (!(fileOf(d) in slots)) { slots[fileOf(d)] = urls.length; urls.push(fileOf(d)); }
    });
    more.disabled = true;
    getAll(urls, function (error, values) {
      if (state !== current) return;
      var first = null;
      docs.forEach(function (d) {
        var group = values[slots[fileOf(d)]];
        var doc = group && group[d % groupSize];
        if (!doc) return;
        var li = item(doc, state.wanted);
        list.appendChild(li);
        first = first || li;
      });
      list.hidden = !list.children.length;
      moreWrap.hidden = list.children.length >= state.docs.length;
      more.disabled = false;
      if (error && !first) say(t.search_error);
      if (focus && first) first.getElementsByTagName('a')[0].focus();
      if (!focus) say((state.partial ? t.search_partial + ' ' : '') +
                      fill(state.docs.length === 1 ? t.search_count_one : t.search_count, state.q, state.docs.length));
    });
  }

  function search(raw) {
    var q = raw.replace(/^\s+|\s+$/g, ''), query = terms(words(q).slice(0, 12)), ticket = ++pending;
    var all = query.singles.concat(query.pairs), names = [], seen = {};
    current = null;
    list.innerHTML = '';
    list.hidden = true;
    moreWrap.hidden = true;
    if (!query.singles.length) { say(q ? fill(t.search_none, q, 0) : t.search_empty); return; }
    say(t.search_loading);
    all.forEach(function (term) {
      var n = shardOf(term, shards);
      if (!seen[n]) { seen[n] = 1; names.push(base + n + '.json' + version); }
    });
    getAll(names, function (error, values) {
      if (ticket !== pending) return;
      if (error) { say(t.search_error); return; }
      var postings = {};
      values.forEach(function (shard) {
        all.forEach(function (term) { if (shard[term]) postings[term] = decode(shard[term]); });
      });
      var result = rank(query, postings), wanted = { single: {}, pair: {} };
      query.singles.forEach(function (w) { wanted.single[w] = 1; });
      query.pairs.forEach(function (w) { wanted.pair[w] = 1; });
      if (!result.docs.length) { say(fill(t.search_none, q, 0)); return; }
      current = { docs: result.docs, partial: result.partial, q: q, wanted: wanted };
      showMore(false);
    });
  }

  function fromLocation() {
    var match = /[?&]q=([^&#]*)/.exec(window.location.search), q = '';
    if (match) {
      try { q = decodeURIComponent(match[1].replace(/\+/g, ' ')); } catch (bad) { q = match[1]; }
    }
    input.value = q;
    if (q) search(q);
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var q = input.value.replace(/^\s+|\s+$/g, '');
    if (window.history && history.pushState) history.pushState(null, '', '?q=' + encodeURIComponent(q).replace(/%20/g, '+'));
    search(q);
  });
  more.addEventListener('click', function () { showMore(true); });
  window.addEventListener('popstate', fromLocation);
  fromLocation();
})();
