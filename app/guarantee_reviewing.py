"""Reviewing guarantees: record analysts' decisions about GUARANTEES edges and read guarantees as reviewed.

The same layer and flow as positions' (app/reviewing.py, app/review_flow.py, graph/review.py): a review is a
Review node of its own (its `subject` is `guarantee`), naming its guarantee by document, sentence, guarantor
and beneficiary (`GuaranteeKey`) and keeping the sentence's quote, so it outlives `load --force` and a changed
extraction, and is orphaned (listed, kept, not applied) when its sentence is gone. Routes (app/api/review.py,
app/services/guarantees.py), the pages and `/graph` call these; every query is a named file in queries/.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from app import review_flow
from app.api import evidence
from app.review_common import ReviewProblem, now, resolve_node
from app.review_flow import Kind, Overlays
from graph.review import Agreement, Entry, GuaranteeKey, GuaranteeReviewRecord, guarantee_overlay
from graph.store import Store
from graph.vocabulary import EdgeRelation, GuaranteeStatus, ReviewDecision, ReviewSubject, ReviewView

Row = dict[str, Any]


def fill_names(store: Store, rows: list[Row]) -> list[Row]:
    """Guarantor and beneficiary names for rows that have none (guarantees made or changed by a review)."""
    actors = sorted({r[k] for r in rows for k in ("guarantor", "beneficiary") if not r.get(f"{k}_name")})
    if not actors:
        return rows
    names = {n["id"]: n.get("label") for n in store.run("review_labels", actors=actors, terms=[])}
    for r in rows:
        for k in ("guarantor", "beneficiary"):
            if not r.get(f"{k}_name"):
                r[f"{k}_name"] = names.get(r[k])
    return rows


GUARANTEES: Kind[GuaranteeKey, GuaranteeReviewRecord] = Kind(
    GuaranteeReviewRecord, "guarantee_reviews", {"subject": str(ReviewSubject.GUARANTEE)}, "review_guarantee_edges",
    guarantee_overlay, fill_names, "guarantee",
    lambda key: {**key.as_dict(), "review_key": key.as_dict(), "review_status": "rejected"})


def records(store: Store, docs: Sequence[str] | None) -> list[GuaranteeReviewRecord]:
    """Stored reviews of guarantees of some documents (all of them for None), oldest first."""
    return review_flow.records(GUARANTEES, store, docs)


def overlays(store: Store, docs: Sequence[str],
             reviews: Iterable[GuaranteeReviewRecord] | None = None) -> Overlays[GuaranteeKey]:
    """The overlay of each document named (and of every document any review in `reviews` names)."""
    return review_flow.overlays(GUARANTEES, store, docs, reviews)


def reviewed_state(store: Store) -> Overlays[GuaranteeKey] | None:
    """The overlays of every document with a review of a guarantee (kept per write stamp: not to be changed);
    None when there is none."""
    reviews, state = review_flow.reviewed(GUARANTEES, store)
    return state if reviews else None


def stats(store: Store) -> Row:
    """How many guarantees were reviewed, and the extractor's guarantees measured against the reviews (an edited
    status counts as a wrong guarantee and a missed one, as an edited position does)."""
    reviews, state = review_flow.reviewed(GUARANTEES, store)
    return {"reviews": len(reviews), "reviewed_guarantees": state.decided(), "orphaned": len(state.orphans()),
            **Agreement.of(state.by_doc.values()).figures()}


def document_guarantees(store: Store, doc: str, view: ReviewView) -> tuple[list[Row], list[GuaranteeReviewRecord]]:
    """A document's guarantees in a view (each with `review_key` and `review_status`), and its orphaned
    reviews of guarantees."""
    return review_flow.in_view(GUARANTEES, store, doc, view)


def orphan_row(review: GuaranteeReviewRecord) -> Row:
    return {**review.model_dump(mode="json"), "orphaned": True}


def orphans(store: Store) -> list[Row]:
    state = reviewed_state(store)
    return [orphan_row(r) for r in state.orphans()] if state else []


# -- writing -------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class GuaranteeEdit:
    guarantor: str | None = None
    beneficiary: str | None = None
    status: GuaranteeStatus | None = None
    scope: str | None = None

    def empty(self) -> bool:
        return self.guarantor is None and self.beneficiary is None and self.status is None and self.scope is None


def record(store: Store, key: GuaranteeKey, decision: ReviewDecision, reviewer: str, *, reason: str | None = None,
           edit: GuaranteeEdit | None = None, quote: str | None = None) -> tuple[GuaranteeReviewRecord, Row]:
    """Store one review of the guarantee `key` (for ADD: of the new guarantee on sentence `key.sentence`, with
    `edit.status` and `edit.scope`, whose evidence is `quote`); the review and the guarantee as it stands
    after it."""
    current = review_flow.current(GUARANTEES, store, key.doc)
    fields: Row
    if decision == ReviewDecision.ADD:
        if edit is None or edit.status is None:
            raise ReviewProblem(422, "an added guarantee needs its status")
        key = GuaranteeKey(key.doc, key.sentence, resolve_node(store, "actor", key.guarantor),
                           resolve_node(store, "actor", key.beneficiary))
        fields = {"quote": review_flow.quoted(GUARANTEES, current, key.doc, quote), "status": edit.status,
                  "scope": resolve_node(store, "term", edit.scope) if edit.scope else None}
    else:
        entry = review_flow.entry(current, key, f"no guarantee by {key.guarantor} for {key.beneficiary} in sentence "
                                                f"{key.sentence} of {key.doc!r}")
        row = entry.row
        fields = {"quote": row.get("quote") or "-", "status": row["status"], "scope": row.get("scope"),
                  "confidence": row.get("confidence") if entry.extracted else None}
        if decision == ReviewDecision.EDIT:
            if edit is None or edit.empty():
                raise ReviewProblem(422, "an edit must change the guarantor, the beneficiary, the status or the "
                                         "scope")
            fields.update(new_guarantor=resolve_node(store, "actor", edit.guarantor) if edit.guarantor else None,
                          new_beneficiary=resolve_node(store, "actor", edit.beneficiary) if edit.beneficiary
                          else None,
                          new_status=edit.status,
                          new_scope=resolve_node(store, "term", edit.scope) if edit.scope else None)
    return review_flow.stored(GUARANTEES, store, key, GuaranteeReviewRecord(
        id=uuid.uuid4().hex, **key.as_dict(), decision=decision, reason=reason or None, reviewer=reviewer, at=now(),
        **fields))


def history(store: Store, key: GuaranteeKey) -> list[Row]:
    """Every review of a guarantee, latest first, each saying whether it is orphaned."""
    return review_flow.history(GUARANTEES, store, key)


# -- reading guarantees in a view ----------------------------------------------------------------------------
@dataclass(frozen=True)
class GuaranteeFilter:
    """The filters of `GET /guarantees` (actor ids resolved)."""

    guarantor: str | None = None
    beneficiary: str | None = None
    status: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    process: str | None = None

    def passes(self, row: Row, process: str | None) -> bool:
        date = row.get("date")
        return ((self.guarantor is None or row["guarantor"] == self.guarantor)
                and (self.beneficiary is None or row["beneficiary"] == self.beneficiary)
                and (self.status is None or row["status"] == self.status)
                and (self.process is None or process == self.process)
                and (self.date_from is None or (date is not None and date >= self.date_from))
                and (self.date_to is None or (date is not None and (date <= self.date_to
                                                                     or date.startswith(self.date_to)))))

    def query(self) -> Row:
        """The filter parameters of queries/guarantees*.cypher."""
        return {"guarantor": self.guarantor, "beneficiary": self.beneficiary, "status": self.status,
                "date_from": self.date_from, "date_to": self.date_to, "process": self.process}


def _newest_first(rows: list[Row]) -> list[Row]:
    """guarantees.cypher's order: date (newest first), then document and sentence."""
    rows = sorted(rows, key=lambda r: (r.get("doc") or "", r.get("sentence") or 0))
    return sorted(rows, key=lambda r: r.get("date") or "", reverse=True)


