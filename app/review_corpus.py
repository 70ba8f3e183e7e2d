"""Reviews as training data, and training-style gold as reviews.

`export_reviewed` writes every reviewed document in the training corpus's format (corpus/README.md): its text
as `texts/<doc>.txt` and its positions as gold rows `{"doc", "actor", "relation", "object", "status",
"optional", "evidence"}` — confirmed, edited and added positions required, positions nobody reviewed yet
optional (neither credited nor penalised), rejected ones left out, guarantees optional (as reviewed: rejected
ones left out, edits applied) —
plus a `sets.yaml` naming one set per vocabulary (`pack` for Russia–Ukraine documents, `core` for the rest) and
the corpus's `spec/`, so the folder is a corpus of its own (`python -m loaders.training train --corpus OUT`) and
its sets can join corpus/sets.yaml as they are.

`import_gold` reads such a gold file (one coded outside, say) as reviews of the stored documents: a row that
matches an extracted position confirms it, a row that matches none adds it, and an extracted position no row
names is rejected; an optional row neither confirms, adds nor lets its position be rejected (so importing an
export changes nothing).
"""

from __future__ import annotations

import json
import re
import shutil
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import yaml

from app import guarantee_reviewing, reviewing
from app.review_common import keep_nodes
from app.review_flow import Overlays
from graph.jsonl import json_objects
from graph.review import (
    DocumentOverlay,
    Entry,
    GuaranteeKey,
    GuaranteeReviewRecord,
    PositionKey,
    ReviewRecord,
    normalise,
)
from graph.store import Store
from graph.vocabulary import EdgeRelation, GuaranteeStatus, Relation, ReviewDecision, ReviewView
from loaders.corpus import DEFAULT_CORPUS

K = TypeVar("K", PositionKey, GuaranteeKey)
PACK_PROCESS = "russia_ukraine"
EVIDENCE_MAX = 200
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def file_id(doc: str) -> str:
    """A document id as a corpus document id: the corpus takes a file name's part before its first dot."""
    return _UNSAFE.sub("_", doc).strip("_") or "doc"


@dataclass
class ExportReport:
    documents: int = 0
    required: int = 0
    optional: int = 0
    sets: dict[str, str] = field(default_factory=dict)


def _gold_row(doc: str, row: dict[str, Any], optional: bool) -> dict[str, Any]:
    out = {"doc": doc, "actor": row["actor"], "relation": row["relation"], "object": row["term"], "status": None,
           "optional": optional, "evidence": normalise(row.get("quote"))[:EVIDENCE_MAX]}
    if row.get("slot"):
        out["slot"] = row["slot"]
    return out


def export_reviewed(store: Store, out_dir: Path) -> ExportReport:
    reviews = reviewing.records(store, None)
    state = reviewing.overlays(store, [], reviews)
    report = ExportReport()
    golds: dict[str, list[dict[str, Any]]] = {"pack": [], "core": []}
    for doc, result in sorted(state.by_doc.items()):
        meta = state.documents.get(doc)
        if meta is None or not meta.get("text") or not any(e.latest is not None for e in result.entries):
            continue
        vocabulary = "pack" if meta.get("process") == PACK_PROCESS else "core"
        name = file_id(doc)
        texts = out_dir / vocabulary / "texts"
        texts.mkdir(parents=True, exist_ok=True)
        (texts / f"{name}.txt").write_text(meta["text"], encoding="utf-8")
        rows = golds[vocabulary]
        for e in result.entries:
            if not e.reviewed:
                continue
            optional = e.latest is None
            rows.append(_gold_row(name, e.out(), optional))
            report.optional += optional
            report.required += not optional
        for g in guarantee_reviewing.document_guarantees(store, doc, ReviewView.REVIEWED)[0]:
            rows.append({"doc": name, "actor": g["guarantor"], "relation": EdgeRelation.GUARANTEES,
                         "object": g["beneficiary"], "status": g.get("status"), "optional": True,
                         "evidence": normalise(g.get("quote"))[:EVIDENCE_MAX]})
            report.optional += 1
        report.documents += 1
    sets: dict[str, Any] = {}
    for vocabulary, rows in golds.items():
        if not rows:
            continue
        gold = out_dir / vocabulary / "gold.jsonl"
        gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        sets[f"reviewed-{vocabulary}"] = {"texts": f"{vocabulary}/texts", "gold": f"{vocabulary}/gold.jsonl",
                                          "vocabulary": vocabulary,
                                          "process": PACK_PROCESS if vocabulary == "pack" else "other"}
        report.sets[f"reviewed-{vocabulary}"] = str(gold)
    out_dir.mkdir(parents=True, exist_ok=True)
    spec = DEFAULT_CORPUS / "spec"  # the vocabularies the gold is scored in, so the folder is a corpus of its own
    if spec.is_dir():
        shutil.copytree(spec, out_dir / "spec", dirs_exist_ok=True)
    (out_dir / "sets.yaml").write_text(yaml.safe_dump({"sets": sets}, sort_keys=True), encoding="utf-8")
    return report


