"""One corpus document after the rules' pass (`CodedDocument`) and the scorer rows made from it: what
training (loaders/training.py) builds and the evaluation (loaders/evaluation.py) scores.

Why a module of its own: kept in training.py, the evaluation imported it back from there, and the two modules
imported each other.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graph.vocabulary import EdgeRelation, Relation
from loaders.candidates import FAVOUR, OPPOSE, Candidate, CandidateBuilder
from loaders.corpus import CorpusDocument
from loaders.extract import DocumentExtraction
from loaders.pipeline import RulePass
from loaders.scoring import Gold, Vocabulary


@dataclass
class CodedDocument:
    """One corpus document after the rules' pass, with what its gold says, sentence by sentence."""

    source: CorpusDocument
    rules: RulePass
    builder: CandidateBuilder  # as the extractor builds this document's candidates
    sentences: list[str]
    gold: Gold
    vocabulary: Vocabulary
    sentence_terms: list[set[str]] = field(default_factory=list)  # gold evidence + codebook mentions

    @property
    def key(self) -> str:
        return f"{self.source.set}/{self.source.id}"

    @property
    def run(self) -> DocumentExtraction:
        return self.rules.run



def rows_of(doc: CodedDocument, scored: Iterable[tuple[Candidate, float, float]], threshold: float
            ) -> list[dict[str, Any]]:
    """Scorer rows for the candidates at or above `threshold` (the evaluation's view of an extraction)."""
    rows = []
    for cand, favour, oppose in scored:
        for stance, p in ((FAVOUR, favour), (OPPOSE, oppose)):
            if p >= threshold:
                rows.append({"doc": doc.source.id, "actor": cand.actor, "object": cand.term, "confidence": p,
                             "relation": Relation.SUPPORTS if stance == FAVOUR else Relation.REJECTS})
    rows += guarantee_rows(doc)
    return rows


def guarantee_rows(doc: CodedDocument) -> list[dict[str, Any]]:
    return [{"doc": doc.source.id, "actor": f.actor, "relation": EdgeRelation.GUARANTEES, "object": f.obj,
             "status": f.relation}
            for f in doc.rules.findings if f.kind == "guarantee"]


def rule_rows(doc: CodedDocument) -> list[dict[str, Any]]:
    rows = [{"doc": doc.source.id, "actor": f.actor, "relation": f.relation, "object": f.obj}
            for f in doc.rules.findings if f.kind == "position"]
    if doc.source.vocabulary == "core":
        rows = [dict(r, object=doc.vocabulary.fold(r["object"])) for r in rows]
    return rows + guarantee_rows(doc)
