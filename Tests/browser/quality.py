"""Shared tools for the quality gates: a loopback HTTP server over a built site, a headless Chromium, and a way to
pick one page of every page type (the layout marks each page's template in `<body class="t-...">`)."""
import functools
import http.server
import os
import re
import threading
from contextlib import contextmanager
from pathlib import Path

BODY_CLASS = re.compile(r'<body class="t-([a-z0-9-]+)"')


def html_pages(root: Path):
    for folder, _, files in os.walk(root):
        for name in sorted(files):
            if name.endswith(".html"):
                yield Path(folder, name)


HTML_LANG = re.compile(r'<html lang="([a-z-]+)"')


def page_types(root: Path) -> dict:
    """template name → site path of one page of that type (the first in path order), for each language:
    `procedure` is the Vietnamese page, `procedure@en` the English one (longer labels, other formats)."""
    found = {}
    for page in sorted(html_pages(root)):
        html = page.read_text(encoding="utf-8")
        match = BODY_CLASS.search(html)
        lang = HTML_LANG.search(html)
        key = match and (match.group(1) if not lang or lang.group(1) == "vi" else f"{match.group(1)}@{lang.group(1)}")
        if key and key not in found:
            rel = page.relative_to(root).as_posix()
            found[key] = "/" + (rel[:-len("index.html")] if rel.endswith("index.html") else rel)
    return found


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve(root: Path):
    """Serves `root` on 127.0.0.1 (a free port) for the duration of the block; yields the origin."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def chromium(width=1280, height=900, javascript=True):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                f"--window-size={width},{height}", "--lang=vi", "--no-first-run", "--disable-extensions"):
        options.add_argument(arg)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_script_timeout(180)  # axe on a loaded 2-core CI machine can take a while
    return driver


AXE = Path(__import__("selenium_axe_python").__file__).parent / "axe-core" / "axe.min.js"


def axe_violations(driver) -> list:
    """WCAG 2.1 A and AA violations axe-core finds on the page open in `driver`: [{id, nodes}], empty when clean."""
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a','wcag2aa','wcag21a','wcag21aa']}})"
        ".then(r => done(r.violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}))))"
        ".catch(e => done([{id: 'axe-error', nodes: [String(e)]}]))")
