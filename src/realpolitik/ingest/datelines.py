"""Datelines: the place of writing that opens a news body ("BERLIN (dpa) -", "BerlinRusslands ...")."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import NamedTuple

_UPPER = "A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ"  # Latin and Cyrillic capitals
_WORD = rf"[{_UPPER}][\w'’.]*(?:-[{_UPPER}][\w'’.]*)*"
_LINK = r"(?:de|del|da|do|di|am|an|la|le|el|upon|on|sur)"
_PLACE = rf"{_WORD}(?:\s+(?:{_LINK}\s+)?{_WORD}){{0,3}}"
_DATELINE = re.compile(
    rf"(?P<place>{_PLACE}(?:\s*/\s*{_PLACE})*)"
    r"(?:,\s*(?P<when>[\w.]+\.?\s+\w+\.?(?:\s+\d{4})?))?"  # ", March 3" / ", 3. März"
    r"(?:\s*\((?P<agency>[^\W\d_][\w./, -]{0,30})\))?"
    r"(?P<sep>\s*[–—]\s*|\s+--?\s+|\s*-\s+|(?<=\))\.?\s*-|\.\s+)"  # "(EFE).-" too
)


class Dateline(NamedTuple):
    """Where the place of writing ends and where the body starts, in the line."""

    place_end: int
    body_start: int


@cache
def dateline_places() -> frozenset[str]:
    """Every spelling in ``data/datelines.txt`` (as written)."""
    text = resources.files("realpolitik.ingest").joinpath("data/datelines.txt").read_text("utf-8")
    places = set()
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            places.update(name.strip() for name in line.split("|") if name.strip())
    return frozenset(places)


@cache
def _known_upper() -> frozenset[str]:
    """The gazetteer in capitals, for "SEOUL —" and "BERLIN." lookups."""
    return frozenset(p.upper() for p in dateline_places())


def find_dateline(line: str) -> Dateline | None:
    """The dateline that opens a body line, if any (glued, wire-style or agency form)."""
    return _glued(line) or _marked(line)


@cache
def _by_start() -> dict[str, tuple[str, ...]]:
    """The gazetteer by its first two characters, each list longest first (one dict lookup a line)."""
    index: dict[str, list[str]] = {}
    for place in dateline_places():
        index.setdefault(place[:2], []).append(place)
    return {start: tuple(sorted(places, key=len, reverse=True)) for start, places in index.items()}


def _glued(line: str) -> Dateline | None:
    """A known place glued to the first word: "BerlinRusslands" (a lower→upper boundary)."""
    for place in (p for p in _by_start().get(line[:2], ()) if line.startswith(p)):
        rest = line[len(place):]
        if place[-1].islower() and rest[:1].isupper() and rest[1:2].islower():
            return Dateline(len(place), len(place))
    return None


def _marked(line: str) -> Dateline | None:
    """A dateline set off by an agency, a dash or a full stop: "PARIS (AFP) -", "SEOUL — "."""
    match = _DATELINE.match(line)
    if not match or match.end() >= len(line):
        return None
    place = match["place"]
    known = all(p.strip().upper() in _known_upper() for p in place.split("/"))
    capitals = place.isupper() and sum(c.isalpha() for c in place) >= 3
    if match["sep"].strip() == ".":
        trusted = capitals and known and not match["agency"] and not match["when"]
    else:
        trusted = bool(match["agency"]) or capitals or known
    return Dateline(match.end("place"), match.end()) if trusted else None
