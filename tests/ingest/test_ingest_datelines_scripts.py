"""Datelines in Cyrillic and with the Spanish agency separator "(EFE).-" are places, not actors."""

import pytest

from realpolitik.ingest.datelines import find_dateline


@pytest.mark.parametrize(("line", "place"), [
    ("Москва (ТАСС) — Россия заявила о новых мерах.", "Москва"),
    ("Киев, 3 марта (Укринформ) — Украина получила помощь.", "Киев"),
    ("Seúl, 16 jun (EFE).- Corea del Sur condenó el lanzamiento.", "Seúl"),
])
def test_dateline_found(line, place):
    found = find_dateline(line)
    assert found is not None and line[:found.place_end] == place


def test_plain_sentence_has_no_dateline():
    assert find_dateline("Россия и Китай подписали соглашение.") is None
