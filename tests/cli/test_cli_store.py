"""``ingest`` (idempotent, ``--db``) and the query commands on a store built from the seed and our articles."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from cli_support import DE, EN, HTML, RECORDS, app, invoke, jsonl, rows
from typer.testing import CliRunner

from realpolitik.store import Store

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "000_2ea6db9797bc8efc.txt"


def snapshot(path: Path) -> tuple[dict[str, int], list[str]]:
    """Row counts and sorted event ids of a store."""
    with Store(path, read_only=True) as store:
        return store.counts(), sorted(e["id"] for e in store.events())


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A store holding the seed page and our own articles (built once for the module)."""
    if not SEED.exists():
        pytest.skip(f"{SEED} is absent: ../shared is not beside this checkout")
    folder = tmp_path_factory.mktemp("store")
    for name, text in (("en.txt", EN), ("de.txt", DE), ("talks.html", HTML), ("wire.jsonl", jsonl(RECORDS))):
        (folder / name).write_text(text, "utf-8")
    db = folder / "rp.duckdb"
    result = invoke(CliRunner(), "ingest", "--db", db, SEED, folder)
    assert result.exit_code == 0, result.stderr
    return db


def test_ingest_twice_changes_nothing(runner, articles, tmp_path):
    db = tmp_path / "twice.duckdb"
    first = invoke(runner, "ingest", "--db", db, *articles.values())
    assert first.exit_code == 0 and "5 documents added" in first.stderr
    before = snapshot(db)
    assert before[0]["documents"] == 5 and before[0]["events"] > 5
    again = invoke(runner, "ingest", "--db", db, *articles.values())
    assert again.exit_code == 0 and "0 documents added, 5 already stored" in again.stderr
    assert snapshot(db) == before
    # the same texts by another route (a folder, standard input) are the same documents
    invoke(runner, "ingest", "--db", db, articles["en"].parent)
    assert snapshot(db) == before


def test_ingest_honours_db_and_env(runner, articles, tmp_path, monkeypatch):
    monkeypatch.setenv("REALPOLITIK_DB", str(tmp_path / "env.duckdb"))
    assert invoke(runner, "ingest", "--db", tmp_path / "opt.duckdb", articles["de"]).exit_code == 0
    assert (tmp_path / "opt.duckdb").exists() and not (tmp_path / "env.duckdb").exists()
    assert invoke(runner, "ingest", articles["de"]).exit_code == 0
    assert snapshot(tmp_path / "env.duckdb") == snapshot(tmp_path / "opt.duckdb")


