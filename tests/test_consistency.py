"""The same story in every language pack codes to the same facts (tests/fixtures/consistency/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from realpolitik.evaluate import triple
from realpolitik.pipeline import run

HERE = Path(__file__).parent / "fixtures" / "consistency"
FACTS = json.loads((HERE / "facts.json").read_text("utf-8"))


def _key(source: str, target: str, kind: str, modality: str) -> tuple[str, str, str, str]:
    return (*triple(source, target, kind), modality)


@pytest.mark.parametrize("story", sorted(HERE.glob("*.txt")), ids=lambda p: p.stem)
def test_story_codes_to_the_same_facts(story: Path):
    expected = {_key(*fact) for fact in FACTS["facts"]}
    [(doc, events)] = list(run([str(story)]))
    assert doc.language == story.stem
    found = {_key(e.source, e.target, e.type, e.modality) for e in events}
    assert found == expected, f"missing {expected - found}, extra {found - expected}"
