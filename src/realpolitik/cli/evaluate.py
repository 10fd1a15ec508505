"""``eval``: code a gold set's texts (or read given predictions) and score them like score.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ..errors import GoldError, InputError, RealpolitikError
from ..evaluate import group_predictions, load_gold, prf, score
from ..settings import Settings
from .output import ErrorLog, err_console
from .predict import predict_gold


def register(app: typer.Typer) -> None:
    """Add ``eval`` to the app."""
    app.command("eval")(eval_cmd)


def eval_cmd(
    gold: Annotated[list[Path], typer.Argument(help="Gold file(s): JSON Lines, or the seed's expected.json.")],
    pred: Annotated[Path | None, typer.Option(help="Score these predictions (JSON Lines) instead.")] = None,
    show: Annotated[int, typer.Option(help="List up to N missed and N extra triples.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON summary line.")] = False,
    min_confidence: Annotated[float, typer.Option(help="Leave out events below this confidence.")] = 0.5,
    pack_proposals: Annotated[bool, typer.Option(
        "--pack-proposals", help="Also score the classifier's proposals (at or above the proposal threshold) "
                                 "in languages that have a pack.")] = False,
) -> None:
    """Score realpolitik on gold sets: the same figures as ../shared/eval/score.py."""
    errors = ErrorLog()
    try:
        docs = [doc for path in gold for doc in read_gold(path)]
        if pred is not None:
            predictions = read_predictions(pred)
        else:
            settings = Settings(min_confidence=min_confidence, pack_proposals=pack_proposals)
            predictions = [e for path in gold for e in predict_gold(path, settings, errors)]
    except (RealpolitikError, OSError, UnicodeDecodeError) as error:
        err_console.print(f"[red]error:[/red] {error}", soft_wrap=True)
        raise typer.Exit(1) from None
    result = score(docs, group_predictions(predictions, {str(d["id"]) for d in docs}))
    summary = result.summary(len(docs))
    if as_json:
        print(json.dumps(summary))
    else:
        _print(summary, result, show)
    raise typer.Exit(errors.exit_code())


def read_gold(path: Path) -> list[dict]:
    """Gold documents of a file; GoldError (naming the file and document) when one lacks "id" or "events"."""
    docs = load_gold(path)
    for number, doc in enumerate(docs, 1):
        where = f"{path}: document {number}"
        if not isinstance(doc, dict):
            raise GoldError(f"{where}: expected a JSON object, got {type(doc).__name__}")
        if doc.get("id") is None:
            raise GoldError(f'{where}: no "id"')
        if not isinstance(doc.get("events"), list) or not all(isinstance(e, dict) for e in doc["events"]):
            raise GoldError(f'{where} ({doc["id"]}): "events" must be a list of event objects')
        for event in doc["events"]:
            if not all(event.get(key) for key in ("source", "target", "type")):
                raise GoldError(f'{where} ({doc["id"]}): each event needs "source", "target" and "type"')
    return docs


def read_predictions(path: Path) -> list[dict]:
    """Predicted events, one JSON object a line; InputError naming the file and line of a bad one."""
    events = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            event = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(str(path), f"invalid JSON: {error.msg} (column {error.colno})", number) from None
        if not isinstance(event, dict):
            raise InputError(str(path), f"expected a JSON object, got {type(event).__name__}", number)
        events.append(event)
    return events


def _print(summary: dict, result, show: int) -> None:
    precision, recall, f1 = prf(result.totals)
    print(f"documents {summary['docs']}  precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    print(f"modality accuracy {summary['modality_accuracy']}  source sector accuracy {summary['sector_accuracy']}")
    print("F1 by language: " + "  ".join(f"{k} {v}" for k, v in summary["by_lang"].items()))
    print("F1 by type:     " + "  ".join(f"{k} {v}" for k, v in summary["by_type"].items()))
    for label, rows in (("missed", result.misses), ("extra", result.extras)):
        for doc, key, evidence in rows[:show]:
            print(f"{label:7} {doc}: {key[0]} -> {key[1]} {key[2]}  | {evidence[:120]}")
