"""``realpolitik extract``: formats, kinds of input, and bad input that never stops a batch."""

from __future__ import annotations

import csv
import io
import json

import pytest
from cli_support import BROKEN_LINE, DE, EN, FINNISH, NO_ACTORS, RECORDS, invoke, jsonl, rows

REQUIRED = ("doc", "source", "source_sector", "target", "target_sector", "type", "mode", "modality", "cameo",
            "goldstein", "date", "evidence", "confidence")
SWAHILI = ("Serikali ilikutana jana kujadili bajeti ya mwaka ujao. Mawaziri walikubaliana kuongeza fedha kwa "
           "shule na hospitali, na mazungumzo yataendelea wiki ijayo katika mji mkuu.\n")


def triples(out: str) -> set[tuple[str, str, str, str]]:
    return {(r["doc"], r["source"], r["type"], r["target"]) for r in rows(out)}


def test_jsonl_fields_and_doc_names(runner, articles):
    result = invoke(runner, "extract", *articles.values())
    assert result.exit_code == 0, result.stderr
    out = rows(result.stdout)
    for row in out:
        assert set(REQUIRED) <= set(row)
        assert row["evidence"] and 0 < row["confidence"] <= 1 and isinstance(row["goldstein"], float)
        assert row["modality"] in ("asserted", "hypothetical", "negated")
    assert {r["doc"] for r in out} == {"en.txt", "de.txt", "talks.html", "jp-cn", "it-ua"}
    found = triples(result.stdout)
    assert {("en.txt", "FRA", "AGREE", "DEU"), ("de.txt", "POL", "ACCUSE", "RUS"),
            ("talks.html", "JPN", "CONSULT", "KOR"), ("jp-cn", "JPN", "PROTEST", "CHN"),
            ("it-ua", "ITA", "AID", "UKR")} <= found


def test_jsonl_published_dates_the_events(runner, articles):
    out = {r["doc"]: r for r in rows(invoke(runner, "extract", articles["jsonl"]).stdout)}
    assert out["jp-cn"]["date"] == "2024-04-30"  # "on Tuesday" before Thursday 2 May
    assert out["it-ua"]["date"] == "2024-05-03" and out["it-ua"]["flow"] == ["weapons"]


def test_directory_is_walked_in_order(runner, articles):
    by_file = invoke(runner, "extract", *sorted(articles.values())).stdout
    result = invoke(runner, "extract", articles["en"].parent)
    assert result.exit_code == 0 and result.stdout == by_file


def test_csv_has_a_header_and_parses(runner, articles):
    result = invoke(runner, "extract", articles["en"], articles["de"], "--format", "csv")
    assert result.exit_code == 0
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert set(REQUIRED) <= set(table[0])
    assert {(r["doc"], r["source"], r["type"], r["target"]) for r in table} == triples(
        invoke(runner, "extract", articles["en"], articles["de"]).stdout)
    assert all(r["evidence"] for r in table)


def test_csv_header_without_events(runner, tmp_path):
    (tmp_path / "calm.txt").write_text(NO_ACTORS, "utf-8")
    result = invoke(runner, "extract", tmp_path / "calm.txt", "--format", "csv")
    assert result.exit_code == 0 and result.stdout.splitlines()[0].startswith("doc,source,")


def test_table_shows_evidence(runner, articles):
    result = invoke(runner, "extract", articles["en"], "--format", "table")
    assert result.exit_code == 0
    assert "THREATEN" in result.stdout and "Russia threatened Poland" in result.stdout


@pytest.mark.parametrize("fmt", ["xml", "JSON", ""])
def test_bad_format_exits_2(runner, articles, fmt):
    result = invoke(runner, "extract", articles["en"], "--format", fmt)
    assert result.exit_code == 2
    assert "--format" in result.stderr and "jsonl" in result.stderr
    assert result.stdout == ""


def test_standard_input_text_and_jsonl(runner):
    result = invoke(runner, "extract", "-", input=EN)
    assert result.exit_code == 0
    assert ("FRA", "AGREE", "DEU") in {(r["source"], r["type"], r["target"]) for r in rows(result.stdout)}
    result = invoke(runner, "extract", "-", input=jsonl(RECORDS))
    assert result.exit_code == 0 and {r["doc"] for r in rows(result.stdout)} == {"jp-cn", "it-ua"}


def test_stdin_mixed_with_files(runner, articles):
    result = invoke(runner, "extract", articles["en"], "-", input=DE)
    assert result.exit_code == 0
    assert {r["language"] for r in rows(result.stdout)} == {"en", "de"}


def test_no_actors_is_no_events_and_no_error(runner, tmp_path):
    (tmp_path / "weather.txt").write_text(NO_ACTORS, "utf-8")
    result = invoke(runner, "extract", tmp_path / "weather.txt")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


# Each bad input: a message naming it on stderr, exit 1, and the valid inputs of the batch still coded.

def _bad_batch(runner, articles, bad, *options):
    result = invoke(runner, "extract", articles["en"], bad, articles["de"], *options)
    assert result.exit_code == 1
    docs = {r["doc"] for r in rows(result.stdout)}
    assert {"en.txt", "de.txt"} <= docs
    return result.stderr


