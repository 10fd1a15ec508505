"""Labelled training sentences (``data/train.jsonl``, written by the team) and their fixed split."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import LexiconError
from ..model import PLOVER_TYPES

NONE = "NONE"  # two actors are named but nothing passes between them
LABELS = (*PLOVER_TYPES, NONE)
TRAIN_FILE = Path(str(resources.files("realpolitik.classify") / "data" / "train.jsonl"))
SPLITS = ("train", "calibration", "test")
# Per 100 examples: 70 train the weights, 15 fit the temperature, 15 are held out for the report.
CALIBRATION_FROM, TEST_FROM = 70, 85


@dataclass(frozen=True, slots=True, kw_only=True)
class Example:
    """One labelled sentence."""

    text: str
    label: str
    lang: str
    line: int

    @property
    def split(self) -> str:
        """train, calibration or test: fixed by a hash of the text, so it never changes when
        examples are added elsewhere in the file."""
        bucket = int(hashlib.blake2b(self.text.encode("utf-8"), digest_size=4).hexdigest(), 16) % 100
        return "train" if bucket < CALIBRATION_FROM else "calibration" if bucket < TEST_FROM else "test"


def read_examples(path: Path = TRAIN_FILE) -> list[Example]:
    """Read a JSON Lines file of ``{"text", "label", "lang"}`` records.

    Args:
        path: the file (default: the packaged ``data/train.jsonl``).

    Returns:
        The examples in file order.

    Raises:
        LexiconError: naming the file and line of a malformed record, an unknown label or a duplicate.
    """
    examples, seen = [], set()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path}: {exc}") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        example = _parse(line, f"{path}:{number}", number)
        if example.text in seen:
            raise LexiconError(f"{path}:{number}: duplicate sentence {example.text!r}")
        seen.add(example.text)
        examples.append(example)
    return examples


def _parse(line: str, where: str, number: int) -> Example:
    """One record, checked."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise LexiconError(f"{where}: not JSON ({exc.msg})") from None
    if not isinstance(record, dict) or not all(isinstance(record.get(k), str) for k in ("text", "label", "lang")):
        raise LexiconError(f'{where}: a record needs string fields "text", "label" and "lang"')
    if record["label"] not in LABELS:
        raise LexiconError(f"{where}: unknown label {record['label']!r} (one of {', '.join(LABELS)})")
    if not record["text"].strip():
        raise LexiconError(f"{where}: empty text")
    return Example(text=record["text"], label=record["label"], lang=record["lang"], line=number)
