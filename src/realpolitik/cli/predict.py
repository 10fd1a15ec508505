"""Run the pipeline over a gold file's texts and return prediction rows."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from ..errors import GoldError
from ..ingest import parse_page, read_inputs
from ..pipeline import process
from ..settings import Settings
from .output import ErrorLog, event_row


def predict_gold(path: Path, settings: Settings, errors: ErrorLog) -> list[dict]:
    """Predicted event rows for every document of a gold file."""
    text = path.read_text("utf-8")
    if text.lstrip().startswith("{") and '"file"' in text.lstrip()[:400]:
        return _predict_page(path, json.loads(text), settings, errors)
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        gold = json.loads(line)
        doc = parse_page(gold.get("text", ""), source=f"{path}", published=_date(gold.get("published")),
                         language=gold.get("lang"), title=gold.get("title", ""), line=number)
        doc = _with_id(doc, str(gold["id"]))
        result = process(doc, settings, on_error=errors)
        if result:
            rows.extend(event_row(*result[:1], e) for e in result[1])
    return rows


def _predict_page(path: Path, gold: dict, settings: Settings, errors: ErrorLog) -> list[dict]:
    """The seed format names an article file that lies beside the gold file."""
    article = path.parent / gold["file"]
    if not article.exists():
        raise GoldError(f"{path}: the article {gold['file']} is not beside it")
    rows = []
    for doc in read_inputs([article], on_error=errors):
        result = process(doc, settings, on_error=errors)
        if result:
            rows.extend(event_row(result[0], e) for e in result[1])
    return rows


def _with_id(doc, doc_id: str):
    import dataclasses
    return dataclasses.replace(doc, id=doc_id)


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
