"""The trained stance model: which candidate positions hold, with a calibrated probability.

Two gradient-boosted tree ensembles (favour, oppose) over the candidates' features, each wrapped in a sigmoid
calibration fitted on held-out folds, so that an edge's confidence is a probability one can read: among edges
at 0.8, about four in five are right (`make eval` prints the check). With them travel what the features
need at run time — the term detectors, the pack → core term parents, the threshold chosen by cross-validation
— in one file, `loaders/models/stance.pkl`, rebuilt from the corpus by `make train`.

The file is a pickle of scikit-learn objects: it is written and read only by this project, and loading it
refuses a file made by another scikit-learn version (whose objects may not unpickle the same), naming the
fix.
"""

from __future__ import annotations

import lzma
import pickle
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import sklearn
from sklearn.calibration import CalibratedClassifierCV
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction import DictVectorizer
from threadpoolctl import threadpool_limits

from loaders.candidates import Candidate
from loaders.term_detector import TermDetector

MODEL_PATH = Path(__file__).resolve().parent / "models" / "stance.pkl"
FORMAT = 2  # 2: a threshold per vocabulary


class ModelUnavailable(RuntimeError):
    """The trained model is missing or was made by another version of its libraries."""


def _forest(seed: int = 0) -> HistGradientBoostingClassifier:
    return HistGradientBoostingClassifier(max_iter=100, learning_rate=0.1, max_leaf_nodes=15, min_samples_leaf=20,
                                          l2_regularization=1.0, random_state=seed)


@dataclass
class StanceClassifier:
    """Favour and oppose probabilities for candidates."""

    vectorizer: DictVectorizer
    favour: CalibratedClassifierCV
    oppose: CalibratedClassifierCV

    @classmethod
    def train(cls, features: Sequence[Mapping[str, float]], favour: np.ndarray, oppose: np.ndarray,
              weights_favour: np.ndarray, weights_oppose: np.ndarray,
              folds: list[tuple[np.ndarray, np.ndarray]]) -> StanceClassifier:
        vectorizer = DictVectorizer(sparse=False)
        x = vectorizer.fit_transform([dict(sorted(f.items())) for f in features])  # one order: one file
        models = []
        for y, w in ((favour, weights_favour), (oppose, weights_oppose)):
            keep = w > 0
            index = np.flatnonzero(keep)
            position = {int(i): k for k, i in enumerate(index)}
            kept_folds = [(np.array([position[int(i)] for i in tr if keep[i]]),
                           np.array([position[int(i)] for i in te if keep[i]])) for tr, te in folds]
            model = CalibratedClassifierCV(_forest(), method="sigmoid", cv=kept_folds, ensemble=False)
            model.fit(x[keep], y[keep])
            models.append(model)
        return cls(vectorizer, models[0], models[1])

    def predict(self, features: Sequence[Mapping[str, float]]) -> tuple[np.ndarray, np.ndarray]:
        if not features:
            return np.zeros(0), np.zeros(0)
        x = self.matrix(features)
        return self.favour.predict_proba(x)[:, 1], self.oppose.predict_proba(x)[:, 1]

    def matrix(self, features: Sequence[Mapping[str, float]]) -> np.ndarray:
        """The candidates as the vectorizer's columns (what `DictVectorizer.transform` gives, for a document's
        few dozen rows at a fraction of its cost); a feature the model never saw is left out, as it would be."""
        columns = self.vectorizer.vocabulary_
        x = np.zeros((len(features), len(columns)))
        for row, f in enumerate(features):
            for name, value in f.items():
                col = columns.get(name)
                if col is not None:
                    x[row, col] = value
        return x


@dataclass
class StanceModel:
    classifier: StanceClassifier
    pack_detector: TermDetector | None
    core_detector: TermDetector | None
    parents: dict[str, str]  # pack term -> core term
    threshold: float  # an edge is kept at or above this probability (Russia–Ukraine: the pack's own terms)
    core_threshold: float  # the same, for a document answered in core terms
    term_threshold: float  # a learned term detection counts at or above this probability
    parties: tuple[str, ...]
    trained_on: dict[str, int] = field(default_factory=dict)  # set -> documents
    sklearn_version: str = sklearn.__version__
    format: int = FORMAT

    def score(self, candidates: Sequence[Candidate]) -> list[tuple[Candidate, float, float]]:
        favour, oppose = self.classifier.predict([c.features for c in candidates])
        return [(c, float(f), float(o)) for c, f, o in zip(candidates, favour, oppose, strict=True)]

    def threshold_for(self, core: bool) -> float:
        """The threshold of a document answered in core terms (`core`) or in the pack's own."""
        return self.core_threshold if core else self.threshold

    def save(self, path: Path = MODEL_PATH) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(lzma.compress(pickle.dumps(self, protocol=5), preset=6))

    @staticmethod
    def load(path: Path = MODEL_PATH) -> StanceModel:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise ModelUnavailable(f"no trained stance model at {path}: run `make train`") from None
        model = pickle.loads(lzma.decompress(data))  # the project's own file, written by `make train`
        if not isinstance(model, StanceModel) or model.format != FORMAT:
            raise ModelUnavailable(f"{path} is not a stance model of this version: run `make train`")
        # a document's few candidates: threads cost more than they save (once here: the limit is slow to set)
        threadpool_limits(1, user_api="openmp")
        if model.sklearn_version != sklearn.__version__:
            raise ModelUnavailable(f"{path} was trained with scikit-learn {model.sklearn_version}, but "
                                   f"{sklearn.__version__} is installed: run `make install` (pinned version) "
                                   "or `make train`")
        return model
