"""Find the source and target of a trigger among the actor mentions of its sentence.

The rules read word order, prepositions and coordination; they need no parser:
- active verbs: the subject (first unmarked mention before the verb) is the source; a mention marked
  by a target preposition, else the next unmarked mention, is the target (German verb-final clauses
  put both before the verb);
- infinitives ("plant, Taiwan Waffen zu liefern"): the subject of the sentence is the source;
- passives: the *von*/*by* mention is the source and the subject the target;
- nominal triggers: a genitive or adjective after, or a possessive/adjective before, is the source;
- *zwischen A und B* / a joint subject "A und B" gives one symmetric pair;
- speech acts ("demanded that the US …"): the subject of the complement clause is the target.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from operator import attrgetter

from ..model import Mention, Sentence
from .lexicon import Lexicon, Trigger
from .ontology import QUAD
from .words import words_of

MARK_WINDOW = 4  # tokens looked back from a mention for the preposition that marks its role
BETWEEN_REACH = 4
TITLE_GAP = 5  # "The defence chiefs of Australia …": how far into its clause an "of" subject may start  # "Zusammenarbeit zwischen A und B": how far after a noun its "zwischen" may stand
SPEECH_ACTS = frozenset({"REQUEST", "ACCUSE", "THREATEN", "REJECT", "AGREE", "SUPPORT"})
SYMMETRIC = frozenset({"CONSULT", "COOPERATE", "AGREE"})
MUTUAL_MODES = frozenset({"release", "ceasefire"})
ADJECTIVE_TRIGGERS = frozenset({"ready", "willing", "prepared", "opposed", "committed", "determined", "eager"})
TRANSFERS = frozenset({"AID", "COOPERATE", "RETREAT"})  # "liefert Waffen an die Ukraine": an/to marks who gets it


@dataclass(frozen=True, slots=True)
class Slot:
    """A mention in a sentence, with the role marker found before it and its coordination group."""

    index: int
    mention: Mention
    mark: str | None  # agent | origin | target | partner | between | location | of | None
    group: int
    prep_at: int = -1  # token index of the marking preposition


# Slot is frozen: its generated __init__ sets each field with object.__setattr__. slots_for builds
# one per mention through the slot descriptors instead (the same object), as long as Slot has exactly
# these fields and nothing runs after __init__ (checked here at import).
_SLOT_FIELDS = ("index", "mention", "mark", "group", "prep_at")
if tuple(f.name for f in fields(Slot)) != _SLOT_FIELDS or hasattr(Slot, "__post_init__"):
    raise ImportError(f"realpolitik.events.roles builds Slot from the fields {_SLOT_FIELDS}: update _slot()")
_set_index, _set_mention, _set_mark, _set_group, _set_prep_at = (getattr(Slot, name).__set__ for name in _SLOT_FIELDS)
_new = object.__new__


def _slot(index: int, mention: Mention, mark: str | None, group: int, prep_at: int) -> Slot:
    """``Slot(index, mention, mark, group, prep_at)``, without the frozen __init__."""
    slot = _new(Slot)
    _set_index(slot, index)
    _set_mention(slot, mention)
    _set_mark(slot, mark)
    _set_group(slot, group)
    _set_prep_at(slot, prep_at)
    return slot


@dataclass(frozen=True, slots=True)
class Roles:
    """Pairs of (source, target) mentions and how they were found."""

    pairs: tuple[tuple[Mention, Mention], ...]
    how: str
    direct: bool
    final: bool = False  # no fallback: the construction says there is no second party


def slots_for(sentence: Sentence, mentions: list[Mention], lexicon: Lexicon, covered: set[int] | None = None) -> list[Slot]:
    """Mark each mention with its preposition and coordination group (``covered``: the token indices
    of the mentions, when the caller has them already)."""
    if covered is None:
        covered = {i for m in mentions for i in range(m.token_start, m.token_end)}
    marks = [_mark(sentence, m, covered, lexicon) for m in mentions]
    links = [None] + [_link(sentence, mentions[i - 1], mentions[i], lexicon) for i in range(1, len(mentions))]
    # a coordinated mention inherits the marker of the first in its group ("für Südkorea und Japan")
    first: dict[int, tuple[str | None, int]] = {}
    slots, group = [], 0
    for i, mention in enumerate(mentions):
        link = links[i]
        # _chained, without the call where the link alone decides (most mentions stand unlinked)
        if i and link != "conj" and (link is None or not _chained(links, i)):
            group += 1
        mark, at = marks[i]
        if mark is None and group in first:
            mark, at = first[group]
        first.setdefault(group, marks[i])
        slots.append(_slot(i, mention, mark, group, at))
    return slots


def _mark(sentence: Sentence, mention: Mention, covered: set[int], lexicon: Lexicon) -> tuple[str | None, int]:
    """The role preposition standing a few tokens before a mention, if any.

    The look-back stops at another mention, a clause break or (in languages that capitalise nouns) a
    noun; it crosses one noun after a genitive ("auf das Krankenhaus der Ukraine", "on the capital of
    Ukraine") or an apposition ("für Länder wie Südkorea").
    """
    first = mention.token_start - 1
    if first < 0 or first in covered:
        return None, -1  # the look-back below would stop at once: nothing before, or another mention
    tokens = sentence.tokens
    sets = lexicon.sets
    capitalised = bool(sets.capitalised_nouns)
    attribution, prep_role = sets.attribution, sets.prep_role
    # the sets the look-back below tests at every step, looked up once
    quantity_phrases, mark_stops, apposition = sets.quantity_phrases, sets.mark_stops, sets.apposition
    determiners, quantity = sets.determiners, sets.quantity
    crossing = first >= 0 and tokens[first].lower in sets.genitive_of
    if mention.via == "person" or mention.text.isupper():
        crossing = True  # a title before a name: "vom Inlandsgeheimdienst FSB", "von Staatschef Xi"
    found_of = -1
    k, steps, limit = first, 0, MARK_WINDOW + 2 * crossing
    while k >= 0 and steps < limit:
        if k in covered:
            break
        token = tokens[k]
        word = token.lower
        if k > 0 and quantity_phrases and f"{tokens[k - 1].lower} {word}" in quantity_phrases:
            k -= 2  # "up to 100 people": no role marker
            continue
        # the role the preposition marks (the first of PREP_ROLES that holds it); "location" for a
        # cited source ("nach Angaben von")
        if word in attribution:
            mark = "location"
        else:
            mark = prep_role.get(word)
            if mark is not None and k and tokens[k - 1].lower in attribution:
                mark = "location"
        if mark == "of" and k > 0 and tokens[k - 1].lower in sets.quantity_nouns:
            break  # "tortured scores of Liberian refugees": the refugees themselves, not an owner
        if mark == "of" and k == first:
            found_of = k
        elif mark is not None:
            return mark, k
        elif word in mark_stops:
            break  # "on alert after the United States sent …": "after" opens a phrase of its own
        elif word in apposition:
            crossing = True
        elif capitalised and token.text[:1].isupper() and k != 0 and word not in determiners:
            if not crossing:
                break
            crossing = False
        free = word[:1].isdigit() or word in quantity  # "by as many as 19 Russian drones"
        k, steps = k - 1, steps + (0 if free else 1)
    return ("of", found_of) if found_of >= 0 else (None, -1)


def _link(sentence: Sentence, left: Mention, right: Mention, lexicon: Lexicon) -> str | None:
    """How two neighbouring mentions are joined: "conj" (A und B), "comma" (A, B) or not at all."""
    if not 0 < right.token_start - left.token_end <= 3:
        return None  # adjacent, overlapping or too far apart: the slice below would be empty or long
    between = sentence.tokens[left.token_end:right.token_start]
    if not between or len(between) > 3:
        return None
    joiners = lexicon.sets.link_joiners
    if not all(t.lower in joiners for t in between):
        return None
    conj = lexicon.sets.conj
    return "conj" if any(t.lower in conj for t in between) else "comma" if any(
        t.text == "," for t in between) else None


def _chained(links: list[str | None], i: int) -> bool:
    """A comma joins a list only when the list ends in a conjunction: "A, B und C"."""
    if links[i] == "conj":
        return True
    if links[i] != "comma":
        return False
    j = i + 1
    while j < len(links) and links[j] == "comma":
        j += 1
    return j < len(links) and links[j] == "conj"


def find_roles(sentence: Sentence, slots: list[Slot], trigger: Trigger, at: int, clause: tuple[int, int],
               lexicon: Lexicon) -> Roles | None:
    """Source/target pairs for a trigger at token ``at`` within ``clause`` (token range)."""
    slots = _retarget(sentence, slots, trigger, lexicon)
    inside = [s for s in slots if clause[0] <= s.mention.token_start < clause[1] and s.mark != "location"]
    if trigger.roles == "exchange":
        return _exchange(inside, at)
    between = [s for s in inside if s.mark == "between" and _reaches(trigger, at, s)]
    if len(between) >= 2:
        third = [s for s in inside if s.mark is None and s.mention.token_end <= at and s.group != between[0].group]
        crossed = [s for s in inside if at < s.mention.token_start < between[0].prep_at]
        if trigger.pos == "verb" and third and crossed:
            between = []  # "rejected a US offer to host a summit between A and B": the offer's owner
        elif trigger.pos == "verb" and third and between[0].prep_at > at:
            # "Turkey offered to host talks between Moscow and Kyiv": the subject acts towards both
            sources = _group(inside, third[0])
            return _pairs(sources, [b for b in between if b.group == between[0].group], "between-third", True)
    if len(between) >= 2:
        return Roles(((between[0].mention, between[1].mention),), "between", True)
    if trigger.pos == "noun":
        roles = _nominal(sentence, inside, trigger, at, lexicon)
    else:
        roles = _verbal(sentence, slots, inside, trigger, at, clause, lexicon)
    if (roles is None or not roles.pairs) and trigger.type in SPEECH_ACTS:
        roles = _complement_target(slots, inside, at, clause) or roles
    if roles is None or (not roles.pairs and not roles.final):
        roles = _fallback(slots, inside, trigger, at, roles)
    return _prefer_foreign(roles)


def _retarget(sentence: Sentence, slots: list[Slot], trigger: Trigger, lexicon: Lexicon) -> list[Slot]:
    """Apply a trigger's own prepositions: "Besuch in Nordkorea", "sich bei Indonesien entschuldigen"."""
    if not trigger.target_preps and not trigger.place_is_target:
        return slots
    extra = set(trigger.target_preps)
    out = []
    own = any(s.prep_at >= 0 and sentence.tokens[s.prep_at].lower in extra for s in slots)
    for s in slots:
        word = sentence.tokens[s.prep_at].lower if s.prep_at >= 0 else ""
        if (s.mark == "location" and trigger.place_is_target and word not in lexicon.sets.attribution) or word in extra:
            s = _slot(s.index, s.mention, "target", s.group, s.prep_at)
        elif own and s.mark == "target" and word in lexicon.sets.addressee:
            s = _slot(s.index, s.mention, "location", s.group, s.prep_at)  # "complained to the UN over X": X
        out.append(s)
    return out


def _reaches(trigger: Trigger, at: int, slot: Slot) -> bool:
    """A noun's "zwischen" must follow it closely; a verb's may stand anywhere in the clause."""
    return trigger.pos == "verb" or 0 < slot.prep_at - at <= BETWEEN_REACH


def _group(slots: list[Slot], first: Slot) -> list[Slot]:
    return [s for s in slots if s.group == first.group and s.mark in (None, first.mark)]


def _verbal(sentence: Sentence, slots: list[Slot], inside: list[Slot], trigger: Trigger, at: int,
            clause: tuple[int, int], lexicon: Lexicon) -> Roles | None:
    # the slots of the clause by side and mark, in one pass (in order)
    left: list[Slot] = []
    right: list[Slot] = []
    marked_target: list[Slot] = []
    agents: list[Slot] = []
    origins: list[Slot] = []
    for s in inside:
        mark = s.mark
        if mark is None:
            if s.mention.token_end <= at:
                left.append(s)
            if s.mention.token_start > at:
                right.append(s)
        elif mark == "target" or mark == "partner":
            marked_target.append(s)
        elif mark == "agent":
            agents.append(s)
        elif mark == "origin":
            origins.append(s)
    aux = lexicon.sets.passive_aux
    if agents and any(t.lower in aux for t in sentence.tokens[clause[0]:clause[1]]):
        targets = left or marked_target or right
        if not targets:
            targets = _antecedent(sentence, slots, clause, lexicon)
            inside = inside + targets
        return _pairs(_group(inside, agents[0]), targets[:1] and _group(inside, targets[0]), "passive", True)
    if not agents and agentless_passive(sentence, at, lexicon):
        return Roles((), "passive", True, final=True)  # "a jet was hit": who hit it is not said
    if trigger.roles == "recipient":
        sources = origins or agents or right or marked_target
        return _pairs(sources[:1] and _group(inside, sources[0]), left[:1] and _group(inside, left[0]),
                      "recipient", True)
    if _infinitive(sentence, at, clause, lexicon):
        outer = [s for s in slots if s.mention.token_end <= clause[0] and s.mark is None]
        if outer:
            left, right = [], left + right
            inside = outer[:1] + inside
            subject = outer[:1]
            return _with_subject(inside, subject, right, marked_target, agents, origins, trigger, "infinitive")
    if not left and not lexicon.sets.capitalised_nouns:
        # "The defence chiefs of Australia and Britain said …": the owners of the subject noun act
        # … and "Doctors from two American aid groups donated …": the group they come from
        owners = [s for s in inside if s.mark in ("of", "origin") and s.mention.token_end <= at]
        if owners and owners[0].mention.token_start - clause[0] <= TITLE_GAP:
            left = [s for s in owners if s.group == owners[0].group]
    absolute = _with_subject_ing(sentence, inside, at, lexicon)
    if absolute:
        left, marked_target = [absolute], [s for s in marked_target if s.index != absolute.index]
        inside = [absolute if s.index == absolute.index else s for s in inside]
    if lexicon.sets.capitalised_nouns:
        # German inversion puts the subject after the verb ("Die Kritik Washingtons wies Peking zurück")
        free = [s for s in left if not _attached(sentence, s, lexicon)]
        subject = free[:1] or right[:1]
    else:
        subject = left[:1] or ([right[0]] if right and not marked_target and len(right) > 1 else [])
    adjacent = _adjacent_subject(sentence, left, at, lexicon)
    if adjacent and subject and adjacent.group != subject[0].group:
        subject = [next(s for s in left if s.group == adjacent.group)]
    group = _plural_reference(sentence, slots, clause, left[0].mention.token_start if left else at, lexicon)
    if group:
        subject, inside = group[:1], group + inside
    first = left[0].mention.token_start if left else at
    if _self_reference(sentence, (clause[0], first), first, lexicon):
        speaker = [s for s in slots if s.mark is None and s.mention.token_end <= clause[0]][:1]
        if speaker:
            subject, inside = speaker, speaker + inside
    if not subject and clause[0] > 0 and any(t.lower in lexicon.sets.conj for t in sentence.tokens[clause[0]:clause[0] + 2]):
        # "…, and jointly condemned North Korea": a second verb shares the sentence's subject
        subject = [s for s in slots if s.mark is None and s.mention.token_end <= clause[0]][:1]
        inside = (_group(slots, subject[0]) if subject else []) + inside  # "A, B and C agreed …, and condemned"
    elif not left and _participle_opens(sentence, at, clause, lexicon):
        # "…, Zelensky said, calling the strike inhumane": the participle's subject is the speaker's
        subject = _main_subject(sentence, slots, clause, lexicon)
        inside = (_group(slots, subject[0]) if subject else []) + inside
    if subject and not marked_target and not right and _summary_opens(sentence, clause, lexicon):
        # "…, a move the opposition condemned": what the clause sums up was done by the main subject
        main = [s for s in slots if s.mention.token_end <= clause[0]
                and (s.mark is None or s.mark == "of" and s.mention.token_start <= TITLE_GAP)][:1]
        if main and main[0].group != subject[0].group:
            marked_target = _group(slots, main[0])
            inside = inside + marked_target
    if not subject:
        return Roles((), "verb", True) if not marked_target else _pairs([], marked_target, "verb", True)
    # the mark first: most slots are no place, and it is the cheapest test
    places = [s for s in slots if s.mark == "location" and clause[0] <= s.mention.token_start < clause[1]
              and s.prep_at >= 0 and sentence.tokens[s.prep_at].lower not in lexicon.sets.attribution
              and not any(sentence.tokens[k].lower in lexicon.sets.attribution for k in range(max(0, s.prep_at - 2), s.prep_at))]
    # "each other" is asked only where neither the type nor the mode makes a joint subject mutual
    mutual = (trigger.type not in SYMMETRIC and trigger.mode not in MUTUAL_MODES and bool(lexicon.sets.mutual)
              and not lexicon.sets.mutual.isdisjoint(words_of(sentence)[0][clause[0]:clause[1]]))
    if trigger.type in TRANSFERS and not marked_target and not right:
        # "Colombia extradited X, the country's most wanted trafficker, to the United States"
        marked_target = [s for s in slots if s.mention.token_start >= clause[1] and s.mark == "target"][:1]
        inside = inside + marked_target
    return _with_subject(inside, subject, left + right, marked_target, agents, origins, trigger, "verb", places, mutual,
                         _object_owner(inside, trigger, at))


def _with_subject(inside: list[Slot], subject: list[Slot], unmarked: list[Slot], marked_target: list[Slot],
                  agents: list[Slot], origins: list[Slot], trigger: Trigger, how: str,
                  places: list[Slot] = (), mutual: bool = False, owners: list[Slot] = ()) -> Roles:
    sources = _group(inside, subject[0])
    # a source without a sector can pair with no other sector of its state: no call for it
    codes = {s.mention.actor.code for s in sources
             if not (s.mention.actor.sector and _domestic_pair_possible(s, unmarked))}
    recipients = [s for s in marked_target if s.mark == "target"] if trigger.type in TRANSFERS else []
    if trigger.type == "COOPERATE":
        # "shared data on North Korean troops with South Korea's spy agency": "with" names the partner
        recipients = [s for s in marked_target if s.mark == "partner"] or recipients
    targets = recipients
    if not targets:
        # the argument nearest the verb wins: "rejected North Korea's demand … with the US" → PRK,
        # "rallied against the government's decision … the EU" → the government
        group = subject[0].group
        targets = [s for s in unmarked if s.group != group and s.mention.actor.code not in codes]
        if marked_target:
            targets += [s for s in marked_target if s.mention.actor.code not in codes]
        if owners:
            targets += [s for s in owners if s.mention.actor.code not in codes]
        if len(targets) > 1:
            targets.sort(key=_start)  # stable, as sorted() was
    targets = targets or [s for s in agents + origins if s.group != subject[0].group]
    if targets:
        return _pairs(sources, _group(inside, _foreign_first(targets, sources)), how, True)
    mutual = mutual or trigger.mode in MUTUAL_MODES  # "Russia and Ukraine released prisoners": each the other's
    if len(sources) >= 2 and (trigger.type in SYMMETRIC or mutual):
        ms = [s.mention for s in sources]
        pairs = tuple((a, b) for i, a in enumerate(ms) for b in ms[i + 1:])
        if trigger.type not in SYMMETRIC:
            pairs += tuple((b, a) for a, b in pairs)
        return Roles(pairs, "joint-subject", True)
    foreign = [p for p in places if p.mention.actor.code not in codes]
    if foreign:
        # "griff Ziele in Pakistan an", "verurteilte den Putsch in Gabun": the place stands for the target
        return _pairs(sources, foreign[:1], "place", False)
    return _pairs(sources, [], how, True)


_start = attrgetter("mention.token_start")  # a slot's place in the sentence, for sorting

OBJECT_REACH = 5  # "demanded the immediate withdrawal of X": tokens from a speech act to its object's owner
# the verbs whose object's owner is their target: the speech acts but AGREE, and lifting or granting
# (one set, not a union built for every verb)
OWNER_ACTS = (SPEECH_ACTS | {"CONCEDE", "SANCTION"}) - {"AGREE"}


def _object_owner(inside: list[Slot], trigger: Trigger, at: int) -> list[Slot]:
    """The owner of what a speech act speaks of is its target: "demanded the withdrawal of Serbian
    forces", "rejected an offer from Kabul", "lifted the blockade of Gaza". Only the first mention after
    the verb, close to it."""
    if trigger.pos != "verb" or trigger.type not in OWNER_ACTS:
        return []
    after = sorted([s for s in inside if s.mention.token_start > at], key=_start)
    if after and after[0].mark in ("of", "origin", "agent") and 0 <= after[0].prep_at - at <= OBJECT_REACH:
        return after[:1]
    return []


def _attached(sentence: Sentence, slot: Slot, lexicon: Lexicon) -> bool:
    """A genitive hanging on a noun ("die Kritik Washingtons"): not a candidate subject."""
    k = slot.mention.token_start - 1
    if k > 0 and sentence.tokens[k].lower in lexicon.sets.genitive:
        k -= 1
    token = sentence.tokens[k] if k >= 0 else None
    return (token is not None and k > 0 and token.text[:1].isupper() and _genitive(slot.mention, lexicon)
            and token.lower not in lexicon.sets.determiners)


def _plural_reference(sentence: Sentence, slots: list[Slot], clause: tuple[int, int], at: int,
                      lexicon: Lexicon) -> list[Slot]:
    """"beide Länder", "both countries": the coordinated pair named before the clause."""
    heads = lexicon.sets.plural_reference_heads
    if not heads:
        return []
    words = words_of(sentence)[0][clause[0]:at]
    if heads.isdisjoint(words[:-1]):
        return []  # no phrase can start here: the pairs below would all be missed
    pairs = {" ".join(words[i:i + 2]) for i in range(len(words) - 1)}
    if not pairs & lexicon.sets.plural_reference:
        return []
    before = [s for s in slots if s.mention.token_end <= clause[0]]
    groups: dict[int, list[Slot]] = {}
    for s in before:
        groups.setdefault(s.group, []).append(s)
    plural = [g for g in groups.values() if len(g) >= 2]
    return plural[-1] if plural else []


def _domestic_pair_possible(source: Slot, others: list[Slot]) -> bool:
    """"Police detained protesters": same state, different sectors, both named by their sector."""
    sector = source.mention.actor.sector
    return bool(sector) and any(o.mention.actor.code == source.mention.actor.code and o.mention.actor.sector
                                and o.mention.actor.sector != sector for o in others)


ADJACENT_GAP = 2  # "the United States quickly sent": words between a subject and its verb


def _adjacent_subject(sentence: Sentence, left: list[Slot], at: int, lexicon: Lexicon) -> Slot | None:
    """In languages that set ``adjacent_subject`` (English), a mention right before the verb is its
    subject, though another stands earlier: "Venezuela's forces were on alert after the United States
    sent warships"."""
    if not lexicon.sets.adjacent_subject or not left:
        return None
    last = left[-1]
    gap = sentence.tokens[last.mention.token_end:at]
    stops = lexicon.sets.adjacent_stops
    if len(gap) > ADJACENT_GAP or any(t.lower in stops or not t.text[:1].isalpha() for t in gap):
        return None
    if _genitive(last.mention, lexicon) or last.mention.via == "adjective":
        return None  # "Russia's attack", "Russian drones": not a subject on its own
    token = sentence.tokens[at]
    if not gap and token.lower == token.lemma + "s":
        return None  # "Houthi targets": a modifier and a plural noun
    return last


def _with_subject_ing(sentence: Sentence, inside: list[Slot], at: int, lexicon: Lexicon) -> Slot | None:
    """"…, with Foreign Minister Sikorski accusing Russia …": a partner-marked mention right before an
    -ing verb is that verb's subject (returned unmarked)."""
    if not lexicon.sets.participle_clauses or not sentence.tokens[at].lower.endswith("ing"):
        return None
    for s in inside:
        if s.mark == "partner" and 0 <= at - s.mention.token_end <= 1:
            return _slot(s.index, s.mention, None, s.group, -1)
    return None


def _antecedent(sentence: Sentence, slots: list[Slot], clause: tuple[int, int], lexicon: Lexicon) -> list[Slot]:
    """"a Japanese employee who was detained by …": the mention a relative clause hangs on."""
    if clause[0] == 0 or sentence.tokens[clause[0]].lower not in lexicon.sets.relative:
        return []
    before = [s for s in slots if s.mention.token_end <= clause[0] and s.mark != "agent"]
    return before[-1:]


def _participle_opens(sentence: Sentence, at: int, clause: tuple[int, int], lexicon: Lexicon) -> bool:
    """"…, calling the reports baseless": an -ing verb right after the comma that opens its clause."""
    tokens = sentence.tokens
    return (bool(lexicon.sets.participle_clauses) and clause[0] > 0 and at == clause[0] + 1
            and tokens[clause[0]].text == "," and tokens[at].lower.endswith("ing"))


def _main_subject(sentence: Sentence, slots: list[Slot], clause: tuple[int, int], lexicon: Lexicon) -> list[Slot]:
    """The subject a participle clause shares: the speaker right before it ("…, X said, calling …"),
    else the first unmarked mention of the sentence."""
    before = [s for s in slots if s.mention.token_end <= clause[0]
              and (s.mark is None or s.mark == "of" and s.mention.token_start <= TITLE_GAP)]
    if before and clause[0] > 0 and sentence.tokens[clause[0] - 1].lower in lexicon.sets.reporting:
        return before[-1:]
    return before[:1]


def _summary_opens(sentence: Sentence, clause: tuple[int, int], lexicon: Lexicon) -> bool:
    """"…, a move the opposition condemned as a coup": a clause that sums up the main clause's act."""
    words = [t.lower for t in sentence.tokens[clause[0]:clause[0] + 3]]
    return (clause[0] > 0 and len(words) == 3 and words[0] == "," and words[1] in lexicon.sets.determiners
            and words[2] in lexicon.sets.summary_nouns)


def agentless_passive(sentence: Sentence, at: int, lexicon: Lexicon) -> bool:
    """"was hit", "were quickly shot down": a passive auxiliary right before the participle (an adverb
    may stand between), in languages whose lexicon sets ``passive_adjacent``."""
    tokens = sentence.tokens
    if not lexicon.sets.passive_adjacent or tokens[at].lower.endswith("ing"):
        return False
    if at + 1 < len(tokens) and tokens[at + 1].lower == "to" and {tokens[at].lemma, tokens[at].lower} & ADJECTIVE_TRIGGERS:
        return False  # "is ready to", "is opposed to": an adjective, not a passive
    k = at - 1
    if k > 0 and sentence.tokens[k].lower.endswith("ly"):
        k -= 1
    return k >= 0 and tokens[k].lower in lexicon.sets.passive_aux


def _infinitive(sentence: Sentence, at: int, clause: tuple[int, int], lexicon: Lexicon) -> bool:
    """A "zu"/"to" infinitive in a clause of its own: its subject is the sentence's."""
    return clause[0] > 0 and at > 0 and sentence.tokens[at - 1].lower in lexicon.sets.infinitive


def _self_reference(sentence: Sentence, span: tuple[int, int], at: int, lexicon: Lexicon) -> bool:
    """"sein Land", "his country", "its drones" before ``at``: the speaker refers to their own state."""
    sets = lexicon.sets
    words = words_of(sentence)[0][span[0]:at]
    if not words:
        return False
    if span[0] > 0 and words[0] in sets.clause and len(words) > 1:
        words = words[1:]
    if not sets.possessive_pronouns.isdisjoint(words[:3]):
        return True
    if words[0] in sets.subject_pronouns and span[0] > 0:
        return True  # "Nigeria announced that it will withdraw …": "it" is the speaker
    if sets.self_reference_heads.isdisjoint(words[:-1]):
        return False  # no phrase can start here (also: no phrases at all)
    pairs = {" ".join(words[i:i + 2]) for i in range(len(words) - 1)}
    return bool(pairs & sets.self_reference)


def _foreign_first(targets: list[Slot], sources: list[Slot]) -> Slot:
    """Of the candidate targets, the first of another state than the source."""
    codes = {s.mention.actor.code for s in sources}
    return next((t for t in targets if t.mention.actor.code not in codes), targets[0])


def _nominal(sentence: Sentence, inside: list[Slot], trigger: Trigger, at: int, lexicon: Lexicon) -> Roles | None:
    owner, attached = _owner(sentence, inside, at, lexicon)
    # a noun's complements follow it: "support for Russia"; a "for" before it belongs to another noun
    targets = [s for s in inside if s.mark in ("target", "partner") and s is not owner and s.mention.token_start > at]
    agents = [s for s in inside if s.mark in ("agent", "origin") and s.mention.token_start > at and s is not owner]
    subject = [s for s in inside if s.mark is None and s.mention.token_end <= at and s is not owner]
    if lexicon.sets.adjacent_subject and subject and subject[-1].group != subject[0].group:
        # "Poland deployed troops as Russia and Belarus began joint exercises": the nearest group
        last = subject[-1].group
        subject = [s for s in subject if s.group == last]
    if trigger.roles == "recipient":
        return _pairs(agents[:1] or ([owner] if owner else []), subject[:1], "recipient-noun", True)
    conflict = QUAD.get(trigger.type, 1) >= 3
    near = [s for s in inside if 0 < s.mention.token_start - at <= 4 and s.mark in (None, "agent", "of")]
    patient = owner if owner is not None and attached in ("after", "of") else (near[0] if near else None)
    if trigger.patient and patient is not None and subject and not targets:
        # "reagierte mit der Ausweisung algerischer Diplomaten": the genitive is who is expelled
        return _pairs(_group(inside, subject[0]), [patient], "noun-patient", True)
    if owner is not None and attached == "of" and not targets and conflict:
        # "the invasion of Ukraine": after a conflict noun, "of" marks what is acted on
        return _pairs(subject[:1], [owner], "noun-patient", True)
    after = [s for s in inside if s.mark is None and s.mention.token_start > at and s is not owner]
    if trigger.mode == "withdraw" and subject and not targets:
        # "the United States sped up the withdrawal of its forces from Panama": "from" is the place left
        left_from = [s for s in agents if s.mark == "origin"]
        if left_from:
            return _pairs(_group(inside, subject[0]), left_from[:1], "noun-withdraw", True)
    if agents and not owner and not targets and subject and subject[0].group != agents[0].group:
        # "… drew criticism from Seoul", "… drew condemnation from the UN": the subject is criticised
        # "drew condemnation from the UN chief and from EU leaders": every "from" is a critic
        critics = [s for s in agents if s.mark == agents[0].mark]
        return _pairs(critics, _group(inside, subject[0]), "noun-from", True)
    reasons = lexicon.sets.reason
    reason = next((k for k in range(max(0, at - 3), at) if sentence.tokens[k].lower in reasons), None) if reasons else None
    if owner is None and not agents and reason is not None:
        # "sanctions on Iran over the delivery of drones to Russia": Iran delivers
        nearest = [s for s in inside if s.mention.token_end <= reason and s.mark is not None]
        if nearest:
            owner = nearest[-1]
    sources = [owner] if owner else agents[:1] or subject[:1] or (after[:1] if targets else [])
    if not sources:
        return Roles((), "noun", True)
    group = _group(inside, sources[0]) if sources[0].mark is None or sources[0] is owner else sources
    if targets:
        return _pairs(group, _group(inside, _foreign_first(targets, group)), "noun", True)
    if len(group) >= 2 and (trigger.type in SYMMETRIC or trigger.mode in MUTUAL_MODES):
        ms = [s.mention for s in group]
        pairs = tuple((a, b) for i, a in enumerate(ms) for b in ms[i + 1:])
        if trigger.type not in SYMMETRIC:
            pairs += tuple((b, a) for a, b in pairs)  # "India and Pakistan agreed to a ceasefire": both
        return Roles(pairs, "joint-noun", True)
    if conflict:
        return Roles((), "noun", True, final=owner is not None)  # a conflict noun needs its target named
    rest = [s for s in inside if s.mark is None and s.group != sources[0].group]
    return _pairs(group, rest[:1] and _group(inside, rest[0]), "noun-context", False)


def _owner(sentence: Sentence, inside: list[Slot], at: int, lexicon: Lexicon) -> tuple[Slot | None, str]:
    """The possessor of a nominal trigger, and how it is attached: "of", "after" (genitive), "before"."""
    tokens = sentence.tokens
    glue = lexicon.sets.owner_glue
    for s in inside:
        between = tokens[at + 1:s.mention.token_start]
        if s.mention.token_start > at and all(t.lower in glue for t in between):
            if any(t.lower in lexicon.sets.of for t in between):
                return s, "of"
            if between or _genitive(s.mention, lexicon) or s.mention.via == "adjective":
                return s, "after"
            break
    pronouns = lexicon.sets.possessive_pronouns
    pronoun = next((k for k in range(max(0, at - 3), at) if tokens[k].lower in pronouns), None) if pronouns else None
    if pronoun is not None:
        # "its deliveries", "seine Unterstützung": the nearest actor named before the pronoun
        before = [s for s in inside if s.mention.token_end <= pronoun]
        if before:
            # German "seine" binds to the subject; English "its" often to the nearest actor
            binds = lexicon.sets.possessive_binds_subject
            bound = before[0] if "yes" in binds or tokens[pronoun].lower in binds else before[-1]
            return bound, "before"
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
    return text.endswith(("'s", "’s", "s'")) or text.endswith(lexicon.sets.possessive_endings)


def _complement_target(slots: list[Slot], inside: list[Slot], at: int, clause: tuple[int, int]) -> Roles | None:
    """"China demanded that the US cancel …": a speech act's target is the subject of its complement."""
    subject = [s for s in inside if s.mark is None and s.mention.token_end <= at]
    following = [s for s in slots if s.mention.token_start >= clause[1] and s.mark is None]
    if not subject or not following:
        return None
    return _pairs(_group(slots, subject[0]), _group(slots, following[0]), "complement-subject", True)


def _fallback(slots: list[Slot], inside: list[Slot], trigger: Trigger, at: int, partial: Roles | None) -> Roles | None:
    """Fill a missing source from the rest of the sentence (lower confidence)."""
    usable = [s for s in slots if s.mark != "location"]
    subjects = [s for s in usable if s.mark is None and s.mention.token_end <= at]
    targets = [s for s in inside if s.mark in ("target", "partner")]
    if trigger.roles == "recipient":
        origin = [s for s in usable if s.mark in ("origin", "agent")]
        if origin and subjects:
            return _pairs(origin[:1], subjects[:1], "recipient-sentence", False)
        return None
    if targets and subjects:
        sources = _group(usable, subjects[0])
        return _pairs(sources, _group(inside, _foreign_first(targets, sources)), "sentence-subject", False)
    return None


def _prefer_foreign(roles: Roles | None) -> Roles | None:
    """Drop same-state pairs when the construction also gave pairs between states."""
    if roles is None or len(roles.pairs) < 2:
        return roles  # nothing to choose between
    foreign = [p for p in roles.pairs if p[0].actor.code != p[1].actor.code]
    if foreign and len(foreign) < len(roles.pairs):
        return Roles(tuple(foreign), roles.how, roles.direct, roles.final)
    return roles


def _exchange(inside: list[Slot], at: int) -> Roles | None:
    """"A tauscht X gegen Y (von B)": A gives X to B, B gives Y to A."""
    giver = [s for s in inside if s.mention.token_end <= at and s.mark is None]
    taker = [s for s in inside if s.mention.token_start > at]
    if not giver or not taker:
        return None
    return Roles(((giver[0].mention, taker[0].mention), (taker[0].mention, giver[0].mention)), "exchange", True)


def _pairs(sources: list[Slot], targets: list[Slot], how: str, direct: bool) -> Roles:
    roles = _new(Roles)  # Roles(pairs, how, direct), without the frozen __init__ (see _slot)
    _set_pairs(roles, tuple([(s.mention, t.mention) for s in sources for t in targets if s is not t]))
    _set_how(roles, how)
    _set_direct(roles, direct)
    _set_final(roles, False)
    return roles


_ROLES_FIELDS = ("pairs", "how", "direct", "final")
if (tuple(f.name for f in fields(Roles)) != _ROLES_FIELDS or hasattr(Roles, "__post_init__")
        or Roles.__dataclass_fields__["final"].default is not False):
    raise ImportError(f"realpolitik.events.roles builds Roles from the fields {_ROLES_FIELDS}: update _pairs()")
_set_pairs, _set_how, _set_direct, _set_final = (getattr(Roles, name).__set__ for name in _ROLES_FIELDS)
