"""The seed article's events, written by hand (mirrors ../shared/seed/expected.json)."""

from __future__ import annotations

from datetime import date

import pytest

from realpolitik.model import Document, Event, RelatedItem, content_id

DOC_ID = "seed0000000000001"
DAY = date(2024, 11, 30)
RELATED_DAY = date(2024, 11, 12)

# (source, target, type, modality, flow, part, goldstein, evidence) — the evidence is paraphrased.
SEED = [
    ("RUS", "PRK", "CONSULT", "asserted", (), "body", 1.9, "the defence minister visited North Korea"),
    ("RUS", "PRK", "COOPERATE", "asserted", (), "title", 6.0, "minister strengthens military alliance"),
    ("RUS", "PRK", "COOPERATE", "asserted", (), "body", 6.0, "expanding military cooperation"),
    ("PRK", "RUS", "SUPPORT", "asserted", (), "body", 3.4, "North Korea voices support for Russia"),
    ("PRK", "RUS", "CONSULT", "asserted", (), "body", 1.0, "both discuss ways to cooperate"),
    ("RUS", "PRK", "AID", "hypothetical", ("technology",), "body", 7.4, "hopes to receive technology"),
    ("PRK", "RUS", "AID", "asserted", ("troops", "weapons", "missiles"), "body", 7.4,
     "support that includes troops and deliveries of weapons and missiles"),
    ("PRK", "KOR", "THREATEN", "hypothetical", (), "body", -4.4, "a greater threat to neighbours"),
    ("PRK", "JPN", "THREATEN", "hypothetical", (), "body", -4.4, "a greater threat to neighbours"),
    ("RUS", "UKR", "ASSAULT", "asserted", (), "body", -10.0, "ongoing military operations"),
    ("KOR", "PRK", "ACCUSE", "hypothetical", (), "body", -2.0, "South Korea fears better weapons"),
    ("PRK", "WST", "REJECT", "hypothetical", (), "body", -4.0, "to reduce the influence of the West"),
    ("RUS", "WST", "REJECT", "hypothetical", (), "body", -4.0, "to reduce the influence of the West"),
    ("DEU", "RUS", "ACCUSE", "asserted", (), "related", -2.0, "intelligence chief accuses Putin"),
    ("RUS", "PRK", "AID", "asserted", ("missiles",), "related", 7.4, "Russia trades missiles for troops"),
    ("PRK", "RUS", "AID", "asserted", ("troops",), "related", 7.4, "Russia trades missiles for troops"),
    ("KOR", "RUS", "THREATEN", "asserted", (), "related", -4.4, "South Korea's warning"),
]


def seed_event(index: int, spec: tuple, doc_id: str = DOC_ID) -> Event:
    """One Event from a SEED row."""
    source, target, kind, modality, flow, part, value, evidence = spec
    return Event(
        id=content_id(doc_id, str(index), source, target, kind), doc_id=doc_id, sentence_index=index,
        source=source, target=target, type=kind, modality=modality, flow=flow, part=part,
        goldstein=value, evidence=evidence, date=RELATED_DAY if part == "related" else DAY,
        date_source="related" if part == "related" else "document", language="de",
        doc_source="/data/seed.txt",
    )


@pytest.fixture
def seed_events() -> list[Event]:
    return [seed_event(i, spec) for i, spec in enumerate(SEED)]


@pytest.fixture
def seed_doc() -> Document:
    return Document(id=DOC_ID, source="/data/seed.txt", text="(paraphrased seed)", title="seed",
                    language="de", related=(RelatedItem(title="trade", published=None, start=0, end=5),))
