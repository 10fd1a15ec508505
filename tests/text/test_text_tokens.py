"""Tokens and lemmas: compounds, apostrophes, numbers, scripts, offsets."""

from __future__ import annotations

import pytest

from realpolitik.model import Token
from realpolitik.text import lemma, tokenize
from realpolitik.text import tokens as token_module
from realpolitik.text.tokens import token_pattern


def words(text: str, language: str) -> list[str]:
    return [t.text for t in tokenize(text, 0, language)]


def test_hyphenated_compounds_stay_whole():
    assert words("Im Ukraine-Konflikt traf Kim Jong-un den U.S.-Präsidenten.", "de") == [
        "Im", "Ukraine-Konflikt", "traf", "Kim", "Jong-un", "den", "U.S.-Präsidenten", "."]


def test_german_truncated_compound_is_one_token():
    assert words("Raketen- und Nuklearprogramme, Land-, Luft- oder Seestreitkräfte", "de") == [
        "Raketen-", "und", "Nuklearprogramme", ",", "Land-", ",", "Luft-", "oder", "Seestreitkräfte"]


def test_english_clitics_are_split():
    assert words("Russia's troops don't leave; O'Brien can't.", "en") == [
        "Russia", "'s", "troops", "do", "n't", "leave", ";", "O'Brien", "ca", "n't", "."]
    assert words("Russia’s army", "en") == ["Russia", "’s", "army"]


def test_elision_and_suffix_apostrophes():
    assert words("L'armée d'Ukraine aujourd'hui", "fr") == ["L'", "armée", "d'", "Ukraine", "aujourd'hui"]
    assert words("Türkiye'nin tepkisi", "tr") == ["Türkiye", "'nin", "tepkisi"]
    assert words("Прем'єр-міністр відвідав об'єкт", "uk") == ["Прем'єр-міністр", "відвідав", "об'єкт"]


def test_numbers_and_punctuation():
    assert words("Am 27.11.2024 um 18:55 stiegen 3,5 Mio. (1.000 Soldaten)…", "de") == [
        "Am", "27.11.2024", "um", "18:55", "stiegen", "3,5", "Mio", ".", "(", "1.000", "Soldaten", ")", "…"]
    assert words("Inflation hit 3.5% in 2024...", "en") == ["Inflation", "hit", "3.5", "%", "in", "2024", "..."]


def test_arabic_and_cyrillic_words():
    assert words("زارَ وزيرُ الدفاعِ موسكو، أمس؟", "ar") == ["زارَ", "وزيرُ", "الدفاعِ", "موسكو", "،", "أمس", "؟"]
    assert words("Министр посетил Пхеньян.", "ru") == ["Министр", "посетил", "Пхеньян", "."]


def test_offsets_lower_and_lemma():
    text = "Nordkorea hat Raketen geliefert"
    tokens = tokenize(text, 100, "de")
    padded = " " * 100 + text
    assert all(padded[t.start:t.end] == t.text for t in tokens)
    assert [t.lower for t in tokens] == ["nordkorea", "hat", "raketen", "geliefert"]
    assert tokens[2].lemma == "rakete"
    assert tokenize("STRASSE Straße", 0, "de")[1].lower == "strasse"  # casefolded


@pytest.mark.parametrize(("word", "language", "expected"), [
    ("besucht", "de", "besuchen"),
    ("visited", "en", "visit"),
    ("Unterstützung", "de", "unterstützung"),
    ("Raketen", "de", "rakete"),
    ("Nordkoreas", "de", "nordkorea"),
    ("встретился", "ru", "встретиться"),
    ("الدفاع", "ar", "الدفاع"),
    ("Pjöngjang", "xx", "pjöngjang"),
    ("3,5", "de", "3,5"),
])
def test_lemma(word, language, expected):
    assert lemma(word, language) == expected


def test_lemma_is_cached():
    lemma("besucht", "de")
    before = lemma.cache_info().hits
    lemma("besucht", "de")
    assert lemma.cache_info().hits == before + 1


def test_tokens_are_plain_token_records():
    """tokenize() builds Token through its slots; the records must be those Token(...) makes."""
    text = "Russia's troops don't leave; l'armée a reçu 1,000 Raketen- und U.S.-Präsidenten."
    for language in ("en", "fr", "de", "ar"):
        tokens = tokenize(text, 7, language)
        built = tuple(Token(start=m.start() + 7, end=m.end() + 7, text=m.group(), lower=m.group().casefold(),
                            lemma=lemma(m.group(), language)) for m in token_pattern(language).finditer(text))
        assert tokens == built and [hash(t) for t in tokens] == [hash(t) for t in built]
        assert repr(tokens) == repr(built) and tokenize(text, 7, language) == tokens  # cached forms too


def test_forms_cache_is_bounded_and_forgets_without_changing_tokens(monkeypatch):
    monkeypatch.setattr(token_module, "LEMMA_CACHE", 3)
    monkeypatch.setattr(token_module, "_KNOWN", {})
    monkeypatch.setattr(token_module, "_remembered", 0)
    first = tokenize("Russia's troops don't leave Kyiv.", 0, "en")
    assert sum(len(words) for words in token_module._KNOWN.values()) <= 3
    assert tokenize("Russia's troops don't leave Kyiv.", 0, "en") == first


@pytest.mark.parametrize("language", ["en", "fr", "de", "tr", "ar", "uk", "it", "ja"])
def test_token_spans_match_the_pattern_on_random_text(language):
    """tokenize() finds each span from the words alone (only white space lies between matches)."""
    import pickle
    import random

    pieces = ["Russia", "'s", "n't", "don", "l'", "armée", "U.S.", "-", "\u2011", "1,000", "3.5", " ", "  ", "\n",
              "\t", "\u00a0", "\u2009", ".", "...", "\u2019", "'", "ё\u0301", "\u200d", "_", "é", "\u064b", "كتب",
              "Raketen-", ",", "/", "aujourd'hui", "Türkiye'nin", "ロシア", "x"]
    rng = random.Random(language)
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
        tokens = tokenize(text, 3, language)
        built = tuple(Token(start=m.start() + 3, end=m.end() + 3, text=m.group(), lower=m.group().casefold(),
                            lemma=lemma(m.group(), language)) for m in token_pattern(language).finditer(text))
        assert tokens == built, text
    tokens = tokenize("Russia's troops", 0, language)
    assert type(tokens[0]) is Token and pickle.loads(pickle.dumps(tokens)) == tokens
