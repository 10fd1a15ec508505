"""Zstandard-compressed files (``.jsonl.zst``) as buffered binary streams, decompressed lazily."""

from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO

import zstandard

ZstdError = zstandard.ZstdError
_READ_SIZE = 1 << 20  # compressed bytes read at a time; memory stays bounded whatever the file size


class _ClosingReader(io.RawIOBase):
    """A raw stream over zstandard's reader that also closes the file it reads from."""

    def __init__(self, path: Path) -> None:
        self._file = path.open("rb")
        self._reader = zstandard.ZstdDecompressor().stream_reader(self._file, read_size=_READ_SIZE)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        data = self._reader.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self._reader.close()
            self._file.close()
        super().close()


def open_zstd(path: Path) -> BinaryIO:
    """``path`` decompressed on the fly, with ``readline`` (a BufferedReader)."""
    return io.BufferedReader(_ClosingReader(path), buffer_size=_READ_SIZE)  # type: ignore[return-value]