@dataclass
class ImportReport:
    confirmed: int = 0
    edited: int = 0  # guarantees whose status the gold gives otherwise
    added: int = 0
    rejected: int = 0
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)


_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)\s*")


_FOLD = {"’": "'", "‘": "'", "–": "-", "—": "-"}
_DROPPED = frozenset('"“”«»')


def _folded(text: str) -> tuple[str, list[int]]:
    """The text with typographic apostrophes and dashes made plain and double quotes left out, and where each
    character left came from."""
    kept, where = [], []
    for i, ch in enumerate(text):
        if ch in _DROPPED:
            continue
        kept.append(_FOLD.get(ch, ch))
        where.append(i)
    return "".join(kept), where


def locate(original: str, evidence: str) -> str | None:
    """The stretch of the (whitespace-collapsed) text an evidence quote stands for: coders elide with "..." or
    "…" and leave out the text's quotation marks, so the parts are found in order, quotation marks and
    typographic apostrophes aside, and the quote runs from the first to the end of the last."""
    text, where = _folded(original)
    parts = [p for p in _ELLIPSIS.split(_folded(evidence)[0]) if p.strip()]
    if not parts:
        return None
    start = at = text.find(parts[0])
    if start < 0:
        return None
    at += len(parts[0])
    for part in parts[1:]:
        found = text.find(part, at)
        if found < 0 or found - at > 600:
            return None
        at = found + len(part)
    return original[where[start]:where[at - 1] + 1]


def _sentence_of(text: str, evidence: str, rows: list[dict[str, Any]]) -> int | None:
    """The sentence the evidence is in: that of an extracted edge whose sentence holds it, else the one after
    the last extracted sentence that starts before it (an estimate); None when it is not in the text."""
    for r in rows:
        if evidence in normalise(r.get("quote")):
            return int(r["sentence"])
    at = text.find(evidence)
    if at < 0:
        return None
    before = [r for r in rows if isinstance(r.get("span_start"), int) and r["span_start"] <= at]
    if not before:
        return 0
    last = max(before, key=lambda r: r["span_start"])
    return int(last["sentence"]) + (0 if (last.get("span_end") or 0) >= at + len(evidence) else 1)


def _placed(text: str, row: dict[str, Any], rows: list[dict[str, Any]], doc: str, report: ImportReport
            ) -> tuple[str, int] | None:
    """A missed gold row's evidence as found in the text, and its sentence; None, reported as skipped, when the
    text does not hold it."""
    evidence = locate(text, normalise(row.get("evidence"))) or ""
    sentence = _sentence_of(text, evidence, rows) if evidence else None
    if sentence is None:
        report.skipped.append(f"row {row['_n']}: its evidence is not in the text of {doc!r}")
        return None
    return evidence, sentence