def test_ingest_keeps_good_input_of_a_bad_batch(runner, articles, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(jsonl(RECORDS[:1]) + '{"id": "cut", "te\n' + jsonl(RECORDS[1:]), "utf-8")
    db = tmp_path / "bad.duckdb"
    result = invoke(runner, "ingest", "--db", db, articles["en"], tmp_path / "empty.txt", feed)
    assert result.exit_code == 1
    assert "empty.txt: empty file" in result.stderr and "feed.jsonl:2:" in result.stderr
    assert "3 documents added" in result.stderr and "2 skipped" in result.stderr
    assert snapshot(db)[0]["documents"] == 3


def test_ingest_max_bytes(runner, articles, tmp_path):
    result = invoke(runner, "ingest", "--db", tmp_path / "m.duckdb", articles["en"], "--max-bytes", 100)
    assert result.exit_code == 1 and "en.txt" in result.stderr and "limit" in result.stderr


def test_events_filters(runner, built):
    every = rows(invoke(runner, "events", "--db", built, "--format", "jsonl").stdout)
    assert {"000_2ea6db9797bc8efc.txt", "en.txt", "de.txt", "talks.html"} <= {r["doc"] for r in every}
    assert {"jp-cn", "it-ua"} <= {r["doc_id"] for r in every}
    assert all(r["evidence"] for r in every)
    rus = rows(invoke(runner, "events", "--db", built, "--actor", "rus", "--format", "jsonl").stdout)
    assert rus and all("RUS" in (r["source"], r["target"]) for r in rus) and len(rus) < len(every)
    aid = rows(invoke(runner, "events", "--db", built, "--type", "aid", "--format", "jsonl").stdout)
    assert aid and {r["type"] for r in aid} == {"AID"}
    hypo = rows(invoke(runner, "events", "--db", built, "--modality", "hypothetical", "--format", "jsonl").stdout)
    assert hypo and {r["modality"] for r in hypo} == {"hypothetical"}


def test_events_name_jsonl_documents_like_extract(runner, built):
    every = rows(invoke(runner, "events", "--db", built, "--format", "jsonl").stdout)
    assert {"jp-cn", "it-ua"} <= {r["doc"] for r in every}


def test_events_dates(runner, built):
    may = rows(invoke(runner, "events", "--db", built, "--since", "2024-04", "--until", "2024-05-31",
                      "--format", "jsonl").stdout)
    assert {r["doc_id"] for r in may} == {"jp-cn", "it-ua"}
    late = rows(invoke(runner, "events", "--db", built, "--since", "2024-11-01", "--format", "jsonl").stdout)
    assert late and all(r["date"] >= "2024-11-01" for r in late)
    result = invoke(runner, "events", "--db", built, "--since", "last week")
    assert result.exit_code == 2 and "--since" in result.stderr


def test_events_csv_and_table(runner, built):
    table = list(csv.DictReader(io.StringIO(
        invoke(runner, "events", "--db", built, "--actor", "JPN", "--format", "csv").stdout)))
    assert table and all("JPN" in (r["source"], r["target"]) for r in table)
    out = invoke(runner, "events", "--db", built, "--type", "PROTEST").stdout
    assert "Japan protested against China" in out
    assert invoke(runner, "events", "--db", built, "--format", "xml").exit_code == 2


def test_actors(runner, built):
    found = {r["code"]: r for r in rows(invoke(runner, "actors", "--db", built, "--format", "jsonl").stdout)}
    assert {"RUS", "PRK", "FRA", "DEU", "POL", "JPN", "CHN", "ITA", "UKR"} <= set(found)
    assert found["RUS"]["total"] == found["RUS"]["as_source"] + found["RUS"]["as_target"]
    assert "PRK" in invoke(runner, "actors", "--db", built).stdout


def test_dyad(runner, built):
    result = json.loads(invoke(runner, "dyad", "RUS", "PRK", "--db", built, "--format", "json").stdout)
    assert result["events"] and all({r["source"], r["target"]} == {"RUS", "PRK"} for r in result["events"])
    assert {"COOPERATE", "AID"} <= {r["type"] for r in result["by_type"]}
    table = invoke(runner, "dyad", "rus", "prk", "--db", built).stdout
    assert "By type" in table and "Evidence" in table
    assert "no events between FRA and PRK" in invoke(runner, "dyad", "FRA", "PRK", "--db", built).stdout


def test_system(runner, built):
    result = json.loads(invoke(runner, "system", "--db", built, "--format", "json").stdout)
    assert result["n_events"] > 10 and result["blocs"]
    assert any({"RUS", "PRK"} <= set(b["members"]) for b in result["blocs"])
    assert invoke(runner, "system", "--db", built).exit_code == 0


@pytest.mark.parametrize("command", [["events"], ["actors"], ["dyad", "RUS", "PRK"], ["system"]])
def test_missing_db(runner, tmp_path, command):
    db = tmp_path / "none.duckdb"
    result = invoke(runner, *command, "--db", db)
    assert result.exit_code == 1 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "none.duckdb" in result.stderr
    assert "Traceback" not in result.stderr and not db.exists()


def test_until_a_month_includes_the_whole_month(runner, built):
    may = rows(invoke(runner, "events", "--db", built, "--since", "2024-05", "--until", "2024-05",
                      "--format", "jsonl").stdout)
    assert "it-ua" in {r["doc_id"] for r in may}  # dated 2024-05-03


def test_dyad_limit_shows_the_most_recent_occurrences_and_counts_them_all(runner, built):
    whole = json.loads(invoke(runner, "dyad", "RUS", "PRK", "--db", built, "--format", "json").stdout)
    total = len(whole["occurrences"])
    assert total == whole["num_occurrences"] > 2
    cut = json.loads(invoke(runner, "dyad", "RUS", "PRK", "--db", built, "--format", "json", "--limit", "2").stdout)
    assert cut["occurrences"] == whole["occurrences"][-2:]  # the two most recent, still in date order
    assert cut["by_type"] == whole["by_type"] and cut["by_month"] == whole["by_month"]
    table = invoke(runner, "dyad", "RUS", "PRK", "--db", built, "--limit", "2").stdout
    assert f"the 2 most recent of {total}" in table
    assert "most recent" not in invoke(runner, "dyad", "RUS", "PRK", "--db", built).stdout  # under 50: all shown
    bad = runner.invoke(app, ["dyad", "RUS", "PRK", "--db", built, "--limit", "-1"])
    assert bad.exit_code == 2
