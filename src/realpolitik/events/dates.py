"""The date of an event: its own date from the text, else its part's (related items), else the
document's, else unknown. Never today's."""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..model import Document, Sentence

WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5, "sonntag": 6,
    "sonnabend": 5,
}
MONTHS = {
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7,
    "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12, "january": 1,
    "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "october": 10, "december": 12,
}
_BEFORE_WEEKDAY = ("am", "on", "last", "vergangenen", "letzten")


def _initials(words) -> str:
    """A look-ahead for the first letters of ``words``: under the same case rules it only passes
    over positions where no alternative can start, without trying each in turn (same matches)."""
    return "(?=[" + "".join(sorted({word[0] for word in words})) + "])"


_WEEKDAY = re.compile(r"\b" + _initials(_BEFORE_WEEKDAY) + "(?:" + "|".join(_BEFORE_WEEKDAY) + r")\s+("
                      + "|".join(WEEKDAYS) + r")\b", re.I)
_DAY_MONTH = re.compile(r"\b(\d{1,2})\.?\s+(" + "|".join(MONTHS) + r")(?:\s+(\d{4}))?\b", re.I)
_MONTH_DAY = re.compile(r"\b" + _initials(MONTHS) + "(" + "|".join(MONTHS) + r")\s+(\d{1,2})(?:,\s*(\d{4}))?\b", re.I)
_DIGIT = re.compile(r"\d")  # both day-month patterns need one: most sentences are ruled out at once
# Every weekday name contains one of these. Their letters have no case variants beyond the plain
# upper case (unlike i, k, s), so wherever the case-insensitive pattern matches a name, str.lower()
# shows the part: a sentence without any is not searched.
WEEKDAY_PARTS = ("day", "tag", "twoch", "onnabend")


def event_date(doc: Document, sentence: Sentence) -> tuple[date | None, str]:
    """(date, where it came from): text | related | document | unknown."""
    anchor = sentence.published or doc.published
    found = _explicit(sentence.text, anchor.date() if anchor else None)
    if found:
        return found, "text"
    if sentence.published:
        return sentence.published.date(), "related"
    if doc.published:
        return doc.published.date(), "document"
    return None, "unknown"


def _explicit(text: str, anchor: date | None) -> date | None:
    """A date written in the sentence, resolved against the anchor (a weekday needs one)."""
    digit = _DIGIT.search(text)
    digits = digit is not None
    # a day-month date starts at a digit: searched from the first one (\b still sees the character
    # before it, as a search from a position reads the whole string)
    match = _DAY_MONTH.search(text, digit.start()) if digit is not None else None
    day_month = (int(match.group(1)), MONTHS[match.group(2).lower()], match.group(3)) if match else None
    if day_month is None and digits and (match := _MONTH_DAY.search(text)):
        day_month = (int(match.group(2)), MONTHS[match.group(1).lower()], match.group(3))
    if day_month:
        day, month, year = day_month
        year_n = int(year) if year else (anchor.year if anchor else None)
        if year_n is None:
            return None
        try:
            found = date(year_n, month, day)
        except ValueError:
            return None
        if not year and anchor and found > anchor:
            found = found.replace(year=year_n - 1)
        return found
    if not anchor or not _may_name_weekday(text):
        return None
    match = _WEEKDAY.search(text)
    if match:
        back = (anchor.weekday() - WEEKDAYS[match.group(1).lower()]) % 7
        return anchor - timedelta(days=back)
    return None


def _may_name_weekday(text: str) -> bool:
    """Whether ``text`` can hold a weekday name (see ``WEEKDAY_PARTS``)."""
    lowered = text.lower()
    return any(part in lowered for part in WEEKDAY_PARTS)
