"""Actors in languages without a pack: the default resolver's forms (every pack's names, people,
user files) plus CLDR country names in the language and the few names in ``data/names.toml``."""

from __future__ import annotations

import copy
import functools
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from babel import UnknownLocaleError

from ..actors import ActorResolver, load_resolver
from ..actors.lexicon import Sense, cldr_names, read_toml
from ..actors.matcher import build_automaton

NAMES_FILE = Path(str(resources.files("realpolitik.classify") / "data" / "names.toml"))


def fallback_resolver(language: str, user_files: Sequence[Path] = ()) -> ActorResolver:
    """A resolver that also knows ``language``'s country names (built once per language).

    Args:
        language: a language without a pack (e.g. "ja").
        user_files: extra actor files, as for :func:`realpolitik.actors.load_resolver`.

    Returns:
        A copy of the default resolver with a table for ``language``.
    """
    return _extended(load_resolver(tuple(user_files)), language)


@functools.lru_cache(maxsize=16)
def _extended(base: ActorResolver, language: str) -> ActorResolver:
    """``base`` plus one table and automaton for ``language``; ``base`` itself is left alone."""
    table = {form: list(senses) for form, senses in base.forms.items()}
    for form, sense in language_names(language):
        table[form] = [sense] + [s for s in table.get(form, []) if s != sense]
    resolver = copy.copy(base)
    resolver.tables = {**base.tables, language: table}
    resolver.automata = {**base.automata, language: build_automaton(table)}
    return resolver


def language_names(language: str) -> list[tuple[str, Sense]]:
    """CLDR country names in ``language`` and the team's extra names and capitals for it."""
    try:
        forms = [(name, Sense("country", code)) for code, name in cldr_names(language).items()]
    except (UnknownLocaleError, ValueError):
        forms = []  # babel does not know the language: only names shared by every language remain
    extra = read_toml(NAMES_FILE).get(language, {})
    for code, names in extra.get("countries", {}).items():
        forms += [(name, Sense("country", code)) for name in names]
    for code, names in extra.get("capitals", {}).items():
        forms += [(name, Sense("capital", code, "GOV")) for name in names]
    return forms
