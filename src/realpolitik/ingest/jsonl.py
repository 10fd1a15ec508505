"""JSON Lines articles, read lazily line by line: {"id", "text", "title", "published", "url", "lang"}."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any, BinaryIO

from ..errors import InputError
from ..model import Document
from .dates import parse_iso
from .encoding import decode_bytes
from .page import parse_page

ErrorHandler = Callable[[InputError], None]
_CHUNK = 1 << 20


def read_jsonl(stream: BinaryIO, source: str, *, on_error: ErrorHandler, max_bytes: int) -> Iterator[Document]:
    """The documents of a JSON Lines stream; each bad line goes to ``on_error`` and the rest go on.

    Raises:
        InputError: the stream has no non-blank line at all ("empty file").
    """
    seen = False
    for number, data in _lines(stream, max_bytes):
        if data is not None and not data.strip():
            continue
        seen = True
        try:
            if data is None:
                raise InputError(source, f"line is over the limit of {megabytes(max_bytes)} MB; "
                                         "split it or raise --max-bytes", number)
            doc = parse_json_line(data, source, number)
        except InputError as error:
            on_error(error)
            continue
        yield doc
    if not seen:
        raise InputError(source, "empty file")


def _lines(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) for each line; None for a line longer than ``max_bytes``, skipped unread."""
    number = 0
    while data := stream.readline(max_bytes + 1):
        number += 1
        if len(data) > max_bytes and not data.endswith(b"\n"):
            while (rest := stream.readline(_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield number, None
        else:
            yield number, data


def parse_json_line(data: bytes, source: str, line: int | None) -> Document:
    """One JSON Lines record as a Document. InputError when it is not a valid article record."""
    text = decode_bytes(data, source).lstrip("\ufeff")
    try:
        record = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(source, f"invalid JSON: {error.msg} (column {error.colno})", line) from None
    return record_document(record, source, line)


def record_document(record: Any, source: str, line: int | None) -> Document:
    """A Document from a decoded article record; its ``id`` field, when present, is the document id."""
    if not isinstance(record, dict):
        raise InputError(source, f"expected a JSON object, got {type(record).__name__}", line)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(source, 'no "text" field (or it is empty)', line)
    doc = parse_page(text, source=source, published=_published(record, source, line),
                     title=_string(record.get("title")) or "", line=line, url=_string(record.get("url")),
                     language=_string(record.get("lang") or record.get("language")),
                     doc_id=None if record.get("id") is None else str(record["id"]))
    return doc


def _published(record: dict[str, Any], source: str, line: int | None) -> datetime | None:
    """The record's publication time, None when missing; InputError when it is not ISO 8601."""
    value = record.get("published")
    if value in (None, ""):
        return None
    try:
        return parse_iso(str(value))
    except ValueError:
        raise InputError(source, f'"published" is not an ISO date: {str(value)[:40]!r}', line) from None


def _string(value: Any) -> str | None:
    """A string field, None when absent or not a string."""
    return value if isinstance(value, str) and value.strip() else None


def megabytes(size: int) -> str:
    """A byte count in MB for messages: "200", "1.5", "0.000143"."""
    return f"{size / 2**20:.3g}"
