/// What `serve` adds to every page it builds, and the browser side of it: one external script (the site's own
/// pages stay script-free in `build` output), which listens to `PreviewEvents` and reloads the tab after a
/// rebuild, or lays the errors of a failed rebuild over the (still served) previous page.
enum LiveReload {
    static let scriptPath = "/_niemyet/live-reload.js"

    /// Put where the layout has `{{{live_reload}}}` (`BuildOptions.liveReloadScript`).
    static let tag = "<script src=\"\(scriptPath)\"></script>"

    static let script = #"""
        (function () {
          "use strict";
          var seen = null, box = null;
          function element(name, text, style) {
            var node = document.createElement(name);
            if (text) node.textContent = text;
            if (style) node.style.cssText = style;
            return node;
          }
          function hide() { if (box) { box.remove(); box = null; } }
          function show(failure) {
            hide();
            box = element("div", null, "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
              "background:#1d1d1d;color:#fff;font:1.125rem/1.5 system-ui,sans-serif;padding:1.5rem 2rem");
            box.id = "niemyet-errors";
            box.setAttribute("role", "alert");
            box.appendChild(element("h2", failure.title, "margin:0 0 .5rem;font-size:1.5rem;color:#ffb4a8"));
            box.appendChild(element("p", failure.hint, "margin:0 0 1rem"));
            var list = element("ol", null, "padding-left:1.5rem");
            failure.errors.forEach(function (text) {
              var item = element("li", null, "margin:.25rem 0");
              item.appendChild(element("code", text, "white-space:pre-wrap;font-size:1rem"));
              list.appendChild(item);
            });
            box.appendChild(list);
            var close = element("button", failure.close, "font:inherit;padding:.25rem 1rem;margin-top:1rem");
            close.type = "button";
            close.addEventListener("click", hide);
            box.appendChild(close);
            document.body.appendChild(box);
          }
          if (!window.EventSource) return;
          var events = new EventSource("/_niemyet/events");
          events.addEventListener("hello", function (event) {
            // A tab that reconnects after missing a rebuild (or a restarted server) reloads.
            if (seen !== null && seen !== event.data) location.reload();
            seen = event.data;
          });
          function here() {
            var path = location.pathname;
            try { path = decodeURIComponent(path).normalize("NFC"); } catch (e) {}
            return path.replace(/\/index\.html$/, "/");
          }
          events.addEventListener("reload", function (event) {
            var build = JSON.parse(event.data);
            seen = build.id;
            // Reload when this page changed, or to drop the overlay of a failed build now fixed.
            if (box || build.paths.indexOf("*") >= 0 || build.paths.indexOf(here()) >= 0) location.reload();
          });
          events.addEventListener("errors", function (event) { show(JSON.parse(event.data)); });
        })();

        """#
}
