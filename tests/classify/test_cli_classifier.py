"""The classifier's flags: ``extract --proposals``, ``ingest --proposals`` + ``events --proposals``,
``--no-classifier``, and ``train-classifier --check``."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from realpolitik.classify.examples import LABELS, TRAIN_FILE
from realpolitik.cli import app

# Team-written. English has a pack: its untriggered sentence is a proposal shown only with --proposals.
EN = ("Pounding Odesa\nFrance signed a defence agreement with Germany on Monday. "
      "Russian drones pounded the Ukrainian port of Odesa overnight.\n")
# Japanese has no pack: the classifier codes it, and its confident proposals are in the default output.
JA = "ロシアと北朝鮮\nロシアは北朝鮮に大量の砲弾を送った。中国と日本の外相が東京で会談した。\n"


def _run(*args: object):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def _rows(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


@pytest.fixture
def stories(tmp_path):
    (tmp_path / "en.txt").write_text(EN, "utf-8")
    (tmp_path / "ja.txt").write_text(JA, "utf-8")
    return tmp_path


def _triples(rows: list[dict]) -> set[tuple[str, str, str, str, str]]:
    return {(r["language"], r["source"], r["type"], r["target"], r["producer"]) for r in rows}


def test_extract_shows_pack_proposals_only_with_the_flag(stories):
    default = _rows(_run("extract", stories / "en.txt").stdout)
    assert {r["producer"] for r in default} == {"lexicon"}
    flagged = _rows(_run("extract", stories / "en.txt", "--proposals").stdout)
    assert ("en", "RUS", "ASSAULT", "UKR", "classifier") in _triples(flagged)
    assert [r for r in flagged if r["producer"] == "lexicon"] == default
    proposal = next(r for r in flagged if r["producer"] == "classifier")
    assert proposal["rule"].startswith("classifier:usem3-") and 0.5 <= proposal["confidence"] <= 1


def test_extract_codes_a_language_without_a_pack(stories):
    result = _run("extract", stories / "ja.txt")
    assert result.exit_code == 0, result.stderr
    assert {("ja", "RUS", "AID", "PRK", "classifier"), ("ja", "CHN", "CONSULT", "JPN", "classifier")} \
        <= _triples(_rows(result.stdout))


def test_no_classifier_refuses_a_language_without_a_pack(stories):
    result = _run("extract", stories / "ja.txt", "--no-classifier")
    assert result.exit_code == 1 and "ja.txt" in result.stderr and "'ja' is not supported" in result.stderr


def test_events_hides_stored_proposals_without_the_flag(stories, tmp_path):
    db = tmp_path / "rp.duckdb"
    assert _run("ingest", "--db", db, "--proposals", stories).exit_code == 0
    default = _rows(_run("events", "--db", db, "--format", "jsonl").stdout)
    flagged = _rows(_run("events", "--db", db, "--format", "jsonl", "--proposals").stdout)
    assert ("en", "RUS", "ASSAULT", "UKR", "classifier") in _triples(flagged) - _triples(default)
    assert ("ja", "RUS", "AID", "PRK", "classifier") in _triples(default)
    limited = _rows(_run("events", "--db", db, "--format", "jsonl", "--limit", 1, "--lang", "en").stdout)
    assert len(limited) == 1 and limited[0]["producer"] == "lexicon"


def test_ingest_without_the_flag_stores_no_pack_proposals(stories, tmp_path):
    db = tmp_path / "plain.duckdb"
    assert _run("ingest", "--db", db, stories).exit_code == 0
    stored = _rows(_run("events", "--db", db, "--format", "jsonl", "--proposals").stdout)
    assert not any(r["language"] == "en" and r["producer"] == "classifier" for r in stored)


def test_train_classifier_check_reports_accuracy_and_ece():
    result = _run("train-classifier", "--check")
    assert result.exit_code == 0, result.stderr
    assert "held-out accuracy 0." in result.stdout and "held-out ECE 0." in result.stdout
    assert "wrote" not in result.stdout


def test_train_classifier_writes_a_model(tmp_path):
    examples = tmp_path / "few.jsonl"  # a small set, so the test stays quick: 8 of each label
    lines = TRAIN_FILE.read_text("utf-8").splitlines()
    few = [line for label in LABELS for line in [x for x in lines if f'"label": "{label}"' in x][:8]]
    examples.write_text("\n".join(few) + "\n", "utf-8")
    out = tmp_path / "model.npz"
    result = _run("train-classifier", "--examples", examples, "--out", out)
    assert result.exit_code == 0, result.stderr
    assert out.exists() and f"wrote {out}" in result.stdout
    check = _run("train-classifier", "--check", "--examples", examples, "--out", out).stdout
    assert "held-out accuracy" in check and "warning" not in check
    stale = _run("train-classifier", "--check", "--out", out).stdout  # the packaged examples differ
    assert "warning: the model was trained from other examples" in stale


def test_train_classifier_needs_every_split(tmp_path):
    examples = tmp_path / "two.jsonl"
    examples.write_text("\n".join(TRAIN_FILE.read_text("utf-8").splitlines()[:2]) + "\n", "utf-8")
    result = _run("train-classifier", "--examples", examples, "--out", tmp_path / "m.npz")
    assert result.exit_code == 1 and "two.jsonl: too few examples" in result.stderr


def test_train_classifier_bad_examples_exit_cleanly(tmp_path):
    bad = tmp_path / "train.jsonl"
    bad.write_text("{oops\n", "utf-8")
    result = _run("train-classifier", "--examples", bad, "--out", tmp_path / "m.npz")
    assert result.exit_code == 1 and "train.jsonl:1" in result.stderr and not (tmp_path / "m.npz").exists()
