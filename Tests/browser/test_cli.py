"""The command line as an editor and CI meet it: exit codes, error format, untouched output."""
import filecmp
import os
import re
import subprocess

from conftest import NIEMYET, build_site


def tree(folder):
    return sorted((p, os.path.getsize(os.path.join(folder, p)), os.stat(os.path.join(folder, p)).st_mtime_ns)
                  for p in (os.path.relpath(os.path.join(d, f), folder)
                            for d, _, fs in os.walk(folder) for f in fs))


def test_broken_front_matter_exits_1_with_location_and_keeps_output(site_copy, tmp_path):
    out = tmp_path / "public"
    assert build_site(site_copy, out).returncode == 0
    before = tree(out)
    article = site_copy / "content/news/2025-07-31-ket-qua-thang-7.md"
    lines = article.read_text(encoding="utf-8").split("\n")
    lines[2] = "date: 2025-07-31: [oops"
    article.write_text("\n".join(lines), encoding="utf-8")
    result = build_site(site_copy, out)
    assert result.returncode == 1
    assert re.search(r"^content/news/2025-07-31-ket-qua-thang-7\.md:\d+:\d+: error: ", result.stderr, re.M), result.stderr
    assert tree(out) == before


def test_usage_error_exits_2(tmp_path):
    result = subprocess.run([str(NIEMYET), "build", "--no-such-flag"], capture_output=True, text=True)
    assert result.returncode == 2


def test_check_writes_nothing(site_copy):
    result = subprocess.run([str(NIEMYET), "check", "--site", str(site_copy)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert not (site_copy / "public").exists()


def test_base_url_override_prefixes_every_link(site_copy, tmp_path):
    out = tmp_path / "public"
    result = build_site(site_copy, out, "--base-url", "https://example.test/sub/")
    assert result.returncode == 0, result.stderr
    pattern = re.compile(r'(?:href|src|action)="([^"]*)"')
    for folder, _, files in os.walk(out):
        for name in files:
            if not name.endswith(".html"):
                continue
            html = open(os.path.join(folder, name), encoding="utf-8").read()
            for link in pattern.findall(html):
                if link.startswith(("http", "#", "tel:", "mailto:", "data:")) or link == "":
                    continue
                assert link.startswith("/sub/"), (name, link)
