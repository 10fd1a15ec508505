"""Reading inputs: HTML, JSON Lines, encodings, size limits, directories and standard input."""

from __future__ import annotations

import gzip
import io
import shutil
import sys
from datetime import datetime
from pathlib import Path

import pytest

from realpolitik.errors import EncodingError, InputError
from realpolitik.ingest import decode_bytes, parse_html, read_inputs
from realpolitik.model import Document, content_id

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLE = "Ruritania recalled its ambassador from Freedonia.\nThe talks had failed.\n"


def read(*inputs: str | Path, max_bytes: int = 200 * 1024 * 1024) -> tuple[list[Document], list[InputError]]:
    """The documents and errors of reading the inputs."""
    errors: list[InputError] = []
    docs = list(read_inputs(inputs, on_error=errors.append, max_bytes=max_bytes))
    return docs, errors


def test_text_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, "utf-8")
    (doc,), errors = read(path)
    assert not errors
    assert doc.source == str(path) and doc.title == "Ruritania recalled its ambassador from Freedonia."
    assert doc.id == content_id(doc.text)


def test_html_via_trafilatura() -> None:
    (doc,), errors = read(FIXTURES / "article.html")
    assert not errors
    assert doc.title == "Poland and Lithuania sign air defence pact"
    assert doc.published == datetime(2024, 3, 5)
    assert doc.dateline == "WARSAW"
    assert doc.body.startswith("The defence ministers of Poland and Lithuania signed")
    assert "never read me" not in doc.text and "Home" not in doc.text
    assert "Share this article" not in doc.text
    assert doc.text.count(doc.title) == 1


