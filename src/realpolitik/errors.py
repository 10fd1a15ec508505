"""The exception tree.

    RealpolitikError
     ├── InputError          a file or line cannot be read (names the file and line)
     │    ├── EncodingError   bytes that are not text in any encoding we accept
     │    └── LanguageError   a language we have no pack for
     ├── LexiconError        a lexicon or actor data file is malformed (names the file and line)
     ├── StoreError          the DuckDB store cannot be opened or has a newer schema
     ├── EngineError         the distributed engine cannot run (Dask missing, scheduler unreachable)
     └── GoldError           a gold file for ``eval`` is malformed
"""

from __future__ import annotations


class RealpolitikError(Exception):
    """Base of every error realpolitik raises on purpose."""


class InputError(RealpolitikError):
    """An input file (or one line of it) could not be read."""

    def __init__(self, source: str, message: str, line: int | None = None) -> None:
        self.source, self.line, self.reason = source, line, message
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")

    def __reduce__(self):  # type: ignore[no-untyped-def]
        """Pickle by the constructor's arguments, so errors cross process and cluster boundaries."""
        return type(self), (self.source, self.reason, self.line)


class EncodingError(InputError):
    """The bytes are not text in any encoding we accept."""


class LanguageError(InputError):
    """The text is in a language realpolitik has no pack for."""


class LexiconError(RealpolitikError):
    """A data file (lexicon, actor list, dictionary) is malformed."""


class StoreError(RealpolitikError):
    """The store cannot be opened, or was written by a newer schema."""


class EngineError(RealpolitikError):
    """The distributed engine cannot run: Dask is missing or the scheduler cannot be reached."""


class GoldError(RealpolitikError):
    """A gold file for evaluation is malformed."""
