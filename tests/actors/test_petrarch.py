"""Importing PETRARCH dictionaries (the validation files from /work/shared)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from realpolitik.actors import ActorResolver, import_petrarch

DICTS = Path("/work/shared/benchmarks/petrarch-dictionaries")
needs_shared = pytest.mark.skipif(not DICTS.exists(), reason="/work/shared benchmarks are not mounted")


@needs_shared
def test_actor_blocks_aliases_and_codes():
    rows = import_petrarch(DICTS / "PETR.Validate.actors.txt")
    by_name = {r["name"]: r for r in rows}
    assert by_name["North Korea"]["code"] == "PRK"
    assert "PYONGYANG" in by_name["North Korea"]["forms"]
    assert (by_name["Hamas"]["code"], by_name["Hamas"]["sector"]) == ("PSE", "REB")


@needs_shared
def test_dated_roles_are_honoured(tmp_path, make):
    resolver = ActorResolver(user_files=[DICTS / "PETR.Validate.actors.txt"])
    assert resolver.lookup("Sam Gamgee", when=date(2009, 1, 1)).sector == "MIL"
    assert resolver.lookup("Sam Gamgee", when=date(2013, 1, 1)).sector == "GOV"
    assert resolver.lookup("SAM GAMGEE", when=date(2014, 1, 1)).sector == "ELI"
    [mention] = resolver.find_mentions(make("Gollum fled", "en"), when=date(1997, 1, 1))
    assert (mention.actor.code, mention.actor.sector) == ("HOB", "GOV")


@needs_shared
def test_agents_become_roles():
    rows = import_petrarch(DICTS / "PETR.Validate.agents.txt")
    silly = next(r for r in rows if r["name"] == "minister of silly walks")
    assert silly["role"] and silly["sector"] == "GOV" and "ministries of silly walks" in silly["forms"]


def test_tiny_dictionary(tmp_path: Path):
    path = tmp_path / "d.txt"
    path.write_text("<!-- header -->\nANGELA_MERKEL_  # note\n+KANZLERIN_MERKEL\n"
                    "\t[DEUGOV 051122-211208]\n\t[DEUELI >211208]\nBOROMIR [---]\n", encoding="utf-8")
    rows = import_petrarch(path)
    assert [(r["code"], r["sector"], r["start"]) for r in rows] == [
        ("DEU", "GOV", date(2005, 11, 22)), ("DEU", "ELI", date(2021, 12, 8))]
    assert rows[0]["forms"][:3] == ["Angela Merkel", "ANGELA MERKEL", "Kanzlerin Merkel"]
