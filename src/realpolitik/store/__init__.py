"""The embedded DuckDB store: versioned schema, idempotent writes, queries."""

from .schema import SCHEMA_VERSION
from .store import Store

__all__ = ["SCHEMA_VERSION", "Store"]
