"""The scraped-page splitter: the seed page, a wire-style page, dates, datelines and boilerplate."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from realpolitik.errors import InputError
from realpolitik.ingest import parse_page
from realpolitik.ingest.datelines import dateline_places, find_dateline
from realpolitik.ingest.dates import parse_date_line
from realpolitik.ingest.page import is_boilerplate
from realpolitik.model import PART_KINDS, Document, content_id

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SEED = SHARED / "seed" / "000_2ea6db9797bc8efc.txt"


def assert_spans(doc: Document) -> None:
    """Every part indexes its own text; parts are in page order and cover the text line by line."""
    assert [p.start for p in doc.parts] == sorted(p.start for p in doc.parts)
    assert all(p.kind in PART_KINDS for p in doc.parts)
    assert "\n".join(doc.text[p.start:p.end] for p in doc.parts) == doc.text
    for item in doc.related:
        assert doc.text[item.start:item.end] == item.title


@pytest.fixture
def seed() -> Document:
    if not SEED.exists():
        pytest.skip(f"{SEED} is absent: ../shared (the seed page) is not beside this checkout")
    return parse_page(SEED.read_text("utf-8"), source=str(SEED))


def test_seed_structure(seed: Document) -> None:
    expected = json.loads((SEED.parent / "expected.json").read_text("utf-8"))["document"]
    assert seed.title == expected["title"]
    assert seed.dateline == expected["dateline"] == "Berlin"
    assert seed.body.startswith(expected["body_starts_with"])
    assert seed.published is None
    assert [(r.title, r.published.isoformat(timespec="minutes") if r.published else None)
            for r in seed.related] == [(r["title"], r["published"]) for r in expected["related"]]
    for boilerplate in expected["boilerplate_removed"]:
        assert boilerplate not in seed.text
    assert_spans(seed)


def test_seed_parts(seed: Document) -> None:
    kinds = [p.kind for p in seed.parts]
    assert kinds[:3] == ["title", "dateline", "body"]
    assert kinds[-3:] == ["related"] * 3
    assert "keypoints" in kinds
    (dateline,) = [p for p in seed.parts if p.kind == "dateline"]
    assert seed.text[dateline.start:dateline.end] == "Berlin"
    title = seed.parts[0]
    assert seed.text[title.start:title.end] == seed.title
    for part in seed.parts:
        if part.kind in ("body", "title", "keypoints"):
            assert not seed.text[part.start:part.end].startswith("Berlin")
    key = [seed.text[p.start:p.end] for p in seed.parts if p.kind == "keypoints"]
    assert key[0].startswith("Erweiterung der militärischen Zusammenarbeit")
    related = [p for p in seed.parts if p.kind == "related"]
    assert related[0].published == datetime(2024, 11, 27, 18, 55)


def test_seed_id_is_content_hash(seed: Document) -> None:
    assert seed.id == content_id(seed.text)
    again = parse_page(SEED.read_text("utf-8"), source="elsewhere.txt")
    assert again.id == seed.id


def test_wire_page() -> None:
    doc = parse_page((FIXTURES / "wire_en.txt").read_text("utf-8"), source="wire_en.txt")
    assert doc.title == "Poland and Lithuania agree on joint air defence drills"
    assert doc.published == datetime(2024, 3, 5, 9, 30)
    assert doc.dateline == "VILNIUS"
    assert doc.body.startswith("Poland and Lithuania agreed on Tuesday")
    assert "March 5 (Wire)" not in doc.text and "March 5, 2024" not in doc.text
    assert "Share this article" not in doc.text and "Read more" not in doc.text
    key = [doc.text[p.start:p.end] for p in doc.parts if p.kind == "keypoints"]
    assert key == ["- Joint exercises near the border in the spring.\n"
                   "- An exchange of liaison officers between the two staffs."]
    assert [(r.title, r.published) for r in doc.related] == [
        ("Baltic states ask NATO for more air defence", datetime(2024, 3, 4, 18, 10)),
        ("Lithuania expels a diplomat over espionage claims", datetime(2024, 2, 28, 7, 45)),
    ]
    assert doc.body.endswith("send observers.")
    assert_spans(doc)


def test_given_title_and_published_win() -> None:
    doc = parse_page("Ruritania recalls its ambassador.\nIt did so on Monday.", source="x", title="A title",
                     published=datetime(2024, 1, 2), language="en", url="https://example.org", line=3)
    assert doc.text.startswith("A title\nRuritania recalls")
    assert doc.title == "A title" and doc.published == datetime(2024, 1, 2)
    assert (doc.language, doc.url, doc.line) == ("en", "https://example.org", 3)
    assert_spans(doc)


def test_empty_title_means_all_body() -> None:
    doc = parse_page("Ruritania recalled its ambassador.", source="x", title="")
    assert doc.title == "" and [p.kind for p in doc.parts] == ["body"]
    assert doc.body == "Ruritania recalled its ambassador."


def test_title_repeated_in_text_is_not_doubled() -> None:
    doc = parse_page("A title\nBody text here.", source="x", title="A title")
    assert doc.text == "A title\nBody text here."


def test_only_boilerplate_is_an_error() -> None:
    with pytest.raises(InputError, match="no text"):
        parse_page("  \nDiesen Artikel teilen\n", source="x.txt")


@pytest.mark.parametrize(("line", "expected"), [
    ("27. November 2024 · 18:55", datetime(2024, 11, 27, 18, 55)),
    ("November 27, 2024 · 18:55", datetime(2024, 11, 27, 18, 55)),
    ("27.11.2024 18:55", datetime(2024, 11, 27, 18, 55)),
    ("2024-11-27 18:55", datetime(2024, 11, 27, 18, 55)),
    ("2024-11-27T18:55", datetime(2024, 11, 27, 18, 55)),
    ("27 novembre 2024 à 18h55", datetime(2024, 11, 27, 18, 55)),
    ("27 de noviembre de 2024", datetime(2024, 11, 27)),
    ("27 novembre 2024, 18:55", datetime(2024, 11, 27, 18, 55)),
    ("27 de novembro de 2024", datetime(2024, 11, 27)),
    ("27 november 2024 om 18:55", datetime(2024, 11, 27, 18, 55)),
    ("Mittwoch, 27. November 2024, 18:55 Uhr", datetime(2024, 11, 27, 18, 55)),
    ("14. März 2024 · 09:30", datetime(2024, 3, 14, 9, 30)),
    ("BND-Leiter Kahl: 'Putin strebt nach Verunsicherung", None),
    ("Am 27. November 2024 trafen sich die Minister.", None),
    ("31.02.2024", None),
])
def test_date_lines(line: str, expected: datetime | None) -> None:
    assert parse_date_line(line) == expected


@pytest.mark.parametrize(("line", "place", "body"), [
    ("BerlinRusslands Verteidigungsminister hat", "Berlin", "Russlands"),
    ("KYIV, March 3 (Reuters) - Ukraine said", "KYIV", "Ukraine"),
    ("SEOUL — North Korea fired", "SEOUL", "North"),
    ("Berlin (dpa) – Die Regierung", "Berlin", "Die"),
    ("BERLIN. Die Regierung", "BERLIN", "Die"),
    ("Moskau/Kiew (dpa) - Russland", "Moskau/Kiew", "Russland"),
    ("PARIS (AFP) -Le président", "PARIS", "Le"),
    ("New YorkThe United Nations", "New York", "The"),
    ("Nordkorea und Russland erörtern", None, None),
    ("Berlin-Mitte ist ein Bezirk", None, None),
    ("NATO. Die Allianz", None, None),
    ("U.S. officials said", None, None),
    ("The president - who spoke - said", None, None),
])
def test_datelines(line: str, place: str | None, body: str | None) -> None:
    found = find_dateline(line)
    if place is None:
        assert found is None
    else:
        assert found is not None
        assert line[:found.place_end] == place
        assert line[found.body_start:].startswith(body or "")


def test_gazetteer_is_large_and_multilingual() -> None:
    places = dateline_places()
    assert len(places) > 300
    assert {"Berlin", "Moskau", "Moscow", "Moscou", "Pjöngjang", "Kyiv", "Kiew"} <= places


@pytest.mark.parametrize("line", ["Diesen Artikel teilen", "Share this article", "Artikel teilen", "Mehr zum Thema",
                                  "Lesen Sie auch:", "Read more", "We use cookies to improve your experience.",
                                  "Newsletter abonnieren"])
def test_boilerplate(line: str) -> None:
    assert is_boilerplate(line)


def test_not_boilerplate() -> None:
    assert not is_boilerplate("Russland teilt die Sorge nicht.")
    assert not is_boilerplate("Officials read more than 100 statements.")


def test_demo_article_date_under_title() -> None:
    page = ("Moskau und Pjöngjang vertiefen Zusammenarbeit\n14. November 2024 · 09:30\n"
            "Moskau (dpa) - Russland und Nordkorea wollen enger zusammenarbeiten.\nArtikel teilen\n")
    doc = parse_page(page, source="demo.txt")
    assert doc.published == datetime(2024, 11, 14, 9, 30)
    assert doc.dateline == "Moskau" and doc.related == ()
    assert doc.text == ("Moskau und Pjöngjang vertiefen Zusammenarbeit\nMoskau\n"
                        "Russland und Nordkorea wollen enger zusammenarbeiten.")
    assert_spans(doc)
