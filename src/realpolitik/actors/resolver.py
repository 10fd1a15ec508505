"""The actor resolver: built once from data files, then finds mentions sentence by sentence."""

from __future__ import annotations

import bisect
from collections import defaultdict
from datetime import date, datetime
from operator import attrgetter
from pathlib import Path
from typing import Sequence

from realpolitik.actors.lexicon import DATA, PEOPLE, USER, Sense, available_languages, language_forms, read_toml
from realpolitik.actors.matcher import Hit, build_automaton, case_variants, scan
from realpolitik.actors.people import Profile, add_row, read_people_csv, role_at
from realpolitik.actors.petrarch import import_petrarch
from realpolitik import drafts
from realpolitik.errors import LexiconError
from realpolitik.model import Actor, Mention, Sentence

LEFT_OF_ROLE = ("country", "adjective", "group")  # "Russlands Verteidigungsminister", "Nato-Truppen"
COUNTRYISH = ("country", "adjective", "demonym")


def read_user_file(path: Path) -> tuple[dict[str, Profile], list[tuple[str, Sense]]]:
    """User actors from TOML (``[[actor]]``), people-style CSV or a PETRARCH ``.txt`` dictionary."""
    profiles: dict[str, Profile] = {}
    if path.suffix == ".csv":
        return read_people_csv(path, profiles), []
    rows = import_petrarch(path) if path.suffix == ".txt" else read_toml(path).get("actor", [])
    if path.suffix not in (".txt", ".toml"):
        raise LexiconError(f"{path}: user actors must be .toml, .csv or a PETRARCH .txt")
    roles: list[tuple[str, Sense]] = []
    for line, row in enumerate(rows, 1):
        if row.get("role"):
            sense = Sense("role", None, row.get("sector"), row.get("office"), priority=USER)
            roles += [(form, sense) for form in row.get("forms", [])]
        else:
            add_row(profiles, row, is_person=bool(row.get("person")), source=str(path), line=line)
    return profiles, roles


# One Actor record per distinct actor, shared by its mentions: Actor is frozen, so a shared record
# is the same as a new equal one, and a document names the same few actors again and again. The
# distinct actors are bounded by the lexicons and the people lists.
_ACTORS: dict[tuple[str, str | None, str | None, str | None, str], Actor] = {}


_START, _END = attrgetter("start"), attrgetter("end")


