"""English coding rules, each on sentences the team wrote for it."""

from __future__ import annotations

from datetime import datetime

from realpolitik.actors import load_resolver
from realpolitik.events import code_document
from realpolitik.model import Document, Part
from realpolitik.text import split_sentences


def code(text: str, published: datetime | None = datetime(2025, 6, 1)):
    doc = Document(id="t", source="t.txt", text=text, language="en", published=published,
                   parts=(Part(kind="body", start=0, end=len(text)),))
    sentences = split_sentences(doc, "en")
    resolver = load_resolver(())
    mentions = [resolver.find_mentions(s, when=published.date() if published else None) for s in sentences]
    return [e for e in code_document(doc, sentences, mentions, "en") if e.confidence >= 0.5]


def triples(events):
    return {(e.source, e.target, e.type) for e in events}


def test_a_coordinated_verb_shares_the_whole_subject_list():
    events = code("Canada, Australia and New Zealand signed a fisheries accord on Tuesday, and jointly "
                  "condemned Iran's seizure of a tanker.")
    assert {("CAN", "IRN", "ACCUSE"), ("AUS", "IRN", "ACCUSE"), ("NZL", "IRN", "ACCUSE")} <= triples(events)
    accuse = [e for e in events if e.type == "ACCUSE"]
    assert {e.modality for e in accuse} == {"asserted"}  # "agreed"/"signed" before ", and" govern nothing


def test_summoning_an_envoy_to_protest_is_also_a_protest():
    events = code("Hanoi summoned China's ambassador on Tuesday to protest the arrest of its fishermen.")
    assert ("VNM", "CHN", "PROTEST") in triples(events)


def test_tear_gas_is_an_assault_by_the_police():
    events = code("Chilean riot police fired tear gas at students marching in Santiago on Thursday.")
    assert ("CHL", "CHL", "ASSAULT") in triples(events)
    assert not any(e.type == "PROTEST" and e.source_sector == "COP" for e in events)


def test_an_agentless_passive_names_no_attacker():
    events = code("A Greek cargo ship was hit near the coast of Yemen on Monday.")
    assert not any(e.type == "ASSAULT" for e in events)
    events = code("A Greek cargo ship was hit by Houthi missiles near the coast of Yemen on Monday.")
    assert ("HOUTHI", "GRC", "ASSAULT") in triples(events)


def test_ready_to_is_not_a_passive():
    events = code("Israel is opposed to French mediation in the dispute.")
    assert ("ISR", "FRA", "REJECT") in triples(events)


def test_warships_sent_somewhere_are_a_show_of_force():
    events = code("The United States sent two warships toward Iran on Friday.")
    assert ("USA", "IRN", "MOBILIZE") in triples(events)
    assert not any(e.type == "AID" for e in events)


def test_dropping_a_veto_is_a_concession():
    events = code("Austria dropped its veto against Romania's entry into the Schengen area.")
    assert ("AUT", "ROU", "CONCEDE") in triples(events)


def test_each_side_accused_the_other():
    events = code("Armenia and Azerbaijan traded fire on the border, and each side accused the other of "
                  "starting the clash.")
    assert {("ARM", "AZE", "ACCUSE"), ("AZE", "ARM", "ACCUSE")} <= triples(events)


def test_new_office_holders_resolve():
    events = code("Donald Tusk criticised Hungary on Monday.", published=datetime(2024, 5, 1))
    assert [(e.source, e.source_sector, e.target, e.type) for e in events] == [("POL", "GOV", "HUN", "ACCUSE")]
