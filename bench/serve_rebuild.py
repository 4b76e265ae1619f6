#!/usr/bin/env python3
"""Save-to-rebuilt-page time of `niemyet serve`, and the cost of a second `niemyet build`, on the benchmark corpus.

A benchmark, not a test: it prints numbers (median, min, max of N saves) for docs/performance.md and asserts
nothing about time.

    python3 bench/serve_rebuild.py [--niemyet .build/release/niemyet] [--news 1000] [--procedures 427] [--runs 15]

What is measured:
- serve, title edit: an article's title is changed and the file saved the way editors save (write a temporary
  file, rename it over the old one); the clock runs from the rename until the article's page, fetched over HTTP
  every 2 ms, shows the new title. A title appears in the lists, the feed, related articles, so about a fifth of
  the site's pages depend on it.
- serve, body edit: one sentence of the body changes; only the article's own page depends on it.
- serve, CPU: the server process's CPU time (user + system, from /proc) per save, all of the rebuild included:
  unlike wall-clock times it does not depend on what else the 2 cores are doing.
- build: `niemyet build` as a new process after one article changed: with the cache in .niemyet-cache/, without
  it (--no-cache), and the very first build.
The corpus is written into bench/out/ (git-ignored) by ../shared/bench/make_corpus.py; the repository's templates
are copied into it.
"""
import argparse
import http.client
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def atomic_save(path, text):
    temporary = path.with_name("." + path.name + ".swp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def summary(values):
    ms = sorted(v * 1000 for v in values)
    return f"median {statistics.median(ms):.0f} ms, min {ms[0]:.0f} ms, max {ms[-1]:.0f} ms ({len(ms)} runs)"


def make_corpus(args):
    site = REPO / "bench" / "out" / f"serve-{args.news}"
    if site.exists():
        shutil.rmtree(site)
    subprocess.run([sys.executable, str(args.corpus_script), str(site), "--news", str(args.news),
                    "--procedures", str(args.procedures)], check=True)
    shutil.copytree(REPO / "templates", site / "templates")
    return site


def cpu_seconds(pid):
    """User + system CPU time of a process so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure_serve(args, site, article, slug):
    port = free_port()
    process = subprocess.Popen([str(args.niemyet), "serve", "--site", str(site), "--port", str(port),
                                "--now", args.now], stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.time() + 300
        for line in process.stderr:
            if "preview at" in line:
                break
            if time.time() > deadline:
                raise SystemExit("serve did not start")
        original = article.read_text(encoding="utf-8")
        results = {"title": [], "body": [], "cpu": []}
        time.sleep(1)
        for run in range(args.runs):
            for kind in ("title", "body"):
                cpu_before = cpu_seconds(process.pid)
                marker = f"BENCH{kind}{run}x"
                if kind == "title":
                    text = re.sub(r'^title: "', f'title: "{marker} ', original, count=1, flags=re.M)
                else:
                    text = original.rstrip("\n") + f"\n\nCâu mới {marker}.\n"
                atomic_save(article, text)
                started = time.perf_counter()
                while True:
                    status, body = fetch(port, f"/tin-tuc/{slug}/")
                    if marker in body:
                        results[kind].append(time.perf_counter() - started)
                        break
                    if time.perf_counter() - started > 30:
                        raise SystemExit(f"the page never showed {marker}")
                    time.sleep(0.002)
                time.sleep(1.5)  # the rest of the site is rebuilt after the page: let it finish
                results["cpu"].append(cpu_seconds(process.pid) - cpu_before)
        atomic_save(article, original)
        return results
    finally:
        process.terminate()
        process.wait(timeout=10)


def timed(command, cpu=None):
    """Wall time of a command; its CPU time (user + system) is appended to `cpu`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu is not None:
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall


def measure_build(args, site, article):
    build = [str(args.niemyet), "build", "--site", str(site), "--now", args.now]
    cache = site / ".niemyet-cache"
    shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(site / "public", ignore_errors=True)
    first = timed(build)
    original = article.read_text(encoding="utf-8")
    warm, cold, warm_cpu, cold_cpu = [], [], [], []
    for run in range(args.runs):
        atomic_save(article, re.sub(r'^title: "', f'title: "B{run} ', original, count=1, flags=re.M))
        warm.append(timed(build, warm_cpu))
        atomic_save(article, original)
        cold.append(timed(build + ["--no-cache"], cold_cpu))
    return first, warm, cold, warm_cpu, cold_cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--niemyet", type=Path, default=REPO / ".build" / "release" / "niemyet")
    parser.add_argument("--corpus-script", type=Path, default=REPO.parent / "shared" / "bench" / "make_corpus.py")
    parser.add_argument("--news", type=int, default=1000)
    parser.add_argument("--procedures", type=int, default=427)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--now", default="2025-10-01")
    args = parser.parse_args()

    site = make_corpus(args)
    articles = sorted((site / "content" / "news").glob("*.md"))
    article = articles[len(articles) // 2]
    slug = article.stem[11:]
    print(f"corpus: {len(articles)} articles, {args.procedures} procedures; edited: {article.relative_to(site)}")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start")

    serve = measure_serve(args, site, article, slug)
    print(f"serve, title edit → page served: {summary(serve['title'])}")
    print(f"serve, body edit  → page served: {summary(serve['body'])}")
    print(f"serve, CPU time per save (whole rebuild): {summary(serve['cpu'])}")

    first, warm, cold, warm_cpu, cold_cpu = measure_build(args, site, article)
    print(f"build, first (no cache, no previous output): {first * 1000:.0f} ms")
    print(f"build after one title edit, with .niemyet-cache/: {summary(warm)}; CPU {summary(warm_cpu)}")
    print(f"build after one title edit, --no-cache:          {summary(cold)}; CPU {summary(cold_cpu)}")
    print(f"load average {os.getloadavg()[0]:.2f} at end")


if __name__ == "__main__":
    main()
