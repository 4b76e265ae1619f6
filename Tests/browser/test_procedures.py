"""Procedures: the QR codes must lead a citizen from paper to the right page.

Pages are printed for real with headless Chromium, the PDF rasterised with pdftoppm, and the codes read back by
independent decoders (zbarimg from zbar-tools, and zxing-cpp), never by our own code. Each printing is one
Chromium run, so the checks print whole sheets (many codes per page) rather than one page per procedure.
"""
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from conftest import NIEMYET, NOW, REPO, build_site
from quality import serve

EXAMPLE_BASE = "https://sonmai.example.gov.vn/"
A4_POINTS = (595, 842)
DPI = 150


def example_codes() -> list[str]:
    # Translations (`<code>.en.md`) are the same procedures in English: not on the Vietnamese sheet.
    return sorted(p.stem for p in (REPO / "content" / "procedures").glob("*.md") if re.fullmatch(r"\d\.\d{6}", p.stem))


def print_pdf(url: str, pdf: Path) -> Path:
    """Prints a page the way a member of staff would: the browser's own print, default settings, no header/footer."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "headless Chromium is needed (make setup-test installs it)"
    profile = pdf.parent / f"{pdf.stem}-profile"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    f"--user-data-dir={profile}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", url],
                   check=True, capture_output=True, timeout=180)
    assert pdf.exists() and pdf.stat().st_size > 0
    return pdf


def pdf_pages(pdf: Path) -> tuple[int, tuple[float, float]]:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
    return pages, (float(size.group(1)), float(size.group(2)))


def rasterise(pdf: Path) -> list[Path]:
    prefix = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(pdf), str(prefix)], check=True)
    return sorted(pdf.parent.glob(f"{prefix.name}-*.png"))


def zbar(png: Path) -> list[str]:
    """Every QR code zbarimg reads in the image (exit status 4 means none)."""
    result = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(png)],
                            capture_output=True, text=True)
    assert result.returncode in (0, 4), result.stderr
    return [line for line in result.stdout.splitlines() if line]


def zxing(png: Path) -> list[zxingcpp.Result]:
    return [r for r in zxingcpp.read_barcodes(Image.open(png)) if r.format == zxingcpp.BarcodeFormat.QRCode]


def pdf_text(pdf: Path, mode: str = "-layout") -> str:
    """The printed text; `-raw` keeps the reading order of each block (a wrapped address stays together even
    when the facts beside it wrap differently), `-layout` keeps the columns."""
    return subprocess.run(["pdftotext", mode, str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


def decode_all(pngs: list[Path]) -> list[list[str]]:
    """Per page, the decoded texts; zbar and zxing-cpp must agree on each page."""
    pages = []
    for png in pngs:
        by_zbar = sorted(zbar(png))
        by_zxing = sorted(r.text for r in zxing(png))
        assert by_zbar == by_zxing, f"{png.name}: zbar read {by_zbar}, zxing-cpp read {by_zxing}"
        pages.append(by_zbar)
    return pages


@pytest.fixture(scope="module")
def example_server(example_site):
    with serve(example_site) as url:
        yield url


def test_example_site_ships_the_imported_sample():
    assert len(example_codes()) >= 40


def test_every_procedure_qr_on_the_printed_sheet_decodes_to_its_page(example_site, example_server, tmp_path):
    codes = example_codes()
    pdf = print_pdf(f"{example_server}/thu-tuc/in/", tmp_path / "sheet.pdf")
    pages, size = pdf_pages(pdf)
    assert tuple(round(v) for v in size) == A4_POINTS
    per_page = decode_all(rasterise(pdf))
    decoded = [text for page in per_page for text in page]
    # Every code whole (a code cut by a page break does not decode), each exactly once, each to its own page.
    assert sorted(decoded) == sorted(f"{EXAMPLE_BASE}thu-tuc/{code}/" for code in codes)
    # A notice-board sheet: about a dozen procedures a page.
    assert all(8 <= len(page) <= 16 for page in per_page[:-1]), [len(p) for p in per_page]
    assert pages == len(per_page)
    # The page each code leads to exists in the built site.
    for code in codes:
        assert (example_site / "thu-tuc" / code / "index.html").exists()


def test_field_sheet_keeps_every_qr_whole(example_site, example_server, tmp_path):
    catalogue = (example_site / "thu-tuc" / "index.html").read_text(encoding="utf-8")
    # Field links carry the records' language (lang="vi"), so the pattern allows attributes after href.
    fields = re.findall(r'<li><a href="#([a-z0-9-]+)"[^>]*>[^<]+</a> \((\d+)\)</li>', catalogue)
    slug, count = max(fields, key=lambda f: (int(f[1]), f[0]))
    pdf = print_pdf(f"{example_server}/thu-tuc/linh-vuc/{slug}/in/", tmp_path / "field.pdf")
    decoded = [text for page in decode_all(rasterise(pdf)) for text in page]
    assert len(decoded) == int(count)
    listed = re.findall(r'href="/thu-tuc/(\d\.\d{6})/"',
                        (example_site / "thu-tuc" / "linh-vuc" / slug / "index.html").read_text(encoding="utf-8"))
    assert sorted(decoded) == sorted(f"{EXAMPLE_BASE}thu-tuc/{code}/" for code in set(listed))


def longest_procedure() -> str:
    """The example procedure with the most front matter text: the hardest to fit on one printed page."""
    def front_matter(path: Path) -> int:
        return len(path.read_text(encoding="utf-8").split("\n---\n", 1)[0])
    return max((REPO / "content" / "procedures" / f"{code}.md" for code in example_codes()), key=front_matter).stem


def test_printed_procedure_is_a_one_page_a4_notice_with_a_readable_qr(example_server, tmp_path):
    code = longest_procedure()
    pdf = print_pdf(f"{example_server}/thu-tuc/{code}/", tmp_path / "notice.pdf")
    pages, size = pdf_pages(pdf)
    assert pages == 1
    assert tuple(round(v) for v in size) == A4_POINTS
    [png] = rasterise(pdf)
    url = f"{EXAMPLE_BASE}thu-tuc/{code}/"
    assert zbar(png) == [url]
    [symbol] = zxing(png)
    assert symbol.text == url
    # At least 3 cm wide on paper (the symbol itself, without its light border).
    width_px = abs(symbol.position.top_right.x - symbol.position.top_left.x)
    assert width_px / DPI * 2.54 >= 3.0, f"QR code is {width_px / DPI * 2.54:.1f} cm wide"
    text = pdf_text(pdf)
    flat = " ".join(text.split())
    assert "XÃ SƠN MAI" in flat.upper()
    assert code in flat
    assert url in "".join(pdf_text(pdf, "-raw").split())
    assert "Thời hạn giải quyết" in flat
    # No navigation chrome: no menu, no footer, no "file online" button on paper.
    assert "Sơ đồ trang" not in flat and "Trang chủ" not in flat and "Bỏ qua" not in flat


@pytest.mark.parametrize("base_url", [
    "https://cong.example.test/xa-son-mai/",
    # A long address (a deep sub-path on a long host name) needs a bigger QR version: it must still read.
    "https://cong-thong-tin-dien-tu.xa-son-mai.huyen-lac-giang.tinh-lac-giang.example.gov.vn"
    "/thong-tin/thu-tuc-hanh-chinh/danh-muc-niem-yet-cong-khai-tai-bo-phan-mot-cua/nam-2025/",
])
def test_sub_path_and_long_base_urls_encode_the_full_address(site_copy, tmp_path, base_url):
    path = "/" + base_url.split("://", 1)[1].split("/", 1)[1]
    root = tmp_path / "www"
    out = root / path.strip("/")
    result = build_site(site_copy, out, "--base-url", base_url)
    assert result.returncode == 0, result.stderr
    code = "1.010778"
    with serve(root) as server:
        notice = print_pdf(f"{server}{path}thu-tuc/{code}/", tmp_path / "notice.pdf")
        sheet = print_pdf(f"{server}{path}thu-tuc/linh-vuc/nguoi-co-cong/in/", tmp_path / "sheet.pdf")
    assert pdf_pages(notice)[0] == 1
    [png] = rasterise(notice)
    assert zbar(png) == [f"{base_url}thu-tuc/{code}/"]
    decoded = sorted(text for page in decode_all(rasterise(sheet)) for text in page)
    assert decoded == sorted(f"{base_url}thu-tuc/{c}/" for c in ("1.010772", "1.010775", "1.010778"))
