"""Code documents on a process pool: the same ``process()``, N worker processes, results in order.

The parent reads the inputs and sends documents to the workers in chunks; each worker codes a chunk
and sends back the results with the errors it met. Results come back in input order, so output is the
same whatever the number of workers. At most ``workers × PREFETCH`` chunks are in flight (``Pool.imap``
would read the whole input ahead in a thread), so memory does not grow with the corpus. The parent loads every lexicon and the actor
resolver before the pool starts, so forked workers begin warm.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import operator
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from multiprocessing.pool import AsyncResult
from typing import TypeVar

from . import drafts
from .errors import RealpolitikError
from .model import Document, Event
from .settings import Settings

T = TypeVar("T")
ErrorHandler = Callable[[RealpolitikError], None]
Result = tuple[Document, list[Event]]
Coded = tuple[str | None, list[tuple]]  # a document's language and its events' field values
# Documents sent to a worker at a time: large enough that pickling, the pipe and waking the pool's
# threads cost little per document (~3 KB each; `python scripts/bench_steps.py --pool` times 32),
# small enough that memory stays bounded (workers × PREFETCH chunks in flight, ~4 MB with 2).
CHUNK = 128
PREFETCH = 4  # chunks per worker queued ahead of the slowest one

_settings: Settings | None = None  # each worker's settings, set by _start


def process_stream(docs: Iterable[Document], settings: Settings, *, workers: int = 1,
                   on_error: ErrorHandler) -> Iterator[Result]:
    """Code each document; yield (document, events) in input order, skipped ones left out.

    Args:
        docs: documents to code (a stream: read lazily, never held whole).
        settings: the run's settings (sent to each worker once).
        workers: processes; 1 codes in this process.
        on_error: called in this process with each error, in input order.

    Returns:
        An iterator of (document, events) pairs.
    """
    from .pipeline import process

    if workers <= 1:
        for doc in docs:
            result = process(doc, settings, on_error=on_error)
            if result is not None:
                yield result
        return
    warm(settings)
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    with context.Pool(workers, initializer=_start, initargs=(settings,)) as pool:
        pending: deque[tuple[list[Document], AsyncResult]] = deque()
        for chunk in chunks(docs, CHUNK):
            pending.append((chunk, pool.apply_async(_code_chunk, (chunk,))))
            if len(pending) >= workers * PREFETCH:
                yield from _collect(pending.popleft(), on_error)
        while pending:
            yield from _collect(pending.popleft(), on_error)


def _collect(pending: tuple[list[Document], AsyncResult], on_error: ErrorHandler) -> list[Result]:
    """Wait for one chunk; report its errors and return its results."""
    docs, result = pending
    coded, errors = result.get()
    for error in errors:
        on_error(error)
    results = []
    for doc, item in zip(docs, coded, strict=True):
        if item is None:  # skipped: its error is among ``errors``
            continue
        language, rows = item
        if doc.language != language:
            doc = dataclasses.replace(doc, language=language)
        results.append((doc, [drafts.event(values) for values in rows]))
    return results


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of up to ``size`` items, in order."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def warm(settings: Settings) -> None:
    """Load the language model, every lexicon and the actor resolver (so forked workers share them),
    and build the on-disk lemma dictionaries that are missing (once per machine)."""
    from .actors import load_resolver
    from .events import available_languages, load_lexicon
    from .text import identify_language
    from .text.lemmacache import prepare
    from .text.tokens import LEMMATISED

    load_resolver(tuple(settings.user_actors))
    for language in available_languages():
        load_lexicon(language)
    prepare(sorted(LEMMATISED))
    identify_language("warm up the language model with a sentence")


def _start(settings: Settings) -> None:
    """Worker initialiser: keep the settings."""
    global _settings
    _settings = settings


def _code_chunk(docs: list[Document]) -> tuple[list[Coded | None], list[RealpolitikError]]:
    """Code a chunk in a worker; return, for each document in order, its language and its events as
    tuples of field values (None when it was skipped), and the errors met.

    The parent already holds the documents, and ``process()`` changes nothing in one but its
    language, so the text is not sent back; events travel as plain tuples, which pickle and unpickle
    in about half the time of dataclasses (each of whose fields ``__setstate__`` sets in Python).
    """
    from .pipeline import guess_language, process

    assert _settings is not None
    errors: list[RealpolitikError] = []
    coded: list[Coded | None] = []
    # The languages of the whole chunk first: one after the other, the language model's tables stay
    # in the CPU's caches, which the rest of the pipeline evicts between two documents
    # (`python scripts/bench_steps.py --pool` times both ways). A document whose language was found
    # carries it into process(), as if its input had declared it; one without is left to process().
    guesses = [guess_language(doc, _settings) for doc in docs]
    for doc, guess in zip(docs, guesses, strict=True):
        if guess is not None and doc.language != guess:
            doc = dataclasses.replace(doc, language=guess)
        result = process(doc, _settings, on_error=errors.append)
        coded.append(None if result is None else (result[0].language, [_values(e) for e in result[1]]))
    return coded, errors


# An Event travels as the tuple of its field values; the parent makes it again with
# ``drafts.event``.
_values = operator.attrgetter(*drafts.EVENT_FIELDS)
