"""The scraped-page splitter: title, dateline, body, key points and dated related headlines.

A scraped news page arrives as lines::

    Russlands Verteidigungsminister stärkt militärische Allianz mit Nordkorea   <- title
    BerlinRusslands Verteidigungsminister hat kürzlich ...                      <- dateline + body
    Wichtige Aspekte des Besuchs umfassten:                                    <- body
    Erweiterung der militärischen Zusammenarbeit ...                           <- keypoints
    ...
    27. November 2024 · 18:55                                                  <- related item: date
    BND-Leiter Kahl: 'Putin strebt nach Verunsicherung und Schrecken           <-               title
    Diesen Artikel teilen                                                      <- boilerplate, dropped

``Document.text`` is the kept parts joined by newlines; every ``Part`` spans its text exactly.
"""

from __future__ import annotations

import bisect
import re
import sys
from datetime import datetime
from functools import cache
from importlib import resources

from ..errors import InputError
from ..model import Document, Part, RelatedItem, content_id
from .datelines import find_dateline
from .dates import parse_date_line

_BULLET = re.compile(r"(?:[•*·▪►‣◦–-]|\d{1,2}[.)])\s+")
_MAX_LEAD_IN = 160  # "Wichtige Aspekte des Besuchs umfassten:" — longer lines ending in ":" are prose


@cache
def boilerplate_patterns() -> tuple[re.Pattern[str], ...]:
    """The boilerplate line patterns of ``data/boilerplate.txt``."""
    text = resources.files("realpolitik.ingest").joinpath("data/boilerplate.txt").read_text("utf-8")
    return tuple(re.compile(line.strip(), re.IGNORECASE) for line in text.splitlines()
                 if line.strip() and not line.startswith("#"))


@cache
def _boilerplate() -> tuple[list[int], list[re.Pattern[str] | None]]:
    """The boilerplate patterns as alternations, one per line length: a line is tried only against
    the patterns that can match that many characters (most prose lines are longer than any of
    them), in one regex call instead of one per pattern."""
    patterns = boilerplate_patterns()
    widths = [_longest(p) for p in patterns]
    limits = sorted(set(widths))
    combined = [re.compile("|".join(f"(?:{p.pattern})" for p, w in zip(patterns, widths, strict=True) if w >= limit),
                           re.IGNORECASE) for limit in limits]
    return limits, [*combined, None]


def _longest(pattern: re.Pattern[str]) -> int:
    """The most characters ``pattern`` can match (a large number when it is unbounded)."""
    try:
        return int(re._parser.parse(pattern.pattern, pattern.flags).getwidth()[1])  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - a private API: without it, no pattern is skipped
        return sys.maxsize


def is_boilerplate(line: str) -> bool:
    """Whether a (stripped) line is share/read-more/cookie/newsletter furniture."""
    limits, combined = _boilerplate()
    pattern = combined[bisect.bisect_left(limits, len(line))]
    return pattern is not None and pattern.fullmatch(line) is not None


def clean_lines(text: str) -> list[str]:
    """Non-empty lines with whitespace collapsed and boilerplate dropped."""
    lines = (" ".join(raw.split()) for raw in text.splitlines())
    return [line for line in lines if line and not is_boilerplate(line)]