def test_empty_file(runner, articles, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    err = _bad_batch(runner, articles, tmp_path / "empty.txt")
    assert "empty.txt" in err and "empty" in err.split("empty.txt", 1)[1]


def test_whitespace_only_file(runner, articles, tmp_path):
    (tmp_path / "blank.txt").write_text(" \n\t\n", "utf-8")
    assert "blank.txt: empty file" in _bad_batch(runner, articles, tmp_path / "blank.txt")


def test_binary_file(runner, articles, tmp_path):
    (tmp_path / "photo.txt").write_bytes(bytes(range(256)) * 40)
    err = _bad_batch(runner, articles, tmp_path / "photo.txt")
    assert "photo.txt" in err and "binary" in err


def test_missing_file(runner, articles, tmp_path):
    assert "nowhere.txt: no such file" in _bad_batch(runner, articles, tmp_path / "nowhere.txt")


def test_broken_json_line_in_the_middle(runner, articles, tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(jsonl(RECORDS[:1]) + BROKEN_LINE + "\n" + jsonl(RECORDS[1:]), "utf-8")
    err = _bad_batch(runner, articles, path)
    assert "feed.jsonl:2:" in err and "JSON" in err
    assert "feed.jsonl:1" not in err and "feed.jsonl:3" not in err
    result = invoke(runner, "extract", path)
    assert result.exit_code == 1 and {r["doc"] for r in rows(result.stdout)} == {"jp-cn", "it-ua"}


def test_json_line_without_text(runner, articles, tmp_path):
    path = tmp_path / "notext.jsonl"
    path.write_text(jsonl([{"id": "x", "title": "no body"}, RECORDS[0]]), "utf-8")
    err = _bad_batch(runner, articles, path)
    assert "notext.jsonl:1:" in err and "text" in err


def test_file_over_max_bytes(runner, articles, tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(EN * 50, "utf-8")
    err = _bad_batch(runner, articles, path, "--max-bytes", 2000)
    assert "long.txt" in err and "--max-bytes" in err and "limit" in err


def test_json_line_over_max_bytes(runner, tmp_path):
    path = tmp_path / "wire.jsonl"
    big = {**RECORDS[0], "id": "big", "text": "Japan protested against China. " * 100}
    path.write_text(jsonl([big, RECORDS[1]]), "utf-8")
    result = invoke(runner, "extract", path, "--max-bytes", 1000)
    assert result.exit_code == 1 and "wire.jsonl:1:" in result.stderr and "limit" in result.stderr
    assert {r["doc"] for r in rows(result.stdout)} == {"it-ua"}


def test_max_bytes_must_be_positive(runner, articles):
    assert invoke(runner, "extract", articles["en"], "--max-bytes", 0).exit_code == 2


@pytest.mark.parametrize("text", [FINNISH, SWAHILI], ids=["fi", "sw"])
def test_unsupported_language(runner, articles, tmp_path, text):
    (tmp_path / "other.txt").write_text(text, "utf-8")
    err = _bad_batch(runner, articles, tmp_path / "other.txt")
    assert "other.txt" in err and "not supported" in err and "supported: " in err


def test_forced_language_codes_text(runner, tmp_path):
    (tmp_path / "short.txt").write_text("Polen kritisiert Russland.", "utf-8")
    result = invoke(runner, "extract", tmp_path / "short.txt", "--lang", "de")
    assert result.exit_code == 0 and rows(result.stdout)[0]["type"] == "ACCUSE"


def test_min_confidence_filters(runner, articles):
    everything = rows(invoke(runner, "extract", articles["en"], "--min-confidence", 0).stdout)
    nothing = invoke(runner, "extract", articles["en"], "--min-confidence", 1.01)
    assert everything and nothing.exit_code == 0 and nothing.stdout == ""
    strict = rows(invoke(runner, "extract", articles["en"], "--min-confidence", 0.79).stdout)
    assert all(r["confidence"] >= 0.79 for r in strict) and len(strict) < len(everything)


def test_extract_is_stateless(runner, articles, tmp_path, monkeypatch):
    monkeypatch.setenv("REALPOLITIK_DB", str(tmp_path / "never.duckdb"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    first = invoke(runner, "extract", *articles.values()).stdout
    assert invoke(runner, "extract", *articles.values()).stdout == first
    assert not (tmp_path / "never.duckdb").exists() and not (tmp_path / "data").exists()


def test_event_ids_are_stable_across_formats(runner, articles):
    ids = [r["id"] for r in rows(invoke(runner, "extract", articles["de"]).stdout)]
    table = csv.DictReader(io.StringIO(invoke(runner, "extract", articles["de"], "--format", "csv").stdout))
    assert ids == [r["id"] for r in table] and len(set(ids)) == len(ids)
    assert json.dumps(ids)  # plain strings


def test_language_tags_are_normalised(runner, tmp_path):
    path = tmp_path / "tags.jsonl"
    path.write_text(jsonl([{**RECORDS[0], "lang": "en-GB"}, {**RECORDS[1], "lang": "DE"}]), "utf-8")
    result = invoke(runner, "extract", path)
    assert result.exit_code == 0, result.stderr
    assert {(r["doc"], r["language"]) for r in rows(result.stdout)} == {("jp-cn", "en"), ("it-ua", "de")}
    (tmp_path / "de.txt").write_text(DE, "utf-8")
    assert rows(invoke(runner, "extract", tmp_path / "de.txt", "--lang", "de_DE").stdout)


def test_forced_unsupported_language(runner, articles):
    result = invoke(runner, "extract", articles["en"], "--lang", "fi")
    assert result.exit_code == 1 and "en.txt" in result.stderr and "'fi' is not supported" in result.stderr


def test_missing_actors_file_is_a_usage_error(runner, articles, tmp_path):
    result = invoke(runner, "extract", articles["en"], "--actors", tmp_path / "nothere.toml")
    assert result.exit_code == 2 and "nothere.toml" in result.stderr and result.stdout == ""


def test_empty_directory_is_no_output(runner, tmp_path):
    (tmp_path / "nothing").mkdir()
    result = invoke(runner, "extract", tmp_path / "nothing")
    assert (result.exit_code, result.stdout) == (0, "")
