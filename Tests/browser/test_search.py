"""Site search (/tim-kiem/) in a real headless Chromium on the example site, served over HTTP: queries typed without
accents find the accented text, Hộ tịch procedures come first for `ho tich`, a query with no match says so in
Vietnamese, everything works from the keyboard, the count is announced, and the page still helps without JavaScript."""
import json
import re
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import REPO
from quality import axe_violations, chromium, serve

FIXTURE = REPO / "Tests" / "Fixtures" / "search-normalisation.json"


def front_matter(path: Path) -> dict:
    """The few `key: value` lines of a procedure's front matter this test needs."""
    values = {}
    text = path.read_text(encoding="utf-8").split("---", 2)[1]
    for line in text.splitlines():
        match = re.match(r'^(code|title|field): "?(.*?)"?$', line)
        if match:
            values[match.group(1)] = match.group(2)
    return values


PROCEDURES = [front_matter(p) for p in sorted((REPO / "content" / "procedures").glob("*.md"))]


@pytest.fixture(scope="module")
def origin(example_site):
    with serve(example_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    driver = chromium(width=360)
    yield driver
    driver.quit()


def status_text(driver) -> str:
    """The live region's text once the search has answered (not while it says it is searching)."""
    deadline = time.monotonic() + 30
    text = ""
    while time.monotonic() < deadline:
        text = driver.find_element(By.ID, "search-status").text
        if text and "…" not in text:
            return text
        time.sleep(0.05)
    raise AssertionError(f"no answer, status: {text!r}")


def results(driver) -> list:
    return [{"href": a.get_attribute("href"), "title": a.text, "lang": a.get_attribute("lang"),
             "text": li.text, "html": li.get_attribute("innerHTML")}
            for li in driver.find_elements(By.CSS_SELECTOR, "#search-results > li")
            for a in li.find_elements(By.CSS_SELECTOR, "h2 a")]


def search(driver, origin, query, prefix=""):
    driver.get(f"{origin}{prefix}/tim-kiem/?q={query.replace(' ', '+')}")
    return status_text(driver), results(driver)


def test_ho_tich_lists_the_ho_tich_procedures_first(browser, origin):
    civil = [p for p in PROCEDURES if p.get("field") == "Hộ tịch"]
    assert len(civil) >= 3, "the example site has Hộ tịch procedures"
    status, found = search(browser, origin, "ho tich")
    assert "kết quả" in status
    first = {r["href"].split("127.0.0.1", 1)[1].split("/", 1)[1] for r in found[:len(civil)]}
    assert first == {f"thu-tuc/{p['code']}/" for p in civil}, [r["title"] for r in found]
    # The pair is highlighted in the original accented spelling.
    assert any("<mark>hộ tịch</mark>" in r["html"].lower() for r in found[:len(civil)])


def test_accents_and_capitals_do_not_matter(browser, origin):
    _, plain = search(browser, origin, "ho tich")
    for query in ["hộ tịch", "HỘ TỊCH", "ho tịch"]:
        _, other = search(browser, origin, query)
        assert [r["href"] for r in other] == [r["href"] for r in plain], query


def test_dang_ky_khai_sinh_finds_birth_registration(browser, origin):
    birth = next(p for p in PROCEDURES if p.get("title") == "Đăng ký khai sinh")
    status, found = search(browser, origin, "dang ky khai sinh")
    assert found, status
    assert found[0]["title"] == "Đăng ký khai sinh"
    assert found[0]["href"].endswith(f"/thu-tuc/{birth['code']}/")
    assert "Thủ tục" in found[0]["text"]


def test_duong_finds_a_text_containing_đường(browser, origin):
    status, found = search(browser, origin, "duong")
    assert found, status
    assert any("đường" in r["text"].lower() for r in found)
    assert any(re.search(r"<mark>đường</mark>", r["html"], re.I) for r in found)
    # Each result says what it is and when, in Vietnamese.
    news = [r for r in found if "Tin tức" in r["text"]]
    assert news and re.search(r"\d{2}/\d{2}/\d{4}", news[0]["text"])


def test_a_query_with_no_match_says_so_in_vietnamese(browser, origin):
    status, found = search(browser, origin, "xyzzy qwfp")
    assert not found
    assert "Không tìm thấy kết quả nào" in status and "xyzzy qwfp" in status
    # The catalogue and the news archive are offered instead.
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, ".search-browse a")]
    assert any(l.endswith("/thu-tuc/") for l in links) and any(l.endswith("/tin-tuc/") for l in links)


def test_the_count_is_in_a_live_region(browser, origin):
    status, found = search(browser, origin, "dang ky ket hon")
    region = browser.find_element(By.ID, "search-status")
    assert region.get_attribute("aria-live") == "polite" and region.get_attribute("role") == "status"
    count = int(re.search(r"(\d+) kết quả", status).group(1))
    assert count >= 1 and len(found) == min(count, 10)


def tab_to(driver, element_id, limit=60):
    for _ in range(limit):
        driver.switch_to.active_element.send_keys(Keys.TAB)
        if driver.switch_to.active_element.get_attribute("id") == element_id:
            return
    raise AssertionError(f"#{element_id} is not reachable with Tab")