class _Builder:
    """Accumulates the kept lines as ``Document.text`` and their parts."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        # [kind, start, end, published] of each part, made into Parts once all lines are in: a run
        # of body lines is one part, extended line by line
        self.spans: list[list] = []
        self.size = 0

    def add(self, kind: str, line: str, published: datetime | None = None) -> tuple[int, int]:
        """Append a line as a part, and return its span; a body/keypoints line right after one of its
        kind extends that part."""
        start = self.size + (1 if self.lines else 0)
        self.lines.append(line)
        self.size = end = start + len(line)
        last = self.spans[-1] if self.spans else None
        if last is not None and last[0] == kind and (kind == "body" or kind == "keypoints") and last[2] == start - 1:
            last[2] = end
        else:
            self.spans.append([kind, start, end, published])
        return start, end

    @property
    def parts(self) -> tuple[Part, ...]:
        return tuple(Part(kind=kind, start=start, end=end, published=published)
                     for kind, start, end, published in self.spans)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def parse_page(text: str, *, source: str, published: datetime | None = None, title: str | None = None,
               language: str | None = None, url: str | None = None, line: int | None = None,
               doc_id: str | None = None) -> Document:
    """Split a scraped page (or an article's plain text) into a Document.

    Args:
        text: the page text, one paragraph or page element a line.
        source: the path, URL or "<stdin>" it came from (named in errors).
        published: the publication time when known; else a date line under the title sets it.
        title: the title when known (JSONL, HTML metadata); None takes the first line as the title,
            "" means the text has no title line.
        language: the language code when known.
        url: the article's URL when known.
        line: the line number in a JSON Lines source.
        doc_id: the document's id when the source gives one (a JSON Lines ``id``).

    Returns:
        The document, its id ``doc_id`` or else a hash of the cleaned text.

    Raises:
        InputError: the text has nothing but whitespace and boilerplate.
    """
    lines = clean_lines(text)
    head, rest = _take_title(lines, title)
    if not head and not rest:
        raise InputError(source, "no text", line)
    date, rest = _take_date(rest) if head else (None, rest)
    body, related = _split_related(rest)
    build = _Builder()
    if head:
        build.add("title", head)
    dateline = _add_body(build, body)
    items = [_add_related(build, when, headline) for when, headline in related]
    text = build.text
    return Document(id=content_id(text) if doc_id is None else doc_id, source=source, text=text, title=head,
                    dateline=dateline, published=published or date, language=language, url=url, parts=build.parts,
                    related=tuple(items), line=line)


def _take_title(lines: list[str], title: str | None) -> tuple[str, list[str]]:
    """The title and the lines after it."""
    if title is None:
        return (lines[0], lines[1:]) if lines else ("", [])
    title = " ".join(title.split())
    if lines and title and lines[0] == title:
        return title, lines[1:]
    return title, lines


def _take_date(lines: list[str]) -> tuple[datetime | None, list[str]]:
    """A date line right under the title: the page's publication time."""
    when = parse_date_line(lines[0]) if lines else None
    return (when, lines[1:]) if when else (None, lines)


def _split_related(lines: list[str]) -> tuple[list[str], list[tuple[datetime, str]]]:
    """Body lines, and the (date, headline) pairs of the related block that ends the page."""
    start = len(lines)
    while start >= 2 and parse_date_line(lines[start - 2]) and not parse_date_line(lines[start - 1]):
        start -= 2
    dated = [(parse_date_line(lines[i]), lines[i + 1]) for i in range(start, len(lines), 2)]
    return lines[:start], [(when, headline) for when, headline in dated if when]


def _add_body(build: _Builder, lines: list[str]) -> str | None:
    """Add the body lines (dateline split off the first, key points marked); the dateline or None."""
    dateline = None
    if lines and (found := find_dateline(lines[0])):
        dateline = lines[0][:found.place_end]
        build.add("dateline", dateline)
        lines = [lines[0][found.body_start:], *lines[1:]]
    for line, kind in zip(lines, _kinds(lines)):
        build.add(kind, line)
    return dateline


def _kinds(lines: list[str]) -> list[str]:
    """ "body" or "keypoints" for each body line: the lines a "…umfassten:" lead-in introduces."""
    kinds = ["body"] * len(lines)
    for i, line in enumerate(lines[:-1]):
        if kinds[i] == "body" and line.endswith(":") and len(line) <= _MAX_LEAD_IN:
            for j in _key_point_lines(lines, i + 1):
                kinds[j] = "keypoints"
    return kinds


def _key_point_lines(lines: list[str], first: int) -> range:
    """The lines after a lead-in: the run of bulleted lines, else the one paragraph that follows."""
    end = first
    while end < len(lines) and _BULLET.match(lines[end]):
        end += 1
    return range(first, max(end, first + 1))


def _add_related(build: _Builder, when: datetime, headline: str) -> RelatedItem:
    """Add a related headline as its own dated part."""
    start, end = build.add("related", headline, when)
    return RelatedItem(title=headline, published=when, start=start, end=end)
