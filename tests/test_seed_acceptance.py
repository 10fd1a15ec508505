"""The seed page: realpolitik must read it as the analyst does (../shared/seed/expected.json)."""

from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

from realpolitik.cli import app
from realpolitik.evaluate import group_predictions, load_gold, score


runner = CliRunner()


def _extract(seed_path) -> list[dict]:
    result = runner.invoke(app, ["extract", str(seed_path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_seed_scores(seed_path, seed_gold):
    events = _extract(seed_path)
    gold = load_gold(seed_gold)
    summary = score(gold, group_predictions(events, {g["id"] for g in gold})).summary(len(gold))
    assert summary["recall"] == 1.0
    assert summary["precision"] >= 0.9
    assert summary["modality_accuracy"] == 1.0


def test_seed_scores_with_reference_scorer(seed_path, seed_gold, tmp_path):
    scorer = seed_gold.parent.parent / "eval" / "score.py"
    pred = tmp_path / "pred.jsonl"
    pred.write_text("\n".join(json.dumps(e) for e in _extract(seed_path)) + "\n")
    out = subprocess.run([sys.executable, str(scorer), str(seed_gold), str(pred), "--json"],
                         capture_output=True, text=True, check=True)
    summary = json.loads(out.stdout)
    assert summary["recall"] == 1.0 and summary["precision"] >= 0.9 and summary["modality_accuracy"] == 1.0


def test_seed_never_codes_the_dateline(seed_path):
    events = _extract(seed_path)
    assert events
    assert not [e for e in events if "DEU" in (e["source"], e["target"]) and e["part"] != "related"]
    assert not [e for e in events if {e["source"], e["target"]} == {"KOR", "JPN"}]
    assert not [e for e in events if e["source"] in ("JPN", "USA")]


def test_seed_hoped_technology_is_hypothetical(seed_path):
    events = _extract(seed_path)
    tech = [e for e in events if "technology" in (e["flow"] or [])]
    assert tech and all(e["modality"] == "hypothetical" for e in tech)
    assert all(e["source"] == "RUS" and e["target"] == "PRK" for e in tech)


def test_seed_system(seed_path, tmp_path):
    db = tmp_path / "seed.duckdb"
    result = runner.invoke(app, ["ingest", str(seed_path), "--db", str(db)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["system", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    system = json.loads(result.stdout)
    assert any({"RUS", "PRK"} <= set(bloc["members"]) for bloc in system["blocs"])
    flows = {(f["from"], f["to"], f["modality"]): set(f["items"]) for f in system["flows"]}
    assert {"troops", "weapons", "missiles"} <= flows[("PRK", "RUS", "asserted")]
    assert "technology" in flows[("RUS", "PRK", "hypothetical")]
    assert "technology" not in flows.get(("RUS", "PRK", "asserted"), set())
    concerned = {c["actor"] for c in system["concerned"]}
    assert {"KOR", "JPN"} <= concerned
    # the dateline "Berlin" is a place of writing: DEU appears only through the related BND headline
    deu = [e for e in system["edges"] if "DEU" in (e["a"], e["b"])]
    assert all(e["related_only"] for e in deu)