def _shown(state: Overlays[GuaranteeKey], view: ReviewView
           ) -> Iterator[tuple[str, Entry[GuaranteeKey], Row, dict[str, Any]]]:
    """Each reviewed document's guarantees shown in `view`: (document, overlay entry, its row with the document's
    date where the review gave none, the document's metadata)."""
    for doc, meta, e in state.shown(view):
        row = e.out()
        row["date"] = row.get("date") or meta.get("date")
        yield doc, e, row, meta


def listed(store: Store, state: Overlays[GuaranteeKey], view: ReviewView, f: GuaranteeFilter, skip: int,
           limit: int) -> list[Row]:
    """One page of `GET /guarantees` in `view` (reviewed or both): the extracted rows of documents nobody
    reviewed a guarantee of, and the reviewed documents' guarantees as their overlays show them, newest first.
    The query is asked for enough rows that the reviewed documents' own (left out here) cannot shorten the page."""
    hidden = sum(1 for o in state.by_doc.values() for e in o.entries if e.extracted)
    rows = [r for r in store.run("guarantees", **f.query(), skip=0, limit=skip + limit + hidden)
            if r["doc"] not in state.by_doc]
    made = [row for _, _, row, meta in _shown(state, view) if f.passes(row, meta.get("process"))]
    fill_names(store, made)
    evidence.enrich(store, made)
    return _newest_first(rows + made)[skip:skip + limit]


