"""Find actor forms in text with one Aho-Corasick automaton per language, then merge neighbours."""

from __future__ import annotations

import re
from dataclasses import dataclass

import ahocorasick

from realpolitik.actors.lexicon import Sense


@dataclass(slots=True)
class Hit:
    """A matched span (sentence-local offsets) and the sense chosen for it."""

    start: int
    end: int
    sense: Sense
    code: str | None = None
    sector: str | None = None
    office: str | None = None
    person: str | None = None
    kind: str = "state"
    via: str = ""


def case_variants(form: str) -> set[str]:
    """The form plus its capitalised and title-cased spellings (for sentence starts, headings)."""
    variants = {form, form[:1].upper() + form[1:]}
    if form[:1].islower():
        variants.add(" ".join(w[:1].upper() + w[1:] for w in form.split(" ")))
    return variants


def build_automaton(table: dict[str, list[Sense]]) -> ahocorasick.Automaton:
    """One automaton whose values are ``(form, senses)``."""
    automaton = ahocorasick.Automaton()
    for form, senses in table.items():
        automaton.add_word(form, (form, tuple(senses)))
    if len(automaton):
        automaton.make_automaton()
    return automaton


# Scripts written without spaces between words (Han, kana) or with particles glued on (Hangul), and
# Thai: a name there is whole even with letters on either side ("ロシアは", "러시아는").
UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def _glued(char: str) -> bool:
    """Whether ``char`` next to a form makes it part of a longer word."""
    return (char.isalnum() or char == "_") and not UNSPACED.match(char)


def at_boundary(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a whole word (no letter/digit glued on either side)."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not _glued(before) and not _glued(after)


def scan(automaton: ahocorasick.Automaton, text: str) -> list[tuple[int, int, tuple[Sense, ...]]]:
    """Whole-word hits, longest first among overlaps, returned in text order."""
    if not len(automaton):
        return []
    hits = []
    size = len(text)
    for last, (form, senses) in automaton.iter(text):
        start, end = last - len(form) + 1, last + 1
        # at_boundary(), inlined: this runs for every form found in every sentence
        if (start == 0 or not _glued(text[start - 1])) and (end == size or not _glued(text[end])):
            hits.append((start, end, senses))
    if len(hits) < 2:  # most sentences: nothing to choose between
        return hits
    hits.sort(key=lambda h: (h[0] - h[1], h[0]))
    chosen: list[tuple[int, int, tuple[Sense, ...]]] = []
    for hit in hits:
        if all(hit[1] <= c[0] or hit[0] >= c[1] for c in chosen):
            chosen.append(hit)
    return sorted(chosen, key=lambda h: h[0])
