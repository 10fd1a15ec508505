"""Language identification on sentences the team wrote."""

from __future__ import annotations

import random

import pytest
from py3langid.langid import visit_counts

from realpolitik.text import SUPPORTED, identify_language, language

SENTENCES = {
    "de": "Der russische Verteidigungsminister hat am Dienstag Nordkorea besucht und Gespräche geführt.",
    "en": "The Russian defence minister visited North Korea on Tuesday and held talks with officials.",
    "fr": "Le ministre russe de la Défense s'est rendu mardi en Corée du Nord pour des entretiens.",
    "ru": "Министр обороны России во вторник посетил Северную Корею и провёл переговоры.",
    "ar": "زار وزير الدفاع الروسي كوريا الشمالية يوم الثلاثاء وأجرى محادثات مع المسؤولين.",
    "uk": "Міністр оборони Росії у вівторок відвідав Північну Корею та провів переговори.",
    "es": "El ministro ruso de Defensa visitó Corea del Norte el martes y mantuvo conversaciones.",
}


@pytest.mark.parametrize("language", sorted(SENTENCES))
def test_identifies_language(language):
    assert identify_language(SENTENCES[language]) == language


@pytest.mark.parametrize("text", ["12345", "", "   ", "Putin", "18:55 · 27.11.2024"])
def test_too_short_or_no_letters_is_none(text):
    assert identify_language(text) is None


def test_reads_only_a_prefix():
    text = SENTENCES["de"] * 10 + SENTENCES["en"] * 200
    assert identify_language(text) == "de"


def test_plausible_hint_is_trusted():
    assert identify_language("Putin besucht Pjöngjang", hint="de") == "de"
    assert identify_language(SENTENCES["uk"], hint="ru") == "ru"  # Cyrillic and ranked second


def test_implausible_hint_is_ignored():
    assert identify_language(SENTENCES["en"], hint="ru") == "en"
    assert identify_language("Putin", hint="ar") is None


def test_supported_languages_are_two_letter_codes():
    assert len(SUPPORTED) == 12 and all(len(code) == 2 for code in SUPPORTED)


def _py3langid_rank(text: str) -> list[tuple[str, float]]:
    """py3langid's own ranking with the aliases merged: what LanguageModel.rank must reproduce."""
    merged: dict[str, float] = {}
    for code, probability in language._identifier().rank(text):
        code = language.ALIASES.get(code, code)
        merged[code] = merged.get(code, 0.0) + probability
    return sorted(merged.items(), key=lambda item: item[1], reverse=True)


def test_model_ranks_exactly_as_py3langid():
    rng = random.Random(5)
    texts = [*SENTENCES.values(), "".join(SENTENCES.values()), SENTENCES["de"].upper(), "Putin", "12345", "",
             "\ud800 surrogate", "日本は中国と会談した。", "قال المغرب إن مصر شاركت", "Srbija i Hrvatska", "Србија"]
    texts += ["".join(chr(rng.randrange(32, 0x3000)) for _ in range(rng.randrange(1, 120))) for _ in range(200)]
    model = language._model()
    for text in texts:
        assert model.rank(text, 3) == _py3langid_rank(text)[:3], text  # same codes, same floats


def test_model_features_are_py3langid_visits():
    model, identifier = language._model(), language._identifier()
    for text in [*SENTENCES.values(), "a", "x" * 50]:
        data = identifier._encode(text)
        found, counts = model.features(data)
        visits = visit_counts(identifier.tk_nextmove, identifier._rowbase, identifier.tk_output, data) or {}
        assert list(zip(found.tolist(), counts.tolist(), strict=True)) == list(visits.items())