def summary_changes(state: Overlays[GuaranteeKey] | None, view: ReviewView) -> dict[tuple[str, str, str], list[int]]:
    """How the reviews change the guarantees page's chips in `view`: (guarantor, beneficiary, status) →
    [sources, documents] to add to what the GuaranteeSummary aggregates (the extracted edges) count. Each
    reviewed document's overlay holds all of its guarantees, so a document leaves a chip's documents when none
    of its guarantees is shown there any more, and joins one when the first is."""
    changes: dict[tuple[str, str, str], list[int]] = {}
    if state is None or view == ReviewView.EXTRACTED:
        return changes
    for result in state.by_doc.values():
        before: dict[tuple[str, str, str], int] = {}
        after: dict[tuple[str, str, str], int] = {}
        for e in result.entries:
            row = e.out()
            chip = (str(row["guarantor"]), str(row["beneficiary"]), str(row["status"]))
            if e.extracted:
                before[chip] = before.get(chip, 0) + 1
            if e.shown_in(view):
                after[chip] = after.get(chip, 0) + 1
        for chip in {*before, *after}:
            change = changes.setdefault(chip, [0, 0])
            change[0] += after.get(chip, 0) - before.get(chip, 0)
            change[1] += int(chip in after) - int(chip in before)
    return changes


def apply_to_edges(store: Store, rows: list[Row], view: ReviewView,
                   keep: Callable[[Row], bool] | None = None) -> list[Row]:
    """Graph rows (queries/graph_edges*.cypher) in a view: the GUARANTEES rows of documents with reviewed
    guarantees replaced by their overlay's; `keep(row)` says whether a guarantee a review made or changed
    passes the graph's filters. Position rows are left as they are (app/reviewing.py lays those)."""
    if view == ReviewView.EXTRACTED:
        return rows
    state = reviewed_state(store)
    if state is None:
        return rows
    guarantees = str(EdgeRelation.GUARANTEES)
    out = [r for r in rows if r.get("relation") != guarantees or r.get("doc") not in state.by_doc]
    present = {(r.get("doc"), r.get("sentence"), r.get("source"), r.get("target")): r for r in rows
               if r.get("relation") == guarantees}
    made: list[Row] = []
    for doc, e, row, meta in _shown(state, view):
        was = (doc, e.key.sentence, e.key.guarantor, e.key.beneficiary)
        if e.extracted:
            if was in present:
                out.append({**present[was], "review_status": e.status, "layer": row["layer"]})
            continue  # else an extracted edge the graph's filters left out
        made.append({"source": row["guarantor"], "target": row["beneficiary"], "target_type": "Actor",
                     "relation": guarantees, "status": row["status"], "scope": row.get("scope"),
                     "proposed_by": row.get("proposed_by"), "doc": doc, "sentence": e.key.sentence,
                     "quote": row["quote"], "date": row["date"],
                     "confidence": row.get("confidence"), "rule": "review", "process": meta.get("process"),
                     "review_status": e.status, "layer": row["layer"], "guarantor": row["guarantor"],
                     "beneficiary": row["beneficiary"], "guarantor_name": row.get("guarantor_name"),
                     "beneficiary_name": row.get("beneficiary_name")})
    made = [m for m in fill_names(store, made) if keep is None or keep(m)]
    for m in made:
        m["source_label"] = m.pop("guarantor_name") or m["source"]
        m["target_label"] = m.pop("beneficiary_name") or m["target"]
        m.pop("guarantor"), m.pop("beneficiary")
    return review_flow.total_after(rows, out, made)


def queue_candidates(store: Store, limit: int, reviews: Sequence[GuaranteeReviewRecord],
                     state: Overlays[GuaranteeKey]) -> list[Row]:
    """Unreviewed guarantees, lowest confidence first (at most `limit`), as review queue items."""
    reviewed = state.reviewed(reviews)
    out = []
    for c in store.run("review_guarantee_queue", limit=limit + len(reviewed)):
        key = GuaranteeKey.of(c)
        if key not in reviewed:
            out.append({**c, "subject": str(ReviewSubject.GUARANTEE), "review_key": key.as_dict(),
                        "in_conflict": False, "feeds_guarantee": True})
        if len(out) == limit:
            break
    return out
