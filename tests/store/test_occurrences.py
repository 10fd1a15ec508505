"""Occurrences: keys, outlets, date windows, incremental refresh equal to a rebuild, migration 2."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from realpolitik.cli import app
from realpolitik.model import Document, Event
from realpolitik.store import SCHEMA_VERSION, Store
from realpolitik.store import occurrences as occ
from realpolitik.store.schema import MIGRATIONS

VISIT = Path(__file__).resolve().parents[1] / "fixtures" / "occurrence" / "visit.jsonl"
DAY = date(2025, 3, 26)


def doc(doc_id: str, url: str | None = None, source: str | None = None) -> Document:
    return Document(id=doc_id, source=source or f"/news/{doc_id}.txt", text=f"text of {doc_id}", url=url)


def event(doc_id: str, i: int, source: str, target: str, kind: str = "CONSULT", *, day: date | None = DAY,
          modality: str = "asserted", flow: tuple[str, ...] = (), part: str = "body") -> Event:
    return Event(id=f"{doc_id}-{i}", doc_id=doc_id, sentence_index=i, source=source, target=target, type=kind,
                 modality=modality, flow=flow, date=day, part=part, goldstein=1.0, evidence=f"{doc_id} {i}",
                 language="en")


def snapshot(store: Store) -> tuple[list, list]:
    """Occurrences and mentions as comparable, sorted tuples."""
    rows = sorted((o["id"], o["key"], o["source"], o["target"], o["date"], o["last_date"], o["num_mentions"],
                   o["num_articles"], o["num_sources"], o["first_doc_id"], tuple(o["flow"]))
                  for o in store.occurrences())
    links = sorted((m["id"], m["occurrence_id"], m["outlet"])
                   for m in store.mentions([o[0] for o in rows]))
    return rows, links


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "occ.duckdb") as opened:
        yield opened


def test_key_is_unordered_for_symmetric_types_without_flow():
    assert occ.occurrence_key("RUS", "PRK", "CONSULT", "asserted") == occ.occurrence_key("PRK", "RUS", "CONSULT",
                                                                                          "asserted")
    assert occ.occurrence_key("RUS", "PRK", "AID", "asserted") != occ.occurrence_key("PRK", "RUS", "AID", "asserted")
    assert occ.occurrence_key("RUS", "PRK", "COOPERATE", "asserted", ("troops",)).endswith("|d")
    assert occ.occurrence_key("A", "B", "CONSULT", "asserted") != occ.occurrence_key("A", "B", "CONSULT",
                                                                                     "hypothetical")


def test_sql_key_agrees_with_python_key(store):
    events = [event("d1", 0, "RUS", "PRK"), event("d1", 1, "PRK", "RUS", "AID", flow=("troops",)),
              event("d1", 2, "PRK", "RUS", "COOPERATE", flow=("troops",)), event("d1", 3, "USA", "CHN", "AGREE"),
              event("d1", 4, "KOR", "PRK", "THREATEN", modality="hypothetical")]
    store.add(doc("d1"), events)
    keys = {row["first_event_id"]: row["key"] for row in store.occurrences()}
    assert keys == {e.id: occ.occurrence_key(e.source, e.target, e.type, e.modality, e.flow) for e in events}


def test_outlet_from_url_host_else_file_name():
    assert occ.outlet("https://www.lemonde.fr/a/b", "/x/f.jsonl") == "lemonde.fr"
    assert occ.outlet(None, "https://news.example.org:8080/x") == "news.example.org"
    assert occ.outlet(None, "/data/wire.jsonl") == "wire.jsonl"
    assert occ.outlet(None, None) == "unknown"


def test_window_splits_reports_more_than_three_days_after_the_first():
    rows = [{"id": f"e{i}", "doc_id": f"d{i}", "sentence_index": 0, "date": DAY + timedelta(days=d), "part": "body"}
            for i, d in enumerate([0, 1, 3, 4, 10])]
    groups = occ.cluster(reversed(rows))
    assert [[r["id"] for r in g] for g in groups] == [["e0", "e1", "e2"], ["e3"], ["e4"]]


def test_undated_events_cluster_per_document():
    rows = [{"id": f"e{i}", "doc_id": d, "sentence_index": i, "date": None, "part": "body"}
            for i, d in enumerate(["a", "a", "b"])]
    assert sorted(len(g) for g in occ.cluster(rows)) == [1, 2]


def test_one_visit_in_many_articles_is_one_occurrence(store):
    for i, (s, t) in enumerate([("BRA", "JPN"), ("JPN", "BRA"), ("BRA", "JPN")]):
        store.add(doc(f"d{i}", url=f"https://outlet{i % 2}.example/{i}"),
                  [event(f"d{i}", 0, s, t, part="title"), event(f"d{i}", 1, s, t, day=DAY + timedelta(days=i))])
    (row,) = store.occurrences()
    assert (row["num_mentions"], row["num_articles"], row["num_sources"]) == (6, 3, 2)
    assert (row["source"], row["target"], row["date"], row["last_date"]) == ("BRA", "JPN", DAY, DAY + timedelta(2))
    assert row["first_doc_id"] == "d0" and row["outlets"] == ["outlet0.example", "outlet1.example"]
    detail = store.occurrence(row["id"])
    assert detail and len(detail["mentions"]) == 6 and all(m["evidence"] for m in detail["mentions"])


def test_representative_prefers_a_body_sentence_over_a_related_headline(store):
    store.add(doc("d1"), [event("d1", 0, "RUS", "UKR", "ASSAULT", part="related"),
                          event("d1", 1, "RUS", "UKR", "ASSAULT", part="body")])
    (row,) = store.occurrences()
    assert row["part"] == "body" and row["first_event_id"] == "d1-1"


def test_incremental_refresh_equals_rebuild_in_any_order(tmp_path):
    rng = random.Random(7)
    offsets = [0, 1, 2, 3, 5, 6, 9, 9, 14, 15, 30]
    batches = [(doc(f"d{i}", url=f"https://o{i % 4}.example/{i}"),
                [event(f"d{i}", 0, "RUS", "PRK", day=DAY + timedelta(days=d)),
                 event(f"d{i}", 1, "PRK", "RUS", "AID", day=DAY + timedelta(days=d), flow=("troops",)),
                 event(f"d{i}", 2, "PRK", "KOR", "THREATEN", day=None)])
               for i, d in enumerate(offsets)]
    results = []
    for trial in range(3):
        rng.shuffle(batches)
        with Store(tmp_path / f"t{trial}.duckdb") as s:
            s.add_many(batches[:4])
            for item in batches[4:]:
                s.add(*item)
            incremental = snapshot(s)
            s.rebuild_occurrences()
            assert snapshot(s) == incremental
            results.append(incremental)
    assert results[0] == results[1] == results[2]
    consult = sorted((r[4], r[6]) for r in results[0][0] if r[1].endswith("CONSULT|asserted|u"))
    # anchored windows over days 0 1 2 3 | 5 6 | 9 9 | 14 15 | 30
    assert [n for _, n in consult] == [4, 2, 2, 2, 1]
    assert len([r for r in results[0][0] if r[1].startswith("PRK|KOR")]) == len(offsets)  # undated: per doc


def test_re_adding_changes_no_occurrence(store):
    batch = [(doc("d1"), [event("d1", 0, "RUS", "PRK")]), (doc("d2"), [event("d2", 0, "PRK", "RUS")])]
    store.add_many(batch)
    before = snapshot(store)
    assert store.add_many(batch) == 0
    assert snapshot(store) == before and store.occurrence_counts() == {"occurrences": 1, "occurrence_mentions": 2}


def test_migration_2_fills_occurrences_of_a_version_1_file(tmp_path):
    path = tmp_path / "v1.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        for statement in MIGRATIONS[0]:
            con.execute(statement)
        con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
        con.execute("INSERT INTO documents (id, source, url) VALUES ('d1', 'a.txt', 'https://a.example/1'), "
                    "('d2', 'b.txt', NULL)")
        con.execute("INSERT INTO events (id, doc_id, sentence_index, source, target, type, modality, date, flow) "
                    "VALUES ('e1', 'd1', 0, 'RUS', 'PRK', 'CONSULT', 'asserted', DATE '2024-11-29', []), "
                    "('e2', 'd2', 0, 'PRK', 'RUS', 'CONSULT', 'asserted', DATE '2024-11-30', [])")
    with Store(path) as s:
        (row,) = s.occurrences()
        assert (row["num_articles"], row["num_sources"], row["outlets"]) == (2, 2, ["a.example", "b.txt"])
    with duckdb.connect(str(path)) as con:
        assert con.execute("SELECT value FROM meta").fetchone() == (str(SCHEMA_VERSION),)


def test_acceptance_eight_articles_four_languages_one_occurrence(tmp_path):
    """Eight outlets report one visit in eight languages: one occurrence, 8 sources, 8 articles."""
    records = [json.loads(line) for line in VISIT.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len({r["url"] for r in records}) == 8 and len({r["lang"] for r in records}) >= 4
    db = tmp_path / "visit.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(VISIT), "--db", str(db)])
    assert result.exit_code == 0, result.output
    with Store(db, read_only=True) as s:
        visits = s.occurrences(type="CONSULT")
        assert len(visits) == 1, visits
        (visit,) = visits
        assert {visit["source"], visit["target"]} == {"BRA", "JPN"}
        assert (visit["num_sources"], visit["num_articles"]) == (8, 8)
        assert len(visit["languages"]) == 8 and visit["num_mentions"] >= 8
        mentions = s.occurrence(visit["id"])["mentions"]
        assert {m["doc_id"] for m in mentions} == {r["id"] for r in records}
    again = CliRunner().invoke(app, ["ingest", str(VISIT), "--db", str(db)])
    assert again.exit_code == 0 and "0 documents added" in again.output


def test_events_left_without_occurrences_are_repaired_on_the_next_writable_open(tmp_path):
    path = tmp_path / "crash.duckdb"
    s = Store(path)
    s.add_many([(doc(f"d{i}"), [event(f"d{i}", 0, "RUS", "PRK", day=DAY + timedelta(days=i)),
                                event(f"d{i}", 1, "PRK", "KOR", "THREATEN", day=None)]) for i in range(6)])
    s._con.close()  # as if killed after the commit, before the queued occurrences were written
    with Store(path, read_only=True) as reader:
        assert reader.occurrence_counts() == {"occurrences": 0, "occurrence_mentions": 0}
    with Store(path) as writer:
        repaired = snapshot(writer)
        assert writer.occurrence_counts()["occurrence_mentions"] == 12
        writer.rebuild_occurrences()
        assert snapshot(writer) == repaired


def test_adds_are_flushed_in_batches_and_before_reads(store, monkeypatch):
    monkeypatch.setattr(occ, "FLUSH_EVENTS", 3)
    store.add(doc("d1"), [event("d1", 0, "RUS", "PRK")])
    assert store._pending  # queued: one event is under the threshold
    store.add(doc("d2"), [event("d2", 0, "RUS", "PRK"), event("d2", 1, "USA", "CHN", "ACCUSE")])
    assert not store._pending  # three queued events: flushed
    store.add(doc("d3"), [event("d3", 0, "RUS", "PRK")])
    assert store.occurrences(type="CONSULT")[0]["num_articles"] == 3  # reads flush first


def test_a_bulk_store_defers_occurrences_and_repairs_in_chunks(tmp_path, monkeypatch):
    """A bulk load refreshes once, at the end, chunk by chunk, and gives what one-by-one adds give."""
    docs = [(f"d{i}", date(2024, 1 + i % 12, 1 + i % 5) if i % 7 else None) for i in range(24)]

    def load(store):
        for doc_id, day in docs:
            store.add_many([(doc(doc_id, url=f"https://o{int(doc_id[1:]) % 3}.example/{doc_id}"),
                             [event(doc_id, 0, "RUS", "PRK", "AID", day=day),
                              event(doc_id, 1, "USA", "CHN", "ACCUSE", day=day)])])

    with Store(tmp_path / "one.duckdb") as store:
        load(store)
        expected = snapshot(store)
    monkeypatch.setattr(occ, "REPAIR_ROWS", 5)  # several chunks
    chunks = []
    original = occ.repair_chunks
    monkeypatch.setattr(occ, "repair_chunks", lambda con: chunks.append(original(con, 5)) or chunks[-1])
    with Store(tmp_path / "bulk.duckdb", bulk=True) as store:
        load(store)
        assert store._con.execute("SELECT count(*) FROM occurrences").fetchone()[0] == 0  # deferred
        assert snapshot(store) == expected  # a read flushes first
    assert len(chunks[-1]) >= 2


def test_the_stream_clusters_as_cluster_does(store):
    """Occurrences are built from a sorted stream (one open occurrence in memory at a time); the
    groups are those of ``cluster`` on each key's rows, whatever order the events came in."""
    rng = random.Random(7)
    docs = {}
    for i in range(60):
        day = None if i % 9 == 0 else DAY + timedelta(days=rng.randrange(12))
        source, target = rng.choice([("RUS", "UKR"), ("UKR", "RUS"), ("USA", "CHN")])
        docs.setdefault(f"d{i % 20}", []).append(
            event(f"d{i % 20}", i, source, target, rng.choice(["CONSULT", "ASSAULT"]), day=day,
                  part=rng.choice(["body", "related", "title"])))
    for doc_id, events in docs.items():
        store.add(doc(doc_id, url=f"https://o{doc_id}.example/"), events)
    rows = list(occ._rows(store._con))
    by_key: dict[str, list] = {}
    for row in rows:
        by_key.setdefault(row["key"], []).append(row)
    expected = [[r["id"] for r in g] for key in by_key for g in occ.cluster(by_key[key])]
    assert [[r["id"] for r in g] for g in occ._stream(rows)] == expected


def test_an_error_inside_the_with_block_closes_at_once_and_the_next_open_repairs(tmp_path):
    path = tmp_path / "err.duckdb"
    with pytest.raises(KeyboardInterrupt), Store(path, bulk=True) as store:
        store.add_many([(doc("d1"), [event("d1", 0, "RUS", "PRK", "AID")])])
        raise KeyboardInterrupt
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM occurrences").fetchone()[0] == 0  # not flushed
    with Store(path) as store:  # a writable open repairs
        assert [o["num_mentions"] for o in store.occurrences()] == [1]
