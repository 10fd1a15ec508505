"""Per-language trigger lexicons (``lang/<code>.toml``), compiled once and cached.

A lexicon holds trigger entries (a lemma, the PLOVER type, mode, CAMEO code and how to find source and
target), the modality and negation cues, the prepositions that mark roles, and the flow items.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..diskcache import cached, digest
from ..errors import LexiconError
from ..model import PLOVER_TYPES
from .ontology import DEFAULT_CAMEO

ROLE_RULES = ("default", "recipient", "exchange", "speaker")
CUE_KEYS = (
    "hypothetical", "governing", "negation", "negation_verbs", "passive_aux", "agent", "origin",
    "target", "partner", "between", "location", "conj", "clause", "determiners", "future",
    "possessive", "negative_words", "material_words", "of", "not_negation", "infinitive",
    "attribution", "self_reference", "intent", "obligation", "genitive", "apposition", "capitalised_nouns",
    "possessive_pronouns", "plural_reference", "mutual", "adjunct",
    "complementizer", "conditional", "noun_reach_two", "fears", "indefinite",
    "possessive_binds_subject", "verb_final", "reason", "speculation", "promise", "reported_modal", "reporting", "ethnic", "subject_pronouns", "purpose", "passive_adjacent", "adjacent_subject", "participle_clauses", "summary_nouns", "domestic_beside_pairs", "relative", "refusal_modals", "quantity", "apposition_np", "quantity_phrases", "addressee", "that_complement", "verb_negation", "quantity_nouns",
)
# Role prepositions in the order ``roles._mark`` tries them: a word in two sets marks the first.
PREP_ROLES = ("between", "agent", "origin", "target", "partner", "location", "of")


class CueSets:
    """A lexicon's cue sets as attributes (``sets.clause``), plus the unions the coder tests words
    against, built once per lexicon.

    The coder's per-token loops test millions of words per corpus; ``Lexicon.cue(key)`` costs a
    method call and a dict lookup each time, and a union built inside a loop costs far more.
    """

    __slots__ = (*CUE_KEYS, "title_stops", "adjectival_preps", "speculated", "genitive_of", "mark_stops",
                 "link_joiners", "owner_glue", "adjacent_stops", "complement_heads", "hypothetical_future",
                 "clause_inner", "noun_use_stops", "possessive_endings", "prep_role", "plural_reference_heads",
                 "self_reference_heads")

    def __init__(self, cues: dict[str, frozenset[str]]) -> None:
        for key in CUE_KEYS:
            setattr(self, key, cues.get(key, frozenset()))
        self.title_stops = self.clause | self.conj | self.target | self.agent  # coder.merge_titles
        self.adjectival_preps = self.target | self.location | self.of | self.origin  # coder._adjectival
        self.speculated = self.speculation | self.fears  # coder._speculated
        self.genitive_of = self.genitive | self.of  # roles._mark
        self.mark_stops = self.clause | self.conj | self.adjunct  # roles._mark
        self.link_joiners = self.conj | self.determiners | {","}  # roles._link
        self.owner_glue = self.determiners | self.of  # roles._owner
        self.adjacent_stops = self.clause | self.conj | self.determiners  # roles._adjacent_subject
        self.complement_heads = self.complementizer | self.infinitive  # coder._complement
        self.hypothetical_future = self.hypothetical | self.future  # modality.modality_of
        self.clause_inner = self.clause - {","}  # coder._appositive_phrases
        self.noun_use_stops = self.passive_aux | self.hypothetical | self.infinitive  # coder._noun_use
        self.possessive_endings = tuple(sorted(self.possessive))  # roles._genitive: one str.endswith
        # the first words of the two-word phrases roles._plural_reference and roles._self_reference
        # look for: a clause without any holds none of the phrases (tokens hold no spaces)
        self.plural_reference_heads = frozenset(phrase.split(" ")[0] for phrase in self.plural_reference)
        self.self_reference_heads = frozenset(phrase.split(" ")[0] for phrase in self.self_reference)
        # word → the first role preposition set that holds it (roles._mark)
        self.prep_role = {}
        for key in reversed(PREP_ROLES):
            self.prep_role.update(dict.fromkeys(cues.get(key, ()), key))


@dataclass(frozen=True, slots=True, kw_only=True)
class Trigger:
    """One lexicon entry: what lemma fires, what it codes, and how roles are found."""

    lemma: str
    type: str
    pos: str = "verb"  # verb | noun
    mode: str | None = None
    cameo: str = ""
    roles: str = "default"
    compound: bool = False  # German compounds: matches a word that ends in the lemma
    next: tuple[str, ...] = ()  # one of these must follow within two tokens ("call" + "on")
    needs: tuple[str, ...] = ()  # one of these lemmas must stand in the same clause
    particle: tuple[str, ...] = ()  # German separable verbs: one of these ends the clause ("griff … an")
    avoid: tuple[str, ...] = ()  # none of these lemmas may stand in the same clause
    target_preps: tuple[str, ...] = ()  # extra prepositions that mark this trigger's target
    twin: bool = False  # a verb entry shares this noun's lemma: the noun fires only after a determiner
    patient: bool = False  # "die Ausweisung der Diplomaten": a genitive after the noun is the target
    place_is_target: bool = False  # "Besuch in Nordkorea": the place visited is the target
    material: str | None = None  # type to use when flow items stand in the clause (SUPPORT → AID)
    confidence: float = 0.8
    name: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Lexicon:
    """A compiled lexicon for one language."""

    language: str
    version: str
    triggers: dict[str, tuple[Trigger, ...]]
    suffixes: tuple[tuple[str, tuple[Trigger, ...]], ...]  # compound heads, longest first
    cues: dict[str, frozenset[str]]
    flow: dict[str, str]  # lemma or lower form → flow item
    flow_suffixes: tuple[tuple[str, str], ...] = ()
    path: str = field(default="")
    sets: CueSets = field(init=False, repr=False, compare=False)  # ``cues`` as attributes, for hot loops
    suffix_ends: tuple[str, ...] = field(init=False, repr=False, compare=False)  # the heads of ``suffixes``
    ieren: bool = field(init=False, repr=False, compare=False)  # an entry ends in "-ieren" ("kritisieren")

    def __post_init__(self) -> None:
        object.__setattr__(self, "sets", CueSets(self.cues))
        object.__setattr__(self, "suffix_ends", tuple(suffix for suffix, _ in self.suffixes))
        object.__setattr__(self, "ieren", any(lemma.endswith("ieren") for lemma in self.triggers))

    def cue(self, key: str) -> frozenset[str]:
        return self.cues.get(key, frozenset())


def lexicon_dir() -> Path:
    """The folder holding the packaged lexicons."""
    return Path(str(resources.files("realpolitik.events").joinpath("lang")))


@lru_cache(maxsize=1)
def _lexicon_folder() -> str:
    """``lexicon_dir()`` as a string, found once per process: importlib.resources costs ~0.1 ms."""
    return str(lexicon_dir())


def available_languages() -> list[str]:
    """Languages that have a lexicon file. Every document asks, several times: the folder is
    stat'ed each time (a pack added or removed changes its mtime) and listed again only when it
    changed."""
    folder = _lexicon_folder()
    return list(_languages(folder, os.stat(folder).st_mtime_ns))


@lru_cache(maxsize=4)
def _languages(folder: str, mtime_ns: int) -> tuple[str, ...]:
    """The lexicon files' stems in ``folder`` as it was at ``mtime_ns``."""
    return tuple(sorted(p.stem for p in Path(folder).glob("*.toml")))


