"""Records shared by every stage: frozen, slotted, keyword-only dataclasses.

A stage takes records and yields new ones; it never mutates what it gets.

    Document ──► Sentence (+ Token) ──► Mention (+ Actor) ──► Event

All character offsets (``start``/``end``) are into ``Document.text``, so evidence spans point into
the text that was read.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
SYMMETRIC_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE"})
MODALITIES = ("asserted", "hypothetical", "negated")
PART_KINDS = ("title", "dateline", "body", "keypoints", "related")


def content_id(*parts: str, size: int = 16) -> str:
    """A stable hex id from the given strings (blake2b, ``size`` hex characters)."""
    # each part followed by the unit separator 0x1f, hashed in one update (the coder makes one id
    # per event): the same bytes as one update per part and per separator
    text = "\x1f".join(parts) + "\x1f" if parts else ""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=size // 2).hexdigest()


@dataclass(frozen=True, slots=True, kw_only=True)
class Part:
    """One structural part of a document: its kind, span in ``Document.text`` and own date."""

    kind: str  # one of PART_KINDS
    start: int
    end: int
    published: datetime | None = None  # a related item's own time stamp


@dataclass(frozen=True, slots=True, kw_only=True)
class RelatedItem:
    """A related-article teaser found on a scraped page: a dated title."""

    title: str
    published: datetime | None
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """One article as read: cleaned text plus the span of each part.

    ``text`` is what sentences and evidence spans index into. It is the title, the body and the
    related titles joined by newlines, with boilerplate and the dateline prefix removed from the
    body but the dateline kept in ``dateline``.
    """

    id: str
    source: str  # path, URL or "<stdin>"
    text: str
    title: str = ""
    dateline: str | None = None
    published: datetime | None = None
    language: str | None = None
    url: str | None = None
    parts: tuple[Part, ...] = ()
    related: tuple[RelatedItem, ...] = ()
    line: int | None = None  # line number in a JSON Lines source

    @property
    def body(self) -> str:
        return "\n".join(self.text[p.start:p.end] for p in self.parts if p.kind in ("body", "keypoints"))


@dataclass(frozen=True, slots=True, kw_only=True)
class Token:
    """A token with its span in ``Document.text``, lower-cased form and lemma."""

    start: int
    end: int
    text: str
    lower: str
    lemma: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    """A sentence of a document, with tokens. ``part`` says where in the page it stands."""

    doc_id: str
    index: int
    start: int
    end: int
    text: str
    language: str
    part: str = "body"
    published: datetime | None = None  # the part's own date (related items), else None
    tokens: tuple[Token, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    """Who acts: a state, group or organisation, with sector and (when named) person/office."""

    code: str  # ISO 3166 alpha-3, or a group code (NATO, EU, UN, WST, HAMAS …)
    sector: str | None = None  # PLOVER sector (GOV, MIL, SPY, COP, …)
    person: str | None = None
    office: str | None = None
    kind: str = "state"  # state | group | igo | nonstate


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """A span of text that names an actor, with how it was recognised."""

    start: int
    end: int
    text: str
    actor: Actor
    via: str  # country | adjective | capital | person | role | group | user
    token_start: int = -1  # index of first token in the sentence
    token_end: int = -1  # one past the last token


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """A coded event between two actors, with its evidence and provenance."""

    id: str
    doc_id: str
    sentence_index: int
    source: str
    target: str
    type: str
    source_sector: str | None = None
    target_sector: str | None = None
    source_person: str | None = None
    target_person: str | None = None
    mode: str | None = None
    context: str | None = None
    flow: tuple[str, ...] = ()
    cameo: str | None = None
    goldstein: float | None = None
    quad: int | None = None  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    modality: str = "asserted"
    date: date | None = None
    date_source: str = "unknown"  # text | related | document | unknown
    evidence: str = ""
    evidence_start: int = 0
    evidence_end: int = 0
    trigger: str = ""
    trigger_start: int = 0
    trigger_end: int = 0
    part: str = "body"
    language: str | None = None
    confidence: float = 0.0
    rule: str = ""
    rule_version: str = ""
    producer: str = "lexicon"  # lexicon | classifier
    doc_source: str = ""  # the document's path or URL, for evidence lookups
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def to_record(self) -> dict[str, object]:
        """A flat JSON-ready dict (dates as ISO strings, flow as a list)."""
        record = {name: getattr(self, name) for name in self.__dataclass_fields__ if name != "extra"}
        record["flow"] = list(self.flow)
        record["date"] = self.date.isoformat() if self.date else None
        return record

