"""What each hot-path step buys: the pipeline timed with one step switched back to its simple form.

    python scripts/bench_steps.py [--docs N]      # default 2,000 articles of the bench corpus
    python scripts/bench_steps.py --stages        # only the time per stage
    python scripts/bench_steps.py --pool          # only the 2-worker pool's steps (20,000 articles)

Each row runs the full pipeline (1 process, nothing stored) over the same articles, once as shipped
and once with one step undone, and prints both rates; ``--pool`` does the same for the steps of the
process pool, with 2 workers. Start-up and store writes are timed apart.
Figures go to docs/stages/performance.md and BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))


def rate(corpus: Path, workers: int = 1) -> float:
    """Articles per second of the full pipeline over ``corpus``."""
    from realpolitik.pipeline import run
    from realpolitik.settings import Settings

    start, n = time.perf_counter(), 0
    for _ in run([str(corpus)], Settings(), on_error=lambda error: None, workers=workers):
        n += 1
    return n / (time.perf_counter() - start)


def stages(corpus: Path) -> None:
    """Milliseconds per article in each stage of the pipeline (one process, nothing stored)."""
    from realpolitik.events import code_document
    from realpolitik.ingest import read_inputs
    from realpolitik.pipeline import actor_resolver, find_mentions, with_language, with_tokens
    from realpolitik.pool import warm
    from realpolitik.settings import Settings
    from realpolitik.text import split_sentences

    settings = Settings()
    warm(settings)
    spent: dict[str, float] = {}

    def tick(name: str, since: float) -> float:
        now = time.perf_counter()
        spent[name] = spent.get(name, 0.0) + now - since
        return now

    start = time.perf_counter()
    docs = list(read_inputs([str(corpus)], on_error=print))
    start = tick("read JSON Lines, split page parts", start)
    for doc in docs:
        doc = with_language(doc, settings)
        start = tick("identify the language", start)
        resolver = actor_resolver(doc, settings)
        sentences = split_sentences(doc, doc.language, tokens=False)
        start = tick("split sentences", start)
        sentences = with_tokens(sentences, resolver)
        start = tick("tokenise and lemmatise (sentences with an actor form)", start)
        mentions = find_mentions(doc, sentences, resolver)
        start = tick("find actor mentions", start)
        code_document(doc, sentences, mentions, doc.language)
        start = tick("code events", start)
    total = sum(spent.values())
    print("\n| stage | ms per article | share |")
    print("|---|---|---|")
    for name, seconds in spent.items():
        print(f"| {name} | {1000 * seconds / len(docs):.2f} | {seconds / total:.0%} |")
    print(f"| total | {1000 * total / len(docs):.2f} | |")


def tokenise_everything() -> None:
    """Undo: tokenise (and lemmatise) every sentence, not only those an actor form matches."""
    from realpolitik import pipeline
    from realpolitik.text import tokenize

    pipeline.with_tokens = lambda sentences, resolver: [
        dataclasses.replace(s, tokens=tokenize(s.text, s.start, s.language)) for s in sentences]


def long_language_look() -> None:
    """Undo: a first language look at 600 characters instead of 300."""
    from realpolitik.text import language

    language.FIRST_LOOK = 600


def py3langid_scoring() -> None:
    """Undo: the language scored by py3langid's own rank() (a Python walk over the bytes) instead of
    the NumPy scorer over the same model."""
    from realpolitik.text import language

    class Py3langid:
        def rank(self, text: str, top: int) -> list[tuple[str, float]]:
            merged: dict[str, float] = {}
            for code, probability in language._identifier().rank(text):
                code = language.ALIASES.get(code, code)
                merged[code] = merged.get(code, 0.0) + probability
            return sorted(merged.items(), key=lambda item: item[1], reverse=True)[:top]

    language._model = Py3langid


def ablations(corpus: Path) -> None:
    """Rates with each step undone in turn (each in a fresh child process)."""
    import subprocess

    print("| step | as shipped (articles/s) | step undone (articles/s) | gain |")
    print("|---|---|---|---|")
    for name in ("tokenise_everything", "long_language_look", "py3langid_scoring"):
        figures = []
        for undo in ("", name):
            out = subprocess.run([sys.executable, __file__, "--child", undo or "none", "--corpus", str(corpus)],
                                 check=True, capture_output=True, text=True).stdout
            figures.append(float(out.strip().splitlines()[-1]))
        print(f"| {' '.join(globals()[name].__doc__.split(':', 1)[1].split()).rstrip('.')} | {figures[0]:.0f} | {figures[1]:.0f} | "
              f"{figures[0] / figures[1] - 1:+.0%} |")


def startup() -> None:
    """Loading the language model, the 12 lexicons and the actor resolver: built vs from the disk cache."""
    from realpolitik.actors.resolver import ActorResolver
    from realpolitik.events.lexicon import _compile_file, available_languages, lexicon_dir, load_lexicon
    from realpolitik.text import language

    def timed(call) -> float:
        start = time.perf_counter()
        call()
        return time.perf_counter() - start

    built = {"language model": timed(language._build_identifier),
             "lexicons": timed(lambda: [_compile_file(lexicon_dir() / f"{c}.toml") for c in available_languages()]),
             "actor resolver": timed(ActorResolver)}
    language._identifier()  # make sure every entry is on disk
    from realpolitik.actors import _cached, load_resolver
    load_resolver()
    cached = {"language model": timed(lambda: (language._identifier.cache_clear(), language._identifier())),
              "lexicons": timed(lambda: (load_lexicon.cache_clear(), [load_lexicon(c) for c in available_languages()])),
              "actor resolver": timed(lambda: (_cached.cache_clear(), load_resolver()))}
    print("\n| loaded | built from sources (s) | from the disk cache (s) |")
    print("|---|---|---|")
    for name in built:
        print(f"| {name} | {built[name]:.2f} | {cached[name]:.2f} |")


def lemmas() -> None:
    """First lemma in each of the 11 lemmatised languages: simplemma decoding its dictionaries vs
    the on-disk SQLite cache (what every new process, pool worker or Dask worker pays)."""
    import subprocess

    from realpolitik.text.lemmacache import prepare
    from realpolitik.text.tokens import LEMMATISED

    prepare(sorted(LEMMATISED))  # the cache files exist before the timed run
    print("\n| first lemma in 11 languages (a fresh process each) | seconds | peak RSS of the process (MB) |")
    print("|---|---|---|")
    for label, source in (("on-disk SQLite cache (as shipped)", "from realpolitik.text.lemmacache import LEMMATIZER as L"),
                          ("simplemma's own dictionaries", "from simplemma import Lemmatizer; L = Lemmatizer()")):
        code = (f"import time; {source}; from realpolitik.text.tokens import LEMMATISED\n"
                "t = time.perf_counter()\n[L.lemmatize('Haus', lang=x) for x in sorted(LEMMATISED)]\n"
                # VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the forking parent
                "print(time.perf_counter() - t, next(int(line.split()[1]) for line in open('/proc/self/status')"
                " if line.startswith('VmHWM')) / 1024)")
        seconds, rss = map(float, subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                                                 text=True).stdout.split())
        print(f"| {label} | {seconds:.2f} | {rss:,.0f} |")


def store_writes(corpus: Path) -> None:
    """Writing the coded corpus to a fresh store: DuckDB appenders vs the two earlier ways, a JSON
    Lines file read by ``read_json`` and multi-row VALUES bindings (both INSERT OR IGNORE)."""
    import json
    import os

    from realpolitik.pipeline import run
    from realpolitik.settings import Settings
    from realpolitik.store import Store
    from realpolitik.store.store import EVENT_COLUMNS

    batch = list(run([str(corpus)], Settings(), on_error=lambda error: None))

    def column_types(store: Store, table: str) -> dict[str, str]:
        return dict(store._con.execute("SELECT column_name, data_type FROM information_schema.columns "
                                       "WHERE table_name = ? ORDER BY ordinal_position", [table]).fetchall())

    def tables(store: Store, rows):
        for table, columns, table_rows in (("documents", None, rows.documents), ("related", None, rows.related),
                                           ("events", EVENT_COLUMNS, rows.events)):
            if table_rows:
                yield table, list(columns or column_types(store, table)), table_rows

    def json_lines(store: Store, rows) -> None:  # the way batches were written before the appenders
        encoder = json.JSONEncoder(ensure_ascii=False, default=lambda value: value.isoformat())
        for table, names, table_rows in tables(store, rows):
            types = column_types(store, table)
            spec = ", ".join(f"'{c}': '{types[c]}'" for c in names)
            with tempfile.NamedTemporaryFile("wb", suffix=".jsonl", delete=False) as handle:
                handle.write("\n".join(encoder.encode(dict(zip(names, row))) for row in table_rows).encode() + b"\n")
            store._con.execute(f"INSERT OR IGNORE INTO {table} ({', '.join(names)}) SELECT {', '.join(names)} "
                               f"FROM read_json(?, format = 'newline_delimited', columns = {{{spec}}})", [handle.name])
            os.unlink(handle.name)

    def values(store: Store, rows) -> None:  # the way batches were written before that
        for table, names, table_rows in tables(store, rows):
            marks = f"({', '.join('?' * len(names))})"
            for start in range(0, len(table_rows), 500):
                chunk = table_rows[start:start + 500]
                store._con.execute(f"INSERT OR IGNORE INTO {table} ({', '.join(names)}) VALUES "
                                   + ", ".join([marks] * len(chunk)), [v for row in chunk for v in row])

    print("\n| store writes of the coded articles (200 a transaction, occurrences apart) | seconds |")
    print("|---|---|")
    for label, flush in (("DuckDB appenders (as shipped)", None), ("JSON Lines read by DuckDB's read_json", json_lines),
                         ("multi-row VALUES with bound parameters", values)):
        with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "s.duckdb", bulk=True) as store:
            if flush is not None:
                store._flush = lambda rows, store=store, flush=flush: flush(store, rows)
            start = time.perf_counter()
            for i in range(0, len(batch), 200):
                store.add_many(batch[i:i + 200])
            print(f"| {label} | {time.perf_counter() - start:.2f} |")
            store._unlinked = False  # occurrences are timed by the ingest pass of bench.py, not here


def small_chunks() -> None:
    """Undo: the pool sends workers chunks of 32 documents instead of 128."""
    from realpolitik import pool

    pool.CHUNK = 32


def language_in_line() -> None:
    """Undo: a worker identifies each document's language just before coding it, not the whole
    chunk's languages first."""
    from realpolitik import pool
    from realpolitik.pipeline import process

    def code_chunk(docs):
        errors, coded = [], []
        for doc in docs:
            result = process(doc, pool._settings, on_error=errors.append)
            coded.append(None if result is None else (result[0].language, [pool._values(e) for e in result[1]]))
        return coded, errors

    # the pool pickles the function by name, and forked workers look that name up: they run this one
    code_chunk.__module__, code_chunk.__qualname__ = pool.__name__, "_code_chunk"
    pool._code_chunk = code_chunk


