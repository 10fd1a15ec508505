"""Code events: find triggers in sentences that name actors, fill their roles, modality and flows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from hashlib import blake2b as _blake2b
from typing import NamedTuple

from .. import drafts
from ..model import Actor, Document, Event, Mention, Sentence, Token
from . import dates
from .lexicon import Lexicon, Trigger, load_lexicon
from .modality import modality_of
from .ontology import QUAD, goldstein
from .roles import Roles, agentless_passive, find_roles, slots_for
from .words import words_of

RULE_VERSION = "2026.11.1"
# Confidence: the lexicon entry's base, lowered when roles came from the rest of the sentence rather
# than the trigger's own clause, and when modality cues make the reading uncertain.
FALLBACK_PENALTY = 0.15
# Speech acts whose complements are what was said, not what happened.
GOVERNING = frozenset({"AGREE", "REQUEST", "REJECT", "THREATEN", "ACCUSE"})
# AGREE governs only nouns ("signed an agreement on cooperation"): "pledged to send air defence" is
# coded AGREE plus the promised AID, hypothetical.
INTENT_CAMEO = {"AGREE": "030", "THREATEN": "130"}
# Speech acts that are the purpose of another act, and so events of their own: "summoned the
# ambassador to protest", "called in the envoy to complain".
PURPOSE = frozenset({"ACCUSE", "PROTEST"})
CUE_PENALTY = 0.05
REPORT_REACH = 4  # "said on Monday it would": tokens from a reporting verb to its modal
PROMISED_CONFIDENCE = 0.45  # a promised or threatened act, coded beside its AGREE/THREATEN


def code_document(doc: Document, sentences: Sequence[Sentence], mentions: Sequence[list[Mention]],
                  language: str) -> list[Event]:
    """All events of one document, deduplicated.

    Args:
        doc: the document.
        sentences: its sentences, in order.
        mentions: the actor mentions of each sentence (same order).
        language: the lexicon language.

    Returns:
        Events, one per (sentence, source, target, type, modality).
    """
    lexicon = load_lexicon(language)
    # the dedupe runs on drafts: a fifth of the events coded lose to an equal one and are never built
    best: dict[tuple, _Draft] = {}
    for sentence, found in zip(sentences, mentions, strict=True):
        if not found:
            continue  # most sentences name no actor
        for draft in _sentence_drafts(doc, sentence, found, lexicon):
            key = (draft.sentence.index, draft.source.code, draft.target.code, draft.kind, draft.modality)
            kept = best.get(key)
            if kept is None or kept.confidence < draft.confidence:
                best[key] = draft
    return [_build(doc, draft) for draft in best.values()]


def code_sentence(doc: Document, sentence: Sentence, mentions: list[Mention], lexicon: Lexicon) -> list[Event]:
    """Events of one sentence: between two actors, else within one state (see ``_domestic``)."""
    return [_build(doc, draft) for draft in _sentence_drafts(doc, sentence, mentions, lexicon)]


def _sentence_drafts(doc: Document, sentence: Sentence, mentions: list[Mention], lexicon: Lexicon) -> list[_Draft]:
    """``code_sentence``'s events, as drafts."""
    if not mentions:
        return []
    mentions = _ethnic(sentence, mentions, lexicon)
    if len({(m.actor.code, m.actor.sector) for m in mentions}) < 2:
        return _domestic(doc, sentence, mentions, lexicon)
    events = _between(doc, sentence, mentions, lexicon)
    if events and (len({m.actor.code for m in mentions}) > 1 or not lexicon.sets.domestic_beside_pairs):
        return events
    # one state only: triggers the sectors did not pair up may still be domestic events
    coded = {e.token.start for e in events}
    return events + [e for e in _domestic(doc, sentence, mentions, lexicon) if e.token.start not in coded]


# Event types that one state's actors do to their own state: "police arrested …", "the government
# lifted the curfew", "teachers went on strike". A bare country name may be the subject only for the
# first group ("Sudan lifted the state of emergency"); speech acts need a named office or group.
DOMESTIC_BARE = frozenset({"PROTEST", "COERCE", "CONCEDE", "RETREAT", "MOBILIZE", "SANCTION"})
DOMESTIC_NAMED = frozenset({"REQUEST", "REJECT", "THREATEN", "ACCUSE", "ASSAULT"})
DOMESTIC_PENALTY = 0.1
OF_QUANTITY = 5  # "Tens of thousands of …", "A group of …": tokens before an "of" subject


