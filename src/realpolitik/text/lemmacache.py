"""simplemma's dictionaries, decoded once and kept on disk as SQLite tables read in place.

simplemma ships each language's dictionary lzma-compressed and front-coded; decoding one takes
1–30 s (Polish: 3.7 million forms) and 50–450 MB per process, and its in-memory cache holds only 8
languages, so a corpus in 12 languages decodes some of them again and again. Here each dictionary is
decoded once into ``<cache>/simplemma-<version>-<lang>-<hash>.sqlite`` (the hash is of the shipped
data file, so a new simplemma or new data makes a new file) and looked up in place: a lookup is a
B-tree probe in pages the operating system shares between the worker processes; loading costs
nothing. The mapping holds exactly simplemma's data, so lemmas are the same as simplemma's own.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterator, Mapping
from importlib.metadata import version
from pathlib import Path

from simplemma.lemmatizer import Lemmatizer
from simplemma.strategies import DefaultStrategy
from simplemma.strategies.dictionaries.dictionary_factory import (
    DATA_FOLDER,
    SUPPORTED_LANGUAGES,
    DictionaryFactory,
    _load_dictionary_from_disk,
)

from ..diskcache import cache_dir


_LOOKUP = "SELECT lemma FROM forms WHERE form = ?"


def table_path(language: str) -> Path:
    """The cache file of ``language``'s dictionary: simplemma's version and its data file's hash."""
    with (DATA_FOLDER / f"{language}.plzma").open("rb") as data:  # hashed in blocks, never held whole
        digest = hashlib.file_digest(data, lambda: hashlib.blake2b(digest_size=8)).hexdigest()
    return cache_dir() / f"simplemma-{version('simplemma')}-{language}-{digest}.sqlite"


def build(language: str, path: Path) -> None:
    """Decode simplemma's dictionary of ``language`` into ``path`` (written aside, then renamed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial.unlink(missing_ok=True)
    con = sqlite3.connect(partial)
    try:
        con.execute("CREATE TABLE forms (form BLOB PRIMARY KEY, lemma BLOB) WITHOUT ROWID")
        con.executemany("INSERT INTO forms VALUES (?, ?)", sorted(_load_dictionary_from_disk(language).items()))
        con.commit()
    finally:
        con.close()
    partial.replace(path)


class SqliteForms(Mapping[str, str]):
    """A read-only str → str view of one cached dictionary (only ``get`` is fast; enough for simplemma)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._pid = -1  # a connection is opened in each process that reads (never shared across a fork)
        self._con: sqlite3.Connection | None = None

    def _cursor(self) -> sqlite3.Connection:
        if self._con is None or self._pid != os.getpid():
            # read-only and immutable: no locks, no journal; realpolitik's pipeline is one thread a process
            self._con = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._con

    def get(self, key: str, default: str | None = None) -> str | None:  # type: ignore[override]
        if self._pid != os.getpid():
            self._cursor()
        assert self._con is not None
        row = self._con.execute(_LOOKUP, (key.encode(),)).fetchone()
        return row[0].decode() if row is not None else default

    def __getitem__(self, key: str) -> str:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __iter__(self) -> Iterator[str]:
        for (form,) in self._cursor().execute("SELECT form FROM forms"):
            yield form.decode()

    def __len__(self) -> int:
        return int(self._cursor().execute("SELECT count(*) FROM forms").fetchone()[0])


class CachedDictionaryFactory(DictionaryFactory):
    """simplemma's dictionary factory, served from the on-disk cache (built on first use)."""

    def __init__(self) -> None:
        self._forms: dict[str, SqliteForms] = {}

    def get_dictionary(self, lang: str) -> Mapping[str, str]:
        forms = self._forms.get(lang)
        if forms is None:
            if lang not in SUPPORTED_LANGUAGES:
                raise ValueError(f"Unsupported language: {lang}")
            path = table_path(lang)
            if not path.exists():
                build(lang, path)
            forms = self._forms[lang] = SqliteForms(path)
        return forms


LEMMATIZER = Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=CachedDictionaryFactory()))


def prepare(languages: list[str]) -> None:
    """Build the cache files of ``languages`` now (before a pool forks), not on first use."""
    for language in languages:
        LEMMATIZER.lemmatize("a", lang=language)
