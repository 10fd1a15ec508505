"""Actors stage: find who acts in a sentence (states, groups, organs, dated people).

    resolver = load_resolver()
    resolver.find_mentions(sentence, when=date(2024, 11, 20))   # -> [Mention(actor=Actor("RUS", "MIL"))]

Data: CLDR country names (babel), ``data/<lang>/countries.toml`` and ``roles.toml`` (team-written),
``data/people.csv`` (dated roles), plus user TOML/CSV/PETRARCH files that override the built-ins.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Sequence

from realpolitik.actors.petrarch import import_petrarch
from realpolitik.diskcache import cached, digest
from realpolitik.actors.resolver import ActorResolver

__all__ = ["ActorResolver", "import_petrarch", "load_resolver"]


def load_resolver(user_files: Sequence[Path] = ()) -> ActorResolver:
    """The default resolver for ``user_files``, built once per process and cached.

    Args:
        user_files: extra actor files (TOML, people-style CSV or PETRARCH ``.txt``).

    Returns:
        A shared :class:`ActorResolver`.
    """
    return _cached(tuple(Path(p) for p in user_files))


@lru_cache(maxsize=8)
def _cached(user_files: tuple[Path, ...]) -> ActorResolver:
    """Build and keep one resolver per tuple of user files (on disk too, see ``diskcache``): the key
    covers this package's code and data, the model, babel's CLDR names and the user files."""
    package = Path(__file__).parent
    key = digest([package, package.parent / "model.py", *user_files], version("babel"))
    return cached("actors-user" if user_files else "actors", key, lambda: ActorResolver(user_files=user_files))