def test_keyboard_only_from_the_header_to_a_result(origin):
    driver = chromium(width=360)
    try:
        driver.get(origin + "/")
        driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
        tab_to(driver, "site-q")
        driver.switch_to.active_element.send_keys("ho tich", Keys.ENTER)
        assert "kết quả" in status_text(driver)
        assert driver.current_url.endswith("/tim-kiem/?q=ho+tich")
        # A new search typed in the page's own box, then Tab to the first result and open it.
        tab_to(driver, "q")
        field = driver.switch_to.active_element
        field.send_keys(Keys.CONTROL, "a")
        field.send_keys("dang ky khai sinh", Keys.ENTER)
        for _ in range(100):
            if "dang ky khai sinh" in driver.find_element(By.ID, "search-status").text:
                break
            time.sleep(0.05)
        assert "dang ky khai sinh" in status_text(driver)
        assert "q=dang+ky+khai+sinh" in driver.current_url, "the query is in the address, to share"
        driver.switch_to.active_element.send_keys(Keys.TAB)  # the button
        driver.switch_to.active_element.send_keys(Keys.TAB)  # the first result
        active = driver.switch_to.active_element
        assert active.text == "Đăng ký khai sinh"
        active.send_keys(Keys.ENTER)
        for _ in range(100):
            if "/thu-tuc/" in driver.current_url:
                break
            time.sleep(0.05)
        assert "/thu-tuc/1.001193/" in driver.current_url
    finally:
        driver.quit()


def test_more_results_button_works_from_the_keyboard(origin):
    driver = chromium(width=360)
    try:
        status, found = search(driver, origin, "ho")
        total = int(re.search(r"(\d+) kết quả", status).group(1))
        assert total > 10 and len(found) == 10
        more = driver.find_element(By.ID, "search-more")
        assert more.is_displayed()
        tab_to(driver, "search-more")
        driver.switch_to.active_element.send_keys(Keys.ENTER)
        for _ in range(100):
            if len(results(driver)) > 10:
                break
            time.sleep(0.05)
        now = results(driver)
        assert len(now) == min(total, 20)
        assert driver.switch_to.active_element.get_attribute("href") == now[10]["href"], "focus moves to the new results"
    finally:
        driver.quit()


def test_browser_normalisation_matches_the_fixture(browser, origin):
    browser.get(origin + "/tim-kiem/")
    cases = json.loads(FIXTURE.read_text(encoding="utf-8"))
    got = browser.execute_script(
        "return arguments[0].map(function (s) { return NiemYetSearch.words(s).map(function (w, i) {"
        " return (i ? (w.j ? ' ' : ' | ') : '') + w.w; }).join(''); });", [c[0] for c in cases])
    mismatches = [(c[2], c[0], g, c[1]) for c, g in zip(cases, got) if g != c[1]]
    assert not mismatches, mismatches


def test_without_javascript_the_page_offers_the_catalogue_and_the_news(origin):
    driver = chromium(javascript=False)
    try:
        driver.get(origin + "/tim-kiem/?q=ho+tich")
        body = driver.find_element(By.TAG_NAME, "main").text
        assert "JavaScript" in body
        links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "main a")]
        assert any(l.endswith("/thu-tuc/") for l in links) and any(l.endswith("/tin-tuc/") for l in links)
        # The header box still submits a plain GET to the search page.
        form = driver.find_element(By.CSS_SELECTOR, "header form[role=search]")
        assert form.get_attribute("method") == "get" and form.get_attribute("action").endswith("/tim-kiem/")
    finally:
        driver.quit()


def test_english_pages_search_in_english(browser, origin):
    status, found = search(browser, origin, "ho tich", prefix="/en")
    assert re.search(r"\d+ results? for", status), status
    civil = {p["code"] for p in PROCEDURES if p.get("field") == "Hộ tịch"}
    first = found[0]
    assert "/en/thu-tuc/" in first["href"] and first["href"].rstrip("/").rsplit("/", 1)[1] in civil
    assert first["lang"] == "vi", "Vietnamese titles on English pages are marked as Vietnamese"
    assert "Procedure" in first["text"]
    status, found = search(browser, origin, "xyzzy", prefix="/en")
    assert status.startswith("No results")


@pytest.mark.parametrize("width", [360, 1280])
def test_results_page_passes_axe(origin, width):
    driver = chromium(width=width)
    try:
        search(driver, origin, "ho tich")
        violations = axe_violations(driver)
        assert not violations, json.dumps(violations, ensure_ascii=False, indent=1)
        # 200% text without horizontal scrolling (WCAG 1.4.4 / 1.4.10), results included.
        driver.set_window_size(640, 900)
        driver.execute_script("document.documentElement.style.fontSize = '225%'")
        scroll, inner = driver.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert scroll <= inner + 1
    finally:
        driver.quit()


def test_script_is_small_and_local(example_site):
    import gzip
    scripts = list((example_site / "assets").glob("search.*.js"))
    assert len(scripts) == 1
    source = scripts[0].read_bytes()
    assert len(gzip.compress(source, 9)) <= 8 * 1024
    assert b"http" not in source.replace(b"XMLHttpRequest", b""), "no other host"
    assert b"WebAssembly" not in source
