"""The pipeline reads each sentence with the actor automaton once: ``forms_in`` gives the whole-word
actor forms, ``with_tokens`` tokenises only the sentences that have some, and ``find_mentions``
takes the forms instead of reading the text again."""

from __future__ import annotations

from realpolitik.actors import load_resolver
from realpolitik.ingest.page import parse_page
from realpolitik.pipeline import find_mentions, with_tokens
from realpolitik.settings import Settings
from realpolitik.text import split_sentences


def _sentences(text: str):
    doc = parse_page(text, source="forms.txt", title="", language="en")
    return doc, split_sentences(doc, "en", tokens=False)


def test_only_sentences_with_a_whole_word_form_are_tokenised():
    doc, sentences = _sentences("The Chinatown market was busy on Sunday. China sent a delegation to Japan. "
                                "Nothing else happened.")
    resolver = load_resolver(tuple(Settings().user_actors))
    tokenised, forms = with_tokens(sentences, resolver)
    assert [bool(f) for f in forms] == [False, True, False]  # "China" glued into "Chinatown" is no form
    assert [bool(s.tokens) for s in tokenised] == [False, True, False]
    found = {doc.text[tokenised[1].start + s:tokenised[1].start + e] for s, e, _ in forms[1]}
    assert {"China", "Japan"} <= found  # with role nouns ("delegation"), resolved later


def test_mentions_from_the_forms_are_those_read_again():
    doc, sentences = _sentences("Russia's defence minister visited Pyongyang. North Korea's leader met him there. "
                                "The police said the talks went on for hours.")
    resolver = load_resolver(tuple(Settings().user_actors))
    tokenised, forms = with_tokens(sentences, resolver)
    given = find_mentions(doc, tokenised, resolver, forms)
    assert given == find_mentions(doc, tokenised, resolver)
    assert [[m.actor.code for m in ms] for ms in given][:2] == [["RUS", "PRK"], ["PRK"]]
