"""``realpolitik eval`` gives the same figures as ../shared/eval/score.py on the same predictions."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import DE, EN, NO_ACTORS, TIMEOUT, invoke, jsonl, rows

SCORER = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "score.py"

# Our own gold set: some hits, a miss (FRA->UKR AID is coded AGREE), extras, a wrong modality, a
# borderline event, and a document where nothing may be reported.
GOLD = [
    {"id": "g-en", "lang": "en", "published": "2024-03-04", "text": EN, "events": [
        {"source": "FRA", "target": "DEU", "type": "AGREE", "modality": "asserted", "source_sector": None},
        {"source": "FRA", "target": "DEU", "type": "CONSULT", "source_sector": "GOV", "modality": "asserted"},
        {"source": "RUS", "target": "POL", "type": "THREATEN", "modality": "asserted"}]},
    {"id": "g-de", "lang": "de", "text": DE, "events": [
        {"source": "POL", "target": "RUS", "type": "ACCUSE", "modality": "asserted"},
        {"source": "FRA", "target": "UKR", "type": "AID", "modality": "asserted"}]},
    {"id": "g-jp", "lang": "en", "published": "2024-05-02", "text": "Japan protested against China on Tuesday.",
     "events": [{"source": "JPN", "target": "CHN", "type": "PROTEST", "required": False}]},
    {"id": "g-none", "lang": "en", "text": NO_ACTORS, "events": []},
]


def score_py(gold: Path, pred: Path) -> dict:
    """The reference scorer's --json summary."""
    if not SCORER.exists():
        pytest.skip(f"{SCORER} is absent: ../shared is not beside this checkout")
    done = subprocess.run([sys.executable, str(SCORER), str(gold), str(pred), "--json"], capture_output=True,
                          text=True, timeout=TIMEOUT, check=True)
    return json.loads(done.stdout)


def eval_json(runner, *args) -> dict:
    result = invoke(runner, "eval", *args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def gold(tmp_path) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text(jsonl(GOLD), "utf-8")
    return path


def test_seed_page_scores_like_score_py(runner, seed_path, seed_gold, tmp_path):
    pred = tmp_path / "seed.jsonl"
    pred.write_text(invoke(runner, "extract", seed_path).stdout, "utf-8")
    reference = score_py(seed_gold, pred)
    assert eval_json(runner, seed_gold) == reference
    assert eval_json(runner, seed_gold, "--pred", pred) == reference
    assert reference["docs"] == 1 and reference["f1"] > 0


def test_own_gold_scores_like_score_py(runner, gold, tmp_path):
    pred = tmp_path / "pred.jsonl"
    pred.write_text(invoke(runner, "extract", gold).stdout, "utf-8")  # the gold file is JSON Lines input too
    assert {r["doc"] for r in rows(pred.read_text("utf-8"))} <= {"g-en", "g-de", "g-jp"}
    reference = score_py(gold, pred)
    assert eval_json(runner, gold) == reference
    assert eval_json(runner, gold, "--pred", pred) == reference
    assert reference["docs"] == 4 and 0 < reference["precision"] < 1 and 0 < reference["recall"] < 1
    assert set(reference["by_lang"]) == {"de", "en"}


def test_no_predictions_scores_zero(runner, gold, tmp_path):
    empty = tmp_path / "none.jsonl"
    empty.write_text("", "utf-8")
    assert eval_json(runner, gold, "--pred", empty) == score_py(gold, empty)


def test_extra_events_on_the_empty_document_cost_precision(runner, gold, tmp_path):
    pred = tmp_path / "pred.jsonl"
    pred.write_text(jsonl([{"doc": "g-en", "source": "FRA", "target": "DEU", "type": "AGREE"},
                           {"doc": "g-none", "source": "USA", "target": "CHN", "type": "ACCUSE"},
                           {"doc": "g-jp", "source": "JPN", "target": "CHN", "type": "PROTEST"}]), "utf-8")
    summary = eval_json(runner, gold, "--pred", pred)
    assert summary == score_py(gold, pred)
    assert summary["precision"] == 0.5  # the optional PROTEST is neither right nor wrong


def test_text_report_and_show(runner, gold):
    result = invoke(runner, "eval", gold, "--show", 5)
    assert result.exit_code == 0
    assert result.stdout.startswith("documents 4  precision ")
    assert "missed  g-de: FRA -> UKR AID" in result.stdout


def test_eval_errors(runner, gold, tmp_path):
    missing = invoke(runner, "eval", gold, "--pred", tmp_path / "nope.jsonl")
    assert missing.exit_code == 1 and "nope.jsonl" in missing.stderr and "Traceback" not in missing.stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "events": [\n', "utf-8")
    broken = invoke(runner, "eval", bad)
    assert broken.exit_code == 1 and "bad.jsonl" in broken.stderr
    no_file = invoke(runner, "eval", tmp_path / "absent.jsonl")
    assert no_file.exit_code != 0 and "absent.jsonl" in no_file.stderr


@pytest.mark.parametrize("line, message", [
    ('{"text": "Polen kritisiert Russland.", "events": []}', 'no "id"'),
    ('{"id": "a", "text": "Polen kritisiert Russland."}', '"events" must be a list'),
    ('[1, 2]', "expected a JSON object"),
    ('{"id": "a", "text": "Polen kritisiert Russland.", "events": [{"source": "POL"}]}', '"type"'),
], ids=["no-id", "no-events", "not-object", "incomplete-event"])
def test_malformed_gold_is_one_clean_line(runner, tmp_path, line, message):
    path = tmp_path / "gold.jsonl"
    path.write_text(line + "\n", "utf-8")
    result = invoke(runner, "eval", path)
    assert result.exit_code == 1 and result.stdout == ""
    assert "gold.jsonl: document 1" in result.stderr and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_bad_prediction_line_names_file_and_line(runner, gold, tmp_path):
    pred = tmp_path / "pred.jsonl"
    pred.write_text('{"doc": "g-en", "source": "FRA", "target": "DEU", "type": "AGREE"}\n\nnot json\n', "utf-8")
    result = invoke(runner, "eval", gold, "--pred", pred)
    assert result.exit_code == 1 and "pred.jsonl:3: invalid JSON" in result.stderr
    pred.write_text('["FRA", "DEU"]\n', "utf-8")
    result = invoke(runner, "eval", gold, "--pred", pred)
    assert result.exit_code == 1 and "pred.jsonl:1: expected a JSON object" in result.stderr
