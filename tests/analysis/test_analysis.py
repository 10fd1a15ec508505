"""Timelines, the cooperation–conflict index, flows with since, blocs, the actor graph, turning points."""

from __future__ import annotations

from datetime import date

import pytest

from realpolitik.analysis import (actor_graph, blocs, cc_index, dyad_timeline, flows, timeline,
                                  turning_points)
from realpolitik.analysis.timeline import bucket_label, bucket_start


def row(source, target, kind, value, day, modality="asserted", flow=(), quad=None):
    return {"source": source, "target": target, "type": kind, "goldstein": value, "date": day,
            "modality": modality, "flow": list(flow), "quad": quad, "part": "body", "evidence": "e"}


def records(seed_events):
    return [e.to_record() for e in seed_events]


def test_index_discounts_hypotheticals_and_ignores_negations():
    rows = [row("A", "B", "THREATEN", -4.4, "2024-01-01", "hypothetical"),
            row("A", "B", "AID", 7.4, "2024-01-02"), row("A", "B", "ASSAULT", -10.0, "2024-01-03", "negated")]
    result = cc_index(rows)
    assert result["score"] == pytest.approx(7.4 - 0.3 * 4.4)
    assert result["index"] == pytest.approx((7.4 - 0.3 * 4.4) / 2)
    assert (result["count"], result["asserted"], result["hypothetical"], result["negated"]) == (3, 1, 1, 1)
    assert cc_index([])["index"] is None
    assert cc_index([rows[2]])["index"] is None


def test_buckets():
    day = date(2024, 11, 30)  # a Saturday
    assert bucket_start(day, "week") == date(2024, 11, 25) and bucket_label(date(2024, 11, 25), "week") == "2024-W48"
    assert bucket_label(bucket_start(day, "month"), "month") == "2024-11"
    with pytest.raises(ValueError, match="bucket must be one of"):
        bucket_start(day, "year")


def test_timeline_fills_empty_buckets_and_counts_by_type_and_quad():
    rows = [row("A", "B", "CONSULT", 1.0, "2024-01-05"), row("A", "B", "AID", 7.4, "2024-03-01"),
            row("B", "A", "THREATEN", -4.4, "2024-03-02"), row("A", "B", "AID", 7.4, None)]
    months = timeline(rows, bucket="month")
    assert [m["bucket"] for m in months] == ["2024-01", "2024-02", "2024-03"]
    assert [m["count"] for m in months] == [1, 0, 2] and months[1]["index"] is None
    assert months[2]["by_type"] == {"AID": 1, "THREATEN": 1}
    assert months[2]["by_quad"] == {"1": 0, "2": 1, "3": 1, "4": 0}
    assert [m["count"] for m in timeline(rows, since="2024-02-01", until="2024-03-01", bucket="day")][-1] == 1
    assert len(timeline(rows, since="2024-02-01", until="2024-02-29", bucket="week")) == 5


def test_dyad_timeline_of_the_seed(seed_events):
    result = dyad_timeline(records(seed_events), "PRK", "RUS", bucket="day")
    assert result["total"]["count"] == 9 and result["total"]["index"] > 3
    assert result["buckets"][0]["bucket"] == "2024-11-12" and result["buckets"][-1]["bucket"] == "2024-11-30"
    assert dyad_timeline(records(seed_events), "PRK", "RUS", until="2024-11-20")["total"]["count"] == 2


def test_flows_have_since_and_honour_the_range(seed_events):
    found = {(f["from"], f["to"], f["modality"]): f for f in flows(records(seed_events))}
    assert found[("PRK", "RUS", "asserted")]["since"] == "2024-11-12"
    assert found[("RUS", "PRK", "hypothetical")]["items"] == ["technology"]
    assert all(f["since"] >= "2024-11-20" for f in flows(records(seed_events), since="2024-11-20"))


def test_blocs_and_graph(seed_events):
    assert {"PRK", "RUS"} <= set(blocs(records(seed_events))[0]["members"])
    graph = actor_graph(records(seed_events))
    assert graph["PRK"]["RUS"]["sign"] == 1 and graph["PRK"]["RUS"]["count"] == 9
    assert graph["PRK"]["KOR"]["sign"] == -1
    assert graph.nodes["RUS"]["bloc"] == graph.nodes["PRK"]["bloc"] >= 0 and graph.nodes["UKR"]["bloc"] == -1
    assert all(isinstance(v, (str, int, float, bool)) for _, _, d in graph.edges(data=True) for v in d.values())
    assert actor_graph(records(seed_events), until="2024-01-01").number_of_nodes() == 0


def test_turning_points_find_a_dyad_that_turns():
    rows = [row("A", "B", "CONSULT", 1.9, "2024-01-10"), row("A", "B", "AID", 7.4, "2024-01-20"),
            row("B", "A", "THREATEN", -4.4, "2024-02-03"), row("A", "B", "ASSAULT", -10.0, "2024-02-10"),
            row("A", "B", "ACCUSE", -2.0, "2024-03-01"),
            row("C", "D", "CONSULT", 1.0, "2024-01-01"), row("C", "D", "SUPPORT", 3.4, "2024-02-01")]
    turns = turning_points(rows)
    # A–B: Jan +4.65, Feb −7.2, Mar −2.0; C–D moves by 2.4 only
    assert [(t["a"], t["b"], t["before"]["bucket"], t["after"]["bucket"]) for t in turns] == [
        ("A", "B", "2024-01", "2024-02"), ("A", "B", "2024-02", "2024-03")]
    assert turns[0]["change"] == pytest.approx(-7.2 - 4.65) and turns[0]["reversal"]
    assert turns[0]["direction"] == "towards conflict"
    assert turns[1]["change"] == pytest.approx(5.2) and not turns[1]["reversal"]
    assert len(turning_points(rows, since="2024-02-01")) == 1
    assert turning_points(rows, threshold=12) == [] and len(turning_points(rows, min_count=2)) == 1
