"""Build the benchmark corpus: N articles of about 3 KB in 12 languages, deterministically.

    python scripts/benchcorpus.py N OUT.jsonl

Each article is a title and a body of about 3,000 bytes: a third of the sentences state events
between states, the rest are filler without any actor (as in real news, where most sentences name
no state). Templates are in scripts/benchdata/corpus.toml (team-written). The same N gives the same
file, byte for byte.
"""

from __future__ import annotations

import json
import random
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent / "benchdata" / "corpus.toml"
TARGET_BYTES = 3000  # bytes of body text per article
EVENT_SHARE = 0.35  # share of body sentences that name states
SEED = 20241127


def load_templates() -> dict[str, dict[str, list[str]]]:
    """Language → {"title", "event", "filler"} template lists."""
    with TEMPLATES.open("rb") as handle:
        return tomllib.load(handle)


def article(index: int, language: str, templates: dict[str, list[str]], rng: random.Random) -> dict:
    """One article record (JSON Lines fields)."""
    sentences: list[str] = []
    size = 0
    while size < TARGET_BYTES:
        pool = templates["event"] if rng.random() < EVENT_SHARE else templates["filler"]
        sentence = rng.choice(pool).format(n=rng.randint(2, 990), m=rng.randint(2, 48))
        sentences.append(sentence)
        size += len(sentence.encode("utf-8")) + 1
    paragraphs = [" ".join(sentences[i:i + 4]) for i in range(0, len(sentences), 4)]
    day = 1 + index % 28
    return {"id": f"bench-{index:07d}", "title": f"{rng.choice(templates['title'])} ({index})",
            "text": "\n\n".join(paragraphs), "published": f"2024-{1 + index % 12:02d}-{day:02d}T08:00:00",
            "url": f"https://example.org/bench/{index}", "lang": language}


def articles(n: int) -> Iterator[dict]:
    """``n`` articles, languages in turn."""
    templates = load_templates()
    languages = sorted(templates)
    rng = random.Random(SEED)
    for index in range(n):
        language = languages[index % len(languages)]
        yield article(index, language, templates[language], rng)


def write(n: int, path: Path, *, with_lang: bool = False) -> Path:
    """Write ``n`` articles to ``path`` as JSON Lines (``lang`` left out unless asked: the pipeline
    identifies each article's language, as it must for real feeds)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for record in articles(n):
            if not with_lang:
                record.pop("lang")
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def main() -> None:
    write(int(sys.argv[1]), Path(sys.argv[2]))


if __name__ == "__main__":
    main()