class ActorResolver:
    """Finds actor mentions in sentences: countries, groups, role nouns and dated people."""

    def __init__(self, *, user_files: Sequence[Path] = (), languages: Sequence[str] | None = None,
                 people_path: Path | None = None) -> None:
        self.languages = list(languages or available_languages())
        self.profiles: dict[str, Profile] = {}
        shared = self._load_people(people_path if people_path else DATA / "people.csv")
        for path in user_files:
            shared += self._load_user(Path(path))
        self.gaps: dict[str, tuple[str, ...]] = {}
        self.tables: dict[str, dict[str, list[Sense]]] = {}
        for language in self.languages:
            forms, rules = language_forms(language)
            self.gaps[language] = rules.role_gap_after
            self.tables[language] = self._table(forms + shared)
        merged: dict[str, list[Sense]] = defaultdict(list)
        for table in self.tables.values():
            for form, senses in table.items():
                merged[form] += [s for s in senses if s not in merged[form]]
        self.forms = dict(merged)
        self.folded = {form.casefold(): senses for form, senses in reversed(merged.items())}
        self.automata = {lang: build_automaton(t) for lang, t in self.tables.items()}
        self.automata["*"] = build_automaton(self.forms)
        self.offices = self._office_index()

    def _load_people(self, path: Path) -> list[tuple[str, Sense]]:
        """Read people.csv (if present) into profiles; return their forms."""
        if not path.exists():
            return []
        return self._add_profiles(read_people_csv(path), "people", PEOPLE)

    def _load_user(self, path: Path) -> list[tuple[str, Sense]]:
        """Read one user file; return its forms (they outrank built-ins)."""
        profiles, roles = read_user_file(path)
        return self._add_profiles(profiles, "user", USER) + roles

    def _add_profiles(self, profiles: dict[str, Profile], prefix: str, priority: int) -> list[tuple[str, Sense]]:
        """Register profiles under ``prefix:name`` and return one sense per form."""
        out = []
        for name, profile in profiles.items():
            key = f"{prefix}:{name}"
            self.profiles[key] = profile
            via = "person" if profile.is_person else "user"
            out += [(form, Sense(via, profile=key, priority=priority)) for form in profile.forms]
        return out

    @staticmethod
    def _table(forms: list[tuple[str, Sense]]) -> dict[str, list[Sense]]:
        """Form → senses, with case variants, best priority first."""
        table: dict[str, list[Sense]] = defaultdict(list)
        for form, sense in forms:
            for variant in case_variants(form) if sense.via == "role" or form[:1].islower() else {form}:
                if sense not in table[variant]:
                    table[variant].append(sense)
        for senses in table.values():
            senses.sort(key=lambda s: -s.priority)
        return dict(table)

    def _office_index(self) -> dict[tuple[str, str], list[str]]:
        """(country, office) → profile keys of people who held it."""
        index: dict[tuple[str, str], list[str]] = defaultdict(list)
        for key, profile in self.profiles.items():
            for role in profile.roles:
                if role.office and profile.is_person and key not in index[(role.code, role.office)]:
                    index[(role.code, role.office)].append(key)
        return index

    def holder(self, code: str, office: str, when: date | None) -> str | None:
        """Who held ``office`` for ``code`` on ``when`` (no date: the current holder)."""
        best: tuple[date, str] | None = None
        for key in self.offices.get((code, office), []):
            profile = self.profiles[key]
            for role in profile.roles:
                if role.code != code or role.office != office:
                    continue
                current = role.holds(when) if when else role.end is None
                if current and (best is None or (role.start or date.min) > best[0]):
                    best = (role.start or date.min, profile.name)
        return best[1] if best else None

    def _hit(self, start: int, end: int, senses: tuple[Sense, ...], when: date | None) -> Hit | None:
        """Choose the first sense valid on ``when`` and turn it into a hit."""
        for sense in senses:
            if sense.profile is None:
                via = "country" if sense.via == "demonym" else sense.via
                return Hit(start, end, sense, sense.code, sense.sector, sense.office, None, sense.kind, via)
            profile = self.profiles[sense.profile]
            role = role_at(profile, when)
            if role is not None:
                person = profile.name if profile.is_person else None
                return Hit(start, end, sense, role.code, role.sector, role.office, person, "state", sense.via)
        return None

    def _merge(self, hits: list[Hit], text: str, gaps_after: tuple[str, ...]) -> list[Hit]:
        """Merge country + role, role + country and role + person into single hits."""
        out: list[Hit] = []
        for hit in hits:
            prev = out[-1] if out else None
            gap = text[prev.end:hit.start] if prev else ""
            if prev and hit.via == "role" and prev.via in LEFT_OF_ROLE and prev.sector is None \
                    and gap in (" ", "-") and hit.code in (None, prev.code):
                hit.start, hit.code, hit.kind = prev.start, prev.code, prev.kind
                out[-1] = hit
            elif prev and prev.via == "role" and prev.code is None and hit.sense.via in COUNTRYISH \
                    and (gap in gaps_after or (gap == " " and hit.sense.genitive)):
                prev.end, prev.code = hit.end, hit.code
            elif prev and prev.via in ("role", "capital") and hit.via == "person" and gap == " ":
                hit.start, hit.code = prev.start, hit.code or prev.code
                out[-1] = hit
            else:
                out.append(hit)
        return out

    def _finish(self, hit: Hit, when: date | None, default_country: str | None) -> Hit | None:
        """Give a bare role the default country and an office its holder; drop what stays unknown."""
        if hit.code is None:
            if default_country is None:
                return None
            hit.code = default_country
        if hit.office and hit.person is None and hit.via == "role":
            hit.person = self.holder(hit.code, hit.office, when)
        return hit

    def may_mention(self, sentence: Sentence) -> bool:
        """Whether any actor form occurs in the sentence's text (a cheap superset of ``find_mentions``)."""
        if sentence.part == "dateline":
            return False
        language = sentence.language if sentence.language in self.tables else "*"
        automaton = self.automata[language]
        return bool(len(automaton)) and next(automaton.iter(sentence.text), None) is not None

    def find_mentions(self, sentence: Sentence, *, when: date | None = None,
                      default_country: str | None = None) -> list[Mention]:
        """Actor mentions in ``sentence``, non-overlapping and in text order.

        Args:
            sentence: a sentence with tokens (offsets into the document text).
            when: the article date; picks dated roles (who was defence minister then).
            default_country: the country a bare role noun ("police") belongs to, if any.

        Returns:
            Mentions with document offsets, token indices and the resolved :class:`Actor`.
        """
        when = when.date() if isinstance(when, datetime) else when
        return self.mentions(sentence, self.candidates(sentence, when=when), when=when,
                             default_country=default_country)

    def candidates(self, sentence: Sentence, *, when: date | None = None) -> list[Hit]:
        """The merged hits of ``sentence`` before any default country: the part of
        :meth:`find_mentions` that does not depend on ``default_country``.

        :meth:`mentions` turns them into mentions, and may do so again with a default country
        (finishing a hit twice gives what finishing it once does: see ``pipeline.find_mentions``).
        """
        if sentence.part == "dateline":  # a place of writing, never an actor
            return []
        language = sentence.language if sentence.language in self.tables else "*"
        text = sentence.text
        found = scan(self.automata[language], text)
        if not found:  # most sentences name no actor
            return []
        hits = [self._hit(s, e, senses, when) for s, e, senses in found]
        return self._merge([h for h in hits if h], text, self.gaps.get(language, ()))

    def mentions(self, sentence: Sentence, hits: list[Hit], *, when: date | None = None,
                 default_country: str | None = None) -> list[Mention]:
        """Mentions from the :meth:`candidates` of ``sentence``: a bare role gets
        ``default_country`` (none: it is dropped), an office its holder on ``when``."""
        finished = []
        for hit in hits:
            # what _finish changes: a hit without a country, or a role's office without its holder
            if hit.code is None or (hit.office and hit.person is None and hit.via == "role"):
                if self._finish(hit, when, default_country) is None:
                    continue
            finished.append(hit)
        return [self._mention(sentence, h) for h in finished]

    def _mention(self, sentence: Sentence, hit: Hit) -> Mention:
        """A :class:`Mention` with document offsets and token indices."""
        start, end = sentence.start + hit.start, sentence.start + hit.end
        tokens = sentence.tokens
        # bisect through a key reads the few tokens it probes; a sentence has one or two mentions,
        # so this is cheaper than a list of every token's offsets (tokens are in text order)
        token_start = bisect.bisect_right(tokens, start, key=_END) if tokens else -1
        token_end = bisect.bisect_left(tokens, end, key=_START) if tokens else -1
        key = (hit.code or "", hit.sector, hit.person, hit.office, hit.kind)
        actor = _ACTORS.get(key)
        if actor is None:
            actor = _ACTORS[key] = Actor(code=key[0], sector=key[1], person=key[2], office=key[3], kind=key[4])
        return drafts.mention(start, end, sentence.text[hit.start:hit.end], actor, hit.via, token_start, token_end)

    def lookup(self, name: str, *, when: date | None = None) -> Actor | None:
        """Resolve one surface form ("Russlands", "Putin", "the Kremlin"); ``None`` if unknown."""
        when = when.date() if isinstance(when, datetime) else when
        senses = self.forms.get(name) or (None if name.islower() else self.folded.get(name.casefold()))
        hit = self._hit(0, len(name), tuple(senses), when) if senses else None
        if hit is None or hit.code is None:
            return None
        hit = self._finish(hit, when, None) or hit
        return Actor(code=hit.code or "", sector=hit.sector, person=hit.person, office=hit.office, kind=hit.kind)

    def known_actors(self) -> list[dict]:
        """One row per actor code and per profile: ``code``, ``name``, ``kind``, ``forms``."""
        counts: dict[tuple[str, str], int] = defaultdict(int)
        names: dict[str, str] = {}
        for form, senses in self.forms.items():
            for sense in senses:
                if sense.code and sense.via != "role":
                    counts[(sense.code, sense.kind)] += 1
                    if sense.via == "country" and not sense.genitive:
                        names.setdefault(sense.code, form)
        rows = [{"code": c, "name": names.get(c, c), "kind": k, "forms": n} for (c, k), n in counts.items()]
        for profile in self.profiles.values():
            last = role_at(profile, None)
            kind = "person" if profile.is_person else "user"
            rows.append({"code": last.code if last else "", "name": profile.name, "kind": kind,
                         "forms": len(profile.forms)})
        return sorted(rows, key=lambda r: (r["code"], r["name"]))
