#!/usr/bin/env python3
"""Search benchmark (not a test): Niêm Yết's own search index against Pagefind 1.5.2 on the benchmark corpus.

usage: python3 bench/search.py [--news 10000] [--procedures 2000] [--runs 3] [--write-docs]

1. Makes the benchmark corpus with ../shared/bench/make_corpus.py (deterministic) and the default theme.
2. Builds it with the release `niemyet`, alternating builds with and without the search output
   (`--no-search-index`, a hidden switch only this script uses), to see what the index adds to the build time.
3. Runs Pagefind 1.5.2 (PyPI `pagefind-bin`, installed with selenium into .build/bench-venv) over the same output.
4. For the queries `ho tich`, `dang ky khai sinh` and `duong`, opens a fresh headless Chromium (empty cache) on
   each search (ours: /tim-kiem/?q=...; Pagefind: a page calling its JavaScript API and loading the first 10
   results, like our first page of results) over a local HTTP server that gzips text responses (level 6; Pagefind's
   own files are already compressed and are sent as they are) and counts the body bytes of every response.
5. Prints a Markdown table; with --write-docs puts it into the "Search" section of docs/performance.md.
"""
import argparse
import functools
import gzip
import http.server
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / ".build" / "bench-search"
VENV = REPO / ".build" / "bench-venv"
PAGEFIND_VERSION = "1.5.2"
QUERIES = ["ho tich", "dang ky khai sinh", "duong"]
NOW = "2025-08-10"
START, END = "<!-- search-benchmark:start -->", "<!-- search-benchmark:end -->"


def in_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV.resolve()


def ensure_venv():
    """Re-runs this script inside .build/bench-venv with pagefind-bin and selenium installed."""
    if in_venv():
        return
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    probe = subprocess.run([str(python), "-c", "import selenium, pagefind_bin"], capture_output=True)
    if probe.returncode != 0:
        subprocess.run([str(python), "-m", "pip", "install", "-q", f"pagefind-bin=={PAGEFIND_VERSION}", "selenium"],
                       check=True)
    os.execv(str(python), [str(python), __file__, *sys.argv[1:]])


def pagefind_binary() -> Path:
    import pagefind_bin
    return Path(pagefind_bin.__file__).parent / "pagefind"


# ---- building ----------------------------------------------------------------------------------------------

def make_corpus(args) -> Path:
    site = WORK / f"corpus-{args.news}-{args.procedures}"
    stamp = site / ".made"
    if not stamp.exists():
        shutil.rmtree(site, ignore_errors=True)
        subprocess.run([sys.executable, str(args.corpus_script), str(site), "--news", str(args.news),
                        "--procedures", str(args.procedures)], check=True, stdout=subprocess.DEVNULL)
        stamp.write_text("ok\n")
    shutil.rmtree(site / "templates", ignore_errors=True)
    shutil.copytree(REPO / "templates", site / "templates")
    return site


def timed(command, env=None):
    """Runs a command; returns (wall seconds, its peak RSS in MB, its output)."""
    with tempfile.TemporaryFile() as log:
        started = time.monotonic()
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, command))} failed:\n{output[-3000:]}")
    return seconds, usage.ru_maxrss / 1024, output


def build(niemyet: Path, site: Path, out: Path, search: bool):
    command = [str(niemyet), "build", "--site", str(site), "--output", str(out), "--now", NOW]
    return timed(command if search else command + ["--no-search-index"])


def folder_stats(folder: Path):
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


# ---- measuring transfers -----------------------------------------------------------------------------------

COMPRESSIBLE = (".html", ".js", ".css", ".json", ".txt", ".svg", ".xml")


class CountingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files like a static host with gzip on, and records the body bytes of each response."""
    log = None

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        local = Path(self.translate_path(path))
        if local.is_dir():
            local = local / "index.html"
        if not local.is_file():
            self.send_error(404)
            return
        body = local.read_bytes()
        encoding = None
        if local.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, 6)
            encoding = "gzip"
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(local)) if local.suffix != ".pagefind"
                         else "application/octet-stream")
        if local.suffix == ".js":
            self.send_header("Content-Type", "text/javascript")
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)
        with self.server.lock:
            self.server.requests.append((path, len(body)))


def serve(root: Path):
    handler = functools.partial(CountingHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.lock = threading.Lock()
    server.requests = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def chromium():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=412,900"):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def wait(driver, script, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.05)
    raise SystemExit(f"timed out waiting for: {script}")


PAGEFIND_HARNESS = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>pagefind</title></head><body>
<script type="module">
const q = new URLSearchParams(location.search).get("q");
const pagefind = await import("/pagefind/pagefind.js");
const search = await pagefind.search(q);
const data = await Promise.all(search.results.slice(0, 10).map(r => r.data()));
window.benchResult = {count: search.results.length, titles: data.map(d => d.meta.title)};
</script></body></html>
"""


