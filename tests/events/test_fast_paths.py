"""The coder's fast paths give what the plain forms they replace give."""

from __future__ import annotations

import hashlib
import random
import re
from datetime import date

import pytest

from realpolitik.events import dates
from realpolitik.events.lexicon import CUE_KEYS, PREP_ROLES, available_languages, load_lexicon
from realpolitik.model import content_id


def _plain_content_id(*parts: str, size: int = 16) -> str:
    digest = hashlib.blake2b(digest_size=size // 2)
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")
    return digest.hexdigest()


@pytest.mark.parametrize("parts", [(), ("",), ("", ""), ("doc", "3", "USA", "RUS", "CONSULT", "120", "asserted"),
                                   ("\ud800", "\udc00"), ("é€😀", "\x1f")])
def test_content_id_same_as_one_update_per_part(parts):
    assert content_id(*parts) == _plain_content_id(*parts)
    assert content_id(*parts, size=32) == _plain_content_id(*parts, size=32)


def _plain_patterns() -> tuple[re.Pattern, re.Pattern]:
    months, weekdays = "|".join(dates.MONTHS), "|".join(dates.WEEKDAYS)
    return (re.compile(r"\b(" + months + r")\s+(\d{1,2})(?:,\s*(\d{4}))?\b", re.I),
            re.compile(r"\b(?:am|on|last|vergangenen|letzten)\s+(" + weekdays + r")\b", re.I))


def _texts(n: int) -> list[str]:
    """Random sentences of month and weekday names, digits and letters with odd case folds."""
    words = [*dates.MONTHS, *dates.WEEKDAYS, "am", "on", "last", "vergangenen", "letzten", "12", "3", "2024", ","]
    odd = "ſıİKµJFMASONDTWajfmosndtw"
    rnd = random.Random(7)

    def variant(word: str) -> str:
        letters = list(word)
        for _ in range(rnd.randint(0, 2)):
            i = rnd.randrange(len(letters))
            letters[i] = letters[i].upper() if rnd.random() < 0.5 else rnd.choice(odd)
        return "".join(letters)

    return [" ".join(variant(rnd.choice(words)) for _ in range(rnd.randint(1, 7))) for _ in range(n)]


def test_date_patterns_match_as_without_look_aheads():
    month_day, weekday = _plain_patterns()
    for text in _texts(20000):
        for plain, fast in ((month_day, dates._MONTH_DAY), (weekday, dates._WEEKDAY)):
            a, b = plain.search(text), fast.search(text)
            assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), text


def test_weekday_parts_cover_every_name():
    assert all(any(part in name for part in dates.WEEKDAY_PARTS) for name in dates.WEEKDAYS)
    assert all(part.isascii() and not set(part) & set("iks") for part in dates.WEEKDAY_PARTS)
    assert all(dates._may_name_weekday(part.upper()) for part in dates.WEEKDAY_PARTS)
    _, weekday = _plain_patterns()
    for text in _texts(20000):
        if weekday.search(text):
            assert dates._may_name_weekday(text), text


@pytest.mark.parametrize("language", available_languages())
def test_cue_sets_mirror_the_cues(language):
    lexicon = load_lexicon(language)
    sets = lexicon.sets
    for key in CUE_KEYS:
        assert getattr(sets, key) == lexicon.cue(key)
    assert sets.title_stops == lexicon.cue("clause") | lexicon.cue("conj") | lexicon.cue("target") | lexicon.cue("agent")
    words = {w for key in PREP_ROLES for w in lexicon.cue(key)}
    assert sets.prep_role == {w: next(k for k in PREP_ROLES if w in lexicon.cue(k)) for w in words}
    assert lexicon.ieren == any(lemma.endswith("ieren") for lemma in lexicon.triggers)


def test_new_event_is_the_event_the_constructor_builds():
    import pickle
    from datetime import date

    from realpolitik.events.coder import RULE_VERSION, _new_event
    from realpolitik.model import Event

    values = dict(id="e1", doc_id="d1", sentence_index=3, source="USA", target="RUS", type="AID",
                  source_sector="GOV", target_sector=None, source_person="Biden", target_person=None, mode="weapons",
                  flow=("tanks",), cameo="070", goldstein=7.4, quad=2, modality="hypothetical",
                  date=date(2024, 11, 30), date_source="text", evidence="The US will send tanks.", evidence_start=10,
                  evidence_end=33, trigger="send", trigger_start=22, trigger_end=26, part="body", language="en",
                  confidence=0.55, rule="aid:send/verb", doc_source="a.txt")
    fast = _new_event(*values.values())
    plain = Event(**values, rule_version=RULE_VERSION)
    assert fast == plain and hash(fast) == hash(plain) and repr(fast) == repr(plain)
    assert fast.to_record() == plain.to_record() and pickle.loads(pickle.dumps(fast)) == plain
    assert fast.extra == {} and fast.extra is not _new_event(*values.values()).extra  # a dict of its own
    with pytest.raises(AttributeError):
        fast.confidence = 1.0  # still frozen


@pytest.mark.parametrize("parts", [("doc", 3, "USA", "RUS", "CONSULT", 120, "asserted"), ("", 0, "", "", "", 0, ""),
                                   ("é€😀\ud800", 12, "\x1f", "X", "AID", 7, "negated")])
def test_event_id_is_the_content_id_of_its_parts(parts):
    from realpolitik.events.coder import _event_id

    assert _event_id(*parts) == content_id(*(str(p) for p in parts))


