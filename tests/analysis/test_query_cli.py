"""The query commands (events, actors, dyad, system) on a small store, through a tiny typer app."""

from __future__ import annotations

import csv
import io
import json

import pytest
import typer
from typer.testing import CliRunner

from realpolitik.cli.query import register
from realpolitik.store import Store

runner = CliRunner(env={"COLUMNS": "250"})  # rich folds narrow tables


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


@pytest.fixture
def db(tmp_path, seed_doc, seed_events):
    path = tmp_path / "seed.duckdb"
    with Store(path) as store:
        store.add(seed_doc, seed_events)
    return path


def _run(app, *args):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_events_jsonl_with_filters(app, db):
    out = _run(app, "events", "--db", db, "--actor", "jpn", "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["source"], r["type"], r["target"], r["modality"]) for r in rows] == [
        ("PRK", "THREATEN", "JPN", "hypothetical")]
    assert rows[0]["doc"] == "seed.txt"
    out = _run(app, "events", "--db", db, "--type", "AID", "--modality", "asserted", "--since", "2024-11-20",
               "--format", "jsonl")
    assert [json.loads(line)["flow"] for line in out.splitlines()] == [["troops", "weapons", "missiles"]]


def test_events_csv_table_limit_lang(app, db):
    rows = list(csv.DictReader(io.StringIO(_run(app, "events", "--db", db, "--format", "csv", "--limit", "3"))))
    assert len(rows) == 3 and rows[0]["source"]
    assert _run(app, "events", "--db", db, "--lang", "en", "--format", "jsonl") == ""
    assert "technology" in _run(app, "events", "--db", db)


def test_actors(app, db):
    rows = [json.loads(line) for line in _run(app, "actors", "--db", db, "--format", "jsonl").splitlines()]
    assert rows[0]["code"] in ("RUS", "PRK") and {"KOR", "JPN", "UKR", "WST", "DEU"} <= {r["code"] for r in rows}
    assert "as_source" in _run(app, "actors", "--db", db)


def test_dyad_json_and_table(app, db):
    result = json.loads(_run(app, "dyad", "RUS", "PRK", "--db", db, "--format", "json"))
    assert {r["source"] for r in result["by_type"]} == {"RUS", "PRK"}
    assert {r["month"] for r in result["by_month"]} == {"2024-11"}
    assert len(result["events"]) == 9 and all(e["evidence"] for e in result["events"])
    table = _run(app, "dyad", "rus", "prk", "--db", db)
    assert "By type" in table and "By month" in table and "alliance" in table
    assert "no events" in _run(app, "dyad", "RUS", "USA", "--db", db)


def test_system_json_matches_the_seed(app, db):
    result = json.loads(_run(app, "system", "--db", db, "--format", "json"))
    assert [b["members"] for b in result["blocs"]] == [["PRK", "RUS"]]
    flows = {(f["from"], f["to"], f["modality"]): set(f["items"]) for f in result["flows"]}
    assert flows[("PRK", "RUS", "asserted")] == {"troops", "weapons", "missiles"}
    assert flows[("RUS", "PRK", "hypothetical")] == {"technology"}
    assert flows[("RUS", "PRK", "asserted")] == {"missiles"}
    assert {"KOR", "JPN"} <= {c["actor"] for c in result["concerned"]}
    assert {o["actor"] for o in result["opposed"]} == {"UKR", "WST"}


def test_system_table_and_range(app, db):
    out = _run(app, "system", "--db", db)
    assert "PRK – RUS" in out and "hypothetical" in out
    result = json.loads(_run(app, "system", "--db", db, "--until", "2024-11-15", "--format", "json"))
    assert result["n_events"] == 4 and result["until"] == "2024-11-15"


@pytest.mark.parametrize("command", [["events"], ["actors"], ["dyad", "RUS", "PRK"], ["system"]])
def test_missing_db_is_one_clean_line(app, tmp_path, command):
    result = runner.invoke(app, [*command, "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "no such store" in result.stderr and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_bad_options_are_refused(app, db):
    assert runner.invoke(app, ["events", "--db", str(db), "--format", "xml"]).exit_code == 2
    assert runner.invoke(app, ["system", "--db", str(db), "--since", "last week"]).exit_code == 2


def test_default_db_comes_from_settings(app, db, monkeypatch):
    monkeypatch.setenv("REALPOLITIK_DB", str(db))
    assert "RUS" in _run(app, "actors", "--format", "csv")