def _unnamed(extracted: list[Entry[K]], named: set[Any], identity: Callable[[K], Any], report: ImportReport
             ) -> list[Entry[K]]:
    """The extracted edges no gold row names, to be rejected: those rejected already are counted unchanged."""
    out = []
    for e in extracted:
        if identity(e.key) in named:
            continue
        if e.latest is not None and e.latest.decision == ReviewDecision.REJECT:
            report.unchanged += 1
        else:
            out.append(e)
    return out


def _stored(state: Overlays[K], by_doc: dict[str, list[dict[str, Any]]], report: ImportReport, rows: str
            ) -> Iterator[tuple[str, list[dict[str, Any]], str, DocumentOverlay[K], list[Entry[K]]]]:
    """Each gold document the store holds, with its gold rows, its normalised text, its overlay and its extracted
    entries (for either kind of review); a document the store lacks is reported as skipped with its `rows`."""
    for doc, gold in by_doc.items():
        meta = state.documents.get(doc)
        if meta is None:
            report.skipped.append(f"document {doc!r} is not stored ({len(gold)} {rows})")
            continue
        result = state.by_doc[doc]
        yield doc, gold, normalise(meta.get("text")), result, [e for e in result.entries if e.extracted]


def _missed(text: str, row: dict[str, Any], rows: list[dict[str, Any]], doc: str, result: DocumentOverlay[K],
            report: ImportReport, key: Callable[..., K], ends: tuple[str, ...]) -> tuple[K, str] | None:
    """A gold row the extractor missed, as the key of the edge to add (`key(sentence, *ends)`, on the sentence
    its evidence is placed in) and that evidence; None when it cannot be placed or a review already holds that
    edge (counted unchanged)."""
    placed = _placed(text, row, rows, doc, report)
    if placed is None:
        return None
    evidence, sentence = placed
    found = key(sentence, *ends)
    if any(e.key == found and e.reviewed for e in result.entries):
        report.unchanged += 1
        return None
    return found, evidence


def import_gold(store: Store, rows: Iterable[dict[str, Any]], reviewer: str, source: str) -> ImportReport:
    report = ImportReport()
    by_doc: dict[str, list[dict[str, Any]]] = {}
    guarantees: dict[str, list[dict[str, Any]]] = {}
    for n, row in enumerate(rows, 1):
        relation = str(row.get("relation", "")).upper()
        if relation == EdgeRelation.GUARANTEES:
            guarantees.setdefault(str(row.get("doc", "")), []).append({**row, "_n": n})
            continue
        if relation not in tuple(Relation):
            report.skipped.append(f"row {n}: {relation or 'no relation'} is not reviewed here")
            continue
        by_doc.setdefault(str(row.get("doc", "")), []).append({**row, "relation": relation, "_n": n})
    state = reviewing.overlays(store, list(by_doc))
    made: list[ReviewRecord] = []
    for doc, gold, text, result, extracted in _stored(state, by_doc, report, "rows"):
        plain = [e.row for e in extracted]
        named: set[tuple[str, str, str]] = set()

        def review(key: PositionKey, decision: ReviewDecision, quote: str, confidence: Any = None) -> None:
            made.append(ReviewRecord(id=uuid.uuid4().hex, **key.as_dict(), quote=quote, decision=decision,
                                     reviewer=reviewer, at=reviewing.now(), reason=f"from {source}",
                                     confidence=confidence))

        for row in gold:
            triple = (str(row.get("actor")), row["relation"], str(row.get("object")))
            named.add(triple)
            matches = [e for e in extracted if (e.key.actor, e.key.relation, e.key.term) == triple]
            if row.get("optional"):
                continue
            for e in matches:
                if e.latest is not None and e.latest.decision == ReviewDecision.CONFIRM:
                    report.unchanged += 1
                    continue
                review(e.key, ReviewDecision.CONFIRM, e.row.get("quote") or "-", e.row.get("confidence"))
                report.confirmed += 1
            if matches:
                continue
            missed = _missed(text, row, plain, doc, result, report, partial(PositionKey, doc), triple)
            if missed is not None:
                review(missed[0], ReviewDecision.ADD, missed[1])
                report.added += 1
        for e in _unnamed(extracted, named, lambda k: (k.actor, k.relation, k.term), report):
            review(e.key, ReviewDecision.REJECT, e.row.get("quote") or "-", e.row.get("confidence"))
            report.rejected += 1
    made_guarantees = _guarantee_reviews(store, guarantees, reviewer, source, report)
    keep_nodes(store, actors=[*(r.actor for r in made), *(a for r in made_guarantees for a in (r.guarantor,
                                                                                          r.beneficiary))],
               terms=[*(r.term for r in made), *(r.scope for r in made_guarantees if r.scope)])
    reviewing.store_records(store, [*made, *made_guarantees])
    return report


