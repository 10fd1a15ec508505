"""Tokens and lemmas: one compiled regex per language, simplemma lemmas behind an LRU cache (its
dictionaries are read from an on-disk cache, see ``lemmacache``)."""

from __future__ import annotations

import functools
import re

from ..model import Token
from ..drafts import TokenDraft
from .lemmacache import LEMMATIZER

# Languages lemmatised with simplemma. Arabic is left out on purpose: its lemma is the word itself.
LEMMATISED = frozenset({"de", "en", "fr", "es", "it", "pt", "nl", "pl", "ru", "uk", "tr"})
LEMMA_CACHE = 1 << 18  # distinct (word, language) pairs kept; a day of news has far fewer

# A word character: \w plus combining marks (Arabic harakat, Cyrillic stress) and zero-width joiners,
# which \w does not match but which sit inside words.
_W = r"[\w\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u200c\u200d]"
_HYPHEN = r"[-\u2010\u2011]"
_APOSTROPHE = r"['\u2019\u02bc]"
_JOIN = {  # what may join two runs of word characters into one word, per language
    "en": rf"{_HYPHEN}|{_APOSTROPHE}(?!(?i:s|re|ve|ll|d|m|t)\b)",  # O'Brien, but Russia + 's
    "fr": _HYPHEN, "it": _HYPHEN, "ca": _HYPHEN,  # l' + armée
    "tr": _HYPHEN,  # Türkiye + 'nin
}
_DEFAULT_JOIN = rf"{_HYPHEN}|{_APOSTROPHE}"  # Ukrainian об'єкт, Dutch auto's stay one word
_ELISION = rf"(?i:aujourd{_APOSTROPHE}hui)|[^\W\d_]{{1,7}}{_APOSTROPHE}(?={_W})"  # l'armée, dell'Ucraina
_BEFORE = {  # alternatives tried before a plain word, per language
    "en": [rf"{_W}+?(?=n{_APOSTROPHE}t\b)", rf"n{_APOSTROPHE}t\b", rf"(?<=\w){_APOSTROPHE}(?i:s|re|ve|ll|d|m)\b"],
    "fr": [_ELISION], "it": [_ELISION], "ca": [_ELISION],
    "tr": [rf"(?<=\w){_APOSTROPHE}{_W}+"],
}
_ACRONYM = rf"(?:[^\W\d_]\.){{2,}}(?:{_HYPHEN}{_W}+)*"  # U.S., z.B., U.S.-Präsident
_NUMBER = rf"\d+(?:[.,:/]\d+)+(?:{_HYPHEN}{_W}+)*"  # 3.5, 1,000, 18:55, 27.11.2024
_PUNCT = r"\.{2,}|[^\w\s]"


@functools.cache
def token_pattern(language: str) -> re.Pattern[str]:
    """The compiled token regex for ``language``."""
    join = _JOIN.get(language, _DEFAULT_JOIN)
    # A trailing hyphen before a space, comma or slash keeps truncated compounds ("Raketen- und").
    word = rf"{_W}+(?:(?:{join}){_W}+)*(?:{_HYPHEN}(?=[\s,/]))?"
    alternatives = [*_BEFORE.get(language, []), _ACRONYM, _NUMBER, word, _PUNCT]
    return re.compile("|".join(f"(?:{a})" for a in alternatives))


@functools.cache
def _spaced_pattern(language: str) -> re.Pattern[str]:
    """``token_pattern(language)`` with the white space before each token as a first group.

    It finds the same tokens: every character that is not white space starts a token (a word
    character a word, any other one a punctuation mark), and no token starts with white space, so
    only white space lies between two tokens and ``\\s*`` takes all of it, never part of a token.
    The search starts a match only where no white space is just before (the text's start, or the
    end of the previous token) and takes the white space possessively (``*+``): giving any back
    could not help a token match, and a long run of white space at the end of a text is then read
    once, not again from each of its positions.
    """
    pattern = token_pattern(language)
    if pattern.groups:  # findall must give (space, token) pairs
        raise ValueError(f"the token pattern of {language!r} must not capture")
    return re.compile(rf"(?<!\s)(\s*+)({pattern.pattern})")


def tokenize(text: str, offset: int, language: str) -> tuple[Token, ...]:
    """Tokens of ``text``: words, numbers and punctuation marks, each its own token.

    Args:
        text: the text to split (usually one sentence).
        offset: where ``text`` starts in ``Document.text``; added to every token's span.
        language: ISO 639-1 code; picks the apostrophe and clitic rules and the lemmatiser.

    Returns:
        Tokens with document offsets, casefolded form and lower-cased lemma.
    """
    known = _KNOWN.get(language)
    if known is None:
        known = _KNOWN[language] = {}
    tokens = []
    append = tokens.append  # locals: this loop runs once per token of every document
    end = offset
    # findall builds the words in C, with no match object per token, each with the white space
    # before it: its length is all it takes to know where the word starts (see _spaced_pattern).
    for space, word in _spaced_pattern(language).findall(text):
        forms = known.get(word)
        if forms is None:
            forms = _remember(known, word, language)
        token = TokenDraft()
        token.start = start = end + len(space)
        token.end = end = start + len(word)
        token.text = word
        token.lower, token.lemma = forms
        token.__class__ = Token  # type: ignore[assignment]  # now the frozen record (see drafts)
        append(token)
    return tuple(tokens)


# word → (casefolded form, lemma), per language: one dict probe a token (an lru_cache on two arguments
# builds a key tuple and reorders its list on every hit). At most LEMMA_CACHE words in all, as the
# lru_cache held; when full, all are forgotten at once rather than evicted one by one.
_KNOWN: dict[str, dict[str, tuple[str, str]]] = {}
_remembered = 0  # words in _KNOWN, all languages


def _remember(known: dict[str, tuple[str, str]], word: str, language: str) -> tuple[str, str]:
    """Add ``word``'s forms to ``known`` (``_KNOWN[language]``) and return them."""
    global _remembered
    if _remembered >= LEMMA_CACHE:
        for words in _KNOWN.values():
            words.clear()
        _remembered = 0
    forms = known[word] = (word.casefold(), _lemma(word, language))  # cached here, not in lemma()'s too
    _remembered += 1
    return forms


def _lemma(word: str, language: str) -> str:
    """The lower-cased simplemma lemma of ``word``; the lower-cased word when there is none.

    Args:
        word: one token as written (case helps simplemma with German nouns).
        language: ISO 639-1 code; languages outside ``LEMMATISED`` (Arabic) keep the word.

    Returns:
        The lemma, lower-cased.
    """
    if language not in LEMMATISED or not word[:1].isalpha():
        return word.lower()
    return LEMMATIZER.lemmatize(word, language).lower()  # simplemma's lemma, from the on-disk cache


# ``_lemma`` with a cache of its own, for callers outside ``tokenize`` (which keeps its forms in _KNOWN)
lemma = functools.lru_cache(maxsize=LEMMA_CACHE)(_lemma)
