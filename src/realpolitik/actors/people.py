"""Dated profiles: people (people.csv) and user actors, each with roles that hold between dates."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from realpolitik.errors import LexiconError

PEOPLE_COLUMNS = ("name", "aliases", "country", "sector", "office", "start", "end", "source")


@dataclass(frozen=True, slots=True)
class Role:
    """One post held between two dates (``None`` = open)."""

    code: str
    sector: str | None
    office: str | None = None
    start: date | None = None
    end: date | None = None

    def holds(self, when: date) -> bool:
        """Whether the role was held on ``when``."""
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


@dataclass(slots=True)
class Profile:
    """A named actor with forms and dated roles; people turn ELI once out of office."""

    name: str
    is_person: bool
    forms: set[str] = field(default_factory=set)
    roles: list[Role] = field(default_factory=list)


def to_date(value: object, source: str = "", line: int | None = None) -> date | None:
    """An ISO date (string, date or datetime) or ``None`` for empty."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError as exc:
        where = f"{source}:{line}" if line else source
        raise LexiconError(f"{where}: bad date {value!r}; use YYYY-MM-DD") from exc


def latest(roles: list[Role]) -> Role:
    """The most recent role: an open one first, then by start date."""
    return max(roles, key=lambda r: (r.end is None, r.start or date.min, r.end or date.min))


def role_at(profile: Profile, when: date | None) -> Role | None:
    """The role a profile held on ``when``; people out of office become ELI."""
    if not profile.roles:
        return None
    if when is None:
        return latest(profile.roles)
    held = [r for r in profile.roles if r.holds(when)]
    if held:  # a dated role beats an undated default (PETRARCH lists both)
        return latest([r for r in held if r.start or r.end] or held)
    if not profile.is_person:
        return None
    past = [r for r in profile.roles if r.end is not None and r.end < when]
    if past:
        return Role(latest(past).code, "ELI")
    first = min(profile.roles, key=lambda r: r.start or date.min)
    return Role(first.code, None)


def add_row(profiles: dict[str, Profile], row: dict, *, is_person: bool, source: str, line: int) -> None:
    """Add one people/user row (``aliases`` as ``|``-string or ``forms`` list) to ``profiles``."""
    name = (row.get("name") or "").strip()
    code = (row.get("country") or row.get("code") or "").strip().upper()
    if not name or not code:
        raise LexiconError(f"{source}:{line}: a row needs a name and a country/code")
    aliases = row.get("forms") or [a for a in (row.get("aliases") or "").split("|")]
    profile = profiles.setdefault(name, Profile(name, is_person))
    profile.forms.update(a.strip() for a in [name, *aliases] if a and a.strip())
    start, end = to_date(row.get("start"), source, line), to_date(row.get("end"), source, line)
    sector = (row.get("sector") or "").strip().upper() or None
    profile.roles.append(Role(code, sector, (row.get("office") or "").strip() or None, start, end))


def read_people_csv(path: Path, profiles: dict[str, Profile] | None = None) -> dict[str, Profile]:
    """Read a people.csv-style file (``#`` lines are comments) into profiles keyed by name."""
    profiles = {} if profiles is None else profiles
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise LexiconError(f"{path}: {exc}") from exc
    numbered = [(n, text) for n, text in enumerate(lines, 1) if text.strip() and not text.startswith("#")]
    reader = csv.DictReader(text for _, text in numbered)
    missing = {"name", "country"} - set(reader.fieldnames or ())
    if missing:
        raise LexiconError(f"{path}: missing columns {sorted(missing)}; expected {','.join(PEOPLE_COLUMNS)}")
    for (line, _), row in zip(numbered[1:], reader, strict=False):
        add_row(profiles, row, is_person=True, source=str(path), line=line)
    return profiles
