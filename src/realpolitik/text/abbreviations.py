"""Abbreviation lists per language (``data/abbreviations/<lang>.txt``), read once and cached."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import LexiconError

DATA = Path(__file__).parent / "data" / "abbreviations"
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True, kw_only=True)
class Abbreviations:
    """Abbreviations of one language, keyed without spaces ("z.B.").

    ``fixed`` never end a sentence; ``may_end`` ("etc.") end one when the next word is capitalised.
    """

    fixed: frozenset[str] = frozenset()
    may_end: frozenset[str] = frozenset()


@functools.cache
def load_abbreviations(language: str) -> Abbreviations:
    """The abbreviations of ``language``; empty when it has no list (Arabic)."""
    path = DATA / f"{language}.txt"
    if not path.exists():
        return Abbreviations()
    fixed: set[str] = set()
    may_end: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key = _SPACE.sub("", line.removeprefix("~"))
        if not key.endswith(".") or len(key) < 2:
            raise LexiconError(f"{path}:{number}: an abbreviation must end with a dot, got {line!r}")
        (may_end if line.startswith("~") else fixed).update(_variants(key))
        fixed.update(_prefixes(key))  # "z." of "z.B.": the first dot of a pair ends nothing either
    return Abbreviations(fixed=frozenset(fixed), may_end=frozenset(may_end - fixed))


def _variants(key: str) -> set[str]:
    """The key as written and, for lower-case ones, capitalised at a sentence start ("Ca.")."""
    return {key, key[:1].upper() + key[1:]}


def _prefixes(key: str) -> set[str]:
    """The dotted prefixes of a multi-part abbreviation: "u." and "u.v." of "u.v.m."."""
    cuts = [i + 1 for i, char in enumerate(key[:-1]) if char == "."]
    return {v for cut in cuts for v in _variants(key[:cut])}
