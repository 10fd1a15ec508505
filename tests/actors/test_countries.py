"""Countries, adjectives, capitals, groups: German and English forms."""

from __future__ import annotations


def test_german_genitive(codes):
    assert codes("Russlands Angriff") == [("Russlands", "RUS", None, None)]


def test_german_adjective_with_role_merges(codes):
    assert codes("Nordkoreanische Truppen kämpfen") == [("Nordkoreanische Truppen", "PRK", "MIL", None)]
    assert codes("die nordkoreanischen Truppen") == [("nordkoreanischen Truppen", "PRK", "MIL", None)]


def test_cldr_names_and_inflection(codes):
    assert codes("Chinas Wirtschaft und die Türkei") == [("Chinas", "CHN", None, None),
                                                         ("Türkei", "TUR", None, None)]


def test_the_west(codes):
    assert codes("die Sanktionen des Westens") == [("des Westens", "WST", None, None)]
    assert codes("the West condemned it", "en") == [("the West", "WST", None, None)]


def test_kremlin_is_russian_government(codes):
    assert codes("Das Weiße Haus und der Kreml")[0][1:3] == ("USA", "GOV")
    assert codes("the Kremlin said", "en") == [("Kremlin", "RUS", "GOV", None)]


def test_us_only_uppercase(codes):
    assert codes("US troops", "en") == [("US troops", "USA", "MIL", None)]
    assert codes("he told us", "en") == []


def test_longest_match_and_word_boundaries(codes):
    assert codes("Nigeria and Niger", "en") == [("Nigeria", "NGA", None, None), ("Niger", "NER", None, None)]
    assert codes("Berliner Luft") == []


def test_groups(codes):
    assert [c[1] for c in codes("Nato, EU, Vereinte Nationen, Hisbollah und Huthis")] == \
        ["NATO", "EU", "UN", "HEZBOLLAH", "HOUTHI"]


def test_offsets_and_tokens(resolver, make):
    sentence = make("Gestern griff Russland an.", offset=100)
    [mention] = resolver.find_mentions(sentence)
    assert (mention.start, mention.end) == (114, 122)
    assert sentence.tokens[mention.token_start].text == "Russland"
    assert mention.token_end == mention.token_start + 1


def test_dateline_is_not_an_actor(resolver, make):
    assert resolver.find_mentions(make("Berlin", part="dateline")) == []


def test_known_actors_lists_states_and_groups(resolver):
    rows = {row["code"]: row for row in resolver.known_actors() if row["kind"] != "person"}
    assert rows["RUS"]["kind"] == "state" and rows["RUS"]["forms"] > 5
    assert rows["NATO"]["kind"] == "igo"
    assert len({c for c, r in rows.items() if r["kind"] == "state"}) >= 100


def test_mentions_are_plain_mention_records(resolver, make):
    """_mention fills a slotted draft and gives it Mention's class: the same record Mention(...) makes."""
    import dataclasses
    import pickle

    import pytest

    from realpolitik.model import Mention

    found = resolver.find_mentions(make("Der russische Verteidigungsminister traf Olaf Scholz in Berlin."))
    assert found
    for mention in found:
        built = Mention(**{f.name: getattr(mention, f.name) for f in dataclasses.fields(Mention)})
        assert type(mention) is Mention and mention == built and hash(mention) == hash(built)
        assert repr(mention) == repr(built) and pickle.loads(pickle.dumps(mention)) == built
        with pytest.raises(dataclasses.FrozenInstanceError):
            mention.start = 0  # type: ignore[misc]
