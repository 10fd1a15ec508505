"""Language identification: py3langid on a prefix of the text, restricted to a wide set of languages.

py3langid's model is scored here by :class:`LanguageModel`, the same naive Bayes arithmetic as
py3langid's ``rank`` on the same arrays, vectorised with NumPy: the answers and probabilities are
py3langid's to the bit (``tests/text/test_text_language.py`` compares them), in about a quarter of
the time.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import numpy as np
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from ..diskcache import cached, digest

PREFIX = 2000  # characters read at most; more does not change the answer on news pages and costs time
# Scoring costs time in proportion to the bytes read, so a short first look is
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


@dataclass(frozen=True, slots=True, eq=False)
class LanguageModel:
    """py3langid's model restricted to CANDIDATES, as arrays that NumPy walks and scores.

    py3langid walks its byte DFA in a Python loop, and multiplies a column slice of its float16
    table, which NumPy gathers column-major and converts to float32 on every call; with the ranking
    in Python that is ~0.4 ms a look. Here the walk is a few array gathers and the table is float32
    once, row-major (26 MB, shared by forked workers), so each step does what py3langid does on the
    same numbers in the same order: the probabilities are bit for bit py3langid's.
    """

    nextmove: np.ndarray  # uint32: the DFA's distinct 256-entry rows, concatenated
    rowbase: np.ndarray  # intp: per state, where its row starts in ``nextmove``
    output: np.ndarray  # int32: per state, the feature it emits, -1 for none
    table: np.ndarray  # float32 (features × columns): py3langid's float16 values, row-major for row gathers
    prior: np.ndarray  # float32 per column: log P(language)
    folds: tuple[tuple[int, int], ...]  # py3langid's duplicate columns (sr twice), folded into the first
    labels: np.ndarray  # intp: the first column of each distinct py3langid label, in column order
    singles: np.ndarray  # intp: the labels (positions in ``labels``) whose code no other label shares
    groups: tuple[tuple[int, ...], ...]  # labels that sum into one code ("ar": ar, ary, arz)
    codes: tuple[str, ...]  # our code of each of ``singles``, then of each of ``groups``

    @classmethod
    def from_identifier(cls, identifier: LanguageIdentifier) -> LanguageModel:
        """The arrays of a (restricted) py3langid identifier."""
        classes = list(identifier.nb_classes)
        labels = [classes.index(label) for label in dict.fromkeys(classes)]
        members: dict[str, list[int]] = {}
        for position, column in enumerate(labels):
            members.setdefault(ALIASES.get(classes[column], classes[column]), []).append(position)
        singles = {code: p[0] for code, p in members.items() if len(p) == 1}
        groups = {code: tuple(p) for code, p in members.items() if len(p) > 1}
        return cls(
            nextmove=np.asarray(memoryview(identifier.tk_nextmove)),
            rowbase=np.asarray(identifier._rowbase, dtype=np.intp),
            output=np.asarray(identifier.tk_output, dtype=np.int32),
            table=np.ascontiguousarray(identifier.nb_ptc, dtype=np.float32),
            prior=np.asarray(identifier.nb_pc, dtype=np.float32),
            folds=tuple(identifier._alias_pairs), labels=np.array(labels, dtype=np.intp),
            singles=np.array(list(singles.values()), dtype=np.intp), groups=tuple(groups.values()),
            codes=(*singles, *groups))

    def features(self, data: bytes) -> tuple[np.ndarray, np.ndarray]:
        """The features the DFA emits over ``data`` and how often, in order of first emission
        (py3langid's ``visit_counts`` as two arrays)."""
        letters = np.frombuffer(data, dtype=np.uint8)
        # states[i + 1] is the state after letter i. Each pass moves every position one letter on
        # from the previous pass's states; a pass that changes nothing satisfies the DFA's
        # recurrence everywhere, so it is the walk itself. The DFA only remembers the last few
        # letters (the deepest state of py3langid 0.4's model is 6 bytes), so that takes at most 7
        # passes instead of a Python step per byte.
        states = np.zeros(len(letters) + 1, dtype=np.intp)
        while True:
            after = self.nextmove[self.rowbase[states[:-1]] + letters]
            if (after == states[1:]).all():
                break
            states[1:] = after
        emitted = self.output[states[1:]]
        emitted = emitted[emitted >= 0]
        found, first, counts = np.unique(emitted, return_index=True, return_counts=True)
        order = np.argsort(first)
        return found[order], counts[order]

    def probabilities(self, text: str) -> np.ndarray:
        """Per column, py3langid's normalised probability of each language (``_decide``)."""
        data = LanguageIdentifier._encode(text)  # py3langid's own: case, NFC, UTF-8
        found, counts = self.features(data)
        if len(found):
            scores = np.log1p(counts.astype(np.float32)) @ self.table[found] + self.prior
        else:  # no feature at all: a uniform answer, as py3langid gives
            scores = np.zeros(len(self.prior), dtype=np.float32)
        scores *= 1.0 / math.sqrt(len(data) or 1)  # py3langid's temperature: sqrt(bytes)
        np.exp(scores - scores.max(), out=scores)
        scores /= scores.sum()
        for first, duplicate in self.folds:
            scores[first] += scores[duplicate]
            scores[duplicate] = 0.0
        return scores

    def rank(self, text: str, top: int) -> list[tuple[str, float]]:
        """The ``top`` codes by probability, best first, with ALIASES summed into one code.

        The same as py3langid's ``rank`` (labels best first, ties in column order) followed by the
        merge ``_rank`` did: a group's probabilities summed in rank order, and codes sorted by total
        with ties in the order each code's best label ranked.
        """
        values = self.probabilities(text)[self.labels]
        as_floats = values.tolist()  # what py3langid's rank() hands out
        sums, heads, places = [], [], []  # per group: total, best label's value and position
        for group in self.groups:
            ranked = sorted(group, key=lambda p: (-as_floats[p], p))  # py3langid's order of the group
            total = 0.0
            for position in ranked:
                total += as_floats[position]
            sums.append(total)
            heads.append(as_floats[ranked[0]])
            places.append(ranked[0])
        singles = values[self.singles].astype(np.float64)  # a single code's total is its label's value
        totals = np.concatenate([singles, sums])
        heads = np.concatenate([singles, heads])
        places = np.concatenate([self.singles, places])
        best = np.lexsort((places, -heads, -totals))[:top].tolist()  # by total, then where the code ranked
        return [(self.codes[i], float(totals[i])) for i in best]


@functools.cache
def _model() -> LanguageModel:
    """The restricted model as arrays: built once per machine from py3langid's model file (~3 s)
    and read from the on-disk cache after that."""
    key = digest([Path(__file__)], version("py3langid"), ",".join(CANDIDATES))
    return cached("language-model", key, lambda: LanguageModel.from_identifier(_build_identifier()))


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
    model = _model()
    ranked = model.rank(prefix[:FIRST_LOOK], HINT_RANK)
    if ranked[0][1] < SURE and len(prefix) > FIRST_LOOK:
        ranked = model.rank(prefix, HINT_RANK)
    if hint and _script_fits(prefix, hint) and hint in [code for code, _ in ranked[:HINT_RANK]]:
        return hint
    best, probability = ranked[0]
    if best == "zxx" or probability < MIN_CONFIDENCE:
        return None
    return best


def _script_fits(text: str, language: str) -> bool:
    """Whether ``text`` has letters in the script ``language`` is written in."""
    pattern = _SCRIPT_PATTERNS[SCRIPTS.get(language, "latin")]
    return pattern.search(text) is not None
