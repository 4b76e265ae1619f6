"""The dossier status lookup (/tra-cuu-ho-so/) in a real headless Chromium, served over HTTP on 127.0.0.1 the way
a citizen's phone would fetch it: typing a code, opening the QR link with ?ma=, an unknown code, JavaScript off."""
import csv
import hashlib
import shutil
import socket
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import REPO, build_site
from quality import chromium

# Dossiers of the test site: the lookup must find each by its code and say its status in plain Vietnamese.
DOSSIERS = [
    # code, procedure code, procedure name, received, due, status, resolved
    ("000.00.21.H42-250801-0007", "1.001193", "Đăng ký khai sinh", "2025-08-01", "2025-08-06", "dang-xu-ly", ""),
    ("000.00.21.H42-250805-0003", "1.000894", "Đăng ký kết hôn", "2025-08-05", "2025-08-12", "dang-xu-ly", ""),
    ("000.00.21.H42-250702-0001", "2.000815", "Chứng thực bản sao", "2025-07-02", "2025-07-03", "da-giai-quyet",
     "2025-07-03"),
    ("000.00.21.H42-250710-0002", "1.001193", "Đăng ký khai sinh", "2025-07-10", "2025-07-15", "cho-bo-sung", ""),
]
# Personal data a real export carries: must never reach the published site.
APPLICANTS = ["Hà Thị Mơ Màng", "Quách Văn Tủn Mủn", "Lương Thị Lơ Thơ", "Đinh Văn Nghênh Ngang"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lookup_site(tmp_path_factory):
    """The example site with a dossier export of our own (with an applicant column), built and served locally."""
    root = tmp_path_factory.mktemp("lookup")
    site = root / "site"
    shutil.copytree(REPO / "content", site / "content")
    shutil.copytree(REPO / "templates", site / "templates")
    shutil.rmtree(site / "content" / "dossiers")
    (site / "content" / "dossiers").mkdir()
    with open(site / "content" / "dossiers" / "2025-08.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["code", "applicant_name", "procedure_code", "procedure_name", "received", "due", "status",
                         "resolved"])
        for row, name in zip(DOSSIERS, APPLICANTS):
            writer.writerow([row[0], name, *row[1:]])
    out = root / "public"
    result = build_site(site, out)
    assert result.returncode == 0, result.stderr
    assert "applicant_name" in result.stderr  # the dropped column is named in a warning
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                               "--directory", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):  # wait until it accepts connections (bounded)
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    yield out, f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    driver = chromium(width=412)
    yield driver
    driver.quit()


def result_text(driver) -> str:
    """The lookup's answer once it has one (not the 'searching' line)."""
    def answered(d):
        text = d.find_element(By.ID, "lookup-result").text.strip()
        return text if text and not text.startswith("Đang tra cứu") else False
    return WebDriverWait(driver, 20).until(answered)


def type_code(driver, base: str, code: str) -> str:
    driver.get(base + "/tra-cuu-ho-so/")
    field = driver.find_element(By.ID, "ma")
    field.clear()
    field.send_keys(code)
    driver.find_element(By.CSS_SELECTOR, "#lookup-form button[type=submit]").click()
    return result_text(driver)


def test_typed_code_shows_status_dates_and_lateness(lookup_site, browser):
    _, base = lookup_site
    # Typed carelessly: lower case, spaces around the dashes.
    text = type_code(browser, base, " 000.00.21.h42 - 250801-0007 ")
    assert "Đang xử lý" in text
    assert "Đăng ký khai sinh" in text
    assert "01/08/2025" in text and "06/08/2025" in text
    assert "quá hạn" in text  # due 06/08, still open on 10/08
    assert "?ma=" in browser.current_url  # the answer has a link of its own


