"""Training data, the numpy softmax, temperature scaling and the shipped model."""

from __future__ import annotations

import collections

import numpy as np
import pytest

from realpolitik.classify import softmax
from realpolitik.classify.examples import LABELS, NONE, TRAIN_FILE, read_examples
from realpolitik.classify.model import MODEL_FILE, load_classifier, read_classifier
from realpolitik.classify.train import evaluate, model_version, run_training, train
from realpolitik.errors import LexiconError


def _blobs(seed: int = 0, n: int = 60, classes: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """Separable Gaussian blobs: a problem whose answer is known."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(classes, 8)) * 3
    labels = np.arange(n) % classes
    return centres[labels] + rng.normal(size=(n, 8)), labels


def test_examples_cover_every_label_in_many_languages():
    examples = read_examples()
    by_label = collections.Counter(e.label for e in examples)
    assert set(by_label) == set(LABELS) and min(by_label.values()) >= 30
    languages = {e.lang for e in examples}
    assert {"de", "en", "fr", "es", "ru", "ja", "zh", "ko"} <= languages
    for label in LABELS:
        assert {"de", "en", "fr", "es", "ru"} <= {e.lang for e in examples if e.label == label}, label


def test_split_is_fixed_and_has_every_part():
    first = [e.split for e in read_examples()]
    assert first == [e.split for e in read_examples()]
    counts = collections.Counter(first)
    assert counts["train"] > counts["calibration"] > 50 and counts["test"] > 50


@pytest.mark.parametrize("line, message", [
    ("not json", "not JSON"),
    ('{"text": "A met B.", "label": "MEET", "lang": "en"}', "unknown label 'MEET'"),
    ('{"text": "A met B.", "lang": "en"}', '"label"'),
    ('{"text": " ", "label": "CONSULT", "lang": "en"}', "empty text"),
])
def test_bad_example_names_file_and_line(tmp_path, line, message):
    path = tmp_path / "train.jsonl"
    path.write_text('{"text": "Japan met Korea.", "label": "CONSULT", "lang": "en"}\n' + line + "\n", "utf-8")
    with pytest.raises(LexiconError, match=f"train.jsonl:2: .*{message}"):
        read_examples(path)


def test_duplicate_example_is_refused(tmp_path):
    path = tmp_path / "train.jsonl"
    path.write_text('{"text": "Japan met Korea.", "label": "CONSULT", "lang": "en"}\n' * 2, "utf-8")
    with pytest.raises(LexiconError, match="train.jsonl:2: duplicate"):
        read_examples(path)


def test_fit_is_deterministic_and_learns():
    x, y = _blobs()
    a, b = softmax.fit(x, y, 3), softmax.fit(x, y, 3)
    assert np.array_equal(a.weights, b.weights) and np.array_equal(a.bias, b.bias)
    probabilities = a.probabilities(x)
    assert np.allclose(probabilities.sum(axis=1), 1.0) and softmax.accuracy(probabilities, y) == 1.0


def test_temperature_softens_overconfident_scores():
    rng = np.random.default_rng(1)
    labels = rng.integers(0, 3, size=300)
    noisy = np.where(rng.random(300) < 0.6, labels, rng.integers(0, 3, size=300))
    logits = np.eye(3)[noisy] * 20.0  # always sure, right about 70% of the time
    temperature = softmax.fit_temperature(logits, labels)
    assert softmax.TEMPERATURE_RANGE[0] <= temperature <= softmax.TEMPERATURE_RANGE[1]
    assert temperature > 5
    before = softmax.expected_calibration_error(softmax.softmax(logits), labels)
    after = softmax.expected_calibration_error(softmax.softmax(logits / temperature), labels)
    assert after < before / 3
    assert softmax.nll(logits, labels, temperature) < softmax.nll(logits, labels, 1.0)


def test_ece_bounds():
    labels = np.array([0, 1, 0, 1])
    sure_right = np.eye(2)[labels]
    assert softmax.expected_calibration_error(sure_right, labels) == 0.0
    assert softmax.expected_calibration_error(np.eye(2)[1 - labels], labels) == pytest.approx(1.0)
    halves = np.full((4, 2), 0.5)
    assert 0.0 <= softmax.expected_calibration_error(halves, labels) <= 1.0


def test_shipped_model_is_reproducible_from_the_examples(tmp_path):
    shipped = load_classifier()
    assert shipped.version == model_version(TRAIN_FILE), "retrain: realpolitik train-classifier"
    retrained, report = train(TRAIN_FILE)
    assert retrained.version == shipped.version and retrained.labels == shipped.labels
    assert np.allclose(retrained.weights.weights, shipped.weights.weights, atol=1e-4)
    assert retrained.weights.temperature == pytest.approx(shipped.weights.temperature, abs=1e-3)
    assert report.accuracy > 0.6 and 0.0 <= report.ece < 0.15
    retrained.save(tmp_path / "model.npz")
    again = read_classifier(tmp_path / "model.npz")
    assert again.version == retrained.version and np.array_equal(again.weights.bias, retrained.weights.bias)


def test_shipped_model_report_matches_evaluation():
    lines = run_training(TRAIN_FILE, MODEL_FILE, check=True)
    report = evaluate(load_classifier(), read_examples())
    assert f"held-out accuracy {report.accuracy:.3f}" in lines
    assert not any(line.startswith("warning") for line in lines)


def test_predictions_are_calibrated_probabilities():
    classifier = load_classifier()
    sentences = ["Chinese warplanes bombed positions held by Vietnam near the border overnight.",
                 "Die Regierung Kanadas sagte Kenia am Montag neue Kredite für Schulen zu.",
                 "Both Chile and Norway export a lot of salmon."]
    probabilities = classifier.probabilities(sentences)
    assert probabilities.shape == (3, len(LABELS)) and np.allclose(probabilities.sum(axis=1), 1.0)
    predictions = classifier.predict(sentences)
    assert [p.label for p in predictions] == ["ASSAULT", "AGREE", NONE]
    assert all(0.0 < p.probability <= 1.0 for p in predictions)
    assert classifier.predict([]) == []


def test_broken_model_file_names_it(tmp_path):
    path = tmp_path / "model.npz"
    path.write_bytes(b"not a zip")
    with pytest.raises(LexiconError, match="model.npz.*train-classifier"):
        read_classifier(path)
