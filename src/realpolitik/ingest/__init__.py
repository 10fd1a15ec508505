"""Ingest: files, directories, standard input, HTML and JSON Lines → ``Document`` records.

    reads   paths, directories (walked), "-" (stdin); .txt .html .htm .jsonl .json, and .gz of them
    writes  Document (title, dateline, body, key points, dated related headlines, each part's span)

Bad input never stops a batch: each unreadable file or JSON line goes to ``on_error`` as an
InputError that names the file (and line), and reading goes on.
"""

from __future__ import annotations

from .encoding import decode_bytes
from .files import read_file, read_inputs, read_stdin
from .html import parse_html
from .page import parse_page

__all__ = ["decode_bytes", "parse_html", "parse_page", "read_file", "read_inputs", "read_stdin"]
