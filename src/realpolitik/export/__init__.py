"""Exports for other tools: GDELT-style TSV, PLOVER JSON Lines, Parquet, GraphML, CSV.

``export(store, fmt, out, since=, until=)`` writes one format; see docs/export.md for each layout.
"""

from .formats import FORMATS, export
from .gdelt import GDELT_COLUMNS, gdelt_rows
from .plover import plover_records

__all__ = ["FORMATS", "GDELT_COLUMNS", "export", "gdelt_rows", "plover_records"]
