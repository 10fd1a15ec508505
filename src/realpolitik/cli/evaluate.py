"""``eval``: code a gold set's texts (or read given predictions) and score them like score.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ..errors import RealpolitikError
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
) -> None:
    """Score realpolitik on gold sets: the same figures as ../shared/eval/score.py."""
    errors = ErrorLog()
    try:
        docs = [doc for path in gold for doc in load_gold(path)]
        if pred is not None:
            predictions = [json.loads(line) for line in pred.read_text("utf-8").splitlines() if line.strip()]
        else:
            settings = Settings(min_confidence=min_confidence)
            predictions = [e for path in gold for e in predict_gold(path, settings, errors)]
    except (RealpolitikError, OSError, json.JSONDecodeError) as error:
        err_console.print(f"[red]error:[/red] {error}")
        raise typer.Exit(1) from None
    result = score(docs, group_predictions(predictions, {str(d["id"]) for d in docs}))
    summary = result.summary(len(docs))
    if as_json:
        print(json.dumps(summary))
    else:
        _print(summary, result, show)
    raise typer.Exit(errors.exit_code())


def _print(summary: dict, result, show: int) -> None:
    precision, recall, f1 = prf(result.totals)
    print(f"documents {summary['docs']}  precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    print(f"modality accuracy {summary['modality_accuracy']}  source sector accuracy {summary['sector_accuracy']}")
    print("F1 by language: " + "  ".join(f"{k} {v}" for k, v in summary["by_lang"].items()))
    print("F1 by type:     " + "  ".join(f"{k} {v}" for k, v in summary["by_type"].items()))
    for label, rows in (("missed", result.misses), ("extra", result.extras)):
        for doc, key, evidence in rows[:show]:
            print(f"{label:7} {doc}: {key[0]} -> {key[1]} {key[2]}  | {evidence[:120]}")
