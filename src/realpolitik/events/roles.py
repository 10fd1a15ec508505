"""Find the source and target of a trigger among the actor mentions of its sentence.

The rules read word order, prepositions and coordination; they need no parser:
- active verbs: the subject (first unmarked mention before the verb) is the source; a mention marked
  by a target preposition, else the next unmarked mention, is the target (German verb-final clauses
  put both before the verb);
- passives: the *von*/*by* mention is the source and the subject the target;
- nominal triggers: a genitive after or a possessive/adjective before is the source;
- *zwischen A und B* / a joint subject "A und B" gives one symmetric pair.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Mention, Sentence
from .lexicon import Lexicon, Trigger
from .ontology import QUAD

MARK_WINDOW = 4  # tokens looked back from a mention for the preposition that marks its role


@dataclass(frozen=True, slots=True)
class Slot:
    """A mention in a sentence, with the role marker found before it and its coordination group."""

    index: int
    mention: Mention
    mark: str | None  # agent | origin | target | partner | between | location | of | None
    group: int


@dataclass(frozen=True, slots=True)
class Roles:
    """Pairs of (source, target) mentions and how they were found."""

    pairs: tuple[tuple[Mention, Mention], ...]
    how: str
    direct: bool


def slots_for(sentence: Sentence, mentions: list[Mention], lexicon: Lexicon) -> list[Slot]:
    """Mark each mention with its preposition and coordination group."""
    marks = [_mark(sentence, m, lexicon) for m in mentions]
    groups, group = [], 0
    for i, mention in enumerate(mentions):
        if i and not _coordinated(sentence, mentions[i - 1], mention, lexicon):
            group += 1
        groups.append(group)
    # a coordinated mention inherits the marker of the first in its group ("für Südkorea und Japan")
    first_mark: dict[int, str | None] = {}
    slots = []
    for i, mention in enumerate(mentions):
        mark = marks[i] if groups[i] not in first_mark else (marks[i] or first_mark[groups[i]])
        first_mark.setdefault(groups[i], marks[i])
        slots.append(Slot(i, mention, mark, groups[i]))
    return slots


def _mark(sentence: Sentence, mention: Mention, lexicon: Lexicon) -> str | None:
    """The role preposition standing a few tokens before a mention, if any."""
    tokens = sentence.tokens
    for k in range(mention.token_start - 1, max(-1, mention.token_start - 1 - MARK_WINDOW), -1):
        word = tokens[k].lower
        for key in ("between", "agent", "origin", "target", "partner", "location", "of"):
            if word in lexicon.cue(key):
                return key
        if word in lexicon.cue("clause") or word in lexicon.cue("conj"):
            return None
    return None


def _coordinated(sentence: Sentence, left: Mention, right: Mention, lexicon: Lexicon) -> bool:
    """True when only conjunctions, commas and determiners stand between two mentions."""
    between = sentence.tokens[left.token_end:right.token_start]
    if not between or len(between) > 3:
        return False
    joiners = lexicon.cue("conj") | lexicon.cue("determiners") | {","}
    return all(t.lower in joiners for t in between) and any(t.lower in lexicon.cue("conj") | {","} for t in between)


def find_roles(sentence: Sentence, slots: list[Slot], trigger: Trigger, at: int, clause: tuple[int, int],
               lexicon: Lexicon) -> Roles | None:
    """Source/target pairs for a trigger at token ``at`` within ``clause`` (token range)."""
    inside = [s for s in slots if clause[0] <= s.mention.token_start < clause[1] and s.mark != "location"]
    if trigger.roles == "exchange":
        return _exchange(inside, at)
    between = [s for s in inside if s.mark == "between"]
    if len(between) >= 2:
        return Roles(((between[0].mention, between[1].mention),), "between", True)
    if trigger.pos == "noun":
        roles = _nominal(sentence, inside, trigger, at, lexicon)
    else:
        roles = _verbal(sentence, inside, trigger, at, clause, lexicon)
    if roles is None or not roles.pairs:
        roles = _fallback(slots, inside, trigger, at, roles)
    return roles


def _group(slots: list[Slot], first: Slot) -> list[Slot]:
    return [s for s in slots if s.group == first.group and s.mark in (None, first.mark)]


def _verbal(sentence: Sentence, inside: list[Slot], trigger: Trigger, at: int, clause: tuple[int, int],
            lexicon: Lexicon) -> Roles | None:
    left = [s for s in inside if s.mention.token_end <= at and s.mark is None]
    right = [s for s in inside if s.mention.token_start > at and s.mark is None]
    marked_target = [s for s in inside if s.mark in ("target", "partner")]
    agents = [s for s in inside if s.mark == "agent"]
    origins = [s for s in inside if s.mark == "origin"]
    aux = lexicon.cue("passive_aux")
    passive = bool(agents) and any(t.lower in aux for t in sentence.tokens[clause[0]:at])
    if passive:
        targets = left or marked_target or right
        return _pairs(_group(inside, agents[0]), targets[:1] and _group(inside, targets[0]), "passive", True)
    if trigger.roles == "recipient":
        sources = origins or agents or right or marked_target
        return _pairs(sources[:1] and _group(inside, sources[0]), left[:1] and _group(inside, left[0]),
                      "recipient", True)
    subject = left[:1] or ([right[0]] if right and not marked_target and len(right) > 1 else [])
    if not subject:
        return Roles((), "verb", True) if not marked_target else _pairs([], marked_target, "verb", True)
    sources = _group(inside, subject[0])
    rest = [s for s in left + right if s.group != subject[0].group]
    targets = marked_target or rest[:1]
    if targets:
        targets = _group(inside, targets[0])
    elif len(sources) >= 2 and trigger.type in ("CONSULT", "COOPERATE", "AGREE"):
        return Roles(((sources[0].mention, sources[1].mention),), "joint-subject", True)
    return _pairs(sources, targets, "verb", True)


def _nominal(sentence: Sentence, inside: list[Slot], trigger: Trigger, at: int, lexicon: Lexicon) -> Roles | None:
    owner, after = _owner(sentence, inside, at, lexicon)
    targets = [s for s in inside if s.mark in ("target", "partner") and s is not owner]
    agents = [s for s in inside if s.mark in ("agent", "origin") and s.mention.token_start > at and s is not owner]
    subject = [s for s in inside if s.mark is None and s.mention.token_end <= at and s is not owner]
    if trigger.roles == "recipient":
        return _pairs(agents[:1] or ([owner] if owner else []), subject[:1], "recipient-noun", True)
    conflict = QUAD.get(trigger.type, 1) >= 3
    if owner is not None and after == "of" and not targets and conflict:
        # "the invasion of Ukraine": after a conflict noun, "of" marks what is acted on
        return _pairs(subject[:1], [owner], "noun-patient", True)
    sources = [owner] if owner else agents[:1] or subject[:1]
    if not sources:
        return Roles((), "noun", True)
    if not targets:
        if conflict:
            return Roles((), "noun", True)  # a conflict noun needs its target named
        rest = [s for s in inside if s.mark is None and s.group != sources[0].group]
        return _pairs(_group(inside, sources[0]), rest[:1] and _group(inside, rest[0]), "noun-context", False)
    return _pairs(_group(inside, sources[0]), _group(inside, targets[0]), "noun", True)


def _owner(sentence: Sentence, inside: list[Slot], at: int, lexicon: Lexicon) -> tuple[Slot | None, str]:
    """The possessor of a nominal trigger, and how it is attached: "of", "after" (genitive), "before"."""
    tokens = sentence.tokens
    glue = lexicon.cue("determiners") | lexicon.cue("of")
    for s in inside:
        between = tokens[at + 1:s.mention.token_start]
        if s.mention.token_start > at and all(t.lower in glue for t in between):
            if any(t.lower in lexicon.cue("of") for t in between):
                return s, "of"
            if between or _genitive(s.mention, lexicon):
                return s, "after"
            break
    owner = None
    for s in inside:
        gap = tokens[s.mention.token_end:at]
        if s.mention.token_end <= at and len(gap) <= 2 and all(t.text[:1].islower() for t in gap):
            if s.mention.via == "adjective" or _genitive(s.mention, lexicon):
                owner = s
    return owner, "before"


def _genitive(mention: Mention, lexicon: Lexicon) -> bool:
    """A possessive or genitive surface form: "Russia's", "Russlands", "des Westens"."""
    text = mention.text
    return text.endswith(("'s", "’s", "s'")) or any(text.endswith(p) for p in lexicon.cue("possessive"))


def _fallback(slots: list[Slot], inside: list[Slot], trigger: Trigger, at: int, partial: Roles | None) -> Roles | None:
    """Fill a missing source or target from the rest of the sentence (lower confidence)."""
    pairs = partial.pairs if partial else ()
    if pairs:
        return partial
    usable = [s for s in slots if s.mark not in ("location",)]
    subjects = [s for s in usable if s.mark is None and s.mention.token_end <= at]
    targets = [s for s in inside if s.mark in ("target", "partner")]
    if trigger.roles == "recipient":
        origin = [s for s in usable if s.mark in ("origin", "agent")]
        if origin and subjects:
            return _pairs(origin[:1], subjects[:1], "recipient-sentence", False)
        return None
    if targets and subjects:
        return _pairs(_group(usable, subjects[0]), _group(inside, targets[0]), "sentence-subject", False)
    return None


def _exchange(inside: list[Slot], at: int) -> Roles | None:
    """"A tauscht X gegen Y (von B)": A gives X to B, B gives Y to A."""
    giver = [s for s in inside if s.mention.token_end <= at and s.mark is None]
    taker = [s for s in inside if s.mention.token_start > at]
    if not giver or not taker:
        return None
    return Roles(((giver[0].mention, taker[0].mention), (taker[0].mention, giver[0].mention)), "exchange", True)


def _pairs(sources: list[Slot], targets: list[Slot], how: str, direct: bool) -> Roles:
    pairs = tuple((s.mention, t.mention) for s in sources for t in targets if s is not t)
    return Roles(pairs, how, direct)
