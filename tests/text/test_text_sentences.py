"""Sentence splitting on news text: parts, paragraphs, abbreviations, ordinals, quotes."""

from __future__ import annotations

import random
import re
from datetime import datetime

import pytest

from realpolitik.model import Document, Part
from realpolitik.text import sentences, split_sentences


def body(text: str) -> Document:
    return Document(id="d1", source="test", text=text, parts=(Part(kind="body", start=0, end=len(text)),))


def texts(text: str, language: str) -> list[str]:
    return [s.text for s in split_sentences(body(text), language)]


@pytest.mark.parametrize("sentence", [
    "Dr. Müller und Prof. Schmidt trafen Vertreter der EU.",
    "Teilnehmer waren u. a. Vertreter aus Polen, z. B. der Botschafter.",
    "Die Kosten bzw. Ausgaben betrugen ca. 3.5 Mio. Euro.",
    "Der Vertrag Nr. 5 wurde in St. Petersburg unterzeichnet.",
    "Am 27. Nov. 2024 trafen sich die Minister.",
    "Am 27. November 2024 trafen sich die Minister.",
    "Das Treffen war am 3. März in Moskau.",
    "Es ging um den 2. Weltkrieg und seine Folgen.",
    "Sie trafen J. D. Vance in Washington.",
    "Die Lieferungen stiegen im Jan. und Dez. stark an.",
])
def test_german_abbreviations_do_not_end_a_sentence(sentence):
    assert texts(f"{sentence} Danach reiste er ab.", "de") == [sentence, "Danach reiste er ab."]


@pytest.mark.parametrize("sentence", [
    "Mr. Smith met Mrs. Jones and Dr. Brown.",
    "The U.S. and the U.N. agreed on a plan.",
    "Talks began on Feb. 3 and ended in Nov. last year.",
    "He met J. D. Vance in St. Louis.",
    "Inflation rose to 3.5 percent.",
])
def test_english_abbreviations_do_not_end_a_sentence(sentence):
    assert texts(f"{sentence} Then he left.", "en") == [sentence, "Then he left."]


def test_year_and_plain_number_end_a_sentence():
    assert texts("Das war im Jahr 2024. Dann kam der Krieg.", "de") == ["Das war im Jahr 2024.", "Dann kam der Krieg."]
    assert texts("Russland liegt auf Platz 3. Deutschland folgt.", "de") == [
        "Russland liegt auf Platz 3.", "Deutschland folgt."]


def test_may_end_abbreviation_ends_before_a_capital():
    assert texts("Panzer, Raketen usw. Die Lieferung kam.", "de") == ["Panzer, Raketen usw.", "Die Lieferung kam."]
    assert texts("Tanks, drones etc. were sent.", "en") == ["Tanks, drones etc. were sent."]


def test_sentence_ends_after_a_closing_quote():
    assert texts('He said: "We will go." Then he left.', "en") == ['He said: "We will go."', "Then he left."]
    assert texts("Er sagte: „Wir kommen.“ Dann ging er.", "de") == ["Er sagte: „Wir kommen.“", "Dann ging er."]
    assert texts("„Nein.“ sagte er.", "de") == ["„Nein.“ sagte er."]


def test_question_exclamation_and_lowercase_continuation():
    assert texts("Kommt er? Ja! Sicher.", "de") == ["Kommt er?", "Ja!", "Sicher."]
    assert texts("Wait... what happened?", "en") == ["Wait... what happened?"]


def test_paragraph_lines_end_sentences_but_wrapped_lines_do_not():
    text = "Wichtige Aspekte des Besuchs:\nErweiterung der Zusammenarbeit\nDie Partnerschaft wird\nvon Putin unterstützt."
    assert texts(text, "de") == ["Wichtige Aspekte des Besuchs:", "Erweiterung der Zusammenarbeit",
                                 "Die Partnerschaft wird\nvon Putin unterstützt."]
    assert texts("Erster Absatz\n\nzweiter Absatz", "de") == ["Erster Absatz", "zweiter Absatz"]


def test_numbered_list_item_is_not_a_sentence_end():
    assert texts("1. Erweiterung der Zusammenarbeit.", "en") == ["1. Erweiterung der Zusammenarbeit."]


def test_french_abbreviations_and_guillemets():
    assert texts("M. Macron a reçu le Dr. Dupont. « Nous partons. » Ensuite, il est parti.", "fr") == [
        "M. Macron a reçu le Dr. Dupont.", "« Nous partons. »", "Ensuite, il est parti."]


def test_russian_abbreviations():
    text = "Он встретился с ген. Ивановым, т. е. с главой академии им. Жукова. Затем уехал."
    assert texts(text, "ru") == ["Он встретился с ген. Ивановым, т. е. с главой академии им. Жукова.",
                                 "Затем уехал."]


def test_arabic_stops():
    assert texts("زار الوزير موسكو. هل سيعود؟ نعم! انتهى۔ ثم عاد", "ar") == [
        "زار الوزير موسكو.", "هل سيعود؟", "نعم!", "انتهى۔", "ثم عاد"]


