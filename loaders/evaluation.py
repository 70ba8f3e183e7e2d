"""What `make eval` prints: cross-validated figures per set, the rules-only ablation, and the calibration check.

Every figure here is out of fold: the model that scored a document never saw it. Russia–Ukraine sets are
scored in their own terms and folded to core terms; sets about other processes in core terms.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from graph.vocabulary import EdgeRelation
from loaders.candidates import FAVOUR, OPPOSE, Candidate
from loaders.coded import CodedDocument, rows_of
from loaders.corpus import Corpus
from loaders.scoring import Counts, Gold, score

Scored = Sequence[tuple[Candidate, float, float]]
BANDS = ((0.3, 0.5), (0.5, 0.65), (0.65, 0.8), (0.8, 1.01))
SWEEP = (0.25, 0.3, 0.35, 0.4, 0.45, 0.5)


class Evaluation:
    def __init__(self, corpus: Corpus, docs: Sequence[CodedDocument], scored: Mapping[str, Scored],
                 rules: Mapping[str, list[dict[str, Any]]]) -> None:
        self.corpus = corpus
        self.docs = docs
        self.scored = scored
        self.rules = rules

    def model_rows(self, threshold: float) -> dict[str, list[dict[str, Any]]]:
        """The rows the extractor would store at `threshold`: the rules' positions (the model keeps them, with
        its confidence) and the model's where the rules said nothing on that actor and term."""
        out = {}
        for doc in self.docs:
            spoken = {(r["actor"], doc.builder.stance_of(r["relation"], r["object"])[0])
                      for r in self.rules[doc.key] if r["relation"] != EdgeRelation.GUARANTEES}
            learned = [row for row in rows_of(doc, self.scored.get(doc.key, []), threshold)
                       if row["relation"] == EdgeRelation.GUARANTEES or (row["actor"], row["object"]) not in spoken]
            out[doc.key] = [r for r in self.rules[doc.key] if r["relation"] != EdgeRelation.GUARANTEES] + learned
        return out

    def counts(self, docs: Sequence[CodedDocument], rows: Mapping[str, list[dict[str, Any]]],
               folded: bool = False) -> Counts:
        total = Counts()
        core = self.corpus.core_vocabulary
        for doc in docs:
            vocabulary, gold = doc.vocabulary, doc.gold
            if folded and doc.source.vocabulary == "pack":
                vocabulary = core
                gold = Gold.of([r for r in self.corpus.sets[doc.source.set].rows if r.get("doc") == doc.source.id],
                               core)
            total += score(gold, rows.get(doc.key, []), vocabulary, {doc.source.id})["overall"]
        return total

    def calibration(self) -> list[tuple[float, float, int, float]]:
        """Per confidence band: how many stance edges, and the share of them gold calls right (optional gold
        rows left out, as the scorer leaves them out)."""
        out = []
        for low, high in BANDS:
            right = total = 0
            for doc in self.docs:
                for cand, favour, oppose in self.scored.get(doc.key, []):
                    for stance, p in ((FAVOUR, favour), (OPPOSE, oppose)):
                        key = (doc.source.id, cand.actor, stance, cand.term)
                        if low <= p < high and key not in doc.gold.optional:
                            total += 1
                            right += key in doc.gold.required
            out.append((low, min(high, 1.0), total, right / total if total else 0.0))
        return out


def _line(name: str, counts: Counts, docs: int) -> str:
    return (f"  {name:<30} {docs:>4} {counts.tp:>5} {counts.fp:>5} {counts.fn:>5}  "
            f"P {counts.precision:.3f}  R {counts.recall:.3f}  F1 {counts.f1:.3f}")


def report(corpus: Corpus, docs: Sequence[CodedDocument], scored: Mapping[str, Scored],
           rules: Mapping[str, list[dict[str, Any]]], threshold: float, core_threshold: float) -> None:
    ev = Evaluation(corpus, docs, scored, rules)
    print(f"Document-level {len({d.source.id for d in docs})}-document cross-validation (5 folds): every figure "
          "is of documents the model never saw. Columns: documents, tp, fp, fn.")
    for vocabulary, title, at in (("pack", "Russia–Ukraine (its own terms)", threshold),
                                  ("core", "Other processes (core terms)", core_threshold)):
        chosen = [d for d in docs if d.source.vocabulary == vocabulary]
        if not chosen:
            continue
        model = ev.model_rows(at)
        print(f"\n{title}, threshold {at}")
        for name in sorted({d.source.set for d in chosen}):
            members = [d for d in chosen if d.source.set == name]
            print(_line(f"{name}: model", ev.counts(members, model), len(members)))
            print(_line(f"{name}: rules only", ev.counts(members, rules), len(members)))
        print(_line("ALL: model", ev.counts(chosen, model), len(chosen)))
        print(_line("ALL: rules only", ev.counts(chosen, rules), len(chosen)))
        if vocabulary == "pack":
            print(_line("ALL folded to core: model", ev.counts(chosen, model, folded=True), len(chosen)))
            print(_line("ALL folded to core: rules", ev.counts(chosen, rules, folded=True), len(chosen)))
        sweep = "  ".join(f"{t:.2f}: {ev.counts(chosen, ev.model_rows(t)).f1:.3f}" for t in SWEEP)
        print(f"  threshold sweep (F1)  {sweep}")
    print("\nCalibration (stance candidates, all sets): confidence band, edges, share right")
    for low, high, total, share in ev.calibration():
        print(f"  [{low:.2f}, {high:.2f})  {total:>5}  {share:.3f}")
