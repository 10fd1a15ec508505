"""The ``realpolitik`` command line: thin wrappers around importable functions."""

from __future__ import annotations

import typer

from . import analysis, classify, evaluate, query, run, serve

app = typer.Typer(
    name="realpolitik",
    help="Read news in many languages and code who does what to whom between states, with evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
run.register(app)
query.register(app)
evaluate.register(app)
classify.register(app)
analysis.register(app)
serve.register(app)


def main() -> None:
    """Entry point of the ``realpolitik`` script."""
    app()