def _domestic(doc: Document, sentence: Sentence, mentions: list[Mention], lexicon: Lexicon) -> list[_Draft]:
    """Events inside one state, where the sentence names no second party.

    The only state named is both sides: its named office or group (police, rebels, the president)
    before the trigger is the source, and the state itself the target ("Kenyan police detained
    dozens of demonstrators" → KEN COP → KEN). Any second state in the sentence stops the rule.
    """
    actors = [m for m in mentions if m.via != "city"]
    if not actors or len({m.actor.code for m in mentions}) != 1 or actors[0].actor.kind != "state":
        return []
    covered = {i for m in mentions for i in range(m.token_start, m.token_end)}
    bounds = clause_bounds(sentence.tokens, mentions, lexicon)
    slots = slots_for(sentence, actors, lexicon)
    events: list[_Draft] = []
    for at, trigger in govern(list(find_triggers(sentence.tokens, covered, bounds, lexicon, _modifiers(mentions),
                                            words_of(sentence))), sentence.tokens,
                              bounds, lexicon):
        named = trigger.type in DOMESTIC_NAMED
        if not named and trigger.type not in DOMESTIC_BARE or trigger.mode == "resign":
            continue  # a resignation is no act of one part of a state on another
        if named and agentless_passive(sentence, at, lexicon):
            continue  # "where 24 people were killed": the subject suffered the act
        clause = bounds[at]
        # "Thousands of Iraqi Kurds demonstrated": an "of" right at the clause start is a quantity
        subject = [s for s in slots if (s.mark is None or s.mark == "of" and s.mention.token_start - clause[0] <= OF_QUANTITY)
                   and clause[0] <= s.mention.token_start and s.mention.token_end <= at]
        if not subject and clause[0] > 0:
            subject = [s for s in slots if s.mark is None and s.mention.token_end <= clause[0]][:1]
        if not subject or (named and not subject[0].mention.actor.sector):
            continue
        source = subject[0].mention
        target = replace(source, actor=replace(source.actor, sector=None, person=None, office=None))
        roles = Roles(((source, target),), "domestic", False)
        for event in _events(doc, sentence, trigger, at, clause, roles, lexicon, allow_self=True):
            if event.confidence > PROMISED_CONFIDENCE:  # a promised act stays below the threshold
                event = event._replace(confidence=round(event.confidence + FALLBACK_PENALTY - DOMESTIC_PENALTY, 3))
            events.append(event)
    return events


