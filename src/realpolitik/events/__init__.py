"""Events: triggers, roles, modality and flows → Event records."""

from .coder import RULE_VERSION, code_document, code_sentence
from .lexicon import available_languages, load_lexicon

__all__ = ["RULE_VERSION", "available_languages", "code_document", "code_sentence", "load_lexicon"]
