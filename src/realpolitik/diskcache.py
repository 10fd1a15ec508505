"""Compiled data kept on disk between processes: the language model, the lexicons, the actor resolver.

Building them from their sources costs seconds in every process (py3langid decompresses its model
in ~2.5 s; the resolver builds 13 Aho-Corasick automata in ~1 s), and every CLI call, pool worker and
Dask worker pays it. Each is pickled once into ``<cache>/<name>-<digest>.pickle``, where the digest
covers everything the build reads: the data files, the source of the code that compiles them, and
the realpolitik and Python versions. Any change to one of them gives a new file, so a stale entry
is never read; it just stops being used.

The cache folder is the user's own (``$REALPOLITIK_CACHE``, else ``~/.cache/realpolitik``), the
one that also holds the lemma dictionaries (``text/lemmacache.py``). A file that cannot be read
(damaged, written by another Python) is built again and replaced; an unwritable folder only costs
the time of building.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_dir() -> Path:
    """``$REALPOLITIK_CACHE``, else ``$XDG_CACHE_HOME/realpolitik`` (~/.cache/realpolitik)."""
    if os.environ.get("REALPOLITIK_CACHE"):
        return Path(os.environ["REALPOLITIK_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "realpolitik"


def digest(paths: Iterable[Path], *extra: str) -> str:
    """A hash of the files (folders walked, sorted), their names, ``extra`` strings and the versions."""
    h = hashlib.blake2b(digest_size=10)
    for text in (_own_version(), sys.version, *extra):
        h.update(text.encode() + b"\0")
    for path in sorted(_files(paths)):
        h.update(str(path).encode() + b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()


def _files(paths: Iterable[Path]) -> Iterable[Path]:
    """Every file under ``paths`` (a file is itself), skipping bytecode."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            yield from (p for p in path.rglob("*") if p.is_file() and p.suffix != ".pyc")
        elif path.is_file():
            yield path


def _own_version() -> str:
    try:
        return version("realpolitik")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
        return "source"


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """The object stored under ``name`` and ``key``; built with ``build()`` and stored when missing.

    Args:
        name: a file-name prefix ("langid", "lexicon-de", "actors").
        key: a digest of every input of ``build`` (see :func:`digest`).
        build: makes the object from its sources.
    """
    path = cache_dir() / f"{name}-{key}.pickle"
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except FileNotFoundError:
        pass
    except Exception:  # noqa: BLE001 - a damaged or foreign file: build again and replace it
        path.unlink(missing_ok=True)
    value = build()
    _store(path, name, value)
    return value


def _store(path: Path, name: str, value: object) -> None:
    """Write ``value`` aside and rename it into place (a kill leaves no half file under the name);
    then remove the entries of ``name`` with other keys, which nothing will read again."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(path)
        for old in path.parent.glob(f"{name}-*.pickle"):
            if old != path and len(old.name) == len(path.name):  # same name, another key
                old.unlink(missing_ok=True)
    except OSError:  # a read-only or full disk: the run goes on without the cache
        partial.unlink(missing_ok=True)
