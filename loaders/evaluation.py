"""What `make eval` prints: cross-validated figures per set, the rules-only ablation, and the calibration check.

Every figure here is out of fold: the model that scored a document never saw it. Russia–Ukraine sets are
scored in their own terms and folded to core terms; sets about other processes in core terms.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from loaders.candidates import Candidate
from loaders.scoring import Counts, score

if TYPE_CHECKING:
    from loaders.training import CodedDocument

CONFIDENT = 0.8


def _rows(doc: CodedDocument, scored: Sequence[tuple[Candidate, float, float]], threshold: float
          ) -> list[dict[str, Any]]:
    from loaders.training import rows_of

    return rows_of(doc, scored, threshold)


def _score(docs: Sequence[CodedDocument], rows: Mapping[str, list[dict[str, Any]]], folded: bool = False) -> Counts:
    total = Counts()
    for doc in docs:
        vocabulary = doc.vocabulary
        if folded and doc.source.vocabulary == "pack":
            from loaders.corpus import Corpus  # the core vocabulary of the same corpus

            vocabulary = Corpus().core_vocabulary
        total += score(doc.gold if not folded else _refold(doc, vocabulary), rows.get(doc.key, []), vocabulary,
                       {doc.source.id})["overall"]
    return total


def _refold(doc: CodedDocument, vocabulary: Any) -> Any:
    from loaders.corpus import Corpus
    from loaders.scoring import Gold

    rows = [r for r in Corpus().sets[doc.source.set].rows if r.get("doc") == doc.source.id]
    return Gold.of(rows, vocabulary)


def _line(name: str, counts: Counts, docs: int) -> str:
    return (f"  {name:<28} {docs:>4} {counts.tp:>5} {counts.fp:>5} {counts.fn:>5}  "
            f"P {counts.precision:.3f}  R {counts.recall:.3f}  F1 {counts.f1:.3f}")


def report(docs: Sequence[CodedDocument], scored: Mapping[str, Sequence[tuple[Candidate, float, float]]],
           rules: Mapping[str, list[dict[str, Any]]], threshold: float | None = None) -> None:
    from loaders.training import DEFAULT_THRESHOLD

    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    model_rows = {doc.key: _rows(doc, scored.get(doc.key, []), threshold) for doc in docs}
    sets = sorted({d.source.set for d in docs})
    print(f"Cross-validated by document; threshold {threshold}. Columns: documents, tp, fp, fn.")
    for vocabulary, title in (("pack", "Russia–Ukraine (its own terms)"), ("core", "Other processes (core terms)")):
        chosen = [d for d in docs if d.source.vocabulary == vocabulary]
        if not chosen:
            continue
        print(f"\n{title}")
        for name in sets:
            members = [d for d in chosen if d.source.set == name]
            if members:
                print(_line(f"{name}: model", _score(members, model_rows), len(members)))
                print(_line(f"{name}: rules only", _score(members, rules), len(members)))
        print(_line("ALL: model", _score(chosen, model_rows), len(chosen)))
        print(_line("ALL: rules only", _score(chosen, rules), len(chosen)))
        if vocabulary == "pack":
            print(_line("ALL folded to core: model", _score(chosen, model_rows, folded=True), len(chosen)))
            print(_line("ALL folded to core: rules", _score(chosen, rules, folded=True), len(chosen)))
    print("\nCalibration (stance edges, all sets): confidence band -> share right")
    bands = [(0.35, 0.5), (0.5, 0.65), (0.65, 0.8), (0.8, 1.01)]
    for low, high in bands:
        right = total = 0
        for doc in docs:
            for cand, favour, oppose in scored.get(doc.key, []):
                for stance, p in (("favour", favour), ("oppose", oppose)):
                    if low <= p < high:
                        key = (doc.source.id, cand.actor, stance, cand.term)
                        if key in doc.gold.optional:
                            continue
                        total += 1
                        right += key in doc.gold.required
        share = right / total if total else 0.0
        print(f"  [{low:.2f}, {min(high, 1):.2f})  edges {total:>5}  right {share:.3f}")
