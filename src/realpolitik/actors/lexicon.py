"""Built-in actor forms: CLDR country names, team-written country/group/role files per language.

Each surface form maps to one or more :class:`Sense`; the matcher turns senses into actors.
"""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from babel import Locale

from realpolitik.errors import LexiconError

DATA = Path(str(resources.files("realpolitik.actors") / "data"))

# Priorities: a user file beats the people list, which beats built-in names.
BUILTIN, PEOPLE, USER = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Sense:
    """One meaning of a surface form."""

    via: str  # country | adjective | demonym | capital | group | role | person | user
    code: str | None = None
    sector: str | None = None
    office: str | None = None
    kind: str = "state"
    profile: str | None = None  # key of a dated profile (people, user rows)
    genitive: bool = False
    priority: int = BUILTIN


@dataclass(frozen=True, slots=True)
class Rules:
    """Per-language inflection rules from the ``[rules]`` table of ``countries.toml``."""

    genitive_suffixes: tuple[str, ...] = ()
    genitive_skip_endings: tuple[str, ...] = ()
    adjective_endings: tuple[str, ...] = ("",)
    role_gap_after: tuple[str, ...] = ()
    cldr_skip: tuple[str, ...] = ()


def available_languages() -> list[str]:
    """Languages that have a ``data/<lang>/countries.toml``."""
    return sorted(p.parent.name for p in DATA.glob("*/countries.toml"))


def read_toml(path: Path) -> dict:
    """Parse a TOML file, naming it in the error."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LexiconError(f"{path}: {exc}") from exc


@lru_cache(maxsize=1)
def alpha3_table() -> dict[str, str]:
    """ISO 3166-1 alpha-2 → alpha-3, from ``data/iso3166.csv``."""
    with (DATA / "iso3166.csv").open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {row["alpha2"]: row["alpha3"] for row in rows}


def cldr_names(language: str) -> dict[str, str]:
    """CLDR country names for ``language`` keyed by alpha-3 (via babel)."""
    table = alpha3_table()
    territories = Locale.parse(language).territories
    return {table[a2]: name for a2, name in territories.items() if a2 in table}


def read_rules(raw: dict) -> Rules:
    """The ``[rules]`` table as :class:`Rules`."""
    fields = Rules.__dataclass_fields__
    return Rules(**{key: tuple(value) for key, value in raw.items() if key in fields})


def genitives(name: str, rules: Rules) -> list[str]:
    """Genitive/possessive forms of a name: Russland → Russlands, Russia → Russia's."""
    if rules.genitive_skip_endings and name.endswith(rules.genitive_skip_endings):
        return []
    return [name + suffix for suffix in rules.genitive_suffixes]


def country_forms(code: str, entry: dict, rules: Rules) -> list[tuple[str, Sense]]:
    """All forms of one country from its team-written entry (names get genitives)."""
    out: list[tuple[str, Sense]] = []
    for name in entry.get("names", []):
        out.append((name, Sense("country", code)))
        out += [(g, Sense("country", code, genitive=True)) for g in genitives(name, rules)]
    for stem in entry.get("adjectives", []):
        out += [(stem + end, Sense("adjective", code)) for end in rules.adjective_endings]
    out += [(d, Sense("demonym", code)) for d in entry.get("demonyms", [])]
    for capital in entry.get("capitals", []):
        out.append((capital, Sense("capital", code, "GOV")))
        out += [(g, Sense("capital", code, "GOV", genitive=True)) for g in genitives(capital, rules)]
    out += [(g, Sense("capital", code, "GOV")) for g in entry.get("government", [])]
    out += [(m, Sense("capital", code, "MIL")) for m in entry.get("military", [])]
    # cities stand for their country as a place acted on ("Odesa was attacked"), never as a government
    out += [(c, Sense("city", code)) for c in entry.get("cities", [])]
    return out


def group_forms(code: str, entry: dict) -> list[tuple[str, Sense]]:
    """Forms of a group, organisation or armed group."""
    kind = entry.get("kind", "group")
    return [(name, Sense("group", code, kind=kind)) for name in entry.get("names", [])]


def role_forms(entry: dict) -> list[tuple[str, Sense]]:
    """Forms of one role noun with its sector, office and optional country."""
    sense = Sense("role", entry.get("country"), entry["sector"], entry.get("office"))
    return [(form, sense) for form in entry.get("forms", [])]


def language_forms(language: str) -> tuple[list[tuple[str, Sense]], Rules]:
    """Every built-in form for ``language``, with its rules."""
    raw = read_toml(DATA / language / "countries.toml")
    rules = read_rules(raw.get("rules", {}))
    forms: list[tuple[str, Sense]] = []
    for code, name in cldr_names(language).items():
        if name not in rules.cldr_skip:
            forms.append((name, Sense("country", code)))
            forms += [(g, Sense("country", code, genitive=True)) for g in genitives(name, rules)]
    for code, entry in raw.get("countries", {}).items():
        forms += country_forms(code, entry, rules)
    for code, entry in raw.get("groups", {}).items():
        forms += group_forms(code, entry)
    roles_path = DATA / language / "roles.toml"
    if roles_path.exists():
        for entry in read_toml(roles_path).get("role", []):
            forms += role_forms(entry)
    return forms, rules
