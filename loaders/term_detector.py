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
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import MultiLabelBinarizer

MIN_EXAMPLES = 3  # a term with fewer positive sentences is left to the codebook's patterns
TOKENS = r"(?u)\b[\w'’-]+\b"


@dataclass
class TermDetector:
    vectorizer: TfidfVectorizer
    classifier: OneVsRestClassifier
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
        vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, token_pattern=TOKENS,
                                     lowercase=True, dtype=np.float32)
        x = vectorizer.fit_transform(sentences)
        classifier = OneVsRestClassifier(LogisticRegression(C=c, max_iter=2000, class_weight="balanced"))
        classifier.fit(x, y)
        return cls(vectorizer, classifier, terms)

    def probabilities(self, sentences: Sequence[str]) -> np.ndarray:
        if not sentences or not self.terms:
            return np.zeros((len(sentences), len(self.terms)))
        return np.asarray(self.classifier.predict_proba(self.vectorizer.transform(sentences)))

    def detect(self, sentences: Sequence[str], threshold: float) -> list[dict[str, float]]:
        """Per sentence, the terms at or above `threshold` with their probability."""
        probs = self.probabilities(sentences)
        return [{self.terms[j]: float(row[j]) for j in np.flatnonzero(row >= threshold)} for row in probs]
