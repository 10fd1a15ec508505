"""The web stage: a FastAPI app (REST API under /api/v1, token-gated ingest) and the dashboard.

    reads   the DuckDB store, read-only per request
    writes  nothing, unless the operator sets an ingest token (then POST /api/v1/ingest)
"""

from .app import create_app

__all__ = ["create_app"]
