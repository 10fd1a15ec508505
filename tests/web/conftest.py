"""Web fixtures: a store with the demo corpus (and the seed page when ../shared is there)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from realpolitik.pipeline import run
from realpolitik.store import Store
from realpolitik.web import create_app

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "demo" / "corpus"


def build_store(path: Path, inputs: list[str]) -> Path:
    """Ingest ``inputs`` into a new store at ``path`` with the real pipeline."""
    with Store(path) as store:
        store.add_many(run(inputs))
    return path


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the demo corpus (read-only use: tests must not write to it)."""
    return build_store(tmp_path_factory.mktemp("web") / "demo.duckdb", [str(DEMO)])


@pytest.fixture(scope="session")
def client(demo_db: Path) -> Iterator[TestClient]:
    """A read-only app (no token) over the demo store."""
    with TestClient(create_app(demo_db)) as test_client:
        yield test_client
