"""The pipeline's list of language packs follows the lexicon folder without listing it per document."""

from __future__ import annotations

import os
from pathlib import Path

from realpolitik import pipeline
from realpolitik.events import available_languages


def test_pack_languages_are_the_lexicons():
    assert list(pipeline._pack_languages()) == available_languages()


def _touch(folder: Path, second: int) -> None:
    """Set the folder's mtime apart from the last one (file times may tick only every few ms)."""
    os.utime(folder, ns=(second * 10**9, second * 10**9))


def test_a_pack_added_or_removed_is_seen(tmp_path: Path, monkeypatch):
    listed = []
    monkeypatch.setattr(pipeline, "_lexicon_folder", lambda: str(tmp_path))
    monkeypatch.setattr(pipeline, "available_languages",
                        lambda: listed.append(1) or sorted(p.stem for p in tmp_path.glob("*.toml")))
    monkeypatch.setattr(pipeline, "_packs", (-1, ()))
    (tmp_path / "de.toml").write_text("", "utf-8")
    _touch(tmp_path, 1)
    assert pipeline._pack_languages() == ("de",)
    assert pipeline._pack_languages() == ("de",) and len(listed) == 1  # unchanged folder: not listed again
    (tmp_path / "xx.toml").write_text("", "utf-8")
    _touch(tmp_path, 2)
    assert pipeline._pack_languages() == ("de", "xx")
    (tmp_path / "xx.toml").unlink()
    _touch(tmp_path, 3)
    assert pipeline._pack_languages() == ("de",)
