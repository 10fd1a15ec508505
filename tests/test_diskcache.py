"""The on-disk cache of compiled data: keyed by content, rebuilt when damaged, old keys removed."""

from __future__ import annotations

import pickle

import pytest

from realpolitik import diskcache
from realpolitik.events.lexicon import _compile_file, lexicon_dir


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("REALPOLITIK_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_built_once_then_read(cache):
    calls = []
    build = lambda: calls.append(1) or {"value": 42}  # noqa: E731
    assert diskcache.cached("thing", "k1", build) == {"value": 42}
    assert diskcache.cached("thing", "k1", build) == {"value": 42}
    assert len(calls) == 1
    assert [p.name for p in cache.iterdir()] == ["thing-k1.pickle"]


def test_a_new_key_replaces_the_old_entry(cache):
    diskcache.cached("thing", "k1", lambda: 1)
    assert diskcache.cached("thing", "k2", lambda: 2) == 2
    assert sorted(p.name for p in cache.iterdir()) == ["thing-k2.pickle"]


def test_a_damaged_file_is_built_again(cache):
    diskcache.cached("thing", "k1", lambda: 1)
    (cache / "thing-k1.pickle").write_bytes(b"\x80\x05 truncated")
    assert diskcache.cached("thing", "k1", lambda: 7) == 7
    assert pickle.loads((cache / "thing-k1.pickle").read_bytes()) == 7


def test_digest_follows_content(tmp_path):
    data = tmp_path / "data.toml"
    data.write_text("a = 1\n")
    first = diskcache.digest([data])
    assert diskcache.digest([data]) == first
    data.write_text("a = 2\n")
    assert diskcache.digest([data]) != first
    assert diskcache.digest([data], "extra") != diskcache.digest([data])


def test_cached_lexicon_equals_a_fresh_compile(cache):
    from realpolitik.events.lexicon import load_lexicon

    load_lexicon.cache_clear()
    try:
        first = load_lexicon("de")
        load_lexicon.cache_clear()
        again = load_lexicon("de")  # read from the file just written
        assert any(p.name.startswith("lexicon-de-") for p in cache.iterdir())
        assert again == first == _compile_file(lexicon_dir() / "de.toml")
    finally:
        load_lexicon.cache_clear()
