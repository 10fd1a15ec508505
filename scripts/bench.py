"""Benchmarks: throughput, peak RSS and the floor ratio on a generated corpus; query latency at 10M events.

    python scripts/bench.py                      # 20,000 articles, 1 and 2 workers, queries over 10M events
    python scripts/bench.py --docs 200000 --only ingest --workers 2 --no-queries   # RSS at 200,000

The corpus comes from scripts/benchcorpus.py (team-written templates in 12 languages, ~3 KB an
article; made once under build/bench/). Each pass runs in a child process so that its peak RSS can
be read for the whole process tree (the child and its workers): RSS sampled every 0.1 s, PSS every 0.5 s.

Passes:
  bare      read + language id + sentence split + tokenise (with lemmas): the floor
  full      the whole pipeline (pipeline.run), events counted, nothing stored
  ingest    `realpolitik ingest --workers N` into a fresh DuckDB file: the whole command
Throughput excludes the start-up (loading models and lexicons, ~1 s from the disk cache), which the
child reports apart; the ingest pass times the whole CLI command, its start-up included.
Memory is the peak over the process tree of the sum of RSS (shared pages of forked workers counted
once per process, so an upper bound) and of PSS (shared pages split between their processes).

The query benchmark fills build/bench/events-10m.duckdb with synthetic events (DuckDB SQL, not the
pipeline) through the store's own schema, then times the store's own query functions, the ones the
CLI's `dyad` and `system` call.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build" / "bench"
sys.path.insert(0, str(ROOT / "scripts"))


# -- one pass, in a child process ---------------------------------------------------------------

def child(kind: str, corpus: Path, workers: int) -> dict:
    """Run one pass over ``corpus`` and return its figures."""
    from realpolitik.pool import warm
    from realpolitik.settings import Settings

    start = time.perf_counter()
    if kind != "ingest":  # ingest runs the CLI in its own process; this one only waits for it
        warm(Settings())
    startup = time.perf_counter() - start
    start = time.perf_counter()
    docs, events = {"bare": _bare, "full": _full, "ingest": _ingest}[kind](corpus, workers)
    seconds = time.perf_counter() - start
    return {"pass": kind, "workers": workers, "docs": docs, "events": events, "seconds": seconds,
            "startup": startup, "bytes": corpus.stat().st_size}


def _bare(corpus: Path, workers: int) -> tuple[int, int]:
    from realpolitik.ingest import read_inputs
    from realpolitik.text import identify_language, split_sentences, tokenize

    docs = tokens = 0
    for doc in read_inputs([str(corpus)], on_error=print):
        language = identify_language(doc.text) or "en"
        for sentence in split_sentences(doc, language):
            tokens += len(tokenize(sentence.text, sentence.start, language))
        docs += 1
    return docs, tokens


def _full(corpus: Path, workers: int) -> tuple[int, int]:
    from realpolitik.pipeline import run

    docs = events = 0
    for _, found in run([str(corpus)], workers=workers, on_error=print):
        docs, events = docs + 1, events + len(found)
    return docs, events


def _ingest(corpus: Path, workers: int) -> tuple[int, int]:
    import duckdb

    db = BUILD / f"ingest-{os.getpid()}.duckdb"
    db.unlink(missing_ok=True)
    command = [sys.executable, "-m", "realpolitik", "ingest", str(corpus), "--db", str(db), "--workers", str(workers)]
    subprocess.run(command, check=True, capture_output=True)
    with duckdb.connect(str(db), read_only=True) as con:
        docs, events = con.execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events)").fetchone()
    for path in (db, db.with_name(db.name + ".wal")):
        path.unlink(missing_ok=True)
    return docs, events


# -- the parent: run passes, watch RSS ----------------------------------------------------------

def family(root: int) -> list[int]:
    """``root`` and its descendants, from /proc/PID/task/TID/children (no walk over all of /proc)."""
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as handle:
                    todo += [int(child) for child in handle.read().split()]
        except OSError:  # gone meanwhile
            continue
    return found


def _rss(pid: int) -> int:
    """Resident bytes of a process (0 if it is gone), from /proc/PID/statm: cheap to read."""
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _pss(pid: int) -> int:
    """Proportional set size of a process in bytes (0 if it is gone). The kernel walks the page
    tables to give it, so it is read less often."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


