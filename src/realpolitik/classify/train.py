"""Train the classifier from the team's examples, calibrate it and report how reliable it is.

    python -m realpolitik.classify.train            # retrain and write data/model.npz
    python -m realpolitik.classify.train --check    # report on the shipped model, write nothing
"""

from __future__ import annotations

import argparse
import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import LexiconError
from . import softmax
from .encoder import encode, encoder_version
from .examples import LABELS, NONE, TRAIN_FILE, Example, read_examples
from .model import MODEL_FILE, Classifier, load_classifier, read_classifier

THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    """How a model does on the held-out test split of the examples."""

    version: str
    sizes: dict[str, int]
    temperature: float
    accuracy: float  # test split, most probable label
    ece_before: float  # test split, temperature 1
    ece: float  # test split, fitted temperature
    by_language: dict[str, float] = field(default_factory=dict)
    # threshold -> (share of test events proposed at or above it, precision of those proposals)
    proposals: dict[float, tuple[float, float]] = field(default_factory=dict)

    def lines(self) -> list[str]:
        """The report as text lines."""
        sizes = ", ".join(f"{k} {v}" for k, v in self.sizes.items())
        out = [f"model {self.version}", f"examples: {sizes}", f"temperature {self.temperature}",
               f"held-out accuracy {self.accuracy:.3f}",
               f"held-out ECE {self.ece:.3f} (before temperature scaling {self.ece_before:.3f})",
               "held-out accuracy by language: " + ", ".join(f"{k} {v:.2f}" for k, v in self.by_language.items()),
               "threshold  proposed  precision   (test sentences that state an event)"]
        out += [f"{t:9.1f}  {share:8.2f}  {precision:9.2f}" for t, (share, precision) in self.proposals.items()]
        return out


def model_version(path: Path) -> str:
    """``<encoder>+<8 hex>``: the hash covers the examples and the training settings."""
    digest = hashlib.blake2b(path.read_bytes(), digest_size=4)
    digest.update(repr((softmax.L2, softmax.STEPS, softmax.LEARNING_RATE, softmax.MOMENTUM, LABELS)).encode())
    return f"{encoder_version()}+{digest.hexdigest()}"


def _arrays(examples: list[Example]) -> tuple[np.ndarray, np.ndarray]:
    """Embeddings and label indices."""
    return _embed(tuple(e.text for e in examples)), np.array([LABELS.index(e.label) for e in examples], dtype=int)


@functools.lru_cache(maxsize=8)
def _embed(texts: tuple[str, ...]) -> np.ndarray:
    """Embeddings of a split, kept while the process lives: training and its report encode each once."""
    return encode(texts)


def train(path: Path = TRAIN_FILE) -> tuple[Classifier, Report]:
    """Fit weights on the train split, the temperature on the calibration split, report on the test split.

    Args:
        path: the examples (JSON Lines).

    Returns:
        The classifier and its held-out report.
    """
    examples = read_examples(path)
    parts = {name: [e for e in examples if e.split == name] for name in ("train", "calibration", "test")}
    if not all(parts.values()):
        sizes = ", ".join(f"{name} {len(part)}" for name, part in parts.items())
        raise LexiconError(f"{path}: too few examples to train, calibrate and test ({sizes})")
    x, y = _arrays(parts["train"])
    weights = softmax.fit(x, y, len(LABELS))
    cx, cy = _arrays(parts["calibration"])
    temperature = softmax.fit_temperature(weights.logits(cx), cy)
    calibrated = softmax.Weights(weights.mean, weights.scale, weights.weights, weights.bias, temperature)
    classifier = Classifier(LABELS, calibrated, model_version(path))
    return classifier, evaluate(classifier, examples)


def evaluate(classifier: Classifier, examples: list[Example]) -> Report:
    """The held-out report of ``classifier`` on the test split of ``examples``."""
    test = [e for e in examples if e.split == "test"]
    x, y = _arrays(test)
    logits = classifier.weights.logits(x)
    raw = softmax.softmax(logits)
    calibrated = softmax.softmax(logits / classifier.weights.temperature)
    langs = sorted({e.lang for e in test})
    by_language = {lang: softmax.accuracy(calibrated[[e.lang == lang for e in test]],
                                          y[[e.lang == lang for e in test]]) for lang in langs}
    sizes = {name: sum(e.split == name for e in examples) for name in ("train", "calibration", "test")}
    return Report(version=classifier.version, sizes=sizes, temperature=classifier.weights.temperature,
                  accuracy=softmax.accuracy(calibrated, y), ece_before=softmax.expected_calibration_error(raw, y),
                  ece=softmax.expected_calibration_error(calibrated, y), by_language=by_language,
                  proposals=_proposals(calibrated, y))


def _proposals(probabilities: np.ndarray, labels: np.ndarray) -> dict[float, tuple[float, float]]:
    """For each threshold: the share of event sentences that get a proposal, and how many are right.
    A proposal is a most probable label other than NONE with at least the threshold's probability."""
    none = LABELS.index(NONE)
    best, confidence = probabilities.argmax(axis=1), probabilities.max(axis=1)
    events = labels != none
    out = {}
    for threshold in THRESHOLDS:
        proposed = (best != none) & (confidence >= threshold)
        right = proposed & (best == labels)
        out[threshold] = (float(right[events].sum() / max(1, events.sum())),
                          float(right.sum() / max(1, proposed.sum())))
    return out


def main(argv: list[str] | None = None) -> int:
    """``python -m realpolitik.classify.train``: retrain (default) or ``--check`` the shipped model."""
    parser = argparse.ArgumentParser(prog="python -m realpolitik.classify.train", description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=Path, default=TRAIN_FILE, help="labelled sentences (JSON Lines)")
    parser.add_argument("--out", type=Path, default=MODEL_FILE, help="where to write the model (.npz)")
    parser.add_argument("--check", action="store_true", help="report on the model at --out; write nothing")
    args = parser.parse_args(argv)
    for line in run_training(args.examples, args.out, check=args.check):
        print(line)
    return 0


def run_training(examples: Path, out: Path, *, check: bool = False) -> list[str]:
    """Retrain and write ``out`` (or, with ``check``, report on the model already there)."""
    if check:
        model = load_classifier() if out == MODEL_FILE else read_classifier(out)
        report = evaluate(model, read_examples(examples))
        stale = [] if model.version == model_version(examples) else [
            f"warning: the model was trained from other examples or settings ({model_version(examples)} now)"]
        return report.lines() + stale
    classifier, report = train(examples)
    classifier.save(out)
    return report.lines() + [f"wrote {out}"]


if __name__ == "__main__":
    raise SystemExit(main())
