"""The HTML report: self-contained, escaped, with every section, over a date range."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from realpolitik.cli import app

VISIT = Path(__file__).resolve().parent / "fixtures" / "occurrence" / "visit.jsonl"
runner = CliRunner()
HOSTILE = {"id": "hostile", "lang": "en", "url": "javascript:alert(1)", "published": "2025-03-26",
           "title": "Brazil's president visits Japan <script>alert('x')</script>",
           "text": "Brazil's president visited Japan on Wednesday. <script>alert('y')</script>"}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    path = folder / "r.duckdb"
    result = runner.invoke(app, ["ingest", str(VISIT), str(hostile), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


def _report(db, out, *extra) -> str:
    result = runner.invoke(app, ["report", "--db", str(db), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def test_report_is_self_contained_with_every_section(db, tmp_path):
    html = _report(db, tmp_path / "report.html")
    for heading in ("Actor graph", "Blocs", "Flows", "Dyad timelines", "Turning points", "Top events with evidence"):
        assert f"<h2>{heading}" in html
    assert "<svg" in html and "<style>" in html
    assert not re.search(r"<script|<link|src=|@import|https?://[^\"<]*\.(js|css)", html, re.I)
    assert "BRA" in html and "JPN" in html


def test_article_text_is_escaped_and_hostile_links_are_not_links(db, tmp_path):
    html = _report(db, tmp_path / "report.html")
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html or "&lt;script&gt;alert(&#x27;y&#x27;)" in html
    assert "<script" not in html.lower()
    assert 'href="javascript' not in html.lower()
    assert 'href="https://www.harbour-gazette.example/' in html


def test_report_honours_the_date_range(db, tmp_path):
    html = _report(db, tmp_path / "empty.html", "--until", "2020")
    assert "0 occurrences in range" in html and "No actor pairs in this range" in html


def test_report_bad_bucket_is_a_clear_error(db, tmp_path):
    result = runner.invoke(app, ["report", "--db", str(db), "-o", str(tmp_path / "x.html"), "--bucket", "year"])
    assert result.exit_code == 2 and "must be one of day, week, month" in result.output
