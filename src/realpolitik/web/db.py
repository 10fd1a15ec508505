"""Store access for the web app: a read-only DuckDB connection per request, writes under a lock.

The server never keeps the file open between requests, so ``realpolitik ingest`` in another process
can write to it while the server runs. Inside the process, readers share a lock and the (token-gated)
ingest takes it alone: DuckDB refuses to open one file read-only and read-write at once in one process.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from ..errors import StoreError
from ..store import Store
from ..store.schema import migrate


class ReadWriteLock:
    """Many readers or one writer."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Hold the lock shared."""
        with self._cond:
            self._cond.wait_for(lambda: not self._writing)
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the lock alone."""
        with self._cond:
            self._cond.wait_for(lambda: not self._writing and self._readers == 0)
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


class StoreAccess:
    """Opens the store file for one request at a time: read-only for reads, read-write for ingest."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.lock = ReadWriteLock()

    @contextmanager
    def read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection, closed afterwards. StoreError when the file cannot be opened."""
        with self.lock.reading():
            if not self.path.exists():
                raise StoreError(f"{self.path}: no such store; run `realpolitik ingest` first")
            try:
                con = duckdb.connect(str(self.path), read_only=True)
            except duckdb.Error as error:
                raise StoreError(f"{self.path}: cannot open store (is another process writing?): "
                                 f"{error}") from error
            try:
                migrate(con, str(self.path), read_only=True)
                yield con
            finally:
                con.close()

    @contextmanager
    def write(self) -> Iterator[Store]:
        """A writable Store, held alone and closed afterwards."""
        with self.lock.writing(), Store(self.path) as store:
            yield store
