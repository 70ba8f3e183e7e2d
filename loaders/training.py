"""Training and cross-validating the stance model on the coded corpus.

    python -m loaders.training train [--corpus corpus/] [--out loaders/models/stance.pkl]
    python -m loaders.training eval  [--corpus corpus/] [--folds 5]

Every document is read and run through the rules once; what a model learns from is then cheap to rebuild.
Term detections used as features are always *out of sample*: a training document's detections come from a
detector that did not see it (cross-fitting), as a new article's will. Cross-validation splits by document,
so no document is ever scored by a model that was trained on it, and the rules-only row is scored on the
same documents.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

from graph.vocabulary import EdgeRelation, MentionKind
from loaders.candidates import FAVOUR, OPPOSE, Candidate, CandidateBuilder
from loaders.coded import CodedDocument, rule_rows
from loaders.corpus import Corpus
from loaders.documents import read_document
from loaders.evaluation import report
from loaders.extract import DocumentExtraction
from loaders.pipeline import RUSSIA_UKRAINE, RuleExtractor, candidate_builder
from loaders.scoring import Counts, score
from loaders.stance_model import MODEL_PATH, StanceClassifier, StanceModel
from loaders.term_detector import TermDetector

PARTIES = ("RUS", "UKR", "USA", "EU", "NATO", "GBR", "FRA", "DEU", "CHN", "TUR", "UN", "POL")
DEFAULT_THRESHOLD = 0.35
CORE_THRESHOLD = 0.35  # documents answered in core terms: since the model knows them (core_terms), the same as above
TERM_THRESHOLD = 0.15
FOLDS = 5
MAX_BYTES = 10_000_000


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def evidence_sentences(run: DocumentExtraction, quote: str) -> set[int]:
    """The sentences a verbatim evidence quote overlaps (whitespace may differ: the text was normalised)."""
    words = _collapse(quote)
    if not words:
        return set()
    pattern = re.escape(words).replace(r"\ ", r"\s+")
    match = re.search(pattern, run.text) or re.search(re.escape(words[:40]).replace(r"\ ", r"\s+"), run.text)
    if match is None:
        return set()
    start, end = match.start(), max(match.end(), match.start() + len(words))
    return {v.index for v in run.views if v.start < end and start < v.end}


class CorpusReader:
    """Reads every corpus document and runs the rules over it once, as the extractor does (process detection,
    the process's view of the codebook, the rules' pass). A document of a Russia–Ukraine set is read as that
    process (its gold is in the pack's terms); any other document answers in core terms."""

    def __init__(self, corpus: Corpus, extractor: RuleExtractor) -> None:
        self.corpus = corpus
        self.extractor = extractor

    def read(self, names: list[str] | None = None, progress: bool = True) -> list[CodedDocument]:
        out: list[CodedDocument] = []
        golds = {name: self.corpus.gold(name) for name in self.corpus.sets}
        documents = list(self.corpus.documents(names))
        for n, doc in enumerate(documents, 1):
            source = read_document(doc.path, codebook=self.extractor.codebook, max_bytes=MAX_BYTES)
            if doc.vocabulary == "pack":
                source.meta["process"] = RUSSIA_UKRAINE
            rules = self.extractor.read(source)
            builder = candidate_builder(rules, PARTIES)
            if doc.vocabulary == "core" and builder.fold is None:  # detected as Russia–Ukraine: still core gold
                builder = CandidateBuilder(rules.codebook, PARTIES, self.corpus.core_vocabulary.parents)
            vocabulary = self.corpus.vocabulary(doc.vocabulary)
            coded = CodedDocument(doc, rules, builder, [source.text[v.start:v.end] for v in rules.run.views],
                                  golds[doc.set], vocabulary)
            coded.sentence_terms = self._sentence_terms(coded)
            out.append(coded)
            if progress and (n % 25 == 0 or n == len(documents)):
                print(f"  read {n}/{len(documents)} documents", file=sys.stderr)
        return out

    def _sentence_terms(self, doc: CodedDocument) -> list[set[str]]:
        labels: list[set[str]] = [set() for _ in doc.run.views]
        for row in self.corpus.sets[doc.source.set].rows:
            if row.get("doc") != doc.source.id or str(row.get("relation")).upper() == EdgeRelation.GUARANTEES:
                continue
            term = doc.builder.canonical(str(row.get("object")))[0]
            for i in evidence_sentences(doc.run, str(row.get("evidence", ""))):
                labels[i].add(term)
        for view in doc.run.views:
            for m in view.mentions:
                if m.kind == MentionKind.TERM:
                    labels[view.index].add(doc.builder.canonical(m.id)[0])
        return labels


# -- the pieces a model is made of ---------------------------------------------------------------------------
def train_detectors(docs: Sequence[CodedDocument], parents: Mapping[str, str]
                    ) -> tuple[TermDetector | None, TermDetector | None]:
    """The pack detector (Russia–Ukraine documents, pack terms) and the core detector (every document, its
    labels folded to core terms)."""
    pack_sentences, pack_labels, core_sentences, core_labels = [], [], [], []
    for doc in docs:
        for sentence, labels in zip(doc.sentences, doc.sentence_terms, strict=True):
            if doc.source.vocabulary == "pack":
                pack_sentences.append(sentence)
                pack_labels.append(labels)
            core_sentences.append(sentence)
            core_labels.append({parents.get(t, t) for t in labels})
    pack = TermDetector.train(pack_sentences, pack_labels) if pack_sentences else None
    core = TermDetector.train(core_sentences, core_labels) if core_sentences else None
    return pack, core


def detections(doc: CodedDocument, pack: TermDetector | None, core: TermDetector | None,
               threshold: float) -> dict[int, dict[str, float]]:
    detector = pack if doc.builder.fold is None else core
    if detector is None:
        return {}
    found = detector.detect(doc.sentences, threshold)
    return {i: terms for i, terms in enumerate(found) if terms}


def cross_fitted_detections(docs: Sequence[CodedDocument], folds: int, threshold: float,
                            parents: Mapping[str, str]) -> dict[str, dict[int, dict[str, float]]]:
    """Each document's term detections from detectors trained without it."""
    out: dict[str, dict[int, dict[str, float]]] = {}
    for train_idx, test_idx in document_folds(docs, folds):
        pack, core = train_detectors([docs[i] for i in train_idx], parents)
        for i in test_idx:
            out[docs[i].key] = detections(docs[i], pack, core, threshold)
    return out


def document_folds(docs: Sequence[CodedDocument], folds: int) -> list[tuple[list[int], list[int]]]:
    """Deterministic folds by document, each set spread over every fold."""
    assignment: dict[int, int] = {}
    by_set: dict[str, list[int]] = defaultdict(list)
    for i, doc in enumerate(docs):
        by_set[doc.source.set].append(i)
    k = 0
    for _, members in sorted(by_set.items()):
        for i in sorted(members, key=lambda j: docs[j].source.id):
            assignment[i] = k % folds
            k += 1
    return [([i for i in range(len(docs)) if assignment[i] != f], [i for i in range(len(docs)) if assignment[i] == f])
            for f in range(folds)]


@dataclass
class Examples:
    candidates: list[Candidate] = field(default_factory=list)
    docs: list[int] = field(default_factory=list)  # index of each candidate's document
    favour: list[int] = field(default_factory=list)
    oppose: list[int] = field(default_factory=list)
    weight_favour: list[float] = field(default_factory=list)
    weight_oppose: list[float] = field(default_factory=list)


def examples(docs: Sequence[CodedDocument], found: Mapping[str, Mapping[int, Mapping[str, float]]]) -> Examples:
    out = Examples()
    for n, doc in enumerate(docs):
        for cand in doc.builder.build(doc.run, found.get(doc.key, {})):
            out.candidates.append(cand)
            out.docs.append(n)
            for stance, labels, weights in ((FAVOUR, out.favour, out.weight_favour),
                                            (OPPOSE, out.oppose, out.weight_oppose)):
                key = (doc.source.id, cand.actor, stance, cand.term)
                labels.append(int(key in doc.gold.required))
                weights.append(0.0 if key in doc.gold.optional else 1.0)
    return out


def fit(docs: Sequence[CodedDocument], parents: Mapping[str, str], *, folds: int = FOLDS,
        threshold: float = DEFAULT_THRESHOLD, core_threshold: float = CORE_THRESHOLD,
        term_threshold: float = TERM_THRESHOLD) -> StanceModel:
    found = cross_fitted_detections(docs, folds, term_threshold, parents)
    ex = examples(docs, found)
    doc_folds = document_folds(docs, folds)
    fold_of_doc = {i: f for f, (_, test) in enumerate(doc_folds) for i in test}
    cand_folds = []
    for f in range(folds):
        test = np.array([k for k, d in enumerate(ex.docs) if fold_of_doc[d] == f])
        train = np.array([k for k, d in enumerate(ex.docs) if fold_of_doc[d] != f])
        cand_folds.append((train, test))
    classifier = StanceClassifier.train([c.features for c in ex.candidates], np.array(ex.favour),
                                        np.array(ex.oppose), np.array(ex.weight_favour),
                                        np.array(ex.weight_oppose), cand_folds)
    pack, core = train_detectors(docs, parents)
    sets: dict[str, int] = defaultdict(int)
    for doc in docs:
        sets[doc.source.set] += 1
    return StanceModel(classifier, pack, core, dict(parents), threshold, core_threshold, term_threshold, PARTIES,
                       dict(sets))


# -- predictions and scores ----------------------------------------------------------------------------------
def score_docs(docs: Sequence[CodedDocument], rows: Mapping[str, list[dict[str, Any]]]) -> Counts:
    total = Counts()
    for doc in docs:
        counts = score(doc.gold, rows.get(doc.key, []), doc.vocabulary, {doc.source.id})
        total += counts["overall"]
    return total


def cross_validate(docs: Sequence[CodedDocument], parents: Mapping[str, str], folds: int = FOLDS
                   ) -> tuple[dict[str, list[tuple[Candidate, float, float]]], dict[str, list[dict[str, Any]]]]:
    """Out-of-fold scored candidates per document (each from a model that never saw it), and the rules' rows."""
    scored: dict[str, list[tuple[Candidate, float, float]]] = {}
    for f, (train_idx, test_idx) in enumerate(document_folds(docs, folds)):
        print(f"  fold {f + 1}/{folds}", file=sys.stderr)
        train = [docs[i] for i in train_idx]
        model = fit(train, parents, folds=folds)
        for i in test_idx:
            doc = docs[i]
            found = detections(doc, model.pack_detector, model.core_detector, model.term_threshold)
            scored[doc.key] = model.score(doc.builder.build(doc.run, found))
    return scored, {doc.key: rule_rows(doc) for doc in docs}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["train", "eval"])
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--folds", type=int, default=FOLDS)
    args = parser.parse_args(argv)
    with threadpool_limits(1):  # OpenMP threads on a shared 2-core machine: 5-15x slower, and less repeatable
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    corpus = Corpus(args.corpus) if args.corpus else Corpus()
    docs = CorpusReader(corpus, RuleExtractor()).read()
    parents = corpus.core_vocabulary.parents
    if args.command == "train":
        model = fit(docs, parents, folds=args.folds)
        model.save(args.out)
        print(json.dumps({"saved": str(args.out), "documents": model.trained_on}))
        return 0
    scored, rules = cross_validate(docs, parents, args.folds)
    report(corpus, docs, scored, rules, DEFAULT_THRESHOLD, CORE_THRESHOLD)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
