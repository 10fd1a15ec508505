"""``realpolitik report``: one self-contained HTML file (inline CSS and SVG, nothing fetched)."""

from .html import build_report, render_report

__all__ = ["build_report", "render_report"]
