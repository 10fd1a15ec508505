"""Language identification: py3langid on a prefix of the text, restricted to a wide set of languages."""

from __future__ import annotations

import functools
import re
from importlib.metadata import version
from pathlib import Path

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from ..diskcache import cached, digest

PREFIX = 2000  # characters read at most; more does not change the answer on news pages and costs time
# py3langid walks the bytes in Python (~0.25 ms per 1,000 characters), so a short first look is
# tried first and the full prefix read only when that look is unsure.
FIRST_LOOK = 300  # 600 cost 0.3 ms a document more and changed no answer on the bench corpus
SURE = 0.95
# Fewer letters than this and an answer is a guess ("12345", a bare name like "Putin").
MIN_LETTERS = 12
# Below this normalised probability the top language is not trusted. py3langid scales scores by
# sqrt(bytes), so one clear German sentence scores ~0.6 and a bare name ~0.03 (checked by hand).
MIN_CONFIDENCE = 0.3
# Wide on purpose: neighbours of the supported languages, so that Catalan is not read as Spanish,
# Bulgarian as Russian or Persian as Arabic. "zxx" is py3langid's "no language" class.
CANDIDATES = (
    "de", "en", "fr", "es", "it", "pt", "nl", "pl", "ru", "uk", "tr", "ar",
    "ca", "gl", "oc", "ro", "lb", "fy", "af", "da", "sv", "no", "nn", "is", "cs", "sk", "sl", "hr", "sr",
    "bs", "bg", "mk", "be", "kk", "hu", "fi", "et", "lv", "lt", "el", "he", "fa", "ur", "ps", "ku", "az",
    "sq", "mt", "eu", "ga", "cy", "id", "ms", "vi", "zh", "ja", "ko", "hi", "sw", "la", "eo",
    "ary", "arz", "zxx",
)
ALIASES = {"ary": "ar", "arz": "ar"}  # Moroccan and Egyptian Arabic read as Arabic
SCRIPTS = {  # the script a hint must match when the text is too short to identify
    "ru": "cyrillic", "uk": "cyrillic", "bg": "cyrillic", "sr": "cyrillic", "mk": "cyrillic",
    "be": "cyrillic", "kk": "cyrillic", "ar": "arabic", "fa": "arabic", "ur": "arabic", "ps": "arabic",
    "el": "greek", "he": "hebrew", "zh": "cjk", "ja": "cjk", "ko": "cjk", "hi": "devanagari",
}
HINT_RANK = 3  # a hint among the top three languages is trusted over the top one

_ENOUGH_LETTERS = re.compile(r"(?:[\W\d_]*[^\W\d_]){%d}" % MIN_LETTERS)  # stops at the 12th letter
_SCRIPT_PATTERNS = {
    "cyrillic": re.compile(r"[\u0400-\u04ff]"),
    "arabic": re.compile(r"[\u0600-\u06ff\u0750-\u077f]"),
    "greek": re.compile(r"[\u0370-\u03ff]"),
    "hebrew": re.compile(r"[\u0590-\u05ff]"),
    "cjk": re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]"),
    "devanagari": re.compile(r"[\u0900-\u097f]"),
    "latin": re.compile(r"[A-Za-z\u00c0-\u024f]"),
}


@functools.cache
def _identifier() -> LanguageIdentifier:
    """The py3langid model restricted to CANDIDATES: decompressed once per machine (~2.5 s) and read
    from the on-disk cache after that (~0.3 s)."""
    key = digest([Path(MODEL_FILE), Path(__file__)], version("py3langid"), ",".join(CANDIDATES))
    return cached("langid", key, _build_identifier)


def _build_identifier() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(CANDIDATES)
    return identifier


def identify_language(text: str, *, hint: str | None = None) -> str | None:
    """The ISO 639-1 code of the language ``text`` is written in.

    Args:
        text: any text; only the first ``PREFIX`` characters are read.
        hint: a language the caller expects (a feed's or page's declared language). It is
            returned when it is plausible: the right script, and among the top ranks.

    Returns:
        A two-letter code, or None when the text is too short or the model is unsure.
    """
    prefix = text[:PREFIX]
    hint = hint.lower() if hint else None
    if _ENOUGH_LETTERS.match(prefix) is None:
        return hint if hint and _script_fits(prefix, hint) else None
    ranked = _rank(prefix[:FIRST_LOOK])
    if ranked[0][1] < SURE and len(prefix) > FIRST_LOOK:
        ranked = _rank(prefix)
    if hint and _script_fits(prefix, hint) and hint in [code for code, _ in ranked[:HINT_RANK]]:
        return hint
    best, probability = ranked[0]
    if best == "zxx" or probability < MIN_CONFIDENCE:
        return None
    return best


def _rank(text: str) -> list[tuple[str, float]]:
    """Languages by probability, best first, with aliases (Arabic dialects) summed into one code."""
    merged: dict[str, float] = {}
    for code, probability in _identifier().rank(text):
        code = ALIASES.get(code, code)
        merged[code] = merged.get(code, 0.0) + probability
    return sorted(merged.items(), key=lambda item: item[1], reverse=True)


def _script_fits(text: str, language: str) -> bool:
    """Whether ``text`` has letters in the script ``language`` is written in."""
    pattern = _SCRIPT_PATTERNS[SCRIPTS.get(language, "latin")]
    return pattern.search(text) is not None
