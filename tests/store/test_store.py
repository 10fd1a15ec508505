"""Store: round trip, idempotent writes, schema versions, crash safety and query filters."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from datetime import date, datetime, timezone

import duckdb
import pytest

from realpolitik.errors import StoreError
from realpolitik.model import Document, Event, RelatedItem
from realpolitik.store import SCHEMA_VERSION, Store


def make_doc(doc_id: str = "d1", **kw) -> Document:
    return Document(id=doc_id, source=f"/news/{doc_id}.txt", text="Title\nBody.", title="Title",
                    dateline="Berlin", published=datetime(2024, 11, 30, 8, 0, tzinfo=timezone.utc),
                    language="de", url="https://example.org/a", **kw)


def make_event(i: int, source: str, target: str, kind: str, *, doc_id: str = "d1", day=date(2024, 11, 30),
               modality: str = "asserted", flow: tuple[str, ...] = (), language: str = "de") -> Event:
    return Event(id=f"{doc_id}-e{i}", doc_id=doc_id, sentence_index=i, source=source, target=target, type=kind,
                 source_sector="MIL", flow=flow, cameo="070", goldstein=7.0, quad=2, modality=modality, date=day,
                 date_source="document", evidence=f"sentence {i}", evidence_start=1, evidence_end=9,
                 trigger="liefert", trigger_start=2, trigger_end=8, part="body", language=language,
                 confidence=0.9, rule="de:aid", rule_version="1", doc_source=f"/news/{doc_id}.txt")


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "sub" / "dir" / "rp.duckdb") as opened:
        yield opened


def test_round_trip_keeps_every_event_field(store):
    event = make_event(0, "PRK", "RUS", "AID", flow=("troops", "missiles"))
    doc = make_doc(related=(RelatedItem(title="Related", published=None, start=0, end=5),))
    assert store.add(doc, [event]) is True
    (row,) = store.events()
    assert row == event.to_record() | {"date": date(2024, 11, 30), "flow": ["troops", "missiles"]}
    assert store.counts() == {"documents": 1, "related": 1, "events": 1}
    assert store.has_document("d1") and not store.has_document("d2")


def test_re_adding_a_document_changes_nothing(store):
    assert store.add(make_doc(), [make_event(0, "RUS", "PRK", "CONSULT")])
    assert store.add(make_doc(), [make_event(0, "RUS", "PRK", "CONSULT"), make_event(1, "A", "B", "AID")]) is False
    assert store.counts() == {"documents": 1, "related": 0, "events": 1}


def test_add_many_is_one_transaction_and_counts_new(store):
    batch = [(make_doc(f"d{i}"), [make_event(0, "RUS", "PRK", "AID", doc_id=f"d{i}")]) for i in range(3)]
    assert store.add_many(batch) == 3
    assert store.add_many(batch + [(make_doc("d9"), [])]) == 1
    assert store.counts()["documents"] == 4


def test_an_event_id_twice_in_a_batch_is_stored_once(store):
    """The appender inserts without a conflict check: the store keeps the first of two events with
    one id, in one document or two of a batch, as INSERT OR IGNORE did, and the batch goes in."""
    first, second = make_event(0, "RUS", "PRK", "AID"), make_event(0, "RUS", "UKR", "ASSAULT")
    again = make_event(1, "A", "C", "AID", doc_id="d1")  # d1-e1 once more, given with document d2
    assert store.add_many([(make_doc(), [first, second, make_event(1, "A", "B", "AID")]),
                           (make_doc("d2"), [again, make_event(2, "A", "B", "AID", doc_id="d2")])]) == 2
    assert store.counts()["events"] == 3
    assert {(e["id"], e["target"]) for e in store.events()} == {("d1-e0", "PRK"), ("d1-e1", "B"), ("d2-e2", "B")}


def test_failed_batch_writes_nothing(store, monkeypatch):
    def explode(*args):
        raise duckdb.ConstraintException("boom")

    batch = [(make_doc("d1"), [make_event(0, "RUS", "PRK", "AID")]), (make_doc("d2"), [])]
    calls = iter([None, explode])
    original = store._insert
    monkeypatch.setattr(store, "_insert", lambda *a: (next(calls) or original)(*a))
    with pytest.raises(StoreError, match="write failed"):
        store.add_many(batch)
    assert store.counts() == {"documents": 0, "related": 0, "events": 0}


def test_store_reopens_with_its_data(tmp_path):
    path = tmp_path / "rp.duckdb"
    with Store(path) as s:
        s.add(make_doc(), [make_event(0, "RUS", "PRK", "AID")])
    with Store(path, read_only=True) as s:
        assert s.counts()["events"] == 1
        with pytest.raises(StoreError, match="read-only"):
            s.add(make_doc("d2"), [])


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "rp.duckdb"
    Store(path).close()
    with duckdb.connect(str(path)) as con:
        con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match=f"schema version 99.*up to {SCHEMA_VERSION}.*upgrade realpolitik"):
        Store(path)


def test_older_schema_is_migrated(tmp_path):
    path = tmp_path / "rp.duckdb"
    duckdb.connect(str(path)).close()  # version 0: a DuckDB file without our tables
    with pytest.raises(StoreError, match="needs an upgrade"):
        Store(path, read_only=True)
    with Store(path) as s:
        assert s.counts() == {"documents": 0, "related": 0, "events": 0}
    with duckdb.connect(str(path)) as con:
        assert con.execute("SELECT value FROM meta").fetchone() == (str(SCHEMA_VERSION),)


def test_missing_file_read_only_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="no such store"):
        Store(tmp_path / "nope.duckdb", read_only=True)


def test_not_a_duckdb_file_is_a_store_error(tmp_path):
    path = tmp_path / "bad.duckdb"
    path.write_text("not a database")
    with pytest.raises(StoreError, match="cannot open store"):
        Store(path)


@pytest.fixture
def filled(store):
    store.add(make_doc("d1"), [
        make_event(0, "RUS", "PRK", "CONSULT", doc_id="d1", day=date(2024, 1, 5)),
        make_event(1, "PRK", "RUS", "AID", doc_id="d1", day=date(2024, 2, 5), flow=("troops",)),
        make_event(2, "RUS", "PRK", "AID", doc_id="d1", day=date(2024, 3, 5), modality="hypothetical"),
    ])
    store.add(make_doc("d2"), [
        make_event(0, "RUS", "UKR", "ASSAULT", doc_id="d2", day=date(2024, 2, 20), language="en"),
        make_event(1, "KOR", "PRK", "ACCUSE", doc_id="d2", day=None, language="en"),
    ])
    return store


def _ids(rows):
    return [r["id"] for r in rows]


def test_event_filters(filled):
    assert _ids(filled.events(actor="PRK")) == ["d1-e0", "d1-e1", "d1-e2", "d2-e1"]
    assert _ids(filled.events(type="AID")) == ["d1-e1", "d1-e2"]
    assert _ids(filled.events(modality="hypothetical")) == ["d1-e2"]
    assert _ids(filled.events(since="2024-02", until=date(2024, 2, 28))) == ["d1-e1", "d2-e0"]
    assert _ids(filled.events(language="en")) == ["d2-e0", "d2-e1"]
    assert _ids(filled.events(limit=2, offset=1)) == ["d1-e1", "d2-e0"]


def test_actors(filled):
    rows = {r["code"]: r for r in filled.actors()}
    assert rows["RUS"] | {} == {"code": "RUS", "as_source": 3, "as_target": 1, "total": 4,
                                "first_date": date(2024, 1, 5), "last_date": date(2024, 3, 5)}
    assert rows["KOR"]["first_date"] is None
    assert list(rows)[0] in ("RUS", "PRK")


def test_dyad_covers_both_directions(filled):
    result = filled.dyad("PRK", "RUS")
    assert _ids(result["events"]) == ["d1-e0", "d1-e1", "d1-e2"]
    assert all(r["evidence"] for r in result["events"])
    assert {(r["source"], r["type"], r["modality"], r["count"]) for r in result["by_type"]} == {
        ("RUS", "CONSULT", "asserted", 1), ("PRK", "AID", "asserted", 1), ("RUS", "AID", "hypothetical", 1)}
    assert [r["month"] for r in result["by_month"]] == ["2024-01", "2024-02", "2024-03"]
    assert _ids(filled.dyad("RUS", "PRK", since="2024-02-01", until="2024-02-28")["events"]) == ["d1-e1"]


INGEST_LOOP = textwrap.dedent("""
    import sys
    from datetime import date, timedelta
    from realpolitik.model import Document, Event
    from realpolitik.store import Store

    with Store(sys.argv[1]) as store:
        for i in range(int(sys.argv[2])):
            doc = Document(id=f"doc{i}", source=f"doc{i}.txt", text="x" * 200)
            events = [Event(id=f"doc{i}-{j}", doc_id=f"doc{i}", sentence_index=j, source="RUS",
                            target="PRK", type="AID", flow=("troops",), evidence="y" * 100,
                            date=date(2024, 1, 1) + timedelta(days=i // 2) if j else None)
                      for j in range(5)]
            store.add(doc, events)
            print(i, flush=True)
""")


def _ingest(path, n: int, *, kill_after: int | None = None) -> int:
    """Run the ingest loop in a subprocess; SIGKILL it after ``kill_after`` progress lines."""
    with subprocess.Popen([sys.executable, "-c", INGEST_LOOP, str(path), str(n)],
                          stdout=subprocess.PIPE, text=True) as proc:
        assert proc.stdout is not None
        if kill_after is not None:
            for _ in range(kill_after):
                proc.stdout.readline()
            os.kill(proc.pid, signal.SIGKILL)
        proc.stdout.read()
        return proc.wait(timeout=120)


@pytest.mark.slow
def test_kill_mid_ingest_then_rerun_loses_and_duplicates_nothing(tmp_path):
    n = 150
    killed, whole = tmp_path / "killed.duckdb", tmp_path / "whole.duckdb"
    assert _ingest(killed, n, kill_after=10) == -signal.SIGKILL
    with Store(killed, read_only=True) as s:
        partial = s.counts()
    assert 10 <= partial["documents"] < n and partial["events"] == 5 * partial["documents"]
    assert _ingest(killed, n) == 0
    assert _ingest(whole, n) == 0
    with Store(killed, read_only=True) as a, Store(whole, read_only=True) as b:
        assert a.counts() == b.counts() == {"documents": n, "related": 0, "events": 5 * n}
        assert len({r["id"] for r in a.events()}) == 5 * n
        assert a.occurrences() == b.occurrences() and a.occurrence_counts() == b.occurrence_counts()
        assert a.occurrence_counts()["occurrence_mentions"] == 5 * n


def test_text_quotes_newlines_and_lone_surrogates_are_stored(store):
    """Quotes, backslashes and newlines survive the appender; a lone surrogate (which a JSON input
    can carry and UTF-8 cannot) becomes "?" instead of failing the batch."""
    doc = Document(id="q1", source="q.jsonl", text='Er sagte: "Nein" \\ \n und\tgut \ud800 ende', language="de")
    event = make_event(0, "RUS", "PRK", "AID", doc_id="q1")
    assert store.add(doc, [event]) is True
    text = store._con.execute("SELECT text FROM documents WHERE id = 'q1'").fetchone()[0]
    assert text == 'Er sagte: "Nein" \\ \n und\tgut ? ende'
    assert store.events()[0]["evidence"] == "sentence 0"
