"""Date lines of news pages: "27. November 2024 · 18:55", "November 27, 2024", "27.11.2024 18:55"."""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache
from importlib import resources

_WEEKDAY = r"(?:[^\W\d_]{2,12}\.?,?\s+)?"  # "Mittwoch, " / "Wed " before the date
_TIME = r"(?:\s*(?:[·|,•/–—-]|um|at|à|a las|alle|às|om)?\s*(?P<hour>\d{1,2})[:h.](?P<minute>\d{2})(?::\d{2})?)?"
_ZONE = r"(?:\s*(?:Uhr|h|Uhr\s+MEZ|UTC|GMT|CET|CEST|MEZ|MESZ|ET|EST|EDT|[ap]\.?m\.?))?\.?"


@cache
def month_names() -> dict[str, int]:
    """Month spellings (lower case) → month number, from ``data/months.txt``."""
    names: dict[str, int] = {}
    text = resources.files("realpolitik.ingest").joinpath("data/months.txt").read_text("utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            number, *spellings = line.split()
            names.update((name, int(number)) for name in spellings)
    return names


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    """The date forms, each a full-line pattern with named groups day, month, year."""
    months = "|".join(sorted(map(re.escape, month_names()), key=len, reverse=True))
    dates = (
        rf"(?P<day>\d{{1,2}})(?:\.|er|º)?\s+(?:de\s+)?(?P<month>{months})\.?,?\s+(?:de\s+)?(?P<year>\d{{4}})",
        rf"(?P<month>{months})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})",
        r"(?P<day>\d{1,2})[./](?P<month>\d{1,2})[./](?P<year>\d{4})",
        r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})",
    )
    return tuple(re.compile(rf"{_WEEKDAY}{date}{_TIME}{_ZONE}", re.IGNORECASE)
                 for date in dates)


def parse_date_line(line: str) -> datetime | None:
    """The date and time a line consists of, or None when the line is more than a date."""
    line = line.strip()
    if len(line) > 60 or not any(c.isdigit() for c in line):
        return None
    for pattern in _patterns():
        match = pattern.fullmatch(line) or _iso_match(pattern, line)
        if match:
            return _to_datetime(match)
    return None


def _iso_match(pattern: re.Pattern[str], line: str) -> re.Match[str] | None:
    """ISO "2024-11-27T18:55": the T form, tried as a space."""
    return pattern.fullmatch(line.replace("T", " ", 1)) if re.match(r"\d{4}-\d\d-\d\dT", line) else None


def _to_datetime(match: re.Match[str]) -> datetime | None:
    """A datetime from a match's groups; None when the numbers make no date."""
    month = match["month"]
    number = int(month) if month.isdigit() else month_names()[month.lower()]
    hour, minute = match["hour"], match["minute"]
    try:
        return datetime(int(match["year"]), number, int(match["day"]),
                        int(hour) if hour else 0, int(minute) if minute else 0)
    except ValueError:
        return None


def parse_iso(value: str) -> datetime:
    """An ISO date or datetime as a naive datetime (local wall time kept). ValueError when invalid."""
    value = value.strip()
    parsed = datetime.fromisoformat(value)
    return parsed.replace(tzinfo=None)
