"""The lower-cased forms and lemmas of a sentence's tokens, as lists: the coder tests spans of them
against cue sets with ``set.isdisjoint`` instead of a Python loop over the tokens."""

from __future__ import annotations

from ..model import Sentence

# The last sentence asked about, and its words: the coder asks for every trigger of a sentence in
# turn. Keyed by identity (held here, so never reused), swapped whole.
_last: list[tuple[Sentence | None, list[str], list[str]]] = [(None, [], [])]


def words_of(sentence: Sentence) -> tuple[list[str], list[str]]:
    """(lower-cased forms, lemmas) of ``sentence``'s tokens, in order. Callers must not change them."""
    last = _last[0]
    if last[0] is sentence:
        return last[1], last[2]
    tokens = sentence.tokens
    lowers, lemmas = [t.lower for t in tokens], [t.lemma for t in tokens]
    _last[0] = (sentence, lowers, lemmas)
    return lowers, lemmas
