"""system(): blocs, flows, concerned and opposed actors from the seed's events."""

from __future__ import annotations

import json
from io import StringIO

from rich.console import Console

from realpolitik.analysis import render_system, system
from realpolitik.analysis.edges import weighted_value


def _rows(events):
    return [e.to_record() for e in events]


def test_seed_bloc_is_russia_and_north_korea(seed_events):
    result = system(_rows(seed_events))
    assert [bloc["members"] for bloc in result["blocs"]] == [["PRK", "RUS"]]
    assert result["blocs"][0]["score"] > 0


def test_seed_flows_keep_hypotheticals_apart(seed_events):
    flows = {(f["from"], f["to"], f["modality"]): f for f in system(_rows(seed_events))["flows"]}
    assert set(flows) == {("PRK", "RUS", "asserted"), ("RUS", "PRK", "hypothetical"), ("RUS", "PRK", "asserted")}
    assert flows[("PRK", "RUS", "asserted")]["items"] == ["troops", "weapons", "missiles"]
    assert flows[("PRK", "RUS", "asserted")]["count"] == 2
    assert flows[("RUS", "PRK", "hypothetical")]["items"] == ["technology"]
    assert flows[("RUS", "PRK", "asserted")]["items"] == ["missiles"]
    assert flows[("RUS", "PRK", "asserted")]["parts"] == ["related"]
    assert flows[("RUS", "PRK", "asserted")]["evidence"][0]["evidence"] == "Russia trades missiles for troops"


def test_seed_concerned_and_opposed(seed_events):
    result = system(_rows(seed_events))
    concerned = {c["actor"]: c for c in result["concerned"]}
    assert {"KOR", "JPN"} <= set(concerned)
    assert concerned["JPN"]["threatened"] == {"hypothetical": 1} and concerned["JPN"]["voiced"] == {}
    assert concerned["KOR"]["voiced"] == {"hypothetical": 1, "asserted": 1}
    assert {o["actor"] for o in result["opposed"]} == {"UKR", "WST"}
    assert not {"RUS", "PRK"} & set(concerned)


def test_edges_score_and_counts(seed_events):
    edges = {(e["a"], e["b"]): e for e in system(_rows(seed_events))["edges"]}
    kor_prk = edges[("KOR", "PRK")]
    assert kor_prk["hypothetical"] == 2 and kor_prk["asserted"] == 0
    assert kor_prk["score"] == round((-4.4 - 2.0) * 0.3, 3)
    assert edges[("DEU", "RUS")]["related_only"] is True
    assert edges[("PRK", "RUS")]["related_only"] is False
    assert edges[("PRK", "RUS")]["by_type"]["AID"] == 4


def test_negated_weighs_nothing_and_missing_goldstein_uses_type_default():
    assert weighted_value({"type": "AID", "goldstein": 7.0, "modality": "negated"}) == 0.0
    assert weighted_value({"type": "ASSAULT", "goldstein": None, "modality": "asserted"}) == -10.0


def test_hypothetical_cooperation_alone_makes_no_bloc():
    rows = [{"source": "A", "target": "B", "type": "AID", "modality": "hypothetical", "goldstein": 7.0}]
    assert system(rows)["blocs"] == []


def test_conflict_pair_is_not_a_bloc():
    rows = [{"source": "A", "target": "B", "type": "CONSULT", "modality": "asserted", "goldstein": 1.0},
            {"source": "A", "target": "B", "type": "ASSAULT", "modality": "asserted", "goldstein": -10.0}]
    assert system(rows)["blocs"] == []


def test_two_blocs_are_found_apart():
    pairs = [("A", "B"), ("B", "C"), ("A", "C"), ("X", "Y")]
    rows = [{"source": s, "target": t, "type": "AGREE", "modality": "asserted", "goldstein": 4.0} for s, t in pairs]
    assert [b["members"] for b in system(rows)["blocs"]] == [["A", "B", "C"], ["X", "Y"]]


def test_date_range_filters_and_drops_undated(seed_events):
    result = system(_rows(seed_events), since="2024-11-20")
    assert result["n_events"] == 13  # the four related headlines are older
    assert ("RUS", "PRK", "asserted") not in {(f["from"], f["to"], f["modality"]) for f in result["flows"]}
    undated = [{"source": "A", "target": "B", "type": "AGREE", "modality": "asserted"}]
    assert system(undated, until="2024")["n_events"] == 0 and system(undated)["n_events"] == 1


def test_system_is_json_ready(seed_events):
    json.dumps(system(_rows(seed_events)))


def test_render_system_marks_modality(seed_events):
    out = StringIO()
    render_system(system(_rows(seed_events)), Console(file=out, width=200))
    text = out.getvalue()
    for word in ("PRK – RUS", "hypothetical", "asserted", "technology", "Concerned", "JPN", "Opposed", "UKR"):
        assert word in text


def test_render_empty_system():
    out = StringIO()
    render_system(system([]), Console(file=out, width=120))
    assert "none" in out.getvalue()
