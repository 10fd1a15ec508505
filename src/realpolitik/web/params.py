"""Query parameters shared by the endpoints: dates, actor codes, filters and pagination bounds.

FastAPI checks types and bounds (a bad ``limit`` is a 422 in the one error shape); the functions
here check what a type cannot say (a real date, a known PLOVER type).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated

from fastapi import Query

from ..model import PLOVER_TYPES
from .errors import ApiError

MAX_LIMIT = 500
DEFAULT_LIMIT = 50
MODALITIES = ("asserted", "hypothetical", "negated")
CODE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{1,15}$")  # RUS, EU, NATO, HAMAS …
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Page size, 1 to {MAX_LIMIT}.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")]
Since = Annotated[str | None, Query(description="On or after this date: YYYY, YYYY-MM or YYYY-MM-DD.")]
Until = Annotated[str | None, Query(description="On or before this date (YYYY-MM means to the month's end).")]
ActorQ = Annotated[str | None, Query(description="Actor code as source or target (e.g. RUS).")]
SourceQ = Annotated[str | None, Query(description="Source actor code.")]
TargetQ = Annotated[str | None, Query(description="Target actor code.")]
TypeQ = Annotated[str | None, Query(description="PLOVER event type (e.g. AID).")]
ModalityQ = Annotated[str | None, Query(description="asserted, hypothetical or negated.")]
LangQ = Annotated[str | None, Query(description="Two-letter language code (e.g. de).",
                                    pattern=r"^[A-Za-z]{2}$")]


def parse_date(value: str | None, name: str) -> date | None:
    """A date from YYYY, YYYY-MM or YYYY-MM-DD; ``until`` partial dates reach the period's end."""
    if value is None or value == "":
        return None
    try:
        if not DATE.match(value):
            raise ValueError(value)
        parts = [int(p) for p in value.split("-")]
        if name == "until" and len(parts) < 3:
            month = parts[1] if len(parts) == 2 else 12
            date(parts[0], month, 1)  # validates the month
            return date(parts[0] + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
        return date(*(parts + [1, 1])[:3])
    except ValueError:
        raise _bad(name, value, "not a date: use YYYY, YYYY-MM or YYYY-MM-DD") from None


def actor_code(value: str | None, name: str = "actor") -> str | None:
    """An actor code, upper-cased; 422 when it cannot be one."""
    if value is None or value == "":
        return None
    if not CODE.match(value):
        raise _bad(name, value, "not an actor code (2-16 letters, digits or _, e.g. RUS)")
    return value.upper()


def event_type(value: str | None) -> str | None:
    """A PLOVER type, upper-cased; 422 for an unknown one."""
    if value is None or value == "":
        return None
    if value.upper() not in PLOVER_TYPES:
        raise _bad("type", value, f"unknown PLOVER type; one of {', '.join(sorted(PLOVER_TYPES))}")
    return value.upper()


def modality(value: str | None) -> str | None:
    """asserted, hypothetical or negated; 422 otherwise."""
    if value is None or value == "":
        return None
    if value.lower() not in MODALITIES:
        raise _bad("modality", value, f"one of {', '.join(MODALITIES)}")
    return value.lower()


def _bad(name: str, value: str, message: str) -> ApiError:
    """A 422 naming the parameter, in the same shape FastAPI's own validation errors take."""
    return ApiError(422, f"invalid parameter: {name}", code="invalid_parameter",
                    detail=[{"in": "query", "name": name, "message": message, "input": value}])


@dataclass(frozen=True, slots=True, kw_only=True)
class EventFilter:
    """Checked filters over events."""

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    type: str | None = None
    modality: str | None = None
    language: str | None = None
    since: date | None = None
    until: date | None = None
    doc_id: str | None = None


def event_filter(actor: ActorQ = None, source: SourceQ = None, target: TargetQ = None, type: TypeQ = None,
                 modality_: Annotated[str | None, Query(alias="modality",
                                                        description="asserted, hypothetical or negated.")] = None,
                 lang: LangQ = None, since: Since = None, until: Until = None) -> EventFilter:
    """The event filters of a request (a FastAPI dependency)."""
    start, end = parse_date(since, "since"), parse_date(until, "until")
    if start and end and start > end:
        raise _bad("since", str(since), "since is after until")
    return EventFilter(actor=actor_code(actor), source=actor_code(source, "source"),
                       target=actor_code(target, "target"), type=event_type(type),
                       modality=modality(modality_), language=lang.lower() if lang else None,
                       since=start, until=end)


def date_range(since: Since = None, until: Until = None) -> tuple[date | None, date | None]:
    """A checked date range (a FastAPI dependency)."""
    start, end = parse_date(since, "since"), parse_date(until, "until")
    if start and end and start > end:
        raise _bad("since", str(since), "since is after until")
    return start, end
