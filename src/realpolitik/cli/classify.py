"""``train-classifier``: retrain the fallback classifier from the team's examples, or report on it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import RealpolitikError
from .output import err_console


def register(app: typer.Typer) -> None:
    """Add ``train-classifier`` to the app."""
    app.command("train-classifier")(train_classifier_cmd)


def train_classifier_cmd(
    examples: Annotated[Path | None, typer.Option(help="Labelled sentences, JSON Lines (default: the packaged "
                                                       "classify/data/train.jsonl).")] = None,
    out: Annotated[Path | None, typer.Option(help="Model file to write (default: the packaged "
                                                  "classify/data/model.npz).")] = None,
    check: Annotated[bool, typer.Option("--check", help="Report held-out accuracy and ECE of the model at "
                                                        "--out; write nothing.")] = False,
) -> None:
    """Train the fallback classifier (weights on 70% of the examples, temperature on 15%) and print its
    accuracy and calibration error on the held-out 15%."""
    from ..classify.examples import TRAIN_FILE
    from ..classify.model import MODEL_FILE
    from ..classify.train import run_training

    try:
        lines = run_training(examples or TRAIN_FILE, out or MODEL_FILE, check=check)
    except RealpolitikError as error:
        err_console.print(f"[red]error:[/red] {error}", soft_wrap=True)
        raise typer.Exit(1) from None
    for line in lines:
        print(line)
