"""The FastAPI app: the read API, token-gated ingest, and the dashboard, with a strict CSP."""

from __future__ import annotations

import importlib.resources
from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.responses import FileResponse

from ..settings import Settings
from . import api, ingest
from .db import StoreAccess
from .errors import ApiError, install_error_handlers

# Article text is untrusted and the dashboard builds its DOM with textContent, so no inline script
# is needed: scripts only from this origin, no eval. plotly.js writes style attributes and style
# rules from script, which a style-src without 'unsafe-inline' blocks (tried: the graph loses its
# layout), so inline styles are allowed; the page never puts data into markup, so no attacker gets
# to write one.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
       "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                    "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"}
STATIC = {"app.js": "text/javascript", "charts.js": "text/javascript", "style.css": "text/css"}


def plotly_js() -> Path:
    """plotly.js as shipped inside the installed ``plotly`` package (never copied into this repository)."""
    path = Path(str(importlib.resources.files("plotly") / "package_data" / "plotly.min.js"))
    if not path.is_file():
        raise FileNotFoundError(f"{path}: plotly.min.js is missing from the installed plotly package")
    return path


def static_file(name: str) -> Path:
    """A dashboard file shipped in this package."""
    return Path(str(importlib.resources.files(__package__) / "static" / name))


def create_app(db_path: Path | str, token: str | None = None, *, settings: Settings | None = None) -> FastAPI:
    """The web app over one store file.

    Args:
        db_path: the DuckDB store; opened read-only for each request, never held open.
        token: the operator's ingest token; without one, POST /api/v1/ingest is refused (403).
        settings: pipeline settings for ingest (defaults when None).

    Returns:
        A FastAPI app: /api/v1/…, the schema at /openapi.json, and the dashboard at /.
    """
    # No /docs page: FastAPI's Swagger UI loads its JavaScript from a CDN, which this app never does.
    app = FastAPI(title="realpolitik", version="1", docs_url=None, redoc_url=None,
                  description="Events between states coded from news, with evidence. Read-only unless "
                              "the operator sets an ingest token.")
    app.state.store = StoreAccess(db_path)
    app.state.token = token or None
    app.state.settings = settings or Settings()
    install_error_handlers(app)
    app.include_router(api.router)
    app.include_router(ingest.router)
    _add_dashboard(app)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    return app


def _add_dashboard(app: FastAPI) -> None:
    """The dashboard page, its own static files, and plotly.js from the plotly package."""

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(static_file("index.html"), media_type="text/html; charset=utf-8")

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> FileResponse:
        if name not in STATIC:
            raise ApiError(404, f"no static file {name!r}")
        return FileResponse(static_file(name), media_type=f"{STATIC[name]}; charset=utf-8")

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly() -> FileResponse:
        return FileResponse(plotly_js(), media_type="text/javascript; charset=utf-8",
                            headers={"Cache-Control": "public, max-age=86400"})
