"""``serve``: the REST API and the dashboard over a store, with uvicorn."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from ..errors import RealpolitikError
from ..settings import default_db_path
from .output import err_console


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the app."""
    app.command("serve")(serve_cmd)


def serve_cmd(
    db: Annotated[Path | None, typer.Option(help="DuckDB file (default: $REALPOLITIK_DB or ~/.local/share).")] = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 8000,
    token_env: Annotated[str | None, typer.Option(
        "--token-env", help="Name of an environment variable holding the ingest token.")] = None,
    token: Annotated[str | None, typer.Option(
        help="Ingest token (visible in the process list: prefer --token-env).")] = None,
) -> None:
    """Serve the REST API (/api/v1, schema at /openapi.json) and the dashboard (/).

    Read-only unless an ingest token is set; then POST /api/v1/ingest needs
    'Authorization: Bearer <token>'.
    """
    import uvicorn

    from ..store import Store
    from ..web import create_app

    secret = _token(token, token_env)
    path = db or default_db_path()
    try:  # fail now with one clear line rather than on every request; with a token, create the store
        Store(path, read_only=secret is None).close()
    except RealpolitikError as error:
        err_console.print(f"[red]error:[/red] {error}", soft_wrap=True)
        raise typer.Exit(1) from None
    from ..actors import load_resolver

    load_resolver()  # the actor data (a few seconds), loaded now rather than on the first evidence request
    mode = "ingest open with token" if secret else "read-only"
    err_console.print(f"realpolitik serving {path} ({mode}) on http://{host}:{port}/")
    uvicorn.run(create_app(path, secret), host=host, port=port, log_level="warning")


def _token(token: str | None, token_env: str | None) -> str | None:
    """The ingest token from --token or the variable --token-env names; None when neither is set."""
    if token_env:
        value = os.environ.get(token_env)
        if not value:
            raise typer.BadParameter(f"environment variable {token_env} is not set or empty",
                                     param_hint="--token-env")
        return value
    return token or None
