"""Role nouns, dated offices and people."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from realpolitik.actors import ActorResolver, load_resolver
from realpolitik.actors.lexicon import DATA


def test_genitive_role_merges_with_office_holder(codes):
    assert codes("Russlands Verteidigungsminister reiste ab", when=date(2023, 6, 1)) == \
        [("Russlands Verteidigungsminister", "RUS", "MIL", "Sergei Schoigu")]


def test_defence_minister_by_date(codes):
    text = "Russia's defence minister arrived"
    assert codes(text, "en", when=date(2023, 6, 1))[0][3] == "Sergei Schoigu"
    assert codes(text, "en", when=date(2024, 11, 20)) == \
        [("Russia's defence minister", "RUS", "MIL", "Andrei Beloussow")]


def test_role_of_country_after(codes):
    assert codes("the defence minister of Russia said", "en")[0][:3] == \
        ("defence minister of Russia", "RUS", "MIL")
    assert codes("der Verteidigungsminister der Ukraine")[0][1:3] == ("UKR", "MIL")


def test_country_role_person_is_one_mention(codes):
    assert codes("Südkoreas Präsident Yoon Suk Yeol sagte", when=date(2024, 3, 1)) == \
        [("Südkoreas Präsident Yoon Suk Yeol", "KOR", "GOV", "Yoon Suk Yeol")]


def test_kremlin_chief_and_person(codes):
    assert codes("Kremlchef Putin drohte") == [("Kremlchef Putin", "RUS", "GOV", "Wladimir Putin")]


def test_spy_chief(codes):
    assert codes("BND-Leiter Kahl warnte", when=date(2024, 1, 1)) == \
        [("BND-Leiter Kahl", "DEU", "SPY", "Bruno Kahl")]


def test_person_out_of_office_is_elite(codes):
    assert codes("Merkel sprach", when=date(2024, 1, 1)) == [("Merkel", "DEU", "ELI", "Angela Merkel")]
    assert codes("Merkel sprach", when=date(2015, 1, 1)) == [("Merkel", "DEU", "GOV", "Angela Merkel")]


def test_bare_role_needs_default_country(codes):
    assert codes("police arrested protesters", "en") == []
    assert codes("police arrested protesters", "en", default_country="EGY") == \
        [("police", "EGY", "COP", None), ("protesters", "EGY", "CVL", None)]


@pytest.mark.parametrize(("text", "language"), [
    ("police arrested protesters", "en"), ("the defence minister met Merkel", "en"),
    ("Der Verteidigungsminister traf die Polizei und Merkel in Moskau", "de"), ("Russlands Armee", "de")])
def test_candidates_finished_twice_are_a_fresh_run(resolver, make, text, language):
    """pipeline.find_mentions finishes the same candidates first without, then with a default
    country; that must be what find_mentions gives with the default from the start."""
    sentence, when = make(text, language), date(2024, 1, 1)
    hits = resolver.candidates(sentence, when=when)
    assert resolver.mentions(sentence, hits, when=when) == resolver.find_mentions(sentence, when=when)
    assert resolver.mentions(sentence, hits, when=when, default_country="EGY") == \
        resolver.find_mentions(sentence, when=when, default_country="EGY")


def test_named_organs_carry_their_country(codes):
    assert codes("CIA and FSB and Mossad", "en") == [("CIA", "USA", "SPY", None), ("FSB", "RUS", "SPY", None),
                                                     ("Mossad", "ISR", "SPY", None)]


def test_lookup(resolver):
    assert resolver.lookup("Putin").code == "RUS"
    assert resolver.lookup("Pentagon").sector == "MIL"
    assert resolver.lookup("us") is None


@pytest.mark.skipif(not (DATA / "people.csv").exists(), reason="people.csv not written yet")
def test_shipped_people():
    resolver = load_resolver()
    assert (resolver.lookup("Putin").code, resolver.lookup("Putin").sector) == ("RUS", "GOV")
    assert resolver.lookup("Kim Jong Un").code == "PRK"
    yoon = resolver.lookup("Yoon Suk Yeol", when=date(2024, 6, 1))
    assert (yoon.code, yoon.sector) == ("KOR", "GOV")
    merkel = resolver.lookup("Merkel", when=date(2024, 6, 1))
    assert (merkel.code, merkel.sector) == ("DEU", "ELI")


def test_load_resolver_is_cached():
    assert load_resolver() is load_resolver(())


def test_user_toml_overrides(tmp_path: Path, make):
    path = tmp_path / "mine.toml"
    path.write_text('[[actor]]\nname = "Gondor"\nforms = ["Gondor", "Minas Tirith"]\ncode = "GON"\n'
                    '[[actor]]\nname = "Moskau Inc"\nforms = ["Moskau"]\ncode = "XMO"\nsector = "BUS"\n'
                    'start = 2020-01-01\n', encoding="utf-8")
    resolver = ActorResolver(user_files=[path])
    found = resolver.find_mentions(make("Minas Tirith und Moskau"), when=date(2024, 1, 1))
    assert [(m.text, m.actor.code) for m in found] == [("Minas Tirith", "GON"), ("Moskau", "XMO")]
    old = resolver.find_mentions(make("Moskau"), when=date(2019, 1, 1))
    assert old[0].actor.code == "RUS"
