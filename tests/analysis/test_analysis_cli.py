"""The occurrence and analysis commands on the seed store: occurrences, dyad --mentions, timeline, turns."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from realpolitik.cli import app
from realpolitik.store import Store

runner = CliRunner(env={"COLUMNS": "250"})


@pytest.fixture
def db(tmp_path, seed_doc, seed_events):
    path = tmp_path / "seed.duckdb"
    with Store(path) as store:
        store.add(seed_doc, seed_events)
    return path


def _run(*args) -> str:
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_occurrences_list_and_one_with_mentions(db):
    rows = [json.loads(line) for line in _run("occurrences", "--db", db, "--format", "jsonl").splitlines()]
    # the title and body COOPERATE of one day are one occurrence; 17 events → 15 occurrences
    assert len(rows) == 15 and sum(r["num_mentions"] for r in rows) == 17
    coop = [r for r in rows if r["type"] == "COOPERATE"]
    assert len(coop) == 1 and coop[0]["num_mentions"] == 2
    shown = json.loads(_run("occurrences", coop[0]["id"], "--db", db, "--format", "jsonl"))
    assert len(shown["mentions"]) == 2 and {m["part"] for m in shown["mentions"]} == {"title", "body"}
    assert "Mentions" in _run("occurrences", coop[0]["id"], "--db", db)
    assert len(_run("occurrences", "--db", db, "--actor", "kor", "--format", "jsonl").splitlines()) == 3


def test_unknown_occurrence_is_a_clear_error(db):
    result = runner.invoke(app, ["occurrences", "nope", "--db", str(db)])
    assert result.exit_code == 1 and "no occurrence 'nope'" in result.output


def test_dyad_counts_occurrences_and_lists_mentions(db):
    result = json.loads(_run("dyad", "RUS", "PRK", "--db", db, "--format", "json", "--mentions"))
    coop = [r for r in result["by_type"] if r["type"] == "COOPERATE"]
    assert coop == [{"source": "RUS", "target": "PRK", "type": "COOPERATE", "modality": "asserted", "count": 1,
                     "mentions": 2}]
    assert all(len(o["mentions"]) == o["num_mentions"] for o in result["occurrences"])
    assert "Mentions of" in _run("dyad", "RUS", "PRK", "--db", db, "--mentions")


def test_timeline_and_turns(db):
    result = json.loads(_run("timeline", "prk", "rus", "--db", db, "--bucket", "week", "--format", "json"))
    assert [b["bucket"] for b in result["buckets"]][0] == "2024-W46" and result["total"]["index"] > 0
    assert "index" in _run("timeline", "PRK", "RUS", "--db", db)
    assert json.loads(_run("turns", "--db", db, "--format", "json", "--bucket", "day", "--threshold", "0.1"))
    assert runner.invoke(app, ["turns", "--db", str(db), "--bucket", "year"]).exit_code == 2