def test_on_time_and_other_statuses(lookup_site, browser):
    _, base = lookup_site
    on_time = type_code(browser, base, "000.00.21.H42-250805-0003")
    assert "Đang xử lý" in on_time and "trong hạn" in on_time and "quá hạn" not in on_time
    resolved = type_code(browser, base, "000.00.21.H42-250702-0001")
    assert "Đã giải quyết" in resolved and "03/07/2025" in resolved
    waiting = type_code(browser, base, "000.00.21.H42-250710-0002")
    assert "bổ sung" in waiting


def test_unknown_code_says_not_found(lookup_site, browser):
    _, base = lookup_site
    text = type_code(browser, base, "000.00.21.H42-250801-9999")
    assert "Không tìm thấy" in text
    assert "Đang xử lý" not in text


def test_code_from_the_url_as_in_the_receipt_qr_code(lookup_site, browser):
    _, base = lookup_site
    browser.get(base + "/tra-cuu-ho-so/?ma=000.00.21.H42-250801-0007")
    assert "Đang xử lý" in result_text(browser)
    # Full-width characters, as some phone keyboards and scanners produce them, percent-encoded in the URL.
    full_width = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in "000.00.21.h42-250702-0001")
    browser.get(base + "/tra-cuu-ho-so/?ma=" + full_width)
    assert "Đã giải quyết" in result_text(browser)
    assert browser.find_element(By.ID, "ma").get_attribute("value") == full_width


def test_plain_javascript_sha256_matches_for_browsers_without_crypto_subtle(lookup_site, browser):
    _, base = lookup_site
    browser.get(base + "/tra-cuu-ho-so/")
    samples = ["", "abc", "000.00.21.H42-250801-0007", "Đăng ký khai sinh – thôn Đông Hòa", "x" * 55, "y" * 64,
               "z" * 200, "😀 emoji"]
    for sample in samples:
        got = browser.execute_script("return window.NiemYetLookup.sha256Hex(arguments[0]);", sample)
        assert got == hashlib.sha256(sample.encode("utf-8")).hexdigest(), sample
    for raw in ["ａｂｃ　１２３", " 000.00.21.h42 - 250801-0007\t"]:
        got = browser.execute_script("return window.NiemYetLookup.normalise(arguments[0]);", raw)
        expected = "".join(ch for ch in unicodedata.normalize("NFKC", raw) if not ch.isspace()).upper()
        assert got == expected


def test_without_javascript_the_page_says_where_to_ask(lookup_site):
    _, base = lookup_site
    driver = chromium(width=412, javascript=False)
    try:
        driver.get(base + "/tra-cuu-ho-so/?ma=000.00.21.H42-250801-0007")
        body = driver.find_element(By.TAG_NAME, "body").text
        assert "Bộ phận một cửa" in body
        assert "JavaScript" in body
        assert driver.find_element(By.ID, "lookup-result").text.strip() == ""
        hotline = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "main a[href^='tel:']")]
        assert hotline, "no hotline link in the page body"
    finally:
        driver.quit()


def test_no_file_publishes_codes_or_applicant_names(lookup_site):
    out, _ = lookup_site
    codes = [row[0] for row in DOSSIERS]
    needles = [s.encode("utf-8") for s in codes + APPLICANTS]
    needles += [unicodedata.normalize("NFD", s).encode("utf-8") for s in APPLICANTS]
    for path in out.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for needle in needles:
                assert needle not in data, f"{path.relative_to(out)} contains {needle.decode()}"


def test_example_site_lists_no_codes(example_site):
    """The repository's own example: no generated file contains any dossier code of its exports."""
    codes = []
    for export in sorted((REPO / "content" / "dossiers").glob("*.csv")):
        with open(export, newline="", encoding="utf-8") as f:
            codes += [row["code"] for row in csv.DictReader(f)]
    assert len(codes) > 10
    buckets = list((example_site / "tra-cuu-ho-so" / "du-lieu").glob("*.json"))
    assert len(buckets) > 1
    for path in example_site.rglob("*"):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", errors="replace")
            assert not [c for c in codes if c in text], f"{path.relative_to(example_site)} lists dossier codes"
