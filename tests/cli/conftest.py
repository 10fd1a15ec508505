"""CLI fixtures: a folder of valid articles and an in-process runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import DE, EN, HTML, RECORDS, jsonl
from typer.testing import CliRunner


@pytest.fixture
def articles(tmp_path: Path) -> dict[str, Path]:
    """Valid inputs in a folder of their own: en.txt, de.txt, talks.html, wire.jsonl."""
    folder = tmp_path / "articles"
    folder.mkdir()
    files = {"en": folder / "en.txt", "de": folder / "de.txt", "html": folder / "talks.html",
             "jsonl": folder / "wire.jsonl"}
    files["en"].write_text(EN, "utf-8")
    files["de"].write_text(DE, "utf-8")
    files["html"].write_text(HTML, "utf-8")
    files["jsonl"].write_text(jsonl(RECORDS), "utf-8")
    return files


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={"COLUMNS": "250"})  # rich folds narrow tables