def _guarantee_reviews(store: Store, by_doc: dict[str, list[dict[str, Any]]], reviewer: str, source: str,
                       report: ImportReport) -> list[GuaranteeReviewRecord]:
    """The gold's guarantee rows as reviews of the stored documents' guarantees: an extracted guarantee of the
    same guarantor and beneficiary is confirmed (edited when the gold gives another status), a missed one added
    on its evidence's sentence, and one the gold does not name rejected."""
    state = guarantee_reviewing.overlays(store, [d for d in by_doc if d])
    made: list[GuaranteeReviewRecord] = []
    for doc, gold, text, result, extracted in _stored(state, by_doc, report, "guarantee rows"):
        named: set[tuple[str, str]] = set()

        def review(key: GuaranteeKey, decision: ReviewDecision, quote: str, status: str, **fields: Any) -> None:
            made.append(GuaranteeReviewRecord(id=uuid.uuid4().hex, **key.as_dict(), quote=quote or "-",
                                              status=GuaranteeStatus(status), decision=decision, reviewer=reviewer,
                                              at=reviewing.now(), reason=f"from {source}", **fields))

        for row in gold:
            pair = (str(row.get("actor")), str(row.get("object")))
            named.add(pair)
            if row.get("optional"):
                continue
            status = str(row.get("status") or "")
            if status not in tuple(GuaranteeStatus):
                report.skipped.append(f"row {row['_n']}: a guarantee needs a status ({', '.join(GuaranteeStatus)})")
                continue
            matches = [e for e in extracted if (e.key.guarantor, e.key.beneficiary) == pair]
            for e in matches:
                latest = e.latest
                now_status = (latest.new_status if latest is not None and latest.decision == ReviewDecision.EDIT
                              and isinstance(latest, GuaranteeReviewRecord) and latest.new_status
                              else e.row["status"])
                quote, confidence = e.row.get("quote") or "-", e.row.get("confidence")
                if str(now_status) != status:
                    review(e.key, ReviewDecision.EDIT, quote, e.row["status"], new_status=GuaranteeStatus(status),
                           confidence=confidence)
                    report.edited += 1
                elif latest is not None and latest.decision in (ReviewDecision.CONFIRM, ReviewDecision.EDIT):
                    report.unchanged += 1
                else:
                    review(e.key, ReviewDecision.CONFIRM, quote, status, confidence=confidence)
                    report.confirmed += 1
            if matches:
                continue
            missed = _missed(text, row, [e.row for e in result.entries], doc, result, report,
                             partial(GuaranteeKey, doc), pair)
            if missed is not None:
                review(missed[0], ReviewDecision.ADD, missed[1], status)
                report.added += 1
        for e in _unnamed(extracted, named, lambda k: (k.guarantor, k.beneficiary), report):
            review(e.key, ReviewDecision.REJECT, e.row.get("quote") or "-", e.row["status"],
                   confidence=e.row.get("confidence"))
            report.rejected += 1
    return made


def read_gold(path: Path) -> list[dict[str, Any]]:
    """The rows of a gold JSONL file; a line that is not a JSON object is an error naming its line."""
    return list(json_objects(path.read_text(encoding="utf-8").splitlines(), path))