def _ethnic(sentence: Sentence, mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """"Ethnic Albanians in south Serbia" are Serbia's people, not Albania: an ethnic group named
    beside exactly one other state belongs to that state (civilians unless their noun says more)."""
    words = lexicon.sets.ethnic
    if not words:
        return mentions
    tokens = sentence.tokens
    ethnic = [m for m in mentions if m.token_start > 0 and tokens[m.token_start - 1].lower in words]
    if not ethnic:
        return mentions
    hosts = {m.actor.code for m in mentions if m not in ethnic and m.actor.kind == "state"} - {m.actor.code for m in ethnic}
    placed = _ethnic_place(tokens, ethnic[0], mentions, lexicon)
    if placed is not None:
        hosts = {placed}  # "ethnic Albanians in south Serbia … a Bosnia-style war": Serbia
    if len(hosts) != 1:
        return mentions
    host = next(iter(hosts))
    return [replace(m, actor=replace(m.actor, code=host, sector=m.actor.sector or "CVL", person=None, office=None))
            if m in ethnic else m for m in mentions]


ETHNIC_PLACE_REACH = 3  # "ethnic Albanians in south Serbia": tokens from the group to its state


def _ethnic_place(tokens: Sequence[Token], group: Mention, mentions: list[Mention], lexicon: Lexicon) -> str | None:
    """The state an ethnic group is said to live in ("… in southern Serbia"), if named right after it."""
    if group.token_end >= len(tokens) or tokens[group.token_end].lower not in lexicon.sets.location:
        return None
    place = next((m for m in mentions if m.actor.kind == "state" and m.actor.code != group.actor.code
                  and 0 < m.token_start - group.token_end <= ETHNIC_PLACE_REACH), None)
    return place.actor.code if place else None


def _between(doc: Document, sentence: Sentence, mentions: list[Mention], lexicon: Lexicon) -> list[_Draft]:
    """Events between two or more actors named in the sentence."""
    mentions = merge_titles(sentence.tokens, mentions, lexicon)
    covered = {i for m in mentions for i in range(m.token_start, m.token_end)}
    slots = slots_for(sentence, mentions, lexicon, covered)
    bounds = clause_bounds(sentence.tokens, mentions, lexicon)
    events = []
    for at, trigger in govern(list(find_triggers(sentence.tokens, covered, bounds, lexicon, _modifiers(mentions),
                                            words_of(sentence))), sentence.tokens,
                              bounds, lexicon):
        clause = bounds[at]
        roles = find_roles(sentence, slots, trigger, at, clause, lexicon)
        if roles is None:
            continue
        events.extend(_events(doc, sentence, trigger, at, clause, roles, lexicon))
    events.extend(_quoted_accusation(doc, sentence, mentions, lexicon))
    events.extend(_obligation(doc, sentence, slots, bounds, lexicon))
    return events


TITLE_GAP = 4  # "U.S. Secretary of State Marco Rubio": words between two mentions of one actor


def merge_titles(tokens: Sequence[Token], mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """Join a country and the named official that follows it into one mention (the official's)."""
    out: list[Mention] = []
    stops, of = lexicon.sets.title_stops, lexicon.sets.of
    for mention in mentions:
        prev = out[-1] if out else None
        # the cheap tests first: most neighbours are different actors
        if prev is None or prev.actor.code != mention.actor.code or not mention.actor.sector:
            out.append(mention)
            continue
        gap = tokens[prev.token_end:mention.token_start]
        if (len(gap) <= TITLE_GAP and all(t.text[:1].isupper() or t.lower in of for t in gap)
                and not any(t.lower in stops for t in gap)):
            out[-1] = replace(mention, start=prev.start, token_start=prev.token_start,
                              text=f"{prev.text} … {mention.text}" if gap else f"{prev.text} {mention.text}")
        else:
            out.append(mention)
    return out


def clause_bounds(tokens: Sequence[Token], mentions: list[Mention], lexicon: Lexicon) -> list[tuple[int, int]]:
    """For each token, the (start, end) token range of its clause."""
    clause = lexicon.sets.clause
    candidates = [i for i, token in enumerate(tokens) if token.lower in clause]
    breaks = [0]
    if candidates:
        # lists and appositions matter only for commas, which most sentences have few of: worked out
        # at the first comma
        starts: set[int] = set()
        ends: set[int] = set()
        appositions: set[int] | None = None
        for i in candidates:
            if tokens[i].text == ",":
                if appositions is None:
                    starts = {m.token_start for m in mentions}
                    ends = {m.token_end for m in mentions}
                    appositions = _apposition_commas(tokens, mentions) | _appositive_phrases(tokens, mentions, lexicon)
                if i in ends and i + 1 in starts and _list_goes_on(tokens, i + 1, mentions, lexicon):
                    continue  # "Südkorea, Japan und die USA" is one list, not two clauses
                if i in appositions:
                    continue  # "Russia's president, Vladimir Putin, visited …": one actor, one clause
            breaks.append(i)
    breaks.append(len(tokens))
    bounds = []
    for lo, hi in zip(breaks, breaks[1:], strict=False):
        bounds.extend([(lo, hi)] * (hi - lo))
    return bounds


def _apposition_commas(tokens: Sequence[Token], mentions: list[Mention]) -> set[int]:
    """Commas around a name that restates the actor before it: "X's president, Vladimir Putin, …"."""
    commas: set[int] = set()
    for left, right in zip(mentions, mentions[1:], strict=False):
        if (left.token_end < len(tokens) and tokens[left.token_end].text == "," and right.token_start == left.token_end + 1
                and left.actor.code == right.actor.code and right.via == "person"):
            commas.add(left.token_end)
            if right.token_end < len(tokens) and tokens[right.token_end].text == ",":
                commas.add(right.token_end)
    return commas


APPOSITION_SPAN = 10  # "Kim Yo Jong, the powerful sister of North Korea's leader, warned …": longest phrase


def _appositive_phrases(tokens: Sequence[Token], mentions: list[Mention], lexicon: Lexicon) -> set[int]:
    """Commas around a descriptive phrase after a sentence's first mention ("X, the sister of Y's
    leader, warned Z"), in languages that list the phrase's openers as ``apposition_np``."""
    openers = lexicon.sets.apposition_np
    if not openers or not mentions:
        return set()
    first = mentions[0]
    comma = first.token_end
    if comma + 1 >= len(tokens) or tokens[comma].text != "," or tokens[comma + 1].lower not in openers:
        return set()
    close = next((k for k in range(comma + 2, min(len(tokens), comma + APPOSITION_SPAN + 2)) if tokens[k].text == ","), None)
    inner = lexicon.sets.clause_inner
    if close is None or any(t.lower in inner for t in tokens[comma + 1:close]):
        return set()
    if any(comma < m.token_start < close and m.actor.code != first.actor.code for m in mentions):
        return set()  # "Pakistan, a key U.S. ally, …": another state inside could be taken for a party
    return {comma, close}


def _list_goes_on(tokens: Sequence[Token], start: int, mentions: list[Mention], lexicon: Lexicon) -> bool:
    """After "A," the mention at ``start`` continues a list when a comma or conjunction follows it."""
    mention = next((m for m in mentions if m.token_start == start), None)
    if mention is None or mention.token_end >= len(tokens):
        return False
    following = tokens[mention.token_end].lower
    return following == "," or following in lexicon.sets.conj


def govern(hits: list[tuple[int, Trigger]], tokens: Sequence[Token], bounds: list[tuple[int, int]],
           lexicon: Lexicon) -> list[tuple[int, Trigger]]:
    """Drop triggers that are only the content of another event.

    - A speech act (REQUEST, REJECT, THREATEN, ACCUSE, AGREE) governs what it speaks of: "rejected a
      proposal for a ceasefire", "urged Iran to stop deliveries", "lehnte die Forderung nach
      Waffenlieferungen ab". What an AGREE promises ("agreed to provide aid") is kept, hypothetical.
    - A sanction, concession or coercion governs the act it ends: "suspended cooperation with X",
      "lifted the blockade", "accepted the demands", "police prevented the demonstration".
    - An infinitive after another event is its purpose: "sent soldiers to fight for Russia".
    """
    if len(hits) < 2:
        return hits  # most sentences: a trigger is only ever governed by another one
    ctx = _Governors(
        speech=[at for at, t in hits if t.type in GOVERNING and t.pos == "verb" and not _embedded(tokens, at, t, lexicon)],
        sanctions=[at for at, t in hits if t.type in ("SANCTION", "CONCEDE", "COERCE") and t.pos == "verb"
                   and not _embedded(tokens, at, t, lexicon)],
        nouns=[at for at, t in hits if t.type in GOVERNING and t.pos == "noun"],
        agreeing={at for at, t in hits if t.type == "AGREE"},
        others=[at for at, t in hits if t.type != "AGREE"],
        final=bool(lexicon.sets.verb_final),  # German, Dutch, Turkish put the governing verb last
    )
    return [(at, t) for at, t in hits if not _governed(at, t, ctx, tokens, bounds, lexicon)]


@dataclass(frozen=True, slots=True)
class _Governors:
    speech: list[int]
    sanctions: list[int]
    nouns: list[int]
    agreeing: set[int]
    others: list[int]
    final: bool


def _governed(at: int, trigger: Trigger, ctx: _Governors, tokens: Sequence[Token], bounds: list[tuple[int, int]],
              lexicon: Lexicon) -> bool:
    if trigger.pos == "verb" and _that_content(tokens, at, bounds, ctx, lexicon):
        return True
    if at in ctx.speech or at in ctx.sanctions or _adjunct(tokens, at, lexicon):
        return False
    infinitive = trigger.pos == "verb" and _embedded(tokens, at, trigger, lexicon)
    if infinitive and trigger.type in PURPOSE and _purpose(tokens, at, bounds, lexicon):
        return False
    for g in ctx.speech:
        same, after = bounds[g] == bounds[at], g < at
        if g in ctx.agreeing and _promised(tokens, g, at, trigger, lexicon):
            continue
        if trigger.pos == "noun" or infinitive:
            reported = after and not same and _reported_between(tokens, g, at, lexicon)
            if same and (after or ctx.final) or after and not reported and (
                    infinitive or _complement(tokens, bounds[at], lexicon)):
                return True  # "… and demanded …, although officials said Seoul had no plans to cut …": not
        elif same and after and not any(t.lower in lexicon.sets.conj for t in tokens[g + 1:at]):
            return True  # "urged allies to let Ukraine strike targets": the strike is what was urged
    if trigger.pos == "noun" and any(bounds[g] == bounds[at] and (g < at or ctx.final) for g in ctx.sanctions):
        return True
    if trigger.pos == "noun" and trigger.type not in GOVERNING and any(n < at for n in ctx.nouns):
        return True
    return infinitive and any(g < at and not _reported_between(tokens, g, at, lexicon) for g in ctx.others) and not any(
        g < at for g in ctx.agreeing)


def _reported_between(tokens: Sequence[Token], g: int, at: int, lexicon: Lexicon) -> bool:
    """A reporting verb between two triggers opens new reported speech ("…, although officials said
    Seoul had no plans to cut ties"): the later one is no longer the earlier one's content."""
    reporting = lexicon.sets.reporting
    return bool(reporting) and any(t.lower in reporting for t in tokens[g + 1:at])


def _that_content(tokens: Sequence[Token], at: int, bounds: list[tuple[int, int]], ctx: _Governors,
                  lexicon: Lexicon) -> bool:
    """"demanded that Israel ease restrictions", "agreed that their countries should cooperate": a verb
    in the "that" clause right after a speech act (verb or noun) is what was said, in languages that
    list ``that_complement``."""
    words = lexicon.sets.that_complement
    lo = bounds[at][0]
    if not words or tokens[lo].lower not in words or lo == 0:
        return False
    before = bounds[lo - 1][0]
    return any(before <= g < lo for g in ctx.speech + ctx.nouns)


def _purpose(tokens: Sequence[Token], at: int, bounds: list[tuple[int, int]], lexicon: Lexicon) -> bool:
    """"summoned the ambassador to protest": the infinitive says what a ``purpose`` verb of its clause
    was done for, so it is an event of its own."""
    lo = bounds[at][0]
    purpose = lexicon.sets.purpose
    return bool(purpose) and any(t.lower in purpose or t.lemma in purpose for t in tokens[lo:at])


def _promised(tokens: Sequence[Token], g: int, at: int, trigger: Trigger, lexicon: Lexicon) -> bool:
    """What an AGREE promises ("agreed to hold joint exercises") is kept, coded hypothetical; the
    object of an agreement ("signed an agreement on cooperation") is not an event of its own."""
    return trigger.pos == "verb" or any(t.lower in lexicon.sets.infinitive for t in tokens[min(g, at) + 1:max(g, at)])


def _adjunct(tokens: Sequence[Token], at: int, lexicon: Lexicon) -> bool:
    """"bei einem Treffen", "after talks": a circumstance of the main event, not its content."""
    adjunct = lexicon.sets.adjunct
    return bool(adjunct) and any(t.lower in adjunct for t in tokens[max(0, at - 3):at])


def _complement(tokens: Sequence[Token], clause: tuple[int, int], lexicon: Lexicon) -> bool:
    """A clause that completes a speech act: "…, dass …", "… to …", "…, which …", "…, um … zu"."""
    head = [t.lower for t in tokens[clause[0]:clause[0] + 2]]
    return not lexicon.sets.complement_heads.isdisjoint(head)


def _embedded(tokens: Sequence[Token], at: int, trigger: Trigger, lexicon: Lexicon) -> bool:
    """A noun, or a verb introduced by "to"/"zu"/"of": the complement of another predicate."""
    if trigger.pos == "noun":
        return True
    before = tokens[at - 1].lower if at else ""
    return before in lexicon.sets.infinitive


def _modifiers(mentions: list[Mention]) -> frozenset[int]:
    """Last token indices of adjective mentions ("Chinese", "Russian"), which modify a noun after them."""
    return frozenset([m.token_end - 1 for m in mentions if m.via == "adjective"])


def find_triggers(tokens: Sequence[Token], covered: set[int], bounds: list[tuple[int, int]],
                  lexicon: Lexicon, modifiers: frozenset[int] = frozenset(),
                  words: tuple[list[str], list[str]] | None = None) -> Iterable[tuple[int, Trigger]]:
    """(token index, trigger) for each lexicon hit whose conditions hold (``words``: the tokens'
    lower-cased forms and lemmas, as ``words_of`` gives them, when the caller has them)."""
    entries, compounds, ieren = lexicon.triggers, bool(lexicon.suffixes), lexicon.ieren
    clause_words: dict[tuple[int, int], set[str]] = {}  # shared by the triggers of a clause
    for i, token in enumerate(tokens):
        if i in covered:
            continue
        # most words have no entry: the tests of _candidates that can find one, without the call
        lemma, lower = token.lemma, token.lower
        if (lemma not in entries and lower not in entries and not (ieren and lemma.endswith(IERT))
                and not (compounds and len(lower) > 6)):
            continue
        # a lemma entry with no other form to add is what _candidates would return: no call for it
        found = entries.get(lemma)
        if not found or (lower != lemma and lower in entries):
            found = _candidates(token, lexicon)
        for trigger in found:
            if _conditions_hold(tokens, i, bounds[i], trigger, lexicon, covered, modifiers, clause_words, words):
                yield i, trigger


IERT = ("iert", "ierte", "ierten", "iertes")  # German participles of -ieren verbs ("kritisierte")


def _candidates(token: Token, lexicon: Lexicon) -> Sequence[Trigger]:
    triggers, lemma, lower = lexicon.triggers, token.lemma, token.lower
    found: Sequence[Trigger] = triggers.get(lemma, ())
    if lower != lemma and lower in triggers:
        found = [*found, *[t for t in triggers[lower] if t not in found]]
    if not found and lemma.endswith(IERT):
        found = triggers.get(lemma[:lemma.rindex("iert")] + "ieren", ())
    # one str.endswith over every compound head rules out most words before the ordered search
    if not found and lexicon.suffixes and len(lower) > 6 and (
            lemma.endswith(lexicon.suffix_ends) or lower.endswith(lexicon.suffix_ends)):
        for suffix, heads in lexicon.suffixes:  # longest first
            if lemma.endswith(suffix) or lower.endswith(suffix):
                return heads
    return found


def _conditions_hold(tokens: Sequence[Token], i: int, clause: tuple[int, int], trigger: Trigger,
                     lexicon: Lexicon, covered: set[int] = frozenset(), modifiers: frozenset[int] = frozenset(),
                     clause_words: dict[tuple[int, int], set[str]] | None = None,
                     words: tuple[list[str], list[str]] | None = None) -> bool:
    """Whether a candidate entry fires at token ``i`` (``clause_words``: the lemmas and forms of each
    clause seen so far, filled here; ``words``: the tokens' lower-cased forms and lemmas)."""
    if trigger.next and not any(t.lemma in trigger.next or t.lower in trigger.next for t in tokens[i + 1:i + 3]):
        return False
    if trigger.particle and not _ends_with_particle(tokens, i, clause, trigger.particle):
        return False
    sets, pos = lexicon.sets, trigger.pos
    modified = i - 1 in modifiers and bool(sets.noun_reach_two)  # "Chinese demand" is a noun
    if pos == "verb":
        if modified or _noun_use(tokens, i, lexicon, covered) or (sets.noun_reach_two and _adjectival(tokens, i, lexicon)):
            return False  # "the demand", "North Korea's demand", "an air raid": a noun, not the verb
    elif pos == "noun":
        before = tokens[i - 1].lower if i else ""
        if before in ("to", "zu") and before in sets.infinitive:
            return False  # "to demand": a verb
        if trigger.twin and not (modified or _noun_use(tokens, i, lexicon, covered)):
            return False  # "Russia attacked Ukraine": the verb entry codes it
    if not trigger.needs and not trigger.avoid:
        return True  # most entries: no need to collect the clause's words
    found = clause_words.get(clause) if clause_words is not None else None
    if found is None:
        # from slices of the word lists (set.update in C), not a pass over the tokens' attributes
        if words is None:
            span = tokens[clause[0]:clause[1]]
            found = {t.lemma for t in span} | {t.lower for t in span}
        else:
            found = set(words[1][clause[0]:clause[1]])
            found.update(words[0][clause[0]:clause[1]])
        if clause_words is not None:
            clause_words[clause] = found
    if trigger.needs and found.isdisjoint(trigger.needs):
        if not ("@flow" in trigger.needs and flow_items(tokens[clause[0]:clause[1]], lexicon)):
            return False
    return not (trigger.avoid and not found.isdisjoint(trigger.avoid))


def _adjectival(tokens: Sequence[Token], i: int, lexicon: Lexicon) -> bool:
    """A participle used as an adjective: "on frozen Russian assets", "an armed attack"."""
    if not lexicon.sets.noun_reach_two or not tokens[i].lower.endswith(("ed", "en")) or i == 0:
        return False
    before = tokens[i - 1].lower
    return before in lexicon.sets.adjectival_preps or before in lexicon.sets.determiners


def _noun_use(tokens: Sequence[Token], i: int, lexicon: Lexicon, covered: set[int] = frozenset()) -> bool:
    """A verb lemma used as a noun: a determiner or possessive stands just before it."""
    if not i:
        return False  # nothing stands before the first word
    sets = lexicon.sets
    reach = 2 if sets.noun_reach_two else 1
    for k in range(i - 1, max(-1, i - 1 - reach), -1):
        word = tokens[k].lower
        if k in covered and k != i - 1:
            return tokens[k].text.endswith(("'s", "’s"))  # "North Korea's consistent demand"
        if k == i - 1 and word.endswith("ed") and k > 0 and tokens[k - 1].lower in sets.determiners:
            return True  # "a planned visit", "the proposed deal"
        if k in covered:
            # "North Korea's demand", "a U.S. request" are nouns; "The Kremlin warned" is a verb
            j = k
            while j - 1 in covered:
                j -= 1
            # "a U.S. request" is a noun, "a French minister threatened" a verb in the past tense
            inflected = tokens[i].lower != tokens[i].lemma and tokens[i].lower.endswith("ed")
            indefinite = j > 0 and tokens[j - 1].lower in sets.indefinite and not inflected
            return indefinite or word in sets.possessive or tokens[k].text.endswith(("'s", "’s"))
        if word in sets.determiners or word in sets.possessive:
            return True
        if word in sets.noun_use_stops:
            return False
    return False


def _ends_with_particle(tokens: Sequence[Token], i: int, clause: tuple[int, int], particles: tuple[str, ...]) -> bool:
    """A separable verb's particle closes the clause: "Russland griff die Ukraine an"."""
    words = [t for t in tokens[i + 1:clause[1]] if t.text[:1].isalnum()]
    return bool(words) and words[-1].lower in particles


def flow_items(tokens: Sequence[Token], lexicon: Lexicon) -> tuple[str, ...]:
    """Flow items (troops, weapons, …) named among the tokens, in order of first mention."""
    items: list[str] = []
    flow, suffixes = lexicon.flow, lexicon.flow_suffixes
    for token in tokens:
        lower = token.lower
        item = flow.get(token.lemma) or flow.get(lower)
        if item is None and suffixes and len(lower) > 6:  # compounds: "Kampfpanzer" (longest suffix first)
            stem = lower.rstrip("-")
            item = next((it for suffix, it in suffixes if stem.endswith(suffix)), None)
        if item is None and lower.endswith("-"):
            item = flow.get(lower.rstrip("-"))
        if item and item not in items:
            items.append(item)
    return tuple(items)


def _events(doc: Document, sentence: Sentence, trigger: Trigger, at: int, clause: tuple[int, int],
            roles: Roles, lexicon: Lexicon, allow_self: bool = False) -> list[_Draft]:
    modality, cue = modality_of(sentence, at, clause, lexicon)
    kind, flow = _type_and_flow(sentence, trigger, at, roles, lexicon)
    confidence = trigger.confidence - (0 if roles.direct else FALLBACK_PENALTY)
    # the same for every pair: worked out once per trigger. Only a hypothetical trigger can have a
    # stated intent (the only use of ``conditional``), only a negated one be a refusal.
    conditional, stated_intent, refused = False, None, False
    if modality == "hypothetical":
        conditionals = lexicon.sets.conditional
        conditional = bool(conditionals) and any(t.lower in conditionals for t in sentence.tokens)
        stated_intent = _intent_type(kind, modality, cue, lexicon, conditional, _reported(sentence, at, cue, lexicon))
    elif modality == "negated":
        refused = trigger.pos == "verb" and _refused(sentence, at, clause, kind, modality, lexicon)
    out = []
    for n, (source, target) in enumerate(roles.pairs):
        if (_same_actor(source, target) and not allow_self) or source.via == "city":
            continue  # a city is a place acted on, never an actor
        items = flow
        if roles.how == "exchange":
            items = _exchange_items(sentence, at, n, lexicon)
        intent = stated_intent
        if intent and _speculated(sentence, source, lexicon):
            intent = None  # "there is a risk that Russia will transfer …": others speculate, Russia states nothing
        if refused and not _speculated(sentence, source, lexicon):
            # "Tehran will not hold talks with Washington": an actor's stated refusal is a REJECT
            refusal = Trigger(lemma=trigger.lemma, type="REJECT", cameo="120", confidence=trigger.confidence,
                              name="reject:refusal", mode=kind.lower())
            out.append(_event(doc, sentence, refusal, at, "REJECT", source, target, "asserted", "", items,
                              confidence, roles.how))
        # the act is built once, with its confidence capped where it is only promised
        cap = None
        if intent and trigger.pos == "noun" and roles.how == "between" and cue.lower() in lexicon.sets.promise:
            # "offered to host talks between A and B": the promise verb is the AGREE, not A–B; the
            # promised talks stay below the threshold
            out.append(_event(doc, sentence, trigger, at, kind, source, target, modality, cue, items, confidence,
                              roles.how, cap=PROMISED_CONFIDENCE))
            continue
        if intent:
            # PLOVER codes the stated intent ("will send troops" is AGREE, "will strike" THREATEN) and
            # carries what is promised; the promised act itself stays below the default threshold.
            stated = Trigger(lemma=cue.lower(), type=intent, cameo=INTENT_CAMEO[intent], confidence=trigger.confidence,
                             name=f"{intent.lower()}:intent", mode=kind.lower())
            out.append(_event(doc, sentence, stated, at, intent, source, target, "asserted", "", items,
                              confidence, roles.how))
            if not (conditional and intent == "THREATEN" and cue.lower() not in lexicon.sets.intent):
                cap = PROMISED_CONFIDENCE
        out.append(_event(doc, sentence, trigger, at, kind, source, target, modality, cue, items, confidence, roles.how,
                          cap=cap))
    return out


def _refused(sentence: Sentence, at: int, clause: tuple[int, int], kind: str, modality: str, lexicon: Lexicon) -> bool:
    """A meeting an actor says it will not hold: "will not hold talks", "would not meet" (the coding
    guide's "refused to meet" is REJECT; "would not send tanks" stays a negated AID)."""
    if modality != "negated" or kind != "CONSULT" or not lexicon.sets.refusal_modals:
        return False
    tokens = sentence.tokens
    modal = next((k for k in range(clause[0], at) if tokens[k].lower in lexicon.sets.refusal_modals), None)
    # "will not hold talks", not "there would be no meeting" (a noun phrase, not a refusal)
    return modal is not None and any(t.lower in lexicon.sets.verb_negation for t in tokens[modal + 1:at])


def _speculated(sentence: Sentence, source: Mention, lexicon: Lexicon) -> bool:
    """A fear or risk word before the actor: what follows is someone else's expectation."""
    words = lexicon.sets.speculated
    if not words:
        return False
    lowers, lemmas = words_of(sentence)
    return not (words.isdisjoint(lowers[:source.token_start]) and words.isdisjoint(lemmas[:source.token_start]))


def _reported(sentence: Sentence, at: int, cue: str, lexicon: Lexicon) -> bool:
    """"X said it would …": a reported modal just after a reporting verb is X's own stated intent."""
    if not cue or cue.lower() not in lexicon.sets.reported_modal:
        return False
    tokens = sentence.tokens
    k = next((k for k in range(at - 1, -1, -1) if tokens[k].lower == cue.lower()), None)
    return k is not None and any(t.lower in lexicon.sets.reporting for t in tokens[max(0, k - REPORT_REACH):k])


def _intent_type(kind: str, modality: str, cue: str, lexicon: Lexicon, conditional: bool = False,
                 reported: bool = False) -> str | None:
    """PLOVER codes an actor's stated intent as its own event: "will provide aid" is also AGREE,
    "will strike" is also THREATEN, "agreed to postpone the rally" is AGREE whatever it postpones.
    Speculation by others ("could", "fears") is not intent."""
    if modality != "hypothetical" or kind in GOVERNING:
        return None
    if conditional and QUAD[kind] >= 3:
        return "THREATEN"  # "Israel could strike Iran even harder if Tehran retaliates"
    if cue.lower() in lexicon.sets.promise:
        return "AGREE"
    if cue.lower() not in lexicon.sets.intent and not reported:
        return None
    return "THREATEN" if QUAD[kind] >= 3 or conditional else "AGREE"


def _type_and_flow(sentence: Sentence, trigger: Trigger, at: int, roles: Roles,
                   lexicon: Lexicon) -> tuple[str, tuple[str, ...]]:
    kind = trigger.type
    if kind not in ("AID", "COOPERATE") and trigger.material is None:
        return kind, ()
    flow = flow_items(sentence.tokens, lexicon)
    if trigger.material:
        # support becomes material aid with "military"/"militärische" before it, or items in its clause
        around = sentence.tokens[max(0, at - 2):at] + sentence.tokens[at + 1:at + 3]  # "apoio militar"
        material_word = any(t.lemma in lexicon.sets.material_words or t.lower in lexicon.sets.material_words
                            for t in around)
        clause = clause_of(sentence.tokens, at, lexicon)
        if material_word or flow_items(sentence.tokens[clause[0]:clause[1]], lexicon):
            kind = trigger.material
        else:
            return kind, ()
    return kind, flow


def clause_of(tokens: Sequence[Token], at: int, lexicon: Lexicon) -> tuple[int, int]:
    """The token range between the clause breaks around ``at`` (commas, "dass", "that" …)."""
    breaks = lexicon.sets.clause
    lo = next((k + 1 for k in range(at - 1, -1, -1) if tokens[k].lower in breaks), 0)
    hi = next((k for k in range(at + 1, len(tokens)) if tokens[k].lower in breaks), len(tokens))
    return lo, hi


def _exchange_items(sentence: Sentence, at: int, n: int, lexicon: Lexicon) -> tuple[str, ...]:
    """Items given by each side of an exchange: before "gegen"/"for", and after it."""
    tokens = sentence.tokens
    pivot = next((k for k in range(at + 1, len(tokens)) if tokens[k].lower in lexicon.sets.target), len(tokens))
    return flow_items(tokens[at + 1:pivot] if n == 0 else tokens[pivot:], lexicon)


def _same_actor(source: Mention, target: Mention) -> bool:
    """Same state and same (or no) sector: not a pair of parties."""
    if source.actor.code != target.actor.code:
        return False
    return source.actor.sector == target.actor.sector or not (source.actor.sector and target.actor.sector)


def _event(doc: Document, sentence: Sentence, trigger: Trigger, at: int, kind: str, source: Mention,
           target: Mention, modality: str, cue: str, flow: tuple[str, ...], confidence: float,
           how: str, cap: float | None = None) -> _Draft:
    """One event, as a draft; ``cap``: the highest confidence it may have (a promised act)."""
    cameo = trigger.cameo if kind == trigger.type else _material_cameo(kind)
    score = round(max(0.05, confidence - (CUE_PENALTY if cue else 0.0)), 3)
    if cap is not None:
        score = min(score, cap)
    return _new_draft(_Draft, (sentence, sentence.tokens[at], kind, source.actor, target.actor, trigger.mode, flow,
                               cameo, modality, score, f"{trigger.name}/{how}"))


class _Draft(NamedTuple):
    """An event as the rules decide it: all ``_build`` needs to make the Event, and the parts of the
    dedupe key. The id, date and Event are made only for the events ``code_document`` keeps."""

    sentence: Sentence
    token: Token  # the trigger
    kind: str
    source: Actor
    target: Actor
    mode: str | None
    flow: tuple[str, ...]
    cameo: str
    modality: str
    confidence: float
    rule: str


# ``_Draft(...)`` without its generated __new__, a Python function that only passes its arguments on
# to tuple.__new__ as one tuple (the same object); _event gives every field, in order.
_new_draft = tuple.__new__
if _Draft._field_defaults:
    raise ImportError("realpolitik.events.coder builds _Draft with every field given: update _event()")


def _build(doc: Document, draft: _Draft) -> Event:
    """The Event of a draft."""
    sentence, token, kind, by, to, _, _, cameo, modality, _, _ = draft
    when, date_source = _date_of(doc, sentence)
    event_id = _event_id(doc.id, sentence.index, by.code, to.code, kind, token.start, modality)
    return _new_event(
        event_id, doc.id, sentence.index, by.code, to.code, kind, by.sector, to.sector, by.person, to.person,
        draft.mode, draft.flow, cameo, goldstein(cameo), QUAD[kind], modality, when, date_source, sentence.text,
        sentence.start, sentence.end, token.text, token.start, token.end, sentence.part, sentence.language,
        draft.confidence, draft.rule, doc.source,
    )


# Event(...) with keyword arguments costs a third of _event's time: events are made through
# drafts.event, with context and producer at Event's defaults (checked here at import).
if (Event.__dataclass_fields__["context"].default, Event.__dataclass_fields__["producer"].default) != (None, "lexicon"):
    raise ImportError("realpolitik.events.coder sets Event.context and Event.producer to their defaults: update _new_event()")


def _new_event(event_id: str, doc_id: str, sentence_index: int, source: str, target: str, kind: str,
               source_sector: str | None, target_sector: str | None, source_person: str | None,
               target_person: str | None, mode: str | None, flow: tuple[str, ...], cameo: str,
               goldstein_score: float | None, quad: int, modality: str, when: date | None, date_source: str,
               evidence: str, evidence_start: int, evidence_end: int, trigger: str, trigger_start: int,
               trigger_end: int, part: str, language: str, confidence: float, rule: str,
               doc_source: str) -> Event:
    """``Event(...)`` with these fields, ``context`` and ``producer`` at their defaults, the coder's
    ``rule_version`` and a dict of its own as ``extra``."""
    return drafts.event((
        event_id, doc_id, sentence_index, source, target, kind, source_sector, target_sector, source_person,
        target_person, mode, None, flow, cameo, goldstein_score, quad, modality, when, date_source, evidence,
        evidence_start, evidence_end, trigger, trigger_start, trigger_end, part, language, confidence, rule,
        RULE_VERSION, "lexicon", doc_source, {}))


def _event_id(doc_id: str, sentence_index: int, source: str, target: str, kind: str, trigger_start: int,
              modality: str) -> str:
    """``content_id(doc_id, str(sentence_index), source, target, kind, str(trigger_start), modality)``:
    the same bytes, formatted in one f-string instead of a join over seven arguments."""
    text = f"{doc_id}\x1f{sentence_index}\x1f{source}\x1f{target}\x1f{kind}\x1f{trigger_start}\x1f{modality}\x1f"
    return _blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


# The last sentence dated, and its date: a sentence's events share one, and the date patterns cost
# more than the rest of an event. Keyed by identity (held here, so never reused), swapped whole.
_last_dated: list[tuple[Document | None, Sentence | None, tuple[date | None, str]]] = [(None, None, (None, ""))]


def _date_of(doc: Document, sentence: Sentence) -> tuple[date | None, str]:
    """``dates.event_date``, worked out once for the events of one sentence."""
    last = _last_dated[0]
    if last[1] is sentence and last[0] is doc:
        return last[2]
    found = dates.event_date(doc, sentence)
    _last_dated[0] = (doc, sentence, found)
    return found


def _material_cameo(kind: str) -> str:
    return {"AID": "070", "COOPERATE": "061"}.get(kind, "")


def _quoted_accusation(doc: Document, sentence: Sentence, mentions: list[Mention], lexicon: Lexicon) -> list[_Draft]:
    """Headlines of the form "SPEAKER: 'X ... <negative word>'" code SPEAKER → X ACCUSE."""
    if sentence.part not in ("title", "related") or len(mentions) < 2:
        return []
    colon = next((i for i, t in enumerate(sentence.tokens) if t.text == ":"), None)
    if colon is None or mentions[0].token_end > colon:
        return []
    quoted = sentence.tokens[colon + 1:]
    if not any(t.lemma in lexicon.sets.negative_words or t.lower in lexicon.sets.negative_words for t in quoted):
        return []
    speaker = mentions[0]
    targets = [m for m in mentions if m.token_start > colon and m.actor.code != speaker.actor.code]
    if not targets:
        return []
    trigger = Trigger(lemma=":", type="ACCUSE", cameo="111", confidence=0.7, name="accuse:quoted-headline")
    return [_event(doc, sentence, trigger, colon, "ACCUSE", speaker, targets[0], "asserted", "", (), 0.7, "quote")]


def _obligation(doc: Document, sentence: Sentence, slots: list, bounds: list[tuple[int, int]],
                lexicon: Lexicon) -> list[_Draft]:
    """"The US said China must drop its barriers": a reported obligation is a REQUEST from the
    sentence's subject to the subject of the clause with "must"."""
    tokens = sentence.tokens
    words, obligation = words_of(sentence)[0], lexicon.sets.obligation
    if obligation.isdisjoint(words):
        return []  # most sentences: no "must" at all
    at = next(i for i, word in enumerate(words) if word in obligation)
    clause = bounds[at]
    said = next((k for k in range(at - 1, clause[0], -1) if tokens[k].lower in lexicon.sets.reporting), None)
    if said is not None:
        clause = (said + 1, clause[1])  # "The Red Cross said US forces must …": no comma, no "that"
    bound = [s for s in slots if clause[0] <= s.mention.token_start < at and s.mark is None]
    speakers = [s for s in slots if s.mention.token_end <= clause[0] and s.mark is None]
    if not bound or not speakers or bound[-1].mention.actor.code == speakers[0].mention.actor.code:
        return []
    trigger = Trigger(lemma=tokens[at].lower, type="REQUEST", cameo="100", confidence=0.65, name="request:obligation")
    bound = [s for s in bound if s.group == bound[-1].group]  # "said US and British forces must …": both
    return [_event(doc, sentence, trigger, at, "REQUEST", speakers[0].mention, b.mention, "asserted", "",
                   (), 0.65, "obligation") for b in bound if b.mention.actor.code != speakers[0].mention.actor.code]
