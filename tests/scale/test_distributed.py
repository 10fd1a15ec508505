"""The dask engine on a real LocalCluster gives the events of a single-process run; loading is idempotent."""

from __future__ import annotations

import duckdb
import pytest
from scale_support import write_corpus

from realpolitik.distributed import partitions, run_partitions
from realpolitik.errors import StoreError
from realpolitik.pipeline import run
from realpolitik.settings import Settings
from realpolitik.store import Store
from realpolitik.store.parquet import MANIFEST

EVENTS = "SELECT * FROM events ORDER BY id"
DOCUMENTS = "SELECT * EXCLUDE (ingested_at) FROM documents ORDER BY id"


@pytest.fixture
def inputs(tmp_path):
    """Three JSON Lines files (one with a broken line) and a folder of two more."""
    folder = tmp_path / "in"
    (folder / "more").mkdir(parents=True)
    files = [write_corpus(folder / f"wire-{i}.jsonl", 12, start=100 * i) for i in range(3)]
    files[1].write_text(files[1].read_text() + '{"id": "cut", "text": \n')
    for i in range(2):
        write_corpus(folder / "more" / f"extra-{i}.jsonl", 5, start=1000 + 100 * i)
    return folder


def _rows(db, sql):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def _single_process(inputs, db):
    with Store(db) as store:
        store.add_many(run([str(inputs)], Settings(), on_error=lambda e: None))


def test_partitions_group_small_files_in_order(inputs):
    errors = []
    parts = partitions([str(inputs), str(inputs / "missing.jsonl")], errors.append, files_per_partition=2)
    names = [[p.rsplit("/", 1)[1] for p in part] for part in parts]
    assert names == [["extra-0.jsonl", "extra-1.jsonl"], ["wire-0.jsonl", "wire-1.jsonl"], ["wire-2.jsonl"]]
    assert [str(e) for e in errors] == [f"{inputs / 'missing.jsonl'}: no such file"]


@pytest.mark.slow
def test_dask_local_cluster_gives_the_single_process_events(inputs, tmp_path):
    output, errors = tmp_path / "out", []
    summary = run_partitions([str(inputs)], output, Settings(), engine="dask", scheduler="local", workers=2,
                             on_error=errors.append, files_per_partition=2)
    assert summary.partitions == 3 and (output / MANIFEST).exists()
    assert [str(e).rsplit("/", 1)[1] for e in errors] == ["wire-1.jsonl:13: invalid JSON: Expecting value (column 1)"]
    assert sorted(p.name for p in (output / "events").iterdir()) == [
        "part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]
    loaded, direct = tmp_path / "loaded.duckdb", tmp_path / "direct.duckdb"
    with Store(loaded) as store:
        assert store.load_output(output) == (summary.documents, 0)
        assert store.load_output(output) == (0, summary.documents)  # idempotent
    _single_process(inputs, direct)
    assert _rows(loaded, DOCUMENTS) == _rows(direct, DOCUMENTS) and len(_rows(direct, DOCUMENTS)) == 46
    events = _rows(loaded, EVENTS)
    assert events == _rows(direct, EVENTS) and summary.events == len(events) > 40


def test_parquet_parts_have_the_store_schema(inputs, tmp_path):
    output = tmp_path / "out"
    run_partitions([str(inputs / "more")], output, Settings(), engine="local", on_error=print)
    with duckdb.connect() as con, duckdb.connect(str(tmp_path / "s.duckdb")) as store_con:
        Store(tmp_path / "s.duckdb").close()
        for table in ("documents", "related", "events"):
            part = con.execute(f"DESCRIBE SELECT * FROM read_parquet('{output / table / 'part-00000.parquet'}')")
            stored = store_con.execute(f"DESCRIBE {table}")
            assert [r[:2] for r in part.fetchall()] == [r[:2] for r in stored.fetchall()]


def test_a_newer_output_is_refused(inputs, tmp_path):
    output = tmp_path / "out"
    run_partitions([str(inputs / "more")], output, Settings(), engine="local", on_error=print)
    (output / MANIFEST).write_text('{"format": "realpolitik-parquet", "schema_version": 99, "partitions": 1}')
    with Store(tmp_path / "s.duckdb") as store, pytest.raises(StoreError, match="schema version 99"):
        store.load_output(output)


def test_cli_run_then_ingest_the_folder(inputs, tmp_path):
    from typer.testing import CliRunner

    from realpolitik.cli import app

    runner, output, db = CliRunner(env={"COLUMNS": "250"}), tmp_path / "out", tmp_path / "rp.duckdb"
    result = runner.invoke(app, ["run", str(inputs / "more"), "--engine", "local", "--output", str(output)])
    assert result.exit_code == 0, result.output
    assert f"10 documents, 20 events in 1 partitions, 0 skipped → {output}" in result.output
    for expected in ("10 documents added, 0 already stored", "0 documents added, 10 already stored"):
        result = runner.invoke(app, ["ingest", str(output), "--db", str(db)])
        assert result.exit_code == 0 and expected in result.output
    bad = runner.invoke(app, ["run", str(inputs), "--engine", "spark", "--output", str(output)])
    assert bad.exit_code == 2 and "--engine must be dask or local" in bad.output
