"""The text stage: language identification, sentences, tokens and lemmas.

    reads   Document (text and parts)
    writes  list[Sentence] with Token (offsets into ``Document.text``, casefolded form, lemma)
"""

from __future__ import annotations

from .language import identify_language
from .sentences import split_sentences
from .tokens import lemma, tokenize

SUPPORTED = ("de", "en", "fr", "es", "it", "pt", "nl", "pl", "ru", "uk", "tr", "ar")

__all__ = ["SUPPORTED", "identify_language", "lemma", "split_sentences", "tokenize"]
