"""English display names for actor codes: CLDR for states, the English actor data for groups."""

from __future__ import annotations

import tomllib
from functools import lru_cache

from ..actors.lexicon import DATA, cldr_names


@lru_cache(maxsize=1)
def actor_names() -> dict[str, str]:
    """Actor code → English name (Russia, North Korea, European Union …)."""
    names = cldr_names("en")
    with (DATA / "en" / "countries.toml").open("rb") as handle:
        groups = tomllib.load(handle).get("groups", {})
    for code, entry in groups.items():
        forms = entry.get("names") or []
        long = [f for f in forms if f != code and " " in f]  # "European Union" rather than "EU"
        names.setdefault(code, (long or forms or [code])[0])
    return names


def actor_name(code: str | None) -> str:
    """The English name of an actor code; the code itself when it has none."""
    return actor_names().get(code or "", code or "")
