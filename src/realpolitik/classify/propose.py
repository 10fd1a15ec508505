"""Classifier proposals in the pipeline: which sentences qualify, and the events proposed for them.

A sentence qualifies when it names at least two distinct actors and no lexicon event was coded in it
(in a language without a pack, no sentence has lexicon events). Only qualifying sentences are encoded,
and the model is loaded only when one exists.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..events import load_lexicon
from ..events.coder import flow_items
from ..events.dates import event_date
from ..events.lexicon import Lexicon
from ..events.ontology import DEFAULT_CAMEO, QUAD, goldstein
from ..model import Document, Event, Mention, Sentence, content_id
from .examples import NONE
from .model import Prediction, load_classifier

PRODUCER = "classifier"


def qualifying(sentences: Sequence[Sentence], mentions: Sequence[list[Mention]],
               events: Sequence[Event]) -> list[tuple[Sentence, Mention, Mention]]:
    """Sentences without a lexicon event that name two distinct actors, with the first two of them."""
    coded = {e.sentence_index for e in events}
    out = []
    for sentence, found in zip(sentences, mentions, strict=True):
        if sentence.index in coded:
            continue
        pair = actor_pair(found)
        if pair is not None:
            out.append((sentence, *pair))
    return out


def actor_pair(mentions: Sequence[Mention]) -> tuple[Mention, Mention] | None:
    """The first mention and the first later one of another actor code, or None."""
    if not mentions:
        return None
    first = mentions[0]
    other = next((m for m in mentions[1:] if m.actor.code and m.actor.code != first.actor.code), None)
    return (first, other) if other is not None and first.actor.code else None


def propose_events(doc: Document, sentences: Sequence[Sentence], mentions: Sequence[list[Mention]],
                   events: Sequence[Event], *, has_pack: bool) -> list[Event]:
    """Events the classifier proposes for the qualifying sentences of ``doc``.

    Args:
        doc: the document (its language is set).
        sentences: its sentences; mentions: their actor mentions (same order).
        events: the lexicon's events for the document.
        has_pack: whether the language has a lexicon (for modality cues and flow words).

    Returns:
        One event per qualifying sentence whose most probable label is a PLOVER type, with
        ``producer="classifier"`` and the calibrated probability as confidence. Callers filter by
        confidence.
    """
    chosen = qualifying(sentences, mentions, events)
    if not chosen:
        return []
    classifier = load_classifier()
    lexicon = load_lexicon(doc.language) if has_pack and doc.language else None
    predictions = classifier.predict([sentence.text for sentence, _, _ in chosen])
    return [proposal(doc, sentence, source, target, prediction, classifier.version, lexicon)
            for (sentence, source, target), prediction in zip(chosen, predictions, strict=True)
            if prediction.label != NONE]


def modality(sentence: Sentence, lexicon: Lexicon | None) -> str:
    """Negated or hypothetical when a cue of the language's pack stands in the sentence, else asserted.
    Without a pack there are no cues and every proposal is asserted."""
    if lexicon is None:
        return "asserted"
    words = {t.lower for t in sentence.tokens} | {t.lemma for t in sentence.tokens}
    if words & (lexicon.cue("negation") | lexicon.cue("negation_verbs")):
        return "negated"
    if words & (lexicon.cue("hypothetical") | lexicon.cue("future") | lexicon.cue("fears")):
        return "hypothetical"
    return "asserted"


def proposal(doc: Document, sentence: Sentence, source: Mention, target: Mention, prediction: Prediction,
             version: str, lexicon: Lexicon | None) -> Event:
    """The event for one classified sentence: the first actor is the source, the second the target.
    CONSULT, COOPERATE and AGREE are symmetric, so their order carries no meaning."""
    kind, cameo = prediction.label, DEFAULT_CAMEO[prediction.label]
    mood = modality(sentence, lexicon)
    when, date_source = event_date(doc, sentence)
    flow = flow_items(sentence.tokens, lexicon) if lexicon and kind in ("AID", "COOPERATE") else ()
    return Event(
        id=content_id(doc.id, str(sentence.index), source.actor.code, target.actor.code, kind, PRODUCER, mood),
        doc_id=doc.id, sentence_index=sentence.index, source=source.actor.code, target=target.actor.code,
        type=kind, source_sector=source.actor.sector, target_sector=target.actor.sector,
        source_person=source.actor.person, target_person=target.actor.person, flow=flow, cameo=cameo,
        goldstein=goldstein(cameo), quad=QUAD[kind], modality=mood, date=when, date_source=date_source,
        evidence=sentence.text, evidence_start=sentence.start, evidence_end=sentence.end,
        trigger="", trigger_start=sentence.start, trigger_end=sentence.start, part=sentence.part,
        language=sentence.language, confidence=prediction.probability, rule=f"{PRODUCER}:{version}",
        rule_version=version, producer=PRODUCER, doc_source=doc.source,
    )
