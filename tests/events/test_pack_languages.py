"""The list of language packs follows the lexicon folder without listing it per document."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from realpolitik.events import lexicon
from realpolitik.events import available_languages


def test_pack_languages_are_the_lexicons():
    assert available_languages() == sorted(p.stem for p in lexicon.lexicon_dir().glob("*.toml"))


def _touch(folder: Path, second: int) -> None:
    """Set the folder's mtime apart from the last one (file times may tick only every few ms)."""
    os.utime(folder, ns=(second * 10**9, second * 10**9))


def test_a_pack_added_or_removed_is_seen(tmp_path: Path, monkeypatch):
    listed = []

    @functools.lru_cache(maxsize=4)
    def languages(folder: str, mtime_ns: int) -> tuple[str, ...]:
        listed.append(1)
        return tuple(sorted(p.stem for p in Path(folder).glob("*.toml")))

    monkeypatch.setattr(lexicon, "_lexicon_folder", lambda: str(tmp_path))
    monkeypatch.setattr(lexicon, "_languages", languages)
    (tmp_path / "de.toml").write_text("", "utf-8")
    _touch(tmp_path, 1)
    assert available_languages() == ["de"]
    assert available_languages() == ["de"] and len(listed) == 1  # unchanged folder: not listed again
    (tmp_path / "xx.toml").write_text("", "utf-8")
    _touch(tmp_path, 2)
    assert available_languages() == ["de", "xx"]
    (tmp_path / "xx.toml").unlink()
    _touch(tmp_path, 3)
    assert available_languages() == ["de"]