@lru_cache(maxsize=32)
def load_lexicon(language: str) -> Lexicon:
    """Load and compile ``lang/<language>.toml``.

    Raises:
        LexiconError: the file is missing or malformed (the message names the file and entry).
    """
    path = lexicon_dir() / f"{language}.toml"
    if not path.exists():
        raise LexiconError(f"no lexicon for language {language!r} ({path} is missing)")
    code = [Path(__file__), Path(__file__).with_name("ontology.py"), Path(__file__).parents[1] / "model.py"]
    return cached(f"lexicon-{language}", digest([path, *code]), lambda: _compile_file(path))


def _compile_file(path: Path) -> Lexicon:
    """Parse and compile one lexicon file (what the on-disk cache keeps)."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise LexiconError(f"{path}: {error}") from error
    return compile_lexicon(data, str(path))


def compile_lexicon(data: dict, path: str) -> Lexicon:
    """Turn parsed TOML into a Lexicon, checking every entry."""
    meta = data.get("meta", {})
    triggers: dict[str, list[Trigger]] = {}
    suffixes: dict[str, list[Trigger]] = {}
    for number, entry in enumerate(data.get("trigger", []), 1):
        trigger = _trigger(entry, f"{path}: trigger #{number}")
        (suffixes if trigger.compound else triggers).setdefault(trigger.lemma, []).append(trigger)
        if trigger.compound:
            triggers.setdefault(trigger.lemma, []).append(trigger)
    cues = {key: frozenset(str(v).lower() for v in data.get("cues", {}).get(key, [])) for key in CUE_KEYS}
    flow, flow_suffixes = _flow(data.get("flow", {}))
    verbs = {t.lemma for ts in triggers.values() for t in ts if t.pos == "verb"}
    triggers = {k: [replace(t, twin=True) if t.pos == "noun" and t.lemma in verbs else t for t in ts]
                for k, ts in triggers.items()}
    return Lexicon(
        language=meta.get("language", Path(path).stem), version=str(meta.get("version", "0")),
        triggers={k: tuple(v) for k, v in triggers.items()},
        suffixes=tuple(sorted(((k, tuple(v)) for k, v in suffixes.items()), key=lambda kv: -len(kv[0]))),
        cues=cues, flow=flow, flow_suffixes=flow_suffixes, path=path,
    )


def _flow(table: dict) -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    """Flow item words: exact forms, and ``~suffix`` forms for compounds."""
    exact, suffix = {}, []
    for item, words in table.items():
        for word in words:
            word = str(word).lower()
            if word.startswith("~"):
                suffix.append((word[1:], item))
            else:
                exact[word] = item
    return exact, tuple(sorted(suffix, key=lambda kv: -len(kv[0])))


def _trigger(entry: dict, where: str) -> Trigger:
    """Validate one ``[[trigger]]`` table."""
    kind = str(entry.get("type", "")).upper()
    if kind not in PLOVER_TYPES:
        raise LexiconError(f"{where}: type {entry.get('type')!r} is not a PLOVER type")
    lemma = str(entry.get("lemma", "")).lower().strip()
    if not lemma:
        raise LexiconError(f"{where}: no lemma")
    roles = entry.get("roles", "default")
    if roles not in ROLE_RULES:
        raise LexiconError(f"{where}: roles must be one of {ROLE_RULES}, not {roles!r}")
    material = entry.get("material")
    if material is not None and material not in PLOVER_TYPES:
        raise LexiconError(f"{where}: material {material!r} is not a PLOVER type")
    compound = lemma.startswith("~")
    lemma = lemma.lstrip("~")
    return Trigger(
        lemma=lemma, type=kind, pos=entry.get("pos", "noun" if compound else "verb"),
        mode=entry.get("mode"), cameo=str(entry.get("cameo") or DEFAULT_CAMEO[kind]), roles=roles,
        compound=compound, next=tuple(_lower(entry.get("next", []))), needs=tuple(_lower(entry.get("needs", []))),
        particle=tuple(_lower(entry.get("particle", []))),
        avoid=tuple(_lower(entry.get("avoid", []))), material=material,
        target_preps=tuple(_lower(entry.get("target_preps", []))),
        place_is_target=bool(entry.get("place_is_target", entry.get("mode") == "visit" or kind == "MOBILIZE")),
        patient=bool(entry.get("patient", False)),
        confidence=float(entry.get("confidence", 0.8)), name=f"{kind.lower()}:{lemma}",
    )


def _lower(values: list) -> list[str]:
    return [str(v).lower() for v in values]
