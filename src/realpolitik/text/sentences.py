"""Sentence splitting for news text: each part on its own, paragraphs, abbreviations and ordinals."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Document, Sentence
from ..drafts import sentence
from .abbreviations import Abbreviations, load_abbreviations
from .tokens import tokenize

KINDS = ("title", "body", "keypoints", "related")  # the dateline is a place, not a sentence
# Languages that write ordinals with a dot ("27. November", "der 2. Weltkrieg").
ORDINAL_DOT = frozenset({"de", "pl", "tr", "da", "no", "nb", "nn", "fi", "cs", "sk", "sl", "hr", "sr",
                         "bs", "hu", "et", "lv", "is"})
WINDOW = 30  # characters looked back for an abbreviation; the longest listed one is 10

_STOP = r"[.!?\u2026\u061f\u06d4\u3002\uff01\uff1f]"  # . ! ? … ؟ ۔ 。 ！ ？
_CJK_STOP = r"[\u3002\uff01\uff1f]"  # 。 ！ ？
_CLOSERS = r"[\"\u201d\u201c\u00bb\u00ab'\u2019)\]]*"  # a sentence ends after its closing quote
_OPENERS = "([\"'\u201e\u201c\u00ab\u00bb\u201a\u2018\u2039\u203a"
_NEXT = re.compile(r"\S+(?:\s+(\d))?")  # the next word, and whether a number follows it ("Nov. 2024")
_INITIALS = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]\.")  # J.  U.S.  e.g.


@dataclass(frozen=True, slots=True)
class _Rules:
    """What one language needs to find sentence ends."""

    boundary: re.Pattern[str]
    abbreviations: Abbreviations
    ordinal_dot: bool
    # Every ending of every abbreviation ("B." and "z.B." of "z.B."): a word that is none of them
    # cannot be the end of one, however many dotted pieces before it are joined to it.
    endings: frozenset[str] = frozenset()


@functools.cache
def _rules(language: str) -> _Rules:
    """The compiled boundary regex and abbreviation list of ``language``."""
    # French closes quotes after a space: « Il part. » Ensuite …
    closers = rf"(?:[^\S\n]?\u00bb)?{_CLOSERS}" if language == "fr" else _CLOSERS
    # A boundary is a run of stops with closing quotes before a space, or a Chinese or Japanese full
    # stop, which ends a sentence with no space after it (。」 included), or a line break with the
    # white space after it. The pattern opens with the class of its first character so that the
    # regex engine skips ahead to the next candidate in C instead of trying every position; the
    # spaces before a line break, which a sentence does not keep, are added back by
    # ``sentence_spans``. The first character of a stop run is the one already read: "(?<=…)"
    # checks it, and "X*" after it is "X+" of the run, backtracking alike.
    # The lookahead at the end always succeeds and takes no text: it only captures the first
    # character after the boundary that is not white space ("next", none at the end of the part,
    # as the search runs up to it), which a stop needs to know and would otherwise search for.
    boundary = re.compile(rf"[.!?\u2026\u061f\u06d4\u3002\uff01\uff1f\n]"
                          rf"(?:(?<=\n)(?P<newline>\s*)"
                          rf"|(?<={_STOP}){_STOP}*{closers}(?=\s|\Z)"
                          rf"|(?<={_CJK_STOP}){_CJK_STOP}*[\u300d\u300f\uff09]*)"
                          rf"(?=(?:\s*(?P<next>\S))?)")
    abbreviations = load_abbreviations(language)
    endings = frozenset(key[cut:] for key in abbreviations.fixed | abbreviations.may_end for cut in range(len(key)))
    return _Rules(boundary, abbreviations, language in ORDINAL_DOT, endings)


def split_sentences(doc: Document, language: str, *, tokens: bool = True) -> list[Sentence]:
    """The sentences of a document, part by part, each with its tokens.

    Args:
        doc: the document; sentences come from its title, body, keypoints and related parts.
        language: ISO 639-1 code; picks abbreviations, ordinal rules and the tokenizer.
        tokens: False leaves ``tokens`` empty, for a caller that tokenises only the sentences it
            needs (the pipeline: those that may name an actor).

    Returns:
        Sentences in text order, indexed from 0, with offsets into ``doc.text``.
    """
    rules = _rules(language)
    sentences: list[Sentence] = []
    for part in sorted((p for p in doc.parts if p.kind in KINDS), key=lambda p: p.start):
        for start, end in sentence_spans(doc.text, part.start, part.end, rules):
            text = doc.text[start:end]
            sentences.append(sentence(doc.id, len(sentences), start, end, text, language, part.kind,
                                      part.published, tokenize(text, start, language) if tokens else ()))
    return sentences


def sentence_spans(text: str, lo: int, hi: int, rules: _Rules) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence in ``text[lo:hi]``, without surrounding white space."""
    begin = after = lo  # after: where the previous boundary ended
    for match in rules.boundary.finditer(text, lo, hi):
        newline, following = match.group("newline", "next")
        if newline is None:
            after = match.end()
            # whether the stop ends a sentence (tests/text/test_text_sentences.py states the rule
            # plainly, as the oracle this is checked against)
            if following is not None:  # None: nothing but white space up to the part's end
                if following.islower():  # "ca. zehn", "„Nein.“ sagte er"; caseless scripts never are
                    continue
                if match.group() == "." and not _dot_ends(text, match.start(), lo, match.start("next"), rules):
                    continue
            cut = after
        else:
            # the break starts with the spaces before the line feed (none of them in a boundary
            # before, and no line feed among them: every line feed starts a boundary)
            start = after + len(text[after:match.start()].rstrip())
            after = match.end()
            if not _newline_ends(text, start, after, lo, hi):
                continue
            cut = start
        span = _stripped(text, begin, cut)
        if span is not None:
            yield span
        begin = cut
    span = _stripped(text, begin, hi)
    if span is not None:
        yield span


