"""Find actor forms in text with one Aho-Corasick automaton per language, then merge neighbours."""

from __future__ import annotations

import re
from dataclasses import dataclass
from operator import itemgetter

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
    """One automaton whose values are ``(len(form) - 1, senses)``: where a form ends is what the
    automaton reports, and its length less one is how far back it starts."""
    automaton = ahocorasick.Automaton()
    for form, senses in table.items():
        automaton.add_word(form, (len(form) - 1, tuple(senses)))
    if len(automaton):
        automaton.make_automaton()
    return automaton


# Scripts written without spaces between words (Han, kana) or with particles glued on (Hangul), and
# Thai: a name there is whole even with letters on either side ("ロシアは", "러시아는").
UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def _glued(char: str) -> bool:
    """Whether ``char`` next to a form makes it part of a longer word."""
    return (char.isalnum() or char == "_") and not UNSPACED.match(char)


class _GluedChars(dict[str, bool]):
    """``_glued`` per character, worked out once: scan asks for the two neighbours of every form found."""

    def __missing__(self, char: str) -> bool:
        glued = self[char] = _glued(char)
        return glued


_GLUED = _GluedChars()  # bounded by the characters of the texts read


def at_boundary(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a whole word (no letter/digit glued on either side)."""
    return (start == 0 or not _GLUED[text[start - 1]]) and (end == len(text) or not _GLUED[text[end]])


_LONGEST_FIRST = itemgetter(0, 1)  # (start - end, start): longest, then leftmost
_IN_TEXT_ORDER = itemgetter(0)


def scan(automaton: ahocorasick.Automaton, text: str) -> list[tuple[int, int, tuple[Sense, ...]]]:
    """Whole-word hits, longest first among overlaps, returned in text order."""
    if not len(automaton):
        return []
    hits = []
    for last, (back, senses) in automaton.iter(text):
        start, end = last - back, last + 1
        if at_boundary(text, start, end):
            hits.append((start - end, start, end, senses))
    if len(hits) < 2:  # most sentences: nothing to choose between
        return [(start, end, senses) for _, start, end, senses in hits]
    hits.sort(key=_LONGEST_FIRST)
    chosen: list[tuple[int, int, tuple[Sense, ...]]] = []
    for _, start, end, senses in hits:
        for taken_start, taken_end, _ in chosen:
            if start < taken_end and end > taken_start:  # overlaps a longer (or earlier) hit
                break
        else:
            chosen.append((start, end, senses))
    chosen.sort(key=_IN_TEXT_ORDER)
    return chosen
