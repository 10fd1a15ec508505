"""Shared CLI helpers: error reporting, output formats, progress."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from pathlib import Path

from rich.console import Console
from rich.table import Table

from ..errors import RealpolitikError
from ..model import Document, Event

EVENT_FIELDS = ("doc", "source", "source_sector", "target", "target_sector", "type", "mode", "modality",
                "flow", "cameo", "goldstein", "quad", "date", "date_source", "evidence", "trigger",
                "evidence_start", "evidence_end", "part", "language", "confidence", "rule", "producer",
                "source_person", "target_person", "id", "doc_id", "sentence_index", "doc_source")

err_console = Console(stderr=True, highlight=False)
PIPE_WIDTH = 140  # tables written to a pipe or file get this width instead of the 80-column fallback


def out_console() -> Console:
    """A console on stdout: the terminal's width, or PIPE_WIDTH when stdout is not a terminal."""
    console = Console()
    return console if console.is_terminal else Console(width=PIPE_WIDTH)


class ErrorLog:
    """Collects skipped inputs: one red line each on stderr, and a count for the exit code."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, error: RealpolitikError) -> None:
        self.count += 1
        err_console.print(f"[red]error:[/red] {error}", markup=True, soft_wrap=True)

    def exit_code(self) -> int:
        return 1 if self.count else 0


def doc_name(doc: Document) -> str:
    """The name a document goes by in output: the JSON Lines id, else the file's base name."""
    if doc.line is not None or doc.source in ("<stdin>", "-"):
        return doc.id
    return Path(doc.source).name or doc.id


def event_row(doc: Document, event: Event) -> dict:
    """One output record for an event."""
    record = event.to_record()
    record["doc"] = doc_name(doc)
    return {name: record.get(name) for name in EVENT_FIELDS}


def write_events(rows: Iterable[dict], fmt: str, out=None) -> None:
    """Write event rows as jsonl, csv or a rich table."""
    out = out or sys.stdout
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        out.flush()
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=EVENT_FIELDS, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ";".join(v) if isinstance(v, list) else v for k, v in row.items()})
    else:
        print_table(list(rows))


def print_table(rows: list[dict]) -> None:
    """Events as a rich table, evidence included."""
    table = Table(show_lines=False)
    for name in ("doc", "date", "source", "type", "target", "modality", "flow", "evidence"):
        table.add_column(name, overflow="fold", max_width=60 if name == "evidence" else None)
    for row in rows:
        flow = ", ".join(row.get("flow") or [])
        source = "/".join(x for x in (row.get("source"), row.get("source_sector")) if x)
        target = "/".join(x for x in (row.get("target"), row.get("target_sector")) if x)
        table.add_row(str(row.get("doc")), str(row.get("date") or ""), source, str(row.get("type")), target,
                      str(row.get("modality")), flow, str(row.get("evidence") or ""))
    out_console().print(table)