def pool_ablations(corpus: Path, pairs: int = 3) -> None:
    """Rates of the 2-worker pool with each of its steps undone, in ``pairs`` interleaved pairs of
    fresh processes (the machine's speed drifts between runs)."""
    import subprocess

    print("| step (2 workers) | as shipped (articles/s) | step undone (articles/s) | gain (median pair) |")
    print("|---|---|---|---|")
    for name in ("small_chunks", "language_in_line"):
        shipped, undone = [], []
        for _ in range(pairs):
            for undo, figures in (("none", shipped), (name, undone)):
                out = subprocess.run([sys.executable, __file__, "--child", undo, "--workers", "2", "--corpus", str(corpus)],
                                     check=True, capture_output=True, text=True).stdout
                figures.append(float(out.strip().splitlines()[-1]))
        gains = sorted(a / b - 1 for a, b in zip(shipped, undone))
        print(f"| {' '.join(globals()[name].__doc__.split(':', 1)[1].split()).rstrip('.')} | {' / '.join(f'{x:.0f}' for x in shipped)} | "
              f"{' / '.join(f'{x:.0f}' for x in undone)} | {gains[len(gains) // 2]:+.0%} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--stages", action="store_true", help="print only the time per stage")
    parser.add_argument("--pool", action="store_true", help="only the 2-worker pool's steps, on 20,000 articles")
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        from realpolitik.pool import warm
        from realpolitik.settings import Settings

        if args.child != "none":
            globals()[args.child]()
        warm(Settings())
        print(rate(args.corpus, args.workers))
        return
    import bench

    if args.pool:
        pool_ablations(bench.corpus_file(20_000))
        return

    corpus = bench.corpus_file(args.docs)
    print(f"corpus: {args.docs:,} articles ({corpus.relative_to(ROOT)})")
    stages(corpus)
    if args.stages:
        return
    ablations(corpus)
    startup()
    store_writes(corpus)
    lemmas()


if __name__ == "__main__":
    main()
