"""Real processes, where standard input, exit codes and tracebacks matter; each one has a timeout."""

from __future__ import annotations

import json

import pytest
from cli_support import BROKEN_LINE, DE, EN, RECORDS, jsonl, rows, run_cli


def test_python_m_help():
    done = run_cli("--help", module=True)
    assert done.returncode == 0
    for command in (b"extract", b"ingest", b"events", b"actors", b"dyad", b"system", b"eval"):
        assert command in done.stdout


def test_mixed_batch_from_stdin_and_files(tmp_path):
    (tmp_path / "en.txt").write_text(EN, "utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "zero.txt").write_bytes(b"\x00" * 5000)
    feed = jsonl(RECORDS[:1]) + BROKEN_LINE + "\n" + jsonl(RECORDS[1:])
    done = run_cli("extract", tmp_path / "en.txt", tmp_path / "empty.txt", "-", tmp_path / "zero.txt",
                   input=feed.encode())
    assert done.returncode == 1
    assert {r["doc"] for r in rows(done.stdout.decode())} == {"en.txt", "jp-cn", "it-ua"}
    err = done.stderr.decode()
    assert "empty.txt: empty file" in err and "<stdin>:2: invalid JSON" in err and "zero.txt" in err
    assert "Traceback" not in err


def test_stdin_text_exit_zero():
    done = run_cli("extract", "-", "--format", "csv", input=DE.encode())
    assert done.returncode == 0 and done.stderr == b""
    assert done.stdout.decode().splitlines()[0].startswith("doc,source,")


def test_missing_db_is_one_line(tmp_path):
    done = run_cli("events", "--db", tmp_path / "absent.duckdb")
    assert done.returncode == 1 and done.stdout == b""
    lines = done.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "absent.duckdb" in lines[0] and "ingest" in lines[0]


def test_bad_format_exit_2(tmp_path):
    (tmp_path / "en.txt").write_text(EN, "utf-8")
    done = run_cli("extract", tmp_path / "en.txt", "--format", "yaml")
    assert done.returncode == 2 and b"--format" in done.stderr and done.stdout == b""


def _hundred_megabytes(path, sparse: bool) -> None:
    """A 100 MB file, quickly: a hole (zeros) or one repeated block of text."""
    size = 100 * 2**20
    with path.open("wb") as out:
        if sparse:
            out.truncate(size)
            return
        block = (EN * 200).encode()
        for _ in range(size // len(block) + 1):
            out.write(block)


@pytest.mark.slow
def test_hundred_megabyte_file_over_the_limit(tmp_path):
    (tmp_path / "de.txt").write_text(DE, "utf-8")
    big = tmp_path / "big.txt"
    _hundred_megabytes(big, sparse=False)
    done = run_cli("extract", big, tmp_path / "de.txt", "--max-bytes", 50_000_000, timeout=60)
    assert done.returncode == 1
    assert "big.txt" in done.stderr.decode() and "--max-bytes" in done.stderr.decode()
    assert {r["doc"] for r in rows(done.stdout.decode())} == {"de.txt"}


@pytest.mark.slow
def test_hundred_megabyte_binary_file(tmp_path):
    (tmp_path / "de.txt").write_text(DE, "utf-8")
    big = tmp_path / "hole.txt"
    _hundred_megabytes(big, sparse=True)
    done = run_cli("extract", big, tmp_path / "de.txt", timeout=60)
    assert done.returncode == 1 and "hole.txt" in done.stderr.decode() and "binary" in done.stderr.decode()
    assert {json.loads(line)["doc"] for line in done.stdout.decode().splitlines()} == {"de.txt"}
