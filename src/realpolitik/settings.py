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
    # The fallback classifier (docs/stages/classifier.md) proposes event types where no lexicon event fires.
    classifier: bool = True
    # In a language without a pack, proposals at or above this calibrated probability are in the default
    # output. On the held-out examples, 0.6 kept 53% of the event sentences at 0.89 precision
    # (`python -m realpolitik.classify.train --check` prints the table).
    proposal_threshold: float = 0.6
    # In a language with a pack, sentences without a lexicon event are classified only with --proposals
    # (include_proposals) or pack_proposals: on the dev sets (eval/dev, plover-gsr-en) proposals at 0.6 or
    # more were right 10 times in 24, well below the lexicon's precision.
    pack_proposals: bool = False
    include_proposals: bool = False  # --proposals: every proposal at or above min_confidence, any language
