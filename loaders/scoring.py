"""Scoring extracted positions against hand-coded gold, the way the corpus was coded.

The same rules as the reference scorer the corpus ships with (`corpus/README.md`): a stance is compared as
(document, actor, favour | oppose, term), where DEMANDS, OFFERS and SUPPORTS are favour and REJECTS oppose,
and a term's `opposite` flips the stance onto one id of the pair; a guarantee as (document, guarantor,
beneficiary, status). Gold rows marked `optional` are neither credited nor penalised. With a core vocabulary,
a process pack's term counts as its core parent, in gold and predictions alike. Written here, not imported,
so that training and `make eval` need nothing outside the project.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from graph.vocabulary import FAVOUR_RELATIONS, EdgeRelation, GuaranteeStatus, Relation

# the vocabulary's str enums: rows stay plain strings, and a plain string compares equal to its member
OPPOSE = frozenset({Relation.REJECTS})

StanceKey = tuple[str, str, str, str]  # doc, actor, favour|oppose, term
GuaranteeKey = tuple[str, str, str, str]  # doc, guarantor, beneficiary, status


@dataclass(frozen=True)
class Vocabulary:
    """The scored terms: each with its `opposite` and (for a guarantee term) its beneficiary, plus the core
    parent of every pack term when scoring in core terms."""

    terms: Mapping[str, Mapping[str, Any]]
    parents: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def pack(cls, codebook: Path) -> Vocabulary:
        return cls(yaml.safe_load(codebook.read_text())["terms"])

    @classmethod
    def core(cls, core_terms: Path) -> Vocabulary:
        data = yaml.safe_load(core_terms.read_text())
        parents = {term: spec["core"] for name, pack in data.items() if name.startswith("pack_")
                   for term, spec in (pack or {}).items() if (spec or {}).get("core")}
        return cls(data["core_terms"], parents)

    def fold(self, term: str) -> str:
        return self.parents.get(term, term)

    def stance_key(self, doc: str, actor: str, relation: str, term: str) -> StanceKey | None:
        """The scored key of a stance, or None for a term outside the vocabulary."""
        term = self.fold(term)
        if term not in self.terms:
            return None
        stance = "favour" if relation in FAVOUR_RELATIONS else "oppose"
        opposite = self.terms[term].get("opposite")
        if opposite and term > opposite:  # one id for each pair of opposites
            term, stance = opposite, ("oppose" if stance == "favour" else "favour")
        return doc, actor, stance, term

    def guarantee_key(self, doc: str, guarantor: str, obj: str, status: str | None) -> GuaranteeKey:
        beneficiary = str(self.terms.get(obj, {}).get("beneficiary", obj))
        return doc, guarantor, beneficiary, status or GuaranteeStatus.PROPOSED.value

    def key(self, row: Mapping[str, Any]) -> tuple[str, tuple[str, str, str, str]] | None:
        """('stance' | 'guarantee', key) of a gold or predicted row, or None when it is not scored."""
        relation = str(row.get("relation", "")).upper()
        doc, actor, obj = doc_id(row.get("doc", "")), str(row.get("actor", "")), str(row.get("object", ""))
        if relation == EdgeRelation.GUARANTEES:
            return "guarantee", self.guarantee_key(doc, actor, obj, row.get("status"))
        if relation in FAVOUR_RELATIONS or relation in OPPOSE:
            stance = self.stance_key(doc, actor, relation, obj)
            return ("stance", stance) if stance else None
        return None


def doc_id(value: object) -> str:
    return Path(str(value)).name.split(".")[0]


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        return self

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Gold:
    """Required and optional keys of a gold file, by kind."""

    required: dict[tuple[str, str, str, str], str] = field(default_factory=dict)
    optional: set[tuple[str, str, str, str]] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, rows: Iterable[Mapping[str, Any]], vocabulary: Vocabulary) -> Gold:
        gold = cls()
        for row in rows:
            gold.documents.add(doc_id(row.get("doc", "")))
            scored = vocabulary.key(row)
            if scored is None:
                continue
            kind, key = scored
            if row.get("optional"):
                gold.optional.add(key)
            else:
                gold.required[key] = kind
        gold.optional -= set(gold.required)
        return gold

    def docs(self) -> set[str]:
        return set(self.documents)


def score(gold: Gold, predicted: Iterable[Mapping[str, Any]], vocabulary: Vocabulary,
          docs: set[str] | None = None) -> dict[str, Counts]:
    """Counts per kind ('stance', 'guarantee') and 'overall', over `docs` (default: every gold document)."""
    docs = gold.docs() if docs is None else docs
    keys: dict[tuple[str, str, str, str], str] = {}
    for row in predicted:
        scored = vocabulary.key(row)
        if scored is not None and scored[1][0] in docs:
            keys[scored[1]] = scored[0]
    out = {"stance": Counts(), "guarantee": Counts(), "overall": Counts()}
    for kind in ("stance", "guarantee"):
        wanted = {k for k, v in gold.required.items() if v == kind and k[0] in docs}
        found = {k for k, v in keys.items() if v == kind and k not in gold.optional}
        counts = Counts(len(wanted & found), len(found - wanted), len(wanted - found))
        out[kind] = counts
        out["overall"] += counts
    return out
