"""The pipeline: stages chained over a stream of documents. ``run()`` is the one loop every entry
point uses: the CLI, the store, a process pool and the distributed runner."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from datetime import date

from .actors import ActorResolver, load_resolver
from .actors.matcher import Hit
from .classify.actors import fallback_resolver
from .classify.encoder import LANGUAGES as ENCODER_LANGUAGES
from .classify.propose import propose_events
from .errors import InputError, LanguageError, RealpolitikError
from .events import available_languages, code_document
from .ingest import read_inputs
from .model import Document, Event, Mention, Sentence
from .pool import chunks, process_stream
from .settings import Settings
from . import drafts
from .text import identify_language, split_sentences, tokenize

ErrorHandler = Callable[[RealpolitikError], None]
KnownIds = Callable[[list[str]], set[str]]


def run(inputs: Iterable[str], settings: Settings | None = None, *,
        on_error: ErrorHandler | None = None, workers: int = 1,
        known: KnownIds | None = None) -> Iterator[tuple[Document, list[Event]]]:
    """Read inputs and yield each document with its events, streaming (memory stays bounded).

    Args:
        inputs: paths, directories, or "-" for standard input.
        settings: the run's settings (defaults when None).
        on_error: called with each error of a skipped input; the default raises it.
        workers: processes that code documents (1: this one); output order is the same.
        known: given a batch of document ids, returns those already done (a store's); their
            documents are skipped before any coding, which is how a killed ingest resumes.

    Returns:
        An iterator of (document, events) pairs, in input order.
    """
    settings = settings or Settings()
    handler = on_error or _raise
    docs = read_inputs(inputs, on_error=handler, max_bytes=settings.max_bytes)
    if known is not None:
        docs = unseen(docs, known)
    yield from process_stream(docs, settings, workers=workers, on_error=handler)


def unseen(docs: Iterable[Document], known: KnownIds, batch: int = 256) -> Iterator[Document]:
    """The documents whose ids ``known`` does not return, asked in batches of ``batch`` ids."""
    for chunk in chunks(docs, batch):
        done = known([doc.id for doc in chunk])
        yield from (doc for doc in chunk if doc.id not in done)


def process(doc: Document, settings: Settings | None = None, *,
            on_error: ErrorHandler | None = None) -> tuple[Document, list[Event]] | None:
    """Code one document: language, sentences, actors, events. None when it was skipped."""
    settings = settings or Settings()
    try:
        doc = with_language(doc, settings)
        events = code(doc, settings)
    except RealpolitikError as error:
        (on_error or _raise)(error)
        return None
    return doc, [e for e in events if kept(e, settings)]


def kept(event: Event, settings: Settings) -> bool:
    """Whether an event goes to the output. Unless ``settings.include_proposals`` is set, a classifier
    proposal must reach ``settings.proposal_threshold``, and in a language with a pack it needs
    ``settings.pack_proposals``."""
    if event.producer == "classifier" and not settings.include_proposals:
        if event.language in available_languages() and not settings.pack_proposals:
            return False
        return event.confidence >= max(settings.min_confidence, settings.proposal_threshold)
    return event.confidence >= settings.min_confidence


def guess_language(doc: Document, settings: Settings) -> str | None:
    """The document's language: the run's ``--lang``, else the one the input declares, else the one
    identified from its first 2,000 characters (None when it cannot be told)."""
    return _language_code(settings.default_language or doc.language) or identify_language(doc.text[:2000])


def with_language(doc: Document, settings: Settings) -> Document:
    """The document with its language set; LanguageError when no lexicon covers it (and, with the
    classifier on, the classifier's encoder does not read it either)."""
    language = guess_language(doc, settings)
    if language is None:
        raise LanguageError(doc.source, "could not identify the language (too little text?)", doc.line)
    packs = available_languages()
    if language not in packs and not (settings.classifier and language in ENCODER_LANGUAGES):
        supported = ", ".join(packs)
        fallback = ", ".join(sorted(ENCODER_LANGUAGES - set(packs)))
        raise LanguageError(doc.source, f"language {language!r} is not supported (supported: {supported}; "
                            f"classifier only: {fallback})", doc.line)
    return doc if doc.language == language else dataclasses.replace(doc, language=language)


def _language_code(tag: str | None) -> str | None:
    """The primary subtag of a language tag, lower-cased: "en-GB", "EN" and "en_US" are all "en"."""
    if not tag or not tag.strip():
        return None
    return tag.strip().replace("_", "-").split("-")[0].lower()


def code(doc: Document, settings: Settings) -> list[Event]:
    """Events of a document whose language is known."""
    assert doc.language is not None
    resolver = actor_resolver(doc, settings)
    sentences = with_tokens(split_sentences(doc, doc.language, tokens=False), resolver)
    mentions = find_mentions(doc, sentences, resolver)
    has_pack = doc.language in available_languages()
    events = code_document(doc, sentences, mentions, doc.language) if has_pack else []
    if settings.classifier and (not has_pack or settings.include_proposals or settings.pack_proposals):
        events += propose_events(doc, sentences, mentions, events, has_pack=has_pack)
    return events


def with_tokens(sentences: list[Sentence], resolver: ActorResolver) -> list[Sentence]:
    """Tokenise (and lemmatise) only the sentences in which an actor form may occur.

    A sentence with no actor can hold no event, and most sentences of a news article name no state;
    leaving them untokenised is the largest saving of the hot path (see docs/stages/performance.md).
    """
    # drafts.with_tokens is dataclasses.replace(s, tokens=…) without the generic field walk
    return [drafts.with_tokens(s, tokenize(s.text, s.start, s.language)) if resolver.may_mention(s) else s
            for s in sentences]


def actor_resolver(doc: Document, settings: Settings) -> ActorResolver:
    """The resolver for the document's language: its pack's, else (no pack) CLDR names in the
    language and the names every pack shares."""
    if doc.language in available_languages():
        return load_resolver(tuple(settings.user_actors))
    return fallback_resolver(doc.language or "", tuple(settings.user_actors))


def find_mentions(doc: Document, sentences: list[Sentence], resolver: ActorResolver) -> list[list[Mention]]:
    """Actor mentions per sentence (as ``with_tokens`` leaves them). In a story about one country
    only, role nouns without a country ("police", "the opposition") take that country."""
    found: list[list[Mention]] = [[] for _ in sentences]
    hit: list[tuple[int, Sentence, list[Hit], date | None]] = []  # the sentences with candidates
    for at, sentence in enumerate(sentences):
        # A sentence left without tokens is one in which ``may_mention`` found no actor form at all
        # (a tokenised one has at least one token: its text is never blank), so it has no
        # candidates and the automaton need not read it a second time.
        if sentence.tokens:
            when = _when(doc, sentence)
            hits = resolver.candidates(sentence, when=when)
            if hits:  # most sentences have none
                hit.append((at, sentence, hits, when))
                found[at] = resolver.mentions(sentence, hits, when=when)
    countries = {m.actor.code for ms in found for m in ms if m.actor.kind == "state"}
    if len(countries) == 1:
        # Only a hit without a country changes with a default one, so only sentences that have one
        # are finished again. Finishing is idempotent on the other hits (a holder found stays found),
        # which makes this the same as running the resolver again with ``default_country``.
        home = next(iter(countries))
        for at, sentence, hits, when in hit:
            if any(h.code is None for h in hits):
                found[at] = resolver.mentions(sentence, hits, when=when, default_country=home)
    return found


def _when(doc: Document, sentence: Sentence) -> date | None:
    stamp = sentence.published or doc.published
    return stamp.date() if stamp else None


def _raise(error: RealpolitikError) -> None:
    raise error


__all__ = ["InputError", "kept", "process", "run", "unseen"]