def test_title_and_body_are_kept_apart():
    title, text = "Putin besucht Pjöngjang", "Russlands Präsident reiste am Dienstag an. Er blieb zwei Tage."
    related = "Kim trifft Lawrow"
    full = f"{title}\n{text}\n{related}"
    when = datetime(2024, 11, 22, 10, 28)
    parts = (Part(kind="title", start=0, end=len(title)),
             Part(kind="dateline", start=len(title) + 1, end=len(title) + 1),
             Part(kind="body", start=len(title) + 1, end=len(title) + 1 + len(text)),
             Part(kind="related", start=len(full) - len(related), end=len(full), published=when))
    doc = Document(id="d2", source="test", text=full, parts=parts)
    sentences = split_sentences(doc, "de")
    assert [(s.part, s.text) for s in sentences] == [
        ("title", title), ("body", "Russlands Präsident reiste am Dienstag an."), ("body", "Er blieb zwei Tage."),
        ("related", related)]
    assert [s.index for s in sentences] == [0, 1, 2, 3]
    assert sentences[-1].published == when and sentences[0].published is None
    assert all(s.doc_id == "d2" and s.language == "de" for s in sentences)


def test_title_without_stop_does_not_merge_with_body():
    full = "Putin besucht Pjöngjang\ngestern kam er an."
    parts = (Part(kind="title", start=0, end=23), Part(kind="body", start=24, end=len(full)))
    doc = Document(id="d3", source="test", text=full, parts=parts)
    assert [s.text for s in split_sentences(doc, "de")] == ["Putin besucht Pjöngjang", "gestern kam er an."]


def test_offsets_point_into_the_document():
    text = "  Dr. Müller sagte: „Wir kommen.“  \n\n Die Ukraine-Konflikt-Gespräche laufen; Russia's Raketen- und "
    text += "Nuklearprogramme. زار الوزير موسكو. Министр обороны посетил Москву."
    doc = Document(id="d4", source="test", text="Titel\n" + text,
                   parts=(Part(kind="title", start=0, end=5), Part(kind="body", start=6, end=6 + len(text))))
    sentences = split_sentences(doc, "de")
    assert len(sentences) == 5
    for sentence in sentences:
        assert doc.text[sentence.start:sentence.end] == sentence.text == sentence.text.strip()
        assert sentence.tokens
        for token in sentence.tokens:
            assert doc.text[token.start:token.end] == token.text
            assert sentence.start <= token.start < token.end <= sentence.end


def test_parts_without_text_kinds_give_no_sentences():
    doc = Document(id="d5", source="test", text="Berlin", parts=(Part(kind="dateline", start=0, end=6),))
    assert split_sentences(doc, "de") == []


def _stop_ends(text: str, match: re.Match[str], lo: int, hi: int, rules) -> bool:
    """Whether ``. ! ? …`` (and closing quotes) at ``match`` end a sentence: the rule stated plainly
    (``sentence_spans`` has it inlined)."""
    following = re.compile(r"\S").search(text, match.end(), hi)
    if following is None:
        return True
    if following.group().islower():  # "ca. zehn", "„Nein.“ sagte er"; caseless scripts never are
        return False
    if match.group() != ".":
        return True
    return sentences._dot_ends(text, match.start(), lo, following.start(), rules)


def _reference_spans(text: str, lo: int, hi: int, language: str) -> list[tuple[int, int]]:
    """sentence_spans with the plain boundary pattern (which tries every position) it replaced."""
    closers = rf"(?:[^\S\n]?\u00bb)?{sentences._CLOSERS}" if language == "fr" else sentences._CLOSERS
    boundary = re.compile(rf"(?P<stop>{sentences._STOP}+{closers}(?=\s|\Z)|[\u3002\uff01\uff1f]+[\u300d\u300f\uff09]*)"
                          rf"|(?P<newline>[^\S\n]*\n\s*)")
    rules, spans, begin = sentences._rules(language), [], lo
    for match in boundary.finditer(text, lo, hi):
        if match.group("stop") is not None:
            if not _stop_ends(text, match, lo, hi, rules):
                continue
            cut = match.end()
        elif sentences._newline_ends(text, match.start(), match.end(), lo, hi):
            cut = match.start()
        else:
            continue
        spans += filter(None, [sentences._stripped(text, begin, cut)])
        begin = cut
    return spans + list(filter(None, [sentences._stripped(text, begin, hi)]))


def test_boundaries_are_those_of_the_plain_pattern():
    rng = random.Random(3)
    pieces = [*"aAzZ19 .!?\u2026\u061f\u3002\uff01\u300d\n\t\r\u00a0\"\u201d\u00bb\u00ab')(,;-", " \n", ". \n", "  \n\n ",
              " \u00bb", "Dr.", "z.B.", "usw.", "J.", "U.S.", "3.", "27.", "Nov.", "am"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(40)))
        lo = rng.randrange(len(text) + 1)
        hi = rng.randrange(lo, len(text) + 1)
        for language in ("de", "fr", "ja"):
            expected = _reference_spans(text, lo, hi, language)
            assert list(sentences.sentence_spans(text, lo, hi, sentences._rules(language))) == expected, text
