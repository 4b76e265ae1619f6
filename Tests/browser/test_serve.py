"""`niemyet serve` as an editor meets it: save a file, see the page; break it, keep the page and see the error;
and nobody can read a file outside the preview through it, however the path is written."""
import os
import re
import signal
import socket
import subprocess
import threading
import time

import pytest

from conftest import NIEMYET, NOW, build_site

ARTICLE = "content/news/2025-07-31-ket-qua-thang-7.md"
ARTICLE_PAGE = "/tin-tuc/ket-qua-thang-7/"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port, target, method="GET"):
    """One raw HTTP/1.1 request (the target is sent exactly as given: browsers would normalise it)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(f"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:] if ":" in line)}
    return status, headers, body.decode("utf-8", "replace")


def save(path, text):
    """Save the way most editors do: write a new file, rename it over the old one."""
    temporary = path.with_name("." + path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


class Server:
    """A running `niemyet serve`, its terminal output and one open event stream."""

    def __init__(self, site, port):
        self.port = port
        self.lines = []
        self.events = b""
        self.process = subprocess.Popen([str(NIEMYET), "serve", "--site", str(site), "--port", str(port),
                                         "--now", NOW], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
        threading.Thread(target=self._read_terminal, daemon=True).start()
        self.wait_for(lambda: any("preview at" in line for line in self.lines), 300, "the server to start")
        threading.Thread(target=self._read_events, daemon=True).start()
        self.wait_for(lambda: b"event: hello" in self.events, 30, "the event stream")

    def _read_terminal(self):
        for raw in self.process.stderr:
            self.lines.append(raw.decode("utf-8", "replace"))

    def _read_events(self):
        with socket.create_connection(("127.0.0.1", self.port)) as s:
            s.sendall(b"GET /_niemyet/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            while chunk := s.recv(65536):
                self.events += chunk

    def terminal(self):
        return "".join(self.lines)

    def wait_for(self, condition, seconds, what):
        deadline = time.monotonic() + seconds
        while not condition():
            assert self.process.poll() is None, f"serve exited while waiting for {what}:\n{self.terminal()}"
            assert time.monotonic() < deadline, f"timed out waiting for {what}:\n{self.terminal()}"
            time.sleep(0.01)

    def page(self, path):
        return request(self.port, path)


@pytest.fixture
def server(site_copy):
    running = Server(site_copy, free_port())
    yield running
    if running.process.poll() is None:
        running.process.send_signal(signal.SIGTERM)
        running.process.wait(timeout=10)


def test_saved_title_is_served_within_two_seconds(server, site_copy):
    status, headers, body = server.page(ARTICLE_PAGE)
    assert status == 200 and "Kết quả giải quyết hồ sơ tháng 7" in body
    assert headers["content-type"] == "text/html; charset=utf-8"
    article = site_copy / ARTICLE
    text = article.read_text(encoding="utf-8")
    new_title = "Tiêu đề vừa sửa trong bản xem trước"
    save(article, re.sub(r"^title: .*$", f"title: {new_title}", text, count=1, flags=re.M))
    saved = time.monotonic()
    while new_title not in server.page(ARTICLE_PAGE)[2]:
        assert time.monotonic() - saved <= 2.0, "the new title was not served within 2 seconds:\n" + server.terminal()
        time.sleep(0.02)
    # Open tabs were told: the event names the page that changed.
    server.wait_for(lambda: ARTICLE_PAGE.encode() in server.events.split(b"event: hello", 1)[1], 10, "reload event")
    assert b"event: reload" in server.events


def test_broken_front_matter_keeps_the_last_good_page_and_reports_the_error(server, site_copy):
    article = site_copy / ARTICLE
    good = article.read_text(encoding="utf-8")
    save(article, good.replace("title: ", "title: [Tiêu đề hỏng", 1))
    where = re.escape(ARTICLE) + r":\d+:\d+: error: "
    server.wait_for(lambda: re.search(where, server.terminal()), 30, "the error in the terminal")
    server.wait_for(lambda: b"event: errors" in server.events, 10, "the errors event")
    errors = server.events.split(b"event: errors", 1)[1].decode("utf-8", "replace")
    assert re.search(where, errors), errors
    status, _, body = server.page(ARTICLE_PAGE)
    assert status == 200 and "Kết quả giải quyết hồ sơ tháng 7" in body, "the previous page is still served"
    assert "the preview keeps the last good build" in server.terminal()
    # The overlay comes from the reload script every preview page loads.
    status, headers, script = server.page("/_niemyet/live-reload.js")
    assert status == 200 and headers["content-type"].startswith("text/javascript") and "errors" in script

    fixed_title = "Đã sửa xong lỗi"
    save(article, good.replace("title: ", f"title: {fixed_title} – ", 1))
    server.wait_for(lambda: fixed_title in server.page(ARTICLE_PAGE)[2], 30, "the fixed page")


@pytest.mark.parametrize("target", [
    "/../../etc/passwd",
    "/../../../../../../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/%2E%2E/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
    "/.%2e/.%2e/etc/passwd",
    "/..%2f..%2f..%2fetc%2fpasswd",
    "/%252e%252e/%252e%252e/etc/passwd",
    "/%252e%252e%252f%252e%252e%252fetc%252fpasswd",
    "/tin-tuc/..%5c..%5c..%5cetc%5cpasswd",
    "/tin-tuc/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "//etc/passwd",
    "/assets/../../../etc/passwd",
])
def test_paths_outside_the_preview_are_refused(server, target):
    status, _, body = request(server.port, target)
    assert status in (400, 404), (target, status)
    assert "root:" not in body


def test_pages_are_served_like_a_static_host_and_the_script_only_in_preview(server, site_copy, tmp_path):
    status, headers, home = server.page("/")
    assert status == 200 and '<script src="/_niemyet/live-reload.js"></script>' in home
    assert f'href="http://127.0.0.1:{server.port}/"' in home, "base_url is the local address"
    status, headers, _ = server.page("/tin-tuc")
    assert status == 301 and headers["location"] == "/tin-tuc/"
    stylesheet = re.search(r'href="(/assets/[^"]+\.css)"', home).group(1)
    status, headers, _ = server.page(stylesheet)
    assert status == 200 and headers["content-type"] == "text/css; charset=utf-8"
    status, headers, body = server.page("/khong-co-trang-nay/")
    assert status == 404 and headers["content-type"] == "text/html; charset=utf-8" and "<h1" in body
    status, _, _ = request(server.port, "/", method="POST")
    assert status == 405
    # `niemyet build` output never carries the script, and serve never writes into public/.
    assert not (site_copy / "public").exists()
    out = tmp_path / "public"
    assert build_site(site_copy, out).returncode == 0
    for page in out.rglob("*.html"):
        assert "live-reload" not in page.read_text(encoding="utf-8") and "_niemyet" not in page.read_text(encoding="utf-8")


def test_new_article_appears_in_the_preview_and_is_never_overwritten(server, site_copy):
    new = [str(NIEMYET), "new", "news", "Họp dân thôn Đông Hòa về đường liên thôn", "--site", str(site_copy),
           "--now", NOW]
    created = subprocess.run(new, capture_output=True, text=True)
    assert created.returncode == 0, created.stderr
    path = created.stdout.strip()
    assert path == "content/news/2025-08-10-hop-dan-thon-dong-hoa-ve-duong-lien-thon.md"
    server.wait_for(lambda: server.page("/tin-tuc/hop-dan-thon-dong-hoa-ve-duong-lien-thon/")[0] == 200, 30,
                    "the new article's page")
    (site_copy / path).write_text((site_copy / path).read_text(encoding="utf-8") + "Nội dung của biên tập viên.\n",
                                  encoding="utf-8")
    again = subprocess.run(new, capture_output=True, text=True)
    assert again.returncode == 1 and "already exists" in again.stderr
    assert "Nội dung của biên tập viên." in (site_copy / path).read_text(encoding="utf-8")


def test_sigterm_stops_the_server_with_a_tab_connected(server):
    assert b"event: hello" in server.events  # the event stream is open
    server.process.send_signal(signal.SIGTERM)
    assert server.process.wait(timeout=10) == 0