def _stripped(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span without leading and trailing white space; None when it is blank."""
    piece = text[start:end]
    core = piece.strip()
    if not core:
        return None
    start += len(piece) - len(piece.lstrip())
    return start, start + len(core)


def _newline_ends(text: str, start: int, end: int, lo: int, hi: int) -> bool:
    """Whether the line break ``text[start:end]`` (white space with a line feed) ends a sentence: a
    blank line or a new paragraph, not a wrapped line."""
    if text.count("\n", start, end) > 1 or end >= hi:
        return True
    before = text[start - 1] if start > lo else "."
    return not (text[end].islower() or before in ",;-\u2010\u2011(")


def _dot_ends(text: str, dot: int, lo: int, after: int, rules: _Rules) -> bool:
    """Whether a single dot followed by a capitalised word ends a sentence."""
    window = text[max(lo, dot - WINDOW):dot + 1]
    # The last piece alone first (rsplit stops at the first space from the right): the window is
    # split into all its pieces only for a word that may end an abbreviation or be a number.
    word = window.rsplit(None, 1)[-1].lstrip(_OPENERS)
    if word in rules.endings:  # the key below always ends with ``word``: "said." ends no abbreviation
        fixed, may_end = rules.abbreviations.fixed, rules.abbreviations.may_end
        pieces = window.split()
        key = pieces[-1] = word
        if key in fixed:
            return False
        if key in may_end:
            return True
        for piece in reversed(pieces[-4:-1]):
            if not piece.endswith("."):
                break
            key = piece + key
            if key in fixed:
                return False
            if key in may_end:
                return True
    # "J. D. Vance", "U.S.", "т. е.": letters each followed by a dot, so "X." or "….X." (the test
    # of the third-last character spares most words the regex)
    if (len(word) == 2 or word[-3:-2] == ".") and _INITIALS.fullmatch(word):
        return False
    if word[:-1].isdigit() and len(word) <= 4:
        pieces = window.split()
        pieces[-1] = word
        return not _is_ordinal(text, dot - len(word) + 1, lo, after, pieces, rules)
    return True


def _is_ordinal(text: str, number: int, lo: int, after: int, pieces: list[str], rules: _Rules) -> bool:
    """Whether a number of up to three digits and a dot is a list number or an ordinal ("am 3. März")."""
    line_start = max(lo, text.rfind("\n", lo, number) + 1)
    if not text[line_start:number].strip(" \t\u2022*-\u00b7"):  # "1. Erstens" at a line start
        return True
    if not rules.ordinal_dot:
        return False
    previous = pieces[-2] if len(pieces) > 1 else ""
    if previous.isalpha() and (len(previous) <= 3 or (len(previous) <= 4 and previous.islower())):
        return True  # am 3. März, der 2. Weltkrieg, seit 24. Februar
    following = _NEXT.match(text, after)
    assert following is not None
    word = following.group().split()[0]
    return following.group(1) is not None or word in rules.abbreviations.fixed  # 27. Nov. 2024
