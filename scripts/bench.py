"""Throughput benchmark: the full pipeline over a corpus built from the team's demo articles.

    python scripts/bench.py [--docs N]

The corpus is the demo corpus (demo/corpus/*.txt) repeated with a counter in each title, so every
document is distinct and of realistic length. Prints documents per second, MB per second, and peak
RSS for one process, and the same for a bare pass that only reads, identifies the language and
tokenises (the floor the full pipeline is compared with).
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from realpolitik.ingest import parse_page
from realpolitik.model import Document
from realpolitik.pipeline import process
from realpolitik.settings import Settings
from realpolitik.text import identify_language, split_sentences

ROOT = Path(__file__).resolve().parents[1]


def corpus(n: int) -> list[Document]:
    """n distinct documents made from the demo articles."""
    texts = [p.read_text("utf-8") for p in sorted((ROOT / "demo" / "corpus").glob("*.txt"))]
    docs = []
    for i in range(n):
        text = texts[i % len(texts)]
        title, _, rest = text.partition("\n")
        docs.append(parse_page(f"{title} ({i})\n{rest}", source=f"bench-{i}.txt"))
    return docs


def bare(docs: list[Document]) -> None:
    """Read, identify the language and tokenise: the floor."""
    for doc in docs:
        language = identify_language(doc.text[:2000]) or "en"
        split_sentences(doc, language)


def full(docs: list[Document]) -> int:
    """The whole pipeline; returns the number of events."""
    settings = Settings()
    return sum(len(result[1]) for doc in docs if (result := process(doc, settings)))


def timed(label: str, fn, docs: list[Document]) -> float:
    size = sum(len(d.text.encode("utf-8")) for d in docs)
    start = time.perf_counter()
    out = fn(docs)
    seconds = time.perf_counter() - start
    extra = f", {out} events" if isinstance(out, int) else ""
    print(f"| {label} | {len(docs)} | {len(docs) / seconds:,.0f} | {size / seconds / 1e6:.2f} |{extra}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    args = parser.parse_args()
    docs = corpus(args.docs)
    full(docs[:20])  # warm caches: lexicons, actor automata, language model
    print(f"corpus: {len(docs)} documents, mean {sum(len(d.text) for d in docs) / len(docs):,.0f} characters")
    print("| pass | documents | docs/s | MB/s |")
    print("|---|---|---|---|")
    floor = timed("bare: read + language id + sentences/tokens", bare, docs)
    whole = timed("full pipeline, 1 process", full, docs)
    print(f"full / bare time: {whole / floor:.2f}")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