PAGE = os.sysconf("SC_PAGE_SIZE")
RSS_EVERY = 0.1  # seconds between RSS samples
PSS_EVERY = 5    # RSS samples per PSS sample (every 0.5 s)


def measure(kind: str, corpus: Path, workers: int) -> dict:
    """Run a pass in a child process; its figures plus the peak RSS and PSS of its process tree.

    The watcher shares the 2 cores with the pass it measures, so it must cost little: RSS comes from
    statm every 0.1 s (a few numbers the kernel keeps), PSS from smaps_rollup every 0.5 s (the kernel
    walks the page tables for it). Reading both every 0.1 s over all of /proc took a visible share of
    a core from the pass being measured.
    """
    command = [sys.executable, __file__, "--child", kind, "--corpus", str(corpus), "--workers", str(workers)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    peak = peak_pss = 0

    def watch() -> None:
        nonlocal peak, peak_pss
        samples = 0
        while proc.poll() is None:
            pids = family(proc.pid)
            peak = max(peak, sum(_rss(pid) for pid in pids))
            if samples % PSS_EVERY == 0:
                peak_pss = max(peak_pss, sum(_pss(pid) for pid in pids))
            samples += 1
            time.sleep(RSS_EVERY)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    out, _ = proc.communicate()
    watcher.join()
    if proc.returncode:
        raise SystemExit(f"{kind} pass failed ({proc.returncode})")
    result = json.loads(out.strip().splitlines()[-1])
    result["peak_rss_mb"] = peak / 2**20
    result["peak_pss_mb"] = peak_pss / 2**20
    return result


def row(result: dict) -> str:
    """A Markdown table row for one pass."""
    seconds = result["seconds"]
    return (f"| {result['pass']} | {result['workers']} | {result['docs']:,} | {result['docs'] / seconds:,.0f} | "
            f"{result['bytes'] / seconds / 1e6:.2f} | {result['peak_rss_mb']:,.0f} | {result['peak_pss_mb']:,.0f} | "
            f"{result['startup']:.1f} |")


def corpus_file(n: int) -> Path:
    """The corpus of ``n`` articles, generated once."""
    import benchcorpus

    path = BUILD / f"corpus-{n}.jsonl"
    if not path.exists():
        benchcorpus.write(n, path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    parser.add_argument("--only", default="bare,full,ingest", help="passes to run (bare, full, ingest)")
    parser.add_argument("--no-queries", action="store_true")
    parser.add_argument("--events", type=int, default=10_000_000, help="events for the query benchmark")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.corpus, int(args.workers))))
        return
    passes = args.only.split(",")
    workers = [int(w) for w in args.workers.split(",")]
    corpus = corpus_file(args.docs)
    print(f"corpus: {args.docs:,} articles, {corpus.stat().st_size / 1e6:.1f} MB ({corpus.relative_to(ROOT)}); "
          f"{os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print("| pass | workers | articles | articles/s | MB/s | peak RSS MB (tree) | peak PSS MB (tree) | start-up s |")
    print("|---|---|---|---|---|---|---|---|")
    results = {}
    for kind in passes:
        for n in [1] if kind == "bare" else workers:
            results[(kind, n)] = measure(kind, corpus, n)
            print(row(results[(kind, n)]), flush=True)
    if ("bare", 1) in results and ("full", 1) in results:
        ratio = results[("full", 1)]["seconds"] / results[("bare", 1)]["seconds"]
        print(f"full pipeline / bare pass (1 worker, same corpus): {ratio:.2f}")
    if not args.no_queries:
        import benchqueries

        benchqueries.main(BUILD / f"events-{args.events // 1_000_000}m.duckdb", args.events)


if __name__ == "__main__":
    main()
