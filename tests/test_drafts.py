"""The draft builders make the very records the frozen dataclasses make."""

from __future__ import annotations

import dataclasses
import pickle
from datetime import datetime, timezone

from realpolitik.model import Actor, Mention, Sentence, Token
from realpolitik import drafts


def test_sentence_and_with_tokens_are_plain_records():
    when = datetime(2024, 11, 20, tzinfo=timezone.utc)
    built = Sentence(doc_id="d", index=2, start=10, end=20, text="Kyiv said.", language="en", part="related",
                     published=when)
    made = drafts.sentence("d", 2, 10, 20, "Kyiv said.", "en", "related", when, ())
    assert type(made) is Sentence and made == built and hash(made) == hash(built) and repr(made) == repr(built)
    tokens = (Token(start=10, end=14, text="Kyiv", lower="kyiv", lemma="kyiv"),)
    replaced, drafted = dataclasses.replace(built, tokens=tokens), drafts.with_tokens(built, tokens)
    assert drafted == replaced and hash(drafted) == hash(replaced) and repr(drafted) == repr(replaced)
    assert pickle.loads(pickle.dumps(drafted)) == replaced and built.tokens == ()


def test_mention_is_a_plain_record():
    actor = Actor(code="UKR", sector="GOV", person=None, office=None, kind="state")
    built = Mention(start=10, end=14, text="Kyiv", actor=actor, via="capital", token_start=0, token_end=1)
    made = drafts.mention(10, 14, "Kyiv", actor, "capital", 0, 1)
    assert type(made) is Mention and made == built and hash(made) == hash(built) and repr(made) == repr(built)
    assert pickle.loads(pickle.dumps(made)) == built


def test_records_stay_frozen():
    made = drafts.sentence("d", 0, 0, 1, "x", "en", "body", None, ())
    try:
        made.index = 3  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        pass
    else:
        raise AssertionError("a drafted Sentence must be frozen")
