"""A process pool gives the same output as one process; a killed ingest resumes exactly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from scale_support import article, write_corpus

from realpolitik.pipeline import run, unseen
from realpolitik.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 120


def _coded(corpus, workers):
    errors = []
    results = [(doc.id, [e.to_record() for e in events])
               for doc, events in run([str(corpus)], Settings(), on_error=errors.append, workers=workers)]
    return results, [str(e) for e in errors]


def test_two_workers_give_the_same_output_in_the_same_order(corpus):
    one, errors_one = _coded(corpus, 1)
    two, errors_two = _coded(corpus, 2)
    assert one == two and errors_one == errors_two
    assert len(one) == 60 and sum(len(events) for _, events in one) > 30
    assert errors_one == [f"{corpus}:26: invalid JSON: Expecting value (column 1)",
                          f"{corpus}:52: invalid JSON: Expecting value (column 1)"]


def test_workers_identify_languages_and_report_language_errors_in_input_order(tmp_path):
    """Workers identify a chunk's languages before coding it; what they find, and the documents
    whose language cannot be told or has no pack, come out as in one process, in input order."""
    rows = []
    for n in range(40):
        record = article(n)
        del record["lang"]
        rows.append(record)
        if n % 13 == 5:
            rows.append({"id": f"short{n}", "text": "?? 12"})
        if n % 17 == 3:
            rows.append({"id": f"sv{n}", "text": "Sveriges utrikesminister träffade på onsdagen sin norska kollega i "
                                                 "Stockholm för att tala om hur länderna kan arbeta tillsammans."})
    corpus = tmp_path / "mixed.jsonl"
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", "utf-8")
    one, errors_one = _coded(corpus, 1)
    two, errors_two = _coded(corpus, 2)
    assert one == two and errors_one == errors_two
    assert len(one) == 40 and {e["language"] for _, events in one for e in events} == {"en", "de"}
    skipped = [(n, row["id"][:2]) for n, row in enumerate(rows, 1) if not row["id"].startswith("a")]
    assert len(skipped) == 6 and len(errors_one) == 6
    for (line, kind), error in zip(skipped, errors_one, strict=True):
        assert error.startswith(f"{corpus}:{line}: ")
        assert ("could not identify the language" if kind == "sh" else "language 'sv' is not supported") in error


def test_known_documents_are_skipped_before_coding(corpus):
    asked = []

    def known(ids):
        asked.append(len(ids))
        return {i for i in ids if i.endswith(("0", "5"))}

    results = list(run([str(corpus)], Settings(), on_error=lambda e: None, workers=2, known=known))
    assert len(results) == 48 and not any(doc.id.endswith(("0", "5")) for doc, _ in results)
    assert asked == [60]


def test_unseen_asks_in_batches():
    from realpolitik.model import Document

    docs = [Document(id=str(i), source="s", text="t") for i in range(7)]
    batches = []
    kept = list(unseen(docs, lambda ids: batches.append(ids) or {"3"}, batch=3))
    assert [d.id for d in kept] == ["0", "1", "2", "4", "5", "6"] and [len(b) for b in batches] == [3, 3, 1]


def _ingest(db: Path, corpus: Path, *extra: str) -> subprocess.Popen:
    """Start ``realpolitik ingest``; its standard error goes to DB.err."""
    command = [sys.executable, "-m", "realpolitik", "ingest", str(corpus), "--db", str(db), *extra]
    with db.with_suffix(".err").open("wb") as err:
        return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err)


def _events(db: Path) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        columns = [c for (c,) in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'events'").fetchall()]
        return con.execute(f"SELECT {', '.join(columns)} FROM events ORDER BY id").fetchall()


def _documents(db: Path) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT count(*) FROM documents").fetchone()[0]


@pytest.mark.slow
def test_kill_9_mid_ingest_with_two_workers_then_rerun_gives_the_uninterrupted_events(tmp_path):
    corpus = write_corpus(tmp_path / "big.jsonl", 400)
    killed, whole = tmp_path / "killed.duckdb", tmp_path / "whole.duckdb"
    proc = _ingest(killed, corpus, "--workers", "2", "--batch", "20")
    wal = killed.with_name(killed.name + ".wal")
    deadline = time.monotonic() + TIMEOUT
    # A committed batch of 20 documents and their events adds well over 16 KB to the write-ahead log
    # (opening the store writes ~3 KB).
    while not (wal.exists() and wal.stat().st_size > 16_000) and proc.poll() is None \
            and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=TIMEOUT) == -signal.SIGKILL
    partial = _documents(killed)
    assert 0 < partial < 400, "the kill must land halfway"
    assert _ingest(killed, corpus, "--workers", "2", "--batch", "20").wait(timeout=TIMEOUT) == 0
    err = killed.with_suffix(".err").read_text()
    assert f"{400 - partial} documents added, {partial} already stored" in err
    assert _ingest(whole, corpus).wait(timeout=TIMEOUT) == 0
    assert _documents(killed) == _documents(whole) == 400
    resumed_events, whole_events = _events(killed), _events(whole)
    assert len(resumed_events) > 200 and resumed_events == whole_events


def test_an_event_sent_back_from_a_worker_is_the_same_record():
    import pickle

    from realpolitik import drafts
    from realpolitik.model import Event
    from realpolitik.pool import _values

    event = Event(id="e1", doc_id="d1", sentence_index=2, source="PRK", target="RUS", type="AID",
                  flow=("troops",), goldstein=5.2, quad=2, evidence="…", extra={"k": "v"})
    again = drafts.event(pickle.loads(pickle.dumps(_values(event))))
    assert type(again) is Event and again == event and hash(again) == hash(event) and repr(again) == repr(event)
    assert again.extra == {"k": "v"} and again.to_record() == event.to_record()
    with pytest.raises(AttributeError):  # still frozen
        again.source = "KOR"
