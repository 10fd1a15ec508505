"""Defaults, overridable by environment variables and CLI options."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


def default_db_path() -> Path:
    """``$REALPOLITIK_DB``, else ``$XDG_DATA_HOME/realpolitik/realpolitik.duckdb`` (~/.local/share)."""
    if os.environ.get("REALPOLITIK_DB"):
        return Path(os.environ["REALPOLITIK_DB"])
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "realpolitik" / "realpolitik.duckdb"


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """One frozen object passed down the pipeline."""

    min_confidence: float = 0.5  # events below this stay out of default output
    default_language: str | None = None  # force a language instead of identifying it
    user_actors: tuple[Path, ...] = ()  # TOML/CSV/PETRARCH files of extra actors
    # A file larger than this is refused before it is read (JSON Lines stream and have no total limit,
    # only this limit per line). News articles are kilobytes; 16 MB leaves room for long HTML pages.
    max_bytes: int = 16 * 1024 * 1024
