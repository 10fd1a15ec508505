"""Exports read back by real readers: DuckDB reads the Parquet, networkx the GraphML, csv the GDELT TSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import networkx as nx
import pytest
from typer.testing import CliRunner

from realpolitik.cli import app
from realpolitik.export import GDELT_COLUMNS, export
from realpolitik.store import Store

VISIT = Path(__file__).resolve().parent / "fixtures" / "occurrence" / "visit.jsonl"
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "visit.duckdb"
    result = runner.invoke(app, ["ingest", str(VISIT), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


def _export(db, fmt, out, *extra):
    result = runner.invoke(app, ["export", "--format", fmt, "--db", str(db), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return out


def test_gdelt_has_61_tab_separated_columns_and_the_counts(db, tmp_path):
    path = _export(db, "gdelt", tmp_path / "events.tsv")
    text = path.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows and all(len(row) == 61 for row in rows)
    by_name = [dict(zip(GDELT_COLUMNS, row, strict=True)) for row in rows]
    (visit,) = [r for r in by_name if r["EventRootCode"] == "04"]
    assert (visit["NumSources"], visit["NumArticles"]) == ("8", "8")
    assert visit["SQLDATE"] == "20250326" and visit["MonthYear"] == "202503" and visit["Year"] == "2025"
    assert {visit["Actor1CountryCode"], visit["Actor2CountryCode"]} == {"BRA", "JPN"}
    assert visit["Actor1Name"] in ("BRAZIL", "JAPAN") and visit["QuadClass"] == "1"
    assert visit["SOURCEURL"].startswith("https://") and len(visit["DATEADDED"]) == 14
    assert visit["AvgTone"] == "" and visit["ActionGeo_Lat"] == ""


def test_plover_records_parse_with_the_documented_keys(db, tmp_path):
    path = _export(db, "plover", tmp_path / "events.jsonl")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(records) >= 16
    keys = {"id", "date", "source", "recipient", "event", "mode", "context", "quad_code", "event_scale",
            "event_text", "text_info", "cite_info", "link", "coder", "modality", "flow", "cameo"}
    for record in records:
        assert keys <= set(record)
        assert isinstance(record["source"], list) and record["source"][0]["code"]
        assert {"sequence", "start", "end", "sentence"} <= set(record["text_info"])
        assert {"url", "title", "language", "publication"} <= set(record["cite_info"])
    visits = [r for r in records if r["event"] == ["CONSULT"]]
    assert len({r["link"] for r in visits}) == 1 and len({r["cite_info"]["url"] for r in visits}) == 8
    record = visits[0]
    assert record["text_info"]["sentence"] and record["cite_info"]["url"].startswith("https://")


def test_parquet_read_by_duckdb_has_the_events_schema(db, tmp_path):
    path = _export(db, "parquet", tmp_path / "events.parquet")
    with Store(db, read_only=True) as store:
        stored = store.counts()["events"]
        names = list(store.events(limit=1)[0])
    con = duckdb.connect()
    assert con.execute(f"SELECT count(*) FROM '{path}'").fetchone() == (stored,)
    columns = [d[0] for d in con.execute(f"SELECT * FROM '{path}' LIMIT 1").description]
    assert set(names) | {"occurrence_id"} == set(columns)
    assert con.execute(f"SELECT count(DISTINCT occurrence_id) FROM '{path}' WHERE type = 'CONSULT'").fetchone() == (1,)
    flow_type = con.execute(f"SELECT typeof(flow) FROM '{path}' LIMIT 1").fetchone()
    assert flow_type == ("VARCHAR[]",)


def test_graphml_read_by_networkx(db, tmp_path):
    path = _export(db, "graphml", tmp_path / "graph.graphml")
    graph = nx.read_graphml(path)
    assert graph.has_edge("BRA", "JPN")
    data = graph["BRA"]["JPN"]
    assert data["sign"] == 1 and data["count"] >= 1 and "CONSULT" in data["types"]
    assert graph.nodes["BRA"]["label"] == "BRA"


def test_csv_read_back_and_since_until(db, tmp_path):
    path = _export(db, "csv", tmp_path / "events.csv")
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert rows and "occurrence_id" in rows[0] and "evidence" in rows[0]
    empty = _export(db, "csv", tmp_path / "none.csv", "--until", "2020")
    assert len(list(csv.DictReader(io.StringIO(empty.read_text(encoding="utf-8"))))) == 0
    later = _export(db, "gdelt", tmp_path / "later.tsv", "--since", "2025-03-27")
    assert all(line.split("\t")[1] >= "20250327" for line in later.read_text().splitlines())


def test_csv_to_a_stream_matches_the_file_columns(db, tmp_path):
    buffer = io.StringIO()
    with Store(db, read_only=True) as store:
        count = export(store, "csv", buffer)
    header = buffer.getvalue().splitlines()[0]
    file_header = _export(db, "csv", tmp_path / "e.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == file_header and count == len(buffer.getvalue().splitlines()) - 1


def test_bad_format_and_parquet_to_stdout_are_clear_errors(db):
    result = runner.invoke(app, ["export", "--format", "xml", "--db", str(db)])
    assert result.exit_code == 2 and "--format must be one of" in result.output
    result = runner.invoke(app, ["export", "--format", "parquet", "--db", str(db)])
    assert result.exit_code == 2 and "give a file with -o" in result.output
