"""Cost of occurrences on a one-by-one ingest: ``Store.add`` per document, with and without them.

    python scripts/bench_occurrences.py [--docs N] [--off]

Each document has five events (five dyads, dated three documents a day, seven outlets). ``--off``
replaces the occurrence refresh by a no-op, the store as it was before occurrences.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date, timedelta

from realpolitik.model import Document, Event
from realpolitik.store import Store
from realpolitik.store import occurrences as occ

PAIRS = (("RUS", "UKR", "ASSAULT"), ("RUS", "PRK", "AID"), ("USA", "CHN", "ACCUSE"), ("FRA", "DEU", "CONSULT"),
         ("IRN", "ISR", "THREATEN"))


def batch(i: int) -> tuple[Document, list[Event]]:
    """Document i with its five events."""
    day = date(2024, 1, 1) + timedelta(days=i // 3)
    doc = Document(id=f"doc{i}", source=f"doc{i}.txt", text="x" * 200, url=f"https://o{i % 7}.example/{i}")
    return doc, [Event(id=f"doc{i}-{j}", doc_id=doc.id, sentence_index=j, source=a, target=b, type=k, date=day,
                       evidence="y") for j, (a, b, k) in enumerate(PAIRS)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--off", action="store_true", help="no occurrence refresh")
    args = parser.parse_args()
    if args.off:
        occ.refresh = lambda con, added: 0
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder, Store(f"{folder}/bench.duckdb") as store:
        for i in range(args.docs):
            store.add(*batch(i))
        counts = store.occurrence_counts()
    elapsed = time.perf_counter() - start
    print(f"occurrences {'off' if args.off else 'on'}: {args.docs} documents in {elapsed:.1f} s = "
          f"{args.docs / elapsed:.1f} docs/s; {counts}")


if __name__ == "__main__":
    main()