def test_slot_builder_gives_the_slot_the_constructor_builds():
    from realpolitik.events.roles import Slot, _slot
    from realpolitik.model import Actor, Mention

    mention = Mention(start=0, end=6, text="Russia", actor=Actor(code="RUS"), via="country", token_start=0, token_end=1)
    fast, plain = _slot(2, mention, "target", 1, 4), Slot(2, mention, "target", 1, 4)
    assert fast == plain and hash(fast) == hash(plain) and repr(fast) == repr(plain)
    with pytest.raises(AttributeError):
        fast.mark = None  # still frozen


def test_draft_builder_gives_the_draft_the_constructor_builds():
    from realpolitik.events.coder import _Draft, _new_draft

    values = tuple(f"v{n}" for n in range(len(_Draft._fields)))
    fast, plain = _new_draft(_Draft, values), _Draft(*values)
    assert type(fast) is _Draft and fast == plain and fast.rule == plain.rule and repr(fast) == repr(plain)


@pytest.mark.parametrize("language", available_languages())
def test_phrase_heads_rule_out_only_clauses_without_a_phrase(language):
    sets = load_lexicon(language).sets
    rng = random.Random(language)
    for phrases, heads in ((sets.plural_reference, sets.plural_reference_heads),
                           (sets.self_reference, sets.self_reference_heads)):
        vocabulary = [w for phrase in phrases for w in phrase.split(" ")] + ["the", ",", "und", "x"]
        for _ in range(500):
            words = [rng.choice(vocabulary) for _ in range(rng.randint(0, 6))]
            pairs = {" ".join(words[i:i + 2]) for i in range(len(words) - 1)}
            if pairs & phrases:
                assert not heads.isdisjoint(words[:-1])


def test_code_document_keeps_the_events_code_sentence_gives_deduplicated():
    from datetime import datetime

    from realpolitik.actors import load_resolver
    from realpolitik.events import code_document
    from realpolitik.events.coder import code_sentence
    from realpolitik.model import Document, Part
    from realpolitik.text import split_sentences

    text = ("Russia attacked Ukraine and Russia attacked Ukraine again. The United States will send tanks to Ukraine, "
            "and the United States sent tanks to Ukraine. China and Russia held talks.")
    published = datetime(2025, 6, 1)
    doc = Document(id="d", source="t", text=text, language="en", published=published,
                   parts=(Part(kind="body", start=0, end=len(text)),))
    sentences = split_sentences(doc, "en")
    resolver = load_resolver(())
    mentions = [resolver.find_mentions(s, when=published.date()) for s in sentences]
    plain: dict[tuple, object] = {}
    coded = 0
    for sentence, found in zip(sentences, mentions, strict=True):
        for event in code_sentence(doc, sentence, found, load_lexicon("en")):
            coded += 1
            key = (event.sentence_index, event.source, event.target, event.type, event.modality)
            if key not in plain or plain[key].confidence < event.confidence:
                plain[key] = event
    assert coded > len(plain) > 0  # some events lose to an equal one
    assert code_document(doc, sentences, mentions, "en") == list(plain.values())


def test_pairs_builds_the_roles_the_constructor_builds():
    from realpolitik.events.roles import Roles, _pairs, _slot
    from realpolitik.model import Actor, Mention

    a, b = (Mention(start=i, end=i + 1, text=c, actor=Actor(code=c), via="country", token_start=i, token_end=i + 1)
            for i, c in enumerate(("RUS", "UKR")))
    sa, sb = _slot(0, a, None, 0, -1), _slot(1, b, None, 1, -1)
    fast = _pairs([sa, sb], [sb], "verb", True)
    plain = Roles(((a, b),), "verb", True)
    assert fast == plain and hash(fast) == hash(plain) and repr(fast) == repr(plain)


def test_words_of_gives_each_sentence_its_own_words():
    from realpolitik.events.words import words_of
    from realpolitik.model import Sentence, Token

    def sentence(*words: str) -> Sentence:
        tokens = tuple(Token(start=i, end=i + 1, text=w, lower=w.lower(), lemma=w.lower() + "-") for i, w in enumerate(words))
        return Sentence(doc_id="d", index=0, start=0, end=len(words), text=" ".join(words), language="en", tokens=tokens)

    first, second = sentence("Russia", "Attacked"), sentence("Russia", "Attacked")  # equal, not the same object
    assert words_of(first) == (["russia", "attacked"], ["russia-", "attacked-"])
    assert words_of(first)[0] is words_of(first)[0]  # asked again: the same lists
    assert words_of(second) == words_of(first)
    assert words_of(sentence("China")) == (["china"], ["china-"])


@pytest.mark.parametrize(("text", "expected"), [
    ("Talks on 3 May 2024 failed", date(2024, 5, 3)), ("Code x12 May and 7. März", date(2024, 3, 7)),
    ("Code x12 May only", None), ("On May 9, 2023 and 1 June", date(2024, 6, 1)), ("5G on March 4", date(2024, 3, 4)),
])
def test_day_month_search_from_the_first_digit_finds_what_a_whole_search_finds(text, expected):
    anchor = date(2024, 6, 30)
    assert dates._explicit(text, anchor) == expected
    plain = dates._DAY_MONTH.search(text)
    if plain:  # the first match of a search over the whole text starts at or after the first digit
        assert plain.start() >= dates._DIGIT.search(text).start()
