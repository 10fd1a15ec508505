"""Scale fixtures: a JSON Lines corpus with a few broken lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from scale_support import write_corpus


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus.jsonl", 60, bad_every=25)
