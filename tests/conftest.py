"""Shared fixtures: where ../shared is, and a skip when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
SEED = SHARED / "seed" / "000_2ea6db9797bc8efc.txt"
SEED_GOLD = SHARED / "seed" / "expected.json"
DEV = ROOT / "eval" / "dev"


def need_shared(path: Path = SHARED) -> Path:
    """Skip the calling test when ../shared (or the file in it) is absent."""
    if not path.exists():
        pytest.skip(f"{path} is absent: ../shared (seed, gold sets, benchmarks) is not beside this checkout")
    return path


@pytest.fixture
def seed_path() -> Path:
    return need_shared(SEED)


@pytest.fixture
def seed_gold() -> Path:
    return need_shared(SEED_GOLD)