def test_html_fallback_strips_tags(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("realpolitik.ingest.html.trafilatura.bare_extraction", lambda *a, **k: None)
    html = "<html><body><h1>Talks fail</h1><script>x()</script><p>Ruritania left the talks.</p></body></html>"
    doc = parse_html(html, source="x.html")
    assert doc.text == "Talks fail\nRuritania left the talks."


def test_html_without_text(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("<html><head><script>x()</script></head><body> </body></html>", "utf-8")
    docs, (error,) = read(path)
    assert not docs and "no text" in str(error) and error.source == str(path)


def test_jsonl_bad_line_in_the_middle() -> None:
    path = FIXTURES / "articles.jsonl"
    docs, errors = read(path)
    assert [d.id for d in docs] == ["doc-1", "doc-3", content_id(docs[2].text)]
    first = docs[0]
    assert first.title == "Ruritania recalls its ambassador" and first.text.startswith(first.title)
    assert first.published == datetime(2024, 5, 2) and first.language == "en" and first.line == 1
    assert first.url == "https://example.org/1"
    assert docs[1].dateline == "BERLIN" and docs[1].published == datetime(2024, 5, 3, 10, 15)
    assert [(e.source, e.line) for e in errors] == [(str(path), 2), (str(path), 4)]
    assert "invalid JSON" in errors[0].reason and f"{path}:2" in str(errors[0])
    assert '"text"' in errors[1].reason


def test_jsonl_gz(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl.gz"
    path.write_bytes(gzip.compress((FIXTURES / "articles.jsonl").read_bytes()))
    docs, errors = read(path)
    assert [d.id for d in docs][:2] == ["doc-1", "doc-3"] and len(errors) == 2


def test_jsonl_line_over_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    long_line = '{"id": "big", "text": "' + "x" * 500 + '"}'
    path.write_text(f'{{"id": "a", "text": "Short one."}}\n{long_line}\n{{"id": "b", "text": "Short two."}}\n')
    docs, (error,) = read(path, max_bytes=200)
    assert [d.id for d in docs] == ["a", "b"]
    assert error.line == 2 and "over the limit" in error.reason


def test_jsonl_bad_published(tmp_path: Path) -> None:
    path = tmp_path / "dates.jsonl"
    path.write_text('{"id": "a", "text": "Text.", "published": "last Tuesday"}\n{"id": "b", "text": "T."}\n')
    docs, (error,) = read(path)
    assert [d.id for d in docs] == ["b"] and error.line == 1 and "ISO" in error.reason


def test_json_array(tmp_path: Path) -> None:
    path = tmp_path / "articles.json"
    path.write_text('[{"id": "a", "text": "One."}, {"id": "b"}, {"id": "c", "text": "Three."}]')
    docs, (error,) = read(path)
    assert [d.id for d in docs] == ["a", "c"] and "item 2" in error.reason


def test_empty_file(tmp_path: Path) -> None:
    for name in ("empty.txt", "blank.txt", "empty.jsonl"):
        (tmp_path / name).write_text("" if name.startswith("empty") else " \n\t\n")
        docs, (error,) = read(tmp_path / name)
        assert not docs and error.reason == "empty file" and error.source == str(tmp_path / name)


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    docs, (error,) = read(path)
    assert not docs and isinstance(error, EncodingError) and error.reason == "binary file, not text"


def test_control_characters_are_binary() -> None:
    with pytest.raises(EncodingError, match="binary"):
        decode_bytes(bytes(range(1, 32)) * 20, "x")


def test_latin1_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Gespräche in Köln\nDie Außenminister trafen sich – ohne Ergebnis.\n".encode("cp1252"))
    (doc,), errors = read(path)
    assert not errors
    assert doc.title == "Gespräche in Köln" and "Außenminister" in doc.text and "–" in doc.text


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_bom_encodings(encoding: str) -> None:
    assert decode_bytes("Grüße aus Genf".encode(encoding), "x") == "Grüße aus Genf"


def test_file_over_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(ARTICLE * 100)
    docs, (error,) = read(path, max_bytes=1024)
    assert not docs
    assert "over the limit of" in error.reason and "--max-bytes" in error.reason and error.reason.startswith("file is")


def test_gz_over_max_bytes_once_decompressed(tmp_path: Path) -> None:
    path = tmp_path / "big.txt.gz"
    path.write_bytes(gzip.compress((ARTICLE * 200).encode()))
    docs, (error,) = read(path, max_bytes=2048)
    assert not docs and "over the limit" in error.reason


def test_damaged_gz(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(gzip.compress((FIXTURES / "articles.jsonl").read_bytes())[:60])
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    docs, errors = read(path, good)
    assert docs[-1].source == str(good)
    assert any("cannot read" in e.reason for e in errors)


def test_missing_file_does_not_stop_the_batch(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    docs, (error,) = read(tmp_path / "nope.txt", good)
    assert len(docs) == 1 and error.reason == "no such file" and error.source == str(tmp_path / "nope.txt")


def test_directory_walk(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    shutil.copy(FIXTURES / "wire_en.txt", tmp_path / "b" / "wire.txt")
    shutil.copy(FIXTURES / "article.html", tmp_path / "a.html")
    (tmp_path / "c.jsonl").write_text('{"id": "j1", "text": "Ruritania thanked Freedonia."}\n')
    (tmp_path / ".secret.txt").write_text(ARTICLE)
    (tmp_path / ".hidden" / "x.txt").write_text(ARTICLE)
    (tmp_path / "notes.md").write_text(ARTICLE)
    (tmp_path / "data.bin").write_bytes(b"\x00\x01")
    docs, errors = read(tmp_path)
    assert not errors
    assert [Path(d.source).name for d in docs] == ["a.html", "wire.txt", "c.jsonl"]


def test_same_article_twice_has_one_id(tmp_path: Path) -> None:
    for name in ("one.txt", "two.txt"):
        (tmp_path / name).write_text(ARTICLE)
    docs, _ = read(tmp_path)
    assert docs[0].id == docs[1].id


@pytest.mark.parametrize(("data", "expected"), [
    (ARTICLE, ["Ruritania recalled its ambassador from Freedonia."]),
    ('\n{"id": "s1", "text": "One."}\nnot json\n{"id": "s2", "text": "Two."}\n', ["", ""]),
    ((FIXTURES / "article.html").read_text("utf-8"), ["Poland and Lithuania sign air defence pact"]),
])
def test_stdin(monkeypatch: pytest.MonkeyPatch, data: str, expected: list[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(data))
    docs, errors = read("-")
    assert [d.title for d in docs] == expected
    assert all(d.source == "<stdin>" for d in docs)
    if data.startswith("\n{"):
        assert [d.id for d in docs] == ["s1", "s2"] and [(e.source, e.line) for e in errors] == [("<stdin>", 3)]


def test_stdin_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = io.BufferedReader(io.BytesIO("Gespräche in Köln\nText.".encode("cp1252")))  # type: ignore[arg-type]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(raw, encoding="utf-8"))
    (doc,), errors = read("-")
    assert not errors and doc.title == "Gespräche in Köln"


def test_stdin_not_read_unless_asked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    class Exploding(io.StringIO):
        def read(self, *args: object) -> str:
            raise AssertionError("stdin was read")

    monkeypatch.setattr(sys, "stdin", Exploding())
    (tmp_path / "a.txt").write_text(ARTICLE)
    docs, _ = read(tmp_path / "a.txt")
    assert len(docs) == 1