def measure_ours(origin, server, query):
    driver = chromium()
    try:
        server.requests.clear()
        driver.get(origin + "/tim-kiem/?q=" + query.replace(" ", "+"))
        status = wait(driver, "var s = document.getElementById('search-status').textContent;"
                              "return s && s.indexOf('\u2026') < 0 ? s : null")
        count = driver.execute_script("return document.querySelectorAll('#search-results li').length")
        first = driver.execute_script("var a = document.querySelector('#search-results a'); return a ? a.textContent : ''")
        time.sleep(0.3)
    finally:
        driver.quit()
    requests = list(server.requests)
    parts = {"page": 0, "script": 0, "index": 0, "fragments": 0}
    for path, size in requests:
        if path.startswith("/tim-kiem/chi-muc/d/"):
            parts["fragments"] += size
        elif path.startswith("/tim-kiem/chi-muc/"):
            parts["index"] += size
        elif path.startswith("/assets/search."):
            parts["script"] += size
        elif path.startswith("/tim-kiem/") or path.endswith(".css"):
            parts["page"] += size
    files = sum(1 for p, _ in requests if p.startswith(("/tim-kiem/chi-muc/", "/assets/search.")))
    return {"search_bytes": parts["script"] + parts["index"] + parts["fragments"], "files": files, "status": status,
            "shown": count, "first": first, **parts}


def measure_pagefind(origin, server, query):
    driver = chromium()
    try:
        server.requests.clear()
        driver.get(origin + "/pagefind-bench.html?q=" + query.replace(" ", "+"))
        result = wait(driver, "return window.benchResult || null")
        time.sleep(0.3)
    finally:
        driver.quit()
    requests = [(p, s) for p, s in server.requests if p.startswith("/pagefind/")]
    return {"search_bytes": sum(s for _, s in requests), "files": len(requests), "count": result["count"],
            "first": (result["titles"] or [""])[0]}


# ---- report --------------------------------------------------------------------------------------------------

def kb(n):
    return f"{n / 1024:,.1f} KB"


def mb(n):
    return f"{n / 1024 / 1024:,.1f} MB"


