"""Token and Sentence records built without their frozen dataclass ``__init__``.

Both are frozen, slotted dataclasses: the generated ``__init__`` sets each field through
``object.__setattr__`` with keyword arguments, which costs a microsecond or more per record, and
the hot path makes one Token per token and one Sentence per sentence (two when it is tokenised).
A draft class has the same slots in the same order and no other state, so Python lets an object
change between it and the record class: it is filled with plain attribute stores (the fastest way
to set a slot) and then becomes the record, the very object the dataclass builds (equal, same hash,
repr and pickle). That holds as long as the records have exactly these fields, in this order, and
nothing runs after ``__init__``: checked here at import, so a change to model.py fails loudly.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

from ..model import Sentence, Token

TOKEN_FIELDS = ("start", "end", "text", "lower", "lemma")
SENTENCE_FIELDS = ("doc_id", "index", "start", "end", "text", "language", "part", "published", "tokens")


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


def with_tokens(record: Sentence, tokens: tuple[Token, ...]) -> Sentence:
    """``dataclasses.replace(record, tokens=tokens)``, about ten times faster."""
    return sentence(record.doc_id, record.index, record.start, record.end, record.text, record.language,
                    record.part, record.published, tokens)


def _check(record: type, draft: type, fields: tuple[str, ...]) -> None:
    """Fail at import unless ``draft`` can stand for ``record`` (same fields and slots, no post-init)."""
    if tuple(f.name for f in dataclasses.fields(record)) != fields or record.__slots__ != fields \
            or hasattr(record, "__post_init__"):
        raise ImportError(f"realpolitik.text.drafts builds {record.__name__} from the fields {fields}: update it")
    probe = draft()
    probe.__class__ = record  # TypeError if the two layouts ever stop matching


_check(Token, TokenDraft, TOKEN_FIELDS)
_check(Sentence, _SentenceDraft, SENTENCE_FIELDS)
