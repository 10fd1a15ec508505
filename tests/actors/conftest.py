"""Helpers for actor tests: a tiny tokenizer, sentences, and a resolver on fixture people."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from realpolitik.actors import ActorResolver
from realpolitik.model import Sentence, Token

FIXTURES = Path(__file__).parent / "fixtures"
WORD = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")


def make_sentence(text: str, language: str = "de", offset: int = 0, part: str = "body") -> Sentence:
    """A sentence whose tokens come from a regex tokenizer; offsets start at ``offset``."""
    tokens = tuple(
        Token(start=offset + m.start(), end=offset + m.end(), text=m.group(), lower=m.group().lower(),
              lemma=m.group().lower())
        for m in WORD.finditer(text)
    )
    return Sentence(doc_id="t", index=0, start=offset, end=offset + len(text), text=text,
                    language=language, part=part, tokens=tokens)


@pytest.fixture(scope="session")
def resolver() -> ActorResolver:
    """A resolver on the fixture people list (independent of the shipped people.csv)."""
    return ActorResolver(people_path=FIXTURES / "people.csv")


@pytest.fixture
def codes(resolver):
    """``codes(text, lang, **kw)`` → [(mention text, code, sector, person)]."""
    def run(text: str, language: str = "de", **kwargs):
        mentions = resolver.find_mentions(make_sentence(text, language), **kwargs)
        return [(m.text, m.actor.code, m.actor.sector, m.actor.person) for m in mentions]
    return run


@pytest.fixture
def make():
    """The ``make_sentence`` helper as a fixture (tests/ is not a package)."""
    return make_sentence