def machine():
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb_total = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb_total / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    chromium_version = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True).stdout.strip()
    load = os.getloadavg()[0]
    return (f"{cpu}, {os.cpu_count()} cores{memory}, {platform.system()} {platform.release()}; {chromium_version}; "
            f"load average {load:.1f} when the run started (the cores are shared with other work)")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--news", type=int, default=10000)
    parser.add_argument("--procedures", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3, help="builds of each kind, alternated (median reported)")
    parser.add_argument("--niemyet", type=Path, default=REPO / ".build" / "release" / "niemyet")
    parser.add_argument("--corpus-script", type=Path, default=REPO.parent / "shared" / "bench" / "make_corpus.py")
    parser.add_argument("--write-docs", action="store_true", help="update the Search section of docs/performance.md")
    args = parser.parse_args()
    ensure_venv()
    if not args.niemyet.exists():
        raise SystemExit(f"{args.niemyet} is missing: run `swift build -c release --product niemyet` first")
    if not args.corpus_script.exists():
        raise SystemExit(f"{args.corpus_script} is missing (the shared benchmark corpus maker)")
    WORK.mkdir(parents=True, exist_ok=True)
    load = machine()
    site = make_corpus(args)
    out = WORK / "public"
    bare = WORK / "public-no-search"

    print(f"building {args.news:,} news + {args.procedures:,} procedures, {args.runs} run(s) each way ...", flush=True)
    with_search, without_search, rss = [], [], []
    summary = ""
    for run in range(args.runs):
        seconds, _, _ = build(args.niemyet, site, bare, search=False)
        without_search.append(seconds)
        seconds, peak, summary = build(args.niemyet, site, out, search=True)
        with_search.append(seconds)
        rss.append(peak)
        print(f"  run {run + 1}: without search {without_search[-1]:.1f} s, with search {with_search[-1]:.1f} s",
              flush=True)

    pages = summary.strip().splitlines()[-1] if summary.strip() else ""
    ours_files, ours_bytes = folder_stats(out / "tim-kiem" / "chi-muc")
    ours_gzip = sum(len(gzip.compress(p.read_bytes(), 6)) for p in (out / "tim-kiem" / "chi-muc").rglob("*.json"))
    shard_files, shard_bytes = 0, 0
    for p in (out / "tim-kiem" / "chi-muc").glob("*.json"):
        shard_files += 1
        shard_bytes += p.stat().st_size
    script = next((out / "assets").glob("search.*.js"))
    script_gzip = len(gzip.compress(script.read_bytes(), 6))

    # Pagefind over a copy of the same output (hard links: the copy costs no disk).
    pf_site = WORK / "public-pagefind"
    shutil.rmtree(pf_site, ignore_errors=True)
    shutil.copytree(out, pf_site, copy_function=os.link)
    pf_binary = pagefind_binary()
    version = subprocess.run([str(pf_binary), "--version"], capture_output=True, text=True).stdout.strip()
    print(f"running {version} ...", flush=True)
    pf_seconds, _, _ = timed([str(pf_binary), "--site", str(pf_site)])
    pf_folder = pf_site / "pagefind"
    pf_files, pf_bytes = folder_stats(pf_folder)
    pf_index_files, pf_index_bytes = folder_stats(pf_folder / "index")
    pf_fragment_files, pf_fragment_bytes = folder_stats(pf_folder / "fragment")
    (pf_site / "pagefind-bench.html").write_text(PAGEFIND_HARNESS, encoding="utf-8")
    pf_ui = sum(len(gzip.compress((pf_folder / name).read_bytes(), 6)) for name in ("pagefind-ui.js", "pagefind-ui.css"))

    print("measuring queries in headless Chromium ...", flush=True)
    results = {}
    for name, root, measure in (("ours", out, measure_ours), ("pagefind", pf_site, measure_pagefind)):
        server = serve(root)
        origin = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            results[name] = {q: measure(origin, server, q) for q in QUERIES}
        finally:
            server.shutdown()
            server.server_close()

    median_with = statistics.median(with_search)
    median_without = statistics.median(without_search)
    added = (median_with - median_without) / median_without * 100
    lines = [
        f"Corpus: `make_corpus.py --news {args.news} --procedures {args.procedures}` "
        f"({pages.replace('niemyet: ', '')}).",
        f"Machine: {load}.",
        "",
        "| | Niêm Yết search | Pagefind " + PAGEFIND_VERSION + " |",
        "|---|---|---|",
        f"| index on disk (bytes of files) | {mb(ours_bytes)} ({mb(shard_bytes)} term shards + "
        f"{mb(ours_bytes - shard_bytes)} result files); {mb(ours_gzip)} if gzipped | {mb(pf_bytes)} "
        f"({mb(pf_index_bytes)} index chunks + {mb(pf_fragment_bytes)} fragments + scripts/wasm; stored gzipped) |",
        f"| number of files | {ours_files:,} ({shard_files:,} shards + {ours_files - shard_files:,} result files) "
        f"+ 1 script | {pf_files:,} ({pf_index_files} index chunks + {pf_fragment_files:,} fragments) |",
        f"| script (gzip) | {kb(script_gzip)} | loaded per query below (+ {kb(pf_ui)} for the default UI) |",
    ]
    for q in QUERIES:
        ours, pf = results["ours"][q], results["pagefind"][q]
        lines.append(
            f"| `{q}`: transferred (gzip, script included) | **{kb(ours['search_bytes'])}** in {ours['files']} files "
            f"(script {kb(ours['script'])}, shards {kb(ours['index'])}, {ours['shown']} results {kb(ours['fragments'])}) "
            f"— “{ours['status']}” | {kb(pf['search_bytes'])} in {pf['files']} files — {pf['count']:,} results |")
    lines += [
        f"| build time (median of {args.runs}) | {median_with:.1f} s with search, {median_without:.1f} s without "
        f"(+{added:.1f}%) | {pf_seconds:.1f} s after the build |",
        "",
        f"Peak memory of the build with search: {max(rss):.0f} MB (maximum over the runs). Bytes transferred are "
        "response bodies only (no HTTP headers), from an empty cache; the search page's own HTML and CSS "
        f"({kb(results['ours'][QUERIES[0]]['page'])}) are left out on both sides, like Pagefind's host page.",
    ]
    table = "\n".join(lines)
    print()
    print(table)
    if args.write_docs:
        write_docs(table)
    over = [q for q in QUERIES if len(q.split()) == 2 and results["ours"][q]["search_bytes"] > 60 * 1024]
    if script_gzip > 8 * 1024 or over:
        print(f"\nOVER BUDGET: script {kb(script_gzip)} (≤ 8 KB), queries {over} (≤ 60 KB)")
        sys.exit(1)


def write_docs(table: str):
    doc = REPO / "docs" / "performance.md"
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# Performance\n"
    block = f"{START}\n{table}\n{END}"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + block + rest.split(END, 1)[1]
    elif "\n## Search\n" in text:
        text = text.replace("\n## Search\n", "\n## Search\n\n" + block + "\n", 1)
    else:
        text = text.rstrip("\n") + "\n\n## Search\n\n" + block + "\n"
    doc.write_text(text, encoding="utf-8")
    print(f"\nwrote {doc.relative_to(REPO)}")


if __name__ == "__main__":
    main()
