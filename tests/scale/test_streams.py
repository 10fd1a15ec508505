"""Streaming readers: .jsonl.zst and Parquet, read lazily, bad records named by file and line."""

from __future__ import annotations

import json

import duckdb
import pytest
import zstandard
from scale_support import article

from realpolitik.ingest import read_inputs


def _read(*paths):
    errors = []
    docs = list(read_inputs([str(p) for p in paths], on_error=errors.append))
    return docs, [str(e) for e in errors]


def test_zstd_json_lines_with_a_bad_line(tmp_path):
    lines = [json.dumps(article(i)) for i in range(3)]
    data = "\n".join([lines[0], "{not json", *lines[1:]]).encode()
    path = tmp_path / "wire.jsonl.zst"
    path.write_bytes(zstandard.ZstdCompressor().compress(data))
    docs, errors = _read(path)
    assert [d.id for d in docs] == ["a00000", "a00001", "a00002"]
    assert [d.line for d in docs] == [1, 3, 4]
    assert len(errors) == 1 and errors[0].startswith(f"{path}:2: invalid JSON")


def test_zstd_is_read_lazily(tmp_path):
    """The first document comes before the damage at the end of the file is reached."""
    good = "".join(json.dumps(article(i)) + "\n" for i in range(2000)).encode()
    path = tmp_path / "big.jsonl.zst"
    path.write_bytes(zstandard.ZstdCompressor().compress(good) + b"\x00garbage")
    errors = []
    stream = read_inputs([str(path)], on_error=errors.append)
    assert next(stream).id == "a00000" and errors == []
    assert sum(1 for _ in stream) == 1999
    assert len(errors) == 1 and "cannot read" in str(errors[0]) and str(path) in str(errors[0])


def test_damaged_zstd_names_the_file(tmp_path):
    path = tmp_path / "bad.jsonl.zst"
    path.write_bytes(b"not zstd at all")
    docs, errors = _read(path)
    assert docs == [] and errors == [f"{path}: cannot read: zstd decompress error: Unknown frame descriptor"]


def _parquet(path, rows_sql):
    with duckdb.connect() as con:
        con.execute(f"COPY ({rows_sql}) TO '{path}' (FORMAT parquet, ROW_GROUP_SIZE 100)")
    return path


def test_parquet_rows_become_documents(tmp_path):
    path = _parquet(tmp_path / "a.parquet", """
        SELECT 'p' || i AS id, CASE WHEN i = 3 THEN NULL ELSE 'Japan protested against China, item ' || i || '.' END
               AS text, 'Title ' || i AS title, TIMESTAMP '2024-05-02 10:00' + INTERVAL (i) DAY AS published,
               'https://example.org/' || i AS url, 'en' AS lang
        FROM range(1, 1201) t(i)""")
    docs, errors = _read(path)
    assert len(docs) == 1199 and docs[0].id == "p1" and docs[0].title == "Title 1"
    assert docs[0].published.isoformat() == "2024-05-03T10:00:00" and docs[0].language == "en"
    assert docs[0].url == "https://example.org/1" and docs[-1].line == 1200
    assert errors == [f'{path}:3: no "text" field (or it is empty)']


def test_parquet_without_text_or_not_parquet(tmp_path):
    no_text = _parquet(tmp_path / "b.parquet", "SELECT 1 AS id")
    broken = tmp_path / "c.parquet"
    broken.write_bytes(b"PAR1 nothing")
    docs, errors = _read(no_text, broken)
    assert docs == []
    assert errors[0] == f'{no_text}: no "text" column (columns: id)'
    assert errors[1].startswith(f"{broken}: not a readable Parquet file")


def test_directories_mix_formats(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(
        (json.dumps(article(1)) + "\n").encode()))
    _parquet(tmp_path / "y.parquet", "SELECT 'q1' AS id, 'Russia met China.' AS text")
    docs, errors = _read(tmp_path)
    assert [d.id for d in docs] == ["a00001", "q1"] and errors == []


@pytest.mark.parametrize("suffix", [".jsonl.gz", ".jsonl.zst"])
def test_compressed_suffixes_are_walked(tmp_path, suffix):
    from realpolitik.ingest.files import walk

    (tmp_path / f"a{suffix}").write_bytes(b"")
    assert [p.name for p in walk(tmp_path, on_error=print)] == [f"a{suffix}"]
