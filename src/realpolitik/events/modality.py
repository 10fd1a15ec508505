"""Modality of a trigger: asserted, hypothetical (could, would, hopes, fears, plans) or negated."""

from __future__ import annotations

from ..model import Sentence
from .lexicon import Lexicon
from .words import words_of

NEGATION_WINDOW = 6  # tokens around the trigger (within its clause) in which "not"/"nicht" negates it


def modality_of(sentence: Sentence, at: int, clause: tuple[int, int], lexicon: Lexicon) -> tuple[str, str]:
    """The modality of the trigger at token ``at`` and the cue word that decided it."""
    tokens = sentence.tokens
    words = words_of(sentence)  # the loops below run only where a cue stands
    negated = _negation(sentence, at, clause, lexicon, words)
    if negated:
        return "negated", negated
    sets = lexicon.sets
    lemmas = sets.hypothetical
    hypothetical = sets.hypothetical_future
    lowers, lemma_list = words
    if not (hypothetical.isdisjoint(lowers[clause[0]:clause[1]]) and lemmas.isdisjoint(lemma_list[clause[0]:clause[1]])):
        for k in range(clause[0], clause[1]):
            token = tokens[k]
            if token.lower in hypothetical or token.lemma in lemmas:
                if k + 1 != at and _attributive(tokens, k, lexicon):
                    continue  # "cancelled a planned visit": the cancellation is asserted
                return "hypothetical", token.text
    governing = sets.governing
    if governing:
        start = _coordinated_start(tokens, clause, lexicon)
        if not (governing.isdisjoint(lemma_list[start:at]) and governing.isdisjoint(lowers[start:at])):
            for token in tokens[start:at]:
                if token.lemma in governing or token.lower in governing:
                    return "hypothetical", token.text
    trigger, fears = tokens[at], sets.fears
    if trigger.lemma in fears or trigger.lower in fears:
        return "hypothetical", trigger.text  # "Südkorea befürchtet, dass …": a fear is about what may come
    return "asserted", ""


def _negation(sentence: Sentence, at: int, clause: tuple[int, int], lexicon: Lexicon,
              words: tuple[list[str], list[str]] | None = None) -> str:
    """The negation cue that negates the trigger, or '' (``words``: ``words_of(sentence)``, when the
    caller has it)."""
    tokens = sentence.tokens
    verbs, negation = lexicon.sets.negation_verbs, lexicon.sets.negation  # looked up once: a hot loop
    lowers, lemmas = words or words_of(sentence)  # the loops below run only where a cue stands
    if verbs and not (verbs.isdisjoint(lemmas[:at]) and verbs.isdisjoint(lowers[:at])):
        for token in tokens[:at]:
            if token.lemma in verbs or token.lower in verbs:
                return token.text
    lo, hi = max(clause[0], at - NEGATION_WINDOW), min(clause[1], at + NEGATION_WINDOW + 1)
    if negation.isdisjoint(lowers[lo:hi]) and negation.isdisjoint(lemmas[lo:hi]):
        return ""
    skip = lexicon.sets.not_negation
    for k in range(lo, hi):
        token = tokens[k]
        if token.lower in negation or token.lemma in negation:
            after = tokens[k + 1].lower if k + 1 < len(tokens) else ""
            if k > at and after in lexicon.sets.infinitive:
                continue  # "called on China not to supply": the request is not negated
            if f"{token.lower} {after}" not in skip:
                return token.text
    return ""


def _coordinated_start(tokens, clause: tuple[int, int], lexicon: Lexicon) -> int:
    """Where a governing verb may stand: not before a coordinated clause (", and condemned …"), whose
    verb is asserted on its own: "agreed to hold exercises, and condemned the launch"."""
    if clause[0] <= 0:
        return 0
    head = [t.lower for t in tokens[clause[0]:clause[0] + 2]]
    return clause[0] if not lexicon.sets.conj.isdisjoint(head) else 0


def _attributive(tokens, k: int, lexicon: Lexicon) -> bool:
    """A participle used as an adjective after a determiner ("a planned visit"), in languages that set
    ``noun_reach_two``: it makes its noun hypothetical, not the whole clause."""
    return (bool(lexicon.sets.noun_reach_two) and k > 0 and tokens[k].lower.endswith("ed")
            and tokens[k - 1].lower in lexicon.sets.determiners)
