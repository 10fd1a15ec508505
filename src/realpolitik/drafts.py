"""The hot path's records (Token, Sentence, Mention, Event) built without their frozen ``__init__``.

All are frozen, slotted dataclasses: the generated ``__init__`` sets each field through
``object.__setattr__`` with keyword arguments, which costs a microsecond or more per record, and
the hot path makes one Token per token, one Sentence per sentence (two when it is tokenised), one
Mention per actor named, and events by the thousand (the coder, and a pool's parent again).
A draft class has the same slots in the same order and no other state, so Python lets an object
change between it and the record class: it is filled with plain attribute stores (the fastest way
to set a slot) and then becomes the record, the very object the dataclass builds (equal, same hash,
repr and pickle). That holds as long as the records have exactly these fields, in this order, and
nothing runs after ``__init__``: checked here at import, so a change to model.py fails loudly.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

from .model import Actor, Event, Mention, Sentence, Token

TOKEN_FIELDS = ("start", "end", "text", "lower", "lemma")
SENTENCE_FIELDS = ("doc_id", "index", "start", "end", "text", "language", "part", "published", "tokens")
MENTION_FIELDS = ("start", "end", "text", "actor", "via", "token_start", "token_end")
EVENT_FIELDS = (
    "id", "doc_id", "sentence_index", "source", "target", "type", "source_sector", "target_sector",
    "source_person", "target_person", "mode", "context", "flow", "cameo", "goldstein", "quad", "modality",
    "date", "date_source", "evidence", "evidence_start", "evidence_end", "trigger", "trigger_start",
    "trigger_end", "part", "language", "confidence", "rule", "rule_version", "producer", "doc_source", "extra",
)


class TokenDraft:
    """A Token being filled in: Token's slots without its frozen ``__setattr__``."""

    __slots__ = TOKEN_FIELDS
    start: int
    end: int
    text: str
    lower: str
    lemma: str


class _SentenceDraft:
    """A Sentence being filled in: Sentence's slots without its frozen ``__setattr__``."""

    __slots__ = SENTENCE_FIELDS
    doc_id: str
    index: int
    start: int
    end: int
    text: str
    language: str
    part: str
    published: datetime | None
    tokens: tuple[Token, ...]


class MentionDraft:
    """A Mention being filled in: Mention's slots without its frozen ``__setattr__``."""

    __slots__ = MENTION_FIELDS
    start: int
    end: int
    text: str
    actor: Actor
    via: str
    token_start: int
    token_end: int


class _EventDraft:
    """An Event being filled in: Event's slots without its frozen ``__setattr__``."""

    __slots__ = EVENT_FIELDS


def sentence(doc_id: str, index: int, start: int, end: int, text: str, language: str, part: str,
             published: datetime | None, tokens: tuple[Token, ...]) -> Sentence:
    """``Sentence(doc_id=doc_id, index=index, …)``, about six times faster."""
    record = _SentenceDraft()
    record.doc_id = doc_id
    record.index = index
    record.start = start
    record.end = end
    record.text = text
    record.language = language
    record.part = part
    record.published = published
    record.tokens = tokens
    record.__class__ = Sentence  # type: ignore[assignment]  # now the frozen record
    return record  # type: ignore[return-value]


def mention(start: int, end: int, text: str, actor: Actor, via: str, token_start: int, token_end: int) -> Mention:
    """``Mention(start=start, end=end, …)``, without the frozen ``__init__``."""
    record = MentionDraft()
    record.start = start
    record.end = end
    record.text = text
    record.actor = actor
    record.via = via
    record.token_start = token_start
    record.token_end = token_end
    record.__class__ = Mention  # type: ignore[assignment]  # now the frozen record
    return record  # type: ignore[return-value]


def with_tokens(record: Sentence, tokens: tuple[Token, ...]) -> Sentence:
    """``dataclasses.replace(record, tokens=tokens)``, about ten times faster."""
    return sentence(record.doc_id, record.index, record.start, record.end, record.text, record.language,
                    record.part, record.published, tokens)


def event(values: tuple) -> Event:
    """``Event(**dict(zip(EVENT_FIELDS, values)))``, several times faster (``extra`` is taken as
    given): for the coder, and for a pool's parent, to which workers send events as value tuples."""
    e = _EventDraft()
    (e.id, e.doc_id, e.sentence_index, e.source, e.target, e.type, e.source_sector, e.target_sector,
     e.source_person, e.target_person, e.mode, e.context, e.flow, e.cameo, e.goldstein, e.quad, e.modality,
     e.date, e.date_source, e.evidence, e.evidence_start, e.evidence_end, e.trigger, e.trigger_start,
     e.trigger_end, e.part, e.language, e.confidence, e.rule, e.rule_version, e.producer, e.doc_source,
     e.extra) = values
    e.__class__ = Event  # type: ignore[assignment]  # now the frozen record
    return e  # type: ignore[return-value]


def _check(record: type, draft: type, fields: tuple[str, ...]) -> None:
    """Fail at import unless ``draft`` can stand for ``record`` (same fields and slots, no post-init)."""
    if tuple(f.name for f in dataclasses.fields(record)) != fields or record.__slots__ != fields \
            or hasattr(record, "__post_init__"):
        raise ImportError(f"realpolitik.drafts builds {record.__name__} from the fields {fields}: update it")
    probe = draft()
    probe.__class__ = record  # TypeError if the two layouts ever stop matching


_check(Token, TokenDraft, TOKEN_FIELDS)
_check(Sentence, _SentenceDraft, SENTENCE_FIELDS)
_check(Mention, MentionDraft, MENTION_FIELDS)
_check(Event, _EventDraft, EVENT_FIELDS)
