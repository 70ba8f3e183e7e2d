"""Terms said in words no pattern lists, learned from the sentences people coded.

The codebook's patterns find a term when it is worded as someone foresaw ("a ceasefire", "join NATO"); real
news also says "a halt to the fighting", "full control of the Donetsk region", "the exchange of POWs". The
detector reads each sentence as word n-grams (TF-IDF) and gives, per term, the probability that the sentence
speaks of it, from one logistic regression per term trained on the corpus: the sentences a coder quoted as
evidence of that term, and the sentences the codebook's patterns already match. It proposes terms; whether
anyone holds a position on them is the stance model's call.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.special import expit
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import MultiLabelBinarizer

MIN_EXAMPLES = 3  # a term with fewer positive sentences is left to the codebook's patterns
TOKENS = r"(?u)\b[\w'’-]+\b"
MAX_FEATURES = 30_000  # the most frequent n-grams; the rest are rare enough to learn nothing from
PRUNE = 0.05


@dataclass
class TermDetector:
    """The vectorizer and, per term, the weights of its logistic regression: trained with scikit-learn, kept as
    one sparse matrix, so a document's sentences are scored for every term in one product."""

    vectorizer: TfidfVectorizer
    weights: sparse.csr_matrix  # n-grams x terms
    bias: np.ndarray  # per term
    terms: list[str]

    @classmethod
    def train(cls, sentences: Sequence[str], labels: Sequence[set[str]], *, c: float = 4.0) -> TermDetector:
        counts: dict[str, int] = {}
        for found in labels:
            for term in found:
                counts[term] = counts.get(term, 0) + 1
        terms = sorted(t for t, n in counts.items() if n >= MIN_EXAMPLES)
        binarizer = MultiLabelBinarizer(classes=terms)
        y = binarizer.fit_transform([found & set(terms) for found in labels])
        vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=MAX_FEATURES, sublinear_tf=True,
                                     token_pattern=TOKENS, lowercase=True, dtype=np.float32)
        x = vectorizer.fit_transform(sentences)
        classifier = OneVsRestClassifier(LogisticRegression(C=c, max_iter=2000, class_weight="balanced"))
        classifier.fit(x, y)
        coef = np.vstack([e.coef_.ravel() for e in classifier.estimators_]).T.astype(np.float32)
        coef[np.abs(coef) < PRUNE] = 0  # weights this small change no detection (checked by cross-validation)
        bias = np.array([e.intercept_[0] for e in classifier.estimators_], dtype=np.float32)
        return cls(vectorizer, sparse.csr_matrix(coef), bias, terms)

    def __getstate__(self) -> dict[str, object]:
        # scikit-learn keeps a memory address on the vectorizer (to skip a check it repeats otherwise):
        # pickled, it would make every `make train` write a different file
        self.vectorizer.__dict__.pop("_stop_words_id", None)
        return self.__dict__

    def probabilities(self, sentences: Sequence[str]) -> np.ndarray:
        if not sentences or not self.terms:
            return np.zeros((len(sentences), len(self.terms)))
        scores = self.vectorizer.transform(sentences) @ self.weights
        return np.asarray(expit(scores.toarray() + self.bias))

    def detect(self, sentences: Sequence[str], threshold: float) -> list[dict[str, float]]:
        """Per sentence, the terms at or above `threshold` with their probability."""
        probs = self.probabilities(sentences)
        return [{self.terms[j]: float(row[j]) for j in np.flatnonzero(row >= threshold)} for row in probs]
