"""Inputs to documents: paths, directories (walked) and standard input, each format to its reader."""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..model import Document
from .encoding import decode_bytes
from .html import parse_html
from .jsonl import ErrorHandler, megabytes, read_jsonl, record_document
from .page import parse_page
from .parquet import read_parquet
from .zstd import ZstdError, open_zstd

SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".json", ".gz", ".zst", ".parquet")
COMPRESSED = (".gz", ".zst")
DEFAULT_MAX_BYTES = 16 * 1024 * 1024  # same default as Settings.max_bytes
STDIN = "<stdin>"


def read_inputs(inputs: Iterable[str | Path], *, on_error: ErrorHandler,
                max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document]:
    """Read files, directories and standard input as documents; bad input never stops the batch.

    Args:
        inputs: file paths, directories (walked recursively, sorted, hidden files skipped) or "-" for
            standard input (read only then).
        on_error: called with the InputError of each file or JSON line that cannot be read.
        max_bytes: larger files are refused unread; JSON Lines apply it to each line instead.

    Returns:
        An iterator of documents, in input order.
    """
    for item in inputs:
        if str(item) == "-":
            yield from _guarded(STDIN, lambda: read_stdin(on_error=on_error, max_bytes=max_bytes), on_error)
            continue
        for path in expand(Path(item), on_error):
            yield from _guarded(str(path), lambda: read_file(path, on_error=on_error, max_bytes=max_bytes),
                                on_error)


def _guarded(source: str, read: Callable[[], Iterator[Document]], on_error: ErrorHandler) -> Iterator[Document]:
    """The documents of one input; its failure goes to ``on_error`` as an InputError."""
    try:
        yield from read()
    except InputError as error:
        on_error(error)
    except (OSError, EOFError, zlib.error, ZstdError) as error:  # unreadable, or a damaged .gz/.zst
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        on_error(InputError(source, f"cannot read: {reason}"))


def expand(path: Path, on_error: ErrorHandler) -> Iterator[Path]:
    """The path itself, or a directory's readable files (recursive, sorted, hidden ones skipped)."""
    if path.is_dir():
        yield from walk(path, on_error)
    elif path.exists():
        yield path
    else:
        on_error(InputError(str(path), "no such file"))


def walk(root: Path, on_error: ErrorHandler) -> Iterator[Path]:
    """Files under ``root`` with a known suffix, sorted by path, skipping hidden files and folders.

    Linked folders are not followed (as ``os.walk`` does), so a link loop cannot hang the walk.
    """
    try:
        with os.scandir(root) as scan:
            entries = sorted((e for e in scan if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as error:
        on_error(InputError(str(root), f"cannot read the folder: {error.strerror or error}"))
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from walk(Path(entry.path), on_error)
        elif entry.name.lower().endswith(SUFFIXES) and entry.is_file():
            yield Path(entry.path)


def read_file(path: Path, *, on_error: ErrorHandler, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document]:
    """The documents of one file, by its suffix (``.gz`` looks at the name inside)."""
    source, kind = str(path), file_kind(path)
    if kind == "parquet":
        yield from read_parquet(path, on_error=on_error, max_bytes=max_bytes)
        return
    if kind == "jsonl":
        with _open(path) as stream:
            yield from read_jsonl(stream, source, on_error=on_error, max_bytes=max_bytes)
        return
    text = _text(_read_limited(path, max_bytes), source)
    yield from parse_text(text, kind or sniff(text), source, on_error=on_error, max_bytes=max_bytes)


def file_kind(path: Path) -> str | None:
    """"jsonl", "json", "html", "text" or "parquet" by suffix; None when the content must decide."""
    name = path.name.lower()
    for suffix in COMPRESSED:
        name = name.removesuffix(suffix)
    for suffixes, kind in ((".jsonl", "jsonl"), (".json", "json"), ((".html", ".htm"), "html"), (".txt", "text"),
                           (".parquet", "parquet")):
        if name.endswith(suffixes):
            return kind
    return None


def sniff(text: str) -> str:
    """The format of untyped input: JSON Lines after "{", HTML after "<", else text."""
    head = text.lstrip("\ufeff \t\r\n")[:1]
    return {"{": "jsonl", "<": "html"}.get(head, "text")


def _open(path: Path) -> BinaryIO:
    """The file as a binary stream, decompressed on the fly for ``.gz`` and ``.zst``."""
    name = path.name.lower()
    if name.endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    if name.endswith(".zst"):
        return open_zstd(path)
    return path.open("rb")


def _read_limited(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; InputError when it (or its decompressed content) is over ``max_bytes``."""
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(str(path), _too_big(f"file is {megabytes(size)} MB", max_bytes))
    with _open(path) as stream:
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(str(path), _too_big("file is larger once decompressed", max_bytes))
    return data


def _too_big(what: str, max_bytes: int) -> str:
    """The message for input over the size limit, with the fix."""
    return f"{what}, over the limit of {megabytes(max_bytes)} MB; split it or raise --max-bytes"


def _text(data: bytes, source: str) -> str:
    """Decoded text; InputError "empty file" when there is nothing but whitespace."""
    text = decode_bytes(data, source)
    if not text.strip(" \t\r\n\f\v\ufeff"):
        raise InputError(source, "empty file")
    return text


def parse_text(text: str, kind: str, source: str, *, on_error: ErrorHandler, max_bytes: int) -> Iterator[Document]:
    """The documents of decoded input of a known kind."""
    if kind == "html":
        yield parse_html(text, source=source)
    elif kind == "json":
        yield from _read_json(text, source, on_error=on_error, max_bytes=max_bytes)
    elif kind == "jsonl":
        stream = io.BytesIO(text.encode("utf-8"))
        yield from read_jsonl(stream, source, on_error=on_error, max_bytes=max_bytes)
    else:
        yield parse_page(text, source=source)


def _read_json(text: str, source: str, *, on_error: ErrorHandler, max_bytes: int) -> Iterator[Document]:
    """A ``.json`` file: one article object, an array of them, or JSON Lines after all."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        yield from parse_text(text, "jsonl", source, on_error=on_error, max_bytes=max_bytes)
        return
    if isinstance(data, dict):
        yield record_document(data, source, None)
        return
    if not isinstance(data, list):
        raise InputError(source, f"expected an article object or an array of them, got {type(data).__name__}")
    for index, record in enumerate(data, 1):
        try:
            doc = record_document(record, source, None)
        except InputError as error:
            on_error(InputError(source, f"item {index}: {error.reason}"))
            continue
        yield doc


def read_stdin(*, on_error: ErrorHandler, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document]:
    """Standard input, sniffed: JSON Lines (streamed), HTML or text."""
    stream = _stdin()
    if sniff(stream.peek(8192)[:8192].decode("utf-8", "replace")) == "jsonl":
        yield from read_jsonl(stream, STDIN, on_error=on_error, max_bytes=max_bytes)
        return
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(STDIN, _too_big("standard input is larger", max_bytes))
    text = _text(data, STDIN)
    yield from parse_text(text, sniff(text), STDIN, on_error=on_error, max_bytes=max_bytes)


def _stdin() -> io.BufferedReader:
    """Standard input as a peekable byte stream (also when tests replace it with a StringIO)."""
    buffer = getattr(sys.stdin, "buffer", None)
    if isinstance(buffer, io.BufferedReader):
        return buffer
    raw = buffer.read() if buffer is not None else sys.stdin.read().encode("utf-8")
    return io.BufferedReader(io.BytesIO(raw))  # type: ignore[arg-type]
