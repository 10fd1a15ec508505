"""The classifier in the pipeline: which sentences it reads, the events it proposes, the settings and
flags that show them, and languages without a pack."""

from __future__ import annotations

import dataclasses

import pytest

import realpolitik.classify.propose as propose
from realpolitik.classify.model import Prediction, load_classifier
from realpolitik.errors import LanguageError
from realpolitik.ingest import parse_page
from realpolitik.model import Event
from realpolitik.pipeline import actor_resolver, find_mentions, kept, process, with_language
from realpolitik.settings import Settings
from realpolitik.text import split_sentences

# Team-written: sentence 1 has a lexicon trigger, sentence 2 names two states with no trigger,
# sentence 3 names one state only.
EN = ("Pounding Odesa\nFrance signed a defence agreement with Germany on Monday. "
      "Russian drones pounded the Ukrainian port of Odesa overnight. Spain is warm in May.\n")
JA = ("ロシアと北朝鮮\nロシアは北朝鮮に大量の砲弾を送った。中国の外相が東京を訪問し、日本の外相と会談した。"
      "韓国の物価は安定している。\n")


def _doc(text: str, language: str):
    return with_language(parse_page(text, source="story.txt", language=language), Settings())


def _parts(text: str, language: str):
    doc = _doc(text, language)
    sentences = split_sentences(doc, language)
    return doc, sentences, find_mentions(doc, sentences, actor_resolver(doc, Settings()))


def test_only_untriggered_sentences_with_two_actors_qualify():
    doc, sentences, mentions = _parts(EN, "en")
    lexicon_events = [e for e in process(doc, Settings(classifier=False))[1]]
    assert {e.sentence_index for e in lexicon_events} == {1}
    chosen = propose.qualifying(sentences, mentions, lexicon_events)
    assert [(s.index, a.actor.code, b.actor.code) for s, a, b in chosen] == [(2, "RUS", "UKR")]


def test_proposal_records_producer_rule_and_confidence():
    doc, sentences, mentions = _parts(EN, "en")
    events = propose.propose_events(doc, sentences, mentions, [], has_pack=True)
    proposal = next(e for e in events if e.sentence_index == 2)
    version = load_classifier().version
    assert (proposal.source, proposal.target, proposal.type) == ("RUS", "UKR", "ASSAULT")
    assert proposal.producer == "classifier" and proposal.rule == f"classifier:{version}"
    assert proposal.rule_version == version and proposal.language == "en"
    assert 0.6 < proposal.confidence <= 1.0 and proposal.cameo == "190" and proposal.quad == 4
    assert proposal.evidence == sentences[2].text and proposal.trigger == ""


def test_no_qualifying_sentence_loads_nothing(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("the classifier was loaded")

    monkeypatch.setattr(propose, "load_classifier", fail)
    doc, sentences, mentions = _parts("Spain\nSpain is warm in May. Tourists like Madrid.\n", "en")
    assert propose.propose_events(doc, sentences, mentions, [], has_pack=True) == []


def test_pack_languages_skip_the_classifier_by_default(monkeypatch):
    calls = []
    monkeypatch.setattr("realpolitik.pipeline.propose_events", lambda *a, **k: calls.append(a) or [])
    process(_doc(EN, "en"), Settings())
    assert calls == []
    process(_doc(EN, "en"), Settings(include_proposals=True))
    assert len(calls) == 1


def test_lexicon_events_are_unchanged_by_proposals():
    doc = _doc(EN, "en")
    lexicon_only = process(doc, Settings(classifier=False))[1]
    with_proposals = process(doc, Settings(include_proposals=True))[1]
    assert lexicon_only and all(e.producer == "lexicon" for e in lexicon_only)
    assert [e for e in with_proposals if e.producer == "lexicon"] == lexicon_only
    assert any(e.producer == "classifier" and e.type == "ASSAULT" for e in with_proposals)


def test_symmetric_types_keep_text_order():
    doc, sentences, mentions = _parts(JA, "ja")
    event = propose.proposal(doc, sentences[2], *propose.actor_pair(mentions[2]), Prediction("CONSULT", 0.9),
                             "v", None)
    assert (event.source, event.target, event.type, event.modality) == ("CHN", "JPN", "CONSULT", "asserted")


def test_modality_from_the_pack_cues():
    doc, sentences, mentions = _parts("Talks\nRussia could pound the port of Odesa with Ukraine watching. "
                                      "Russia did not pound Ukraine.\n", "en")
    lexicon = propose.load_lexicon("en")
    assert propose.modality(sentences[1], lexicon) == "hypothetical"
    assert propose.modality(sentences[2], lexicon) == "negated"
    assert propose.modality(sentences[1], None) == "asserted"


def _event(**changes) -> Event:
    base = Event(id="e", doc_id="d", sentence_index=0, source="RUS", target="UKR", type="ASSAULT",
                 confidence=0.7, producer="classifier", language="ja")
    return dataclasses.replace(base, **changes)


@pytest.mark.parametrize("event, settings, shown", [
    (_event(), Settings(), True),
    (_event(confidence=0.55), Settings(), False),  # below the proposal threshold
    (_event(confidence=0.55), Settings(include_proposals=True), True),  # --proposals
    (_event(confidence=0.4), Settings(include_proposals=True), False),  # still below --min-confidence
    (_event(language="en"), Settings(), False),  # a pack language: only with --proposals
    (_event(language="en"), Settings(pack_proposals=True), True),
    (_event(language="en"), Settings(include_proposals=True), True),
    (_event(producer="lexicon", confidence=0.55, language="en"), Settings(), True),
    (_event(confidence=0.7), Settings(proposal_threshold=0.8), False),
])
def test_what_the_default_output_keeps(event, settings, shown):
    assert kept(event, settings) is shown


def test_language_without_a_pack_is_coded_by_the_classifier():
    doc = _doc(JA, "ja")
    assert doc.language == "ja"
    result = process(doc, Settings())
    assert result is not None
    found = {(e.source, e.type, e.target) for e in result[1]}
    assert ("RUS", "AID", "PRK") in found and ("CHN", "CONSULT", "JPN") in found
    assert all(e.producer == "classifier" and e.language == "ja" and e.confidence >= 0.6 for e in result[1])
    assert not any(e.sentence_index == 3 for e in result[1])  # one actor only: never classified


def test_language_without_a_pack_finds_cldr_names_glued_to_particles():
    doc, sentences, mentions = _parts(JA, "ja")
    assert [s.text for s in sentences][1:3] == ["ロシアは北朝鮮に大量の砲弾を送った。", "中国の外相が東京を訪問し、日本の外相と会談した。"]
    assert [m.actor.code for m in mentions[1]] == ["RUS", "PRK"]
    assert [(m.actor.code, m.actor.sector) for m in mentions[2]] == [("CHN", None), ("JPN", "GOV"), ("JPN", None)]


def test_language_the_encoder_cannot_read_is_refused():
    swedish = parse_page("Ryssland skickar vapen till Nordkorea, uppger regeringen i Seoul på tisdagen.\n",
                         source="sv.txt", language="sv")
    with pytest.raises(LanguageError, match="sv.txt: language 'sv' is not supported.*classifier only: .*ja"):
        with_language(swedish, Settings())


def test_without_the_classifier_a_language_without_a_pack_is_refused():
    with pytest.raises(LanguageError, match="'ja' is not supported"):
        with_language(parse_page(JA, source="ja.txt", language="ja"), Settings(classifier=False))
