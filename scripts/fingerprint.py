"""A fingerprint of everything the pipeline codes: for checking that a speed-up changes no output.

    python scripts/fingerprint.py [--out FILE]

Runs the pipeline (defaults, one process) over the 2,000-article bench corpus (made once under
build/bench/), every dev set, the hold-out set, the demo corpus and, when ../shared is beside this
checkout, the PLOVER gold set and the seed; hashes every field of every event. Prints one line per
input (hash prefix, events, path) and a TOTAL. Run it before and after a change that should only
make the pipeline faster: the TOTAL must not move. Every speed-up of the hot path was checked so.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "scripts"))


def inputs() -> list[Path]:
    """The inputs, in a fixed order."""
    import bench

    found = [bench.corpus_file(2000), *sorted((ROOT / "eval" / "dev").glob("*.jsonl")),
             ROOT / "eval" / "holdout" / "en.jsonl", *sorted((ROOT / "demo" / "corpus").iterdir()),
             SHARED / "benchmarks" / "plover-gsr-en.jsonl", SHARED / "seed" / "000_2ea6db9797bc8efc.txt"]
    return [path for path in found if path.is_file()]


def main() -> None:
    from realpolitik.pipeline import run
    from realpolitik.settings import Settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="also write the lines to this file")
    args = parser.parse_args()
    os.chdir(ROOT)  # inputs are named relative to the checkout: events keep their document's path
    total, lines = hashlib.sha256(), []
    for path in inputs():
        digest, count = hashlib.sha256(), 0
        for _, events in run([os.path.relpath(path, ROOT)], Settings(), on_error=lambda error: None):
            for event in events:
                digest.update(json.dumps(dataclasses.asdict(event), sort_keys=True, default=str).encode())
                count += 1
        lines.append(f"{digest.hexdigest()[:16]} {count:6d} {path.relative_to(ROOT.parent)}")
        total.update(digest.digest())
    lines.append(f"TOTAL {total.hexdigest()}")
    print("\n".join(lines))
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", "utf-8")


if __name__ == "__main__":
    main()
