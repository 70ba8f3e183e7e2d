"""The review service: record analysts' decisions and read the graph as reviewed (graph/review.py).

Routes (app/api/review.py), pages and the CLI call these; every query is a named file in queries/. Reviews are
few (people write them), so they are read whole and laid over the edges they concern in Python; the edges are
read through the `doc` indexes of the documents that have reviews. The flow is the one guarantees take
(app/review_flow.py); this module keeps what is particular to positions (their edits, the queue, the stats, the
graph and the grouped positions as reviewed).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from app import guarantee_reviewing, review_flow
from app.api import evidence
from app.api.fast import FastJSON, RawJSON
from app.review_common import ReviewProblem, now, resolve_node
from app.review_flow import Kind, Overlays
from graph.review import Agreement, AnyReview, PositionKey, ReviewRecord, overlay
from graph.store import Store
from graph.vocabulary import Relation, ReviewDecision, ReviewSubject, ReviewView

Row = dict[str, Any]


def fill_labels(store: Store, rows: list[Row]) -> list[Row]:
    """Actor names and term labels for rows that have none (edges made or changed by a review)."""
    actors = sorted({r["actor"] for r in rows if not r.get("actor_name")})
    terms = sorted({r["term"] for r in rows if not r.get("term_label")})
    if not actors and not terms:
        return rows
    names = {(n["type"], n["id"]): n for n in store.run("review_labels", actors=actors, terms=terms)}
    for r in rows:
        if not r.get("actor_name"):
            r["actor_name"] = (names.get(("Actor", r["actor"])) or {}).get("label")
        if not r.get("term_label"):
            r["term_label"] = (names.get(("Term", r["term"])) or {}).get("label")
    return rows


POSITIONS: Kind[PositionKey, ReviewRecord] = Kind(
    ReviewRecord, "reviews", {}, "review_edges", overlay, fill_labels, "position",
    lambda key: {**key.as_dict(), "review_status": "rejected"})


def records(store: Store, docs: Sequence[str] | None) -> list[ReviewRecord]:
    """Stored reviews of positions of some documents (all of them for None), oldest first."""
    return review_flow.records(POSITIONS, store, docs)


def reviewed(store: Store) -> tuple[list[ReviewRecord], Overlays[PositionKey]]:
    """Every review of a position and the overlays of the documents they review, kept per write stamp: not to
    be changed."""
    return review_flow.reviewed(POSITIONS, store)


def overlays(store: Store, docs: Sequence[str], reviews: Iterable[ReviewRecord] | None = None
             ) -> Overlays[PositionKey]:
    """The overlay of each document named (of every document any review names, with `reviews` given)."""
    return review_flow.overlays(POSITIONS, store, docs, reviews)


def document_positions(store: Store, doc: str, view: ReviewView) -> tuple[list[Row], list[ReviewRecord]]:
    """A document's positions in a view, and its orphaned reviews."""
    return review_flow.in_view(POSITIONS, store, doc, view)


# -- writing -------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Edit:
    actor: str | None = None
    relation: Relation | None = None
    term: str | None = None
    conditional_on: list[str] | None = None

    def empty(self) -> bool:
        return self.actor is None and self.relation is None and self.term is None and self.conditional_on is None


def record(store: Store, key: PositionKey, decision: ReviewDecision, reviewer: str, *,
           reason: str | None = None, edit: Edit | None = None, quote: str | None = None) -> tuple[ReviewRecord, Row]:
    """Store one review of the position `key` (for ADD: of the new position on sentence `key.sentence`, whose
    evidence is `quote`); the review and the position as it stands after it."""
    current = review_flow.current(POSITIONS, store, key.doc)
    fields: Row
    if decision == ReviewDecision.ADD:
        key = PositionKey(key.doc, key.sentence, resolve_node(store, "actor", key.actor), key.relation,
                          resolve_node(store, "term", key.term))
        fields = {"quote": review_flow.quoted(POSITIONS, current, key.doc, quote),
                  "conditional_on": edit.conditional_on if edit else None}
    else:
        position = review_flow.entry(current, key, f"no position {key.actor} {key.relation} {key.term} in sentence "
                                                   f"{key.sentence} of {key.doc!r}")
        fields = {"quote": position.row.get("quote") or "-", "conditional_on": position.row.get("conditional_on"),
                  "confidence": position.row.get("confidence") if position.extracted else None}
        if decision == ReviewDecision.EDIT:
            if edit is None or edit.empty():
                raise ReviewProblem(422, "an edit must change the actor, the relation, the term or the conditions")
            fields.update(new_actor=resolve_node(store, "actor", edit.actor) if edit.actor else None,
                          new_relation=edit.relation,
                          new_term=resolve_node(store, "term", edit.term) if edit.term else None,
                          new_conditional_on=edit.conditional_on)
    return review_flow.stored(POSITIONS, store, key, ReviewRecord(
        id=uuid.uuid4().hex, **key.as_dict(), decision=decision, reason=reason or None, reviewer=reviewer, at=now(),
        **fields))


def store_records(store: Store, reviews: Sequence[AnyReview]) -> int:
    """Store reviews made elsewhere (`peacegraph review import`); those whose document is missing are not."""
    stored = 0
    for start in range(0, len(reviews), 500):
        rows = store.write("upsert_reviews", rows=[r.stored() for r in reviews[start:start + 500]])
        stored += int(rows[0]["count"]) if rows else 0
    return stored


# -- reading -------------------------------------------------------------------------------------------------
def history(store: Store, key: PositionKey) -> list[Row]:
    """Every review of a position, latest first, each saying whether it is orphaned."""
    return review_flow.history(POSITIONS, store, key)


def orphans(store: Store) -> list[Row]:
    """Every orphaned review, of positions then of guarantees, each with its `subject`."""
    found = reviewed(store)[1].orphans()
    return [*({**r.model_dump(mode="json"), "subject": str(ReviewSubject.POSITION), "orphaned": True} for r in found),
            *guarantee_reviewing.orphans(store)]


def in_conflict(store: Store) -> list[str]:
    """The (actor, term) cells, as `actor|term`, that take part in a conflict of the extracted graph: an actor
    favours a term another rejects, or favours a term whose opposite another favours (app/conflicts.py), read
    from the Stance aggregates (queries/conflict_cells.cypher)."""
    cells = store.run("conflict_cells", term=None)
    favour: dict[str, set[str]] = {}
    reject: dict[str, set[str]] = {}
    opposite: dict[str, str] = {}
    for c in cells:
        if c.get("opposite"):
            opposite[c["term"]] = c["opposite"]
            opposite.setdefault(c["opposite"], c["term"])
        if c.get("favour"):
            favour.setdefault(c["term"], set()).add(c["actor"])
        if c.get("rejects"):
            reject.setdefault(c["term"], set()).add(c["actor"])

    def others(actors: set[str], actor: str) -> bool:
        return bool(actors - {actor})

    hot: set[str] = set()
    for term, actors in favour.items():
        against = reject.get(term, set()) | favour.get(opposite.get(term, ""), set())
        hot.update(f"{a}|{term}" for a in actors if others(against, a))
    for term, actors in reject.items():
        hot.update(f"{a}|{term}" for a in actors if others(favour.get(term, set()), a))
    return sorted(hot)


def _queue_order(item: Row) -> tuple[Any, ...]:
    """Lowest confidence first (none last); among equal ones, edges that feed guarantees (a guarantee) or a
    conflict first; then by document and sentence."""
    confidence = item.get("confidence")
    weighty = bool(item.get("in_conflict") or item.get("feeds_guarantee"))
    return (confidence is None, confidence or 0.0, not weighty, item.get("doc") or "", item.get("sentence") or 0,
            str(item.get("subject")))


def queue(store: Store, limit: int) -> Row:
    """Unreviewed positions and guarantees, lowest confidence first (among equal ones, guarantees and positions
    whose cell takes part in a conflict first), and the review progress of the documents they are in."""
    reviews = records(store, None)
    state = overlays(store, [], reviews)
    greviews = guarantee_reviewing.records(store, None)
    gstate = guarantee_reviewing.overlays(store, [], greviews)
    reviewed = state.reviewed(reviews)
    candidates = store.run("review_queue", limit=limit + len(reviewed), hot=in_conflict(store))
    items = [c for c in candidates if PositionKey.of(c) not in reviewed][:limit]
    for item in items:
        item["review_key"] = PositionKey.of(item).as_dict()
        item["subject"] = str(ReviewSubject.POSITION)
        item["feeds_guarantee"] = False
    items = sorted([*items, *guarantee_reviewing.queue_candidates(store, limit, greviews, gstate)],
                   key=_queue_order)[:limit]
    docs = sorted({c["doc"] for c in items} | {r.doc for r in reviews} | {r.doc for r in greviews})
    more = overlays(store, [d for d in docs if d not in state.by_doc], [])  # queued documents nobody reviewed
    state.documents.update(more.documents)
    state.by_doc.update(more.by_doc)
    gmore = guarantee_reviewing.overlays(store, [d for d in docs if d not in gstate.by_doc], [])
    gstate.by_doc.update(gmore.by_doc)
    progress = []
    for doc in docs:
        result, gresult = state.by_doc[doc], gstate.by_doc[doc]
        extracted = [e for e in result.entries if e.extracted]
        gextracted = [e for e in gresult.entries if e.extracted]
        meta = state.documents.get(doc) or {}
        progress.append({"doc": doc, "title": meta.get("title"), "process": meta.get("process"),
                         "positions": len(extracted), "reviewed": sum(1 for e in extracted if e.latest is not None),
                         "guarantees": len(gextracted),
                         "guarantees_reviewed": sum(1 for e in gextracted if e.latest is not None),
                         "added": sum(1 for o in (result, gresult) for e in o.entries
                                      if not e.extracted and e.reviewed),
                         "orphaned": len(result.orphans) + len(gresult.orphans)})
    # a process's totals are of all its stored documents (the `processes` query); what was reviewed is in the
    # documents listed, since every reviewed document is
    processes: dict[str | None, Row] = {
        p["process"] or None: {"process": p["process"] or None, "documents": p["documents"],
                               "positions": p["positions"], "reviewed": 0, "added": 0, "orphaned": 0}
        for p in store.run("processes")}
    for d in progress:
        name = str(d["process"]) if d["process"] else None
        p = processes.setdefault(name, {"process": name, "documents": 0, "positions": 0, "reviewed": 0, "added": 0,
                                        "orphaned": 0})
        for k in ("reviewed", "added", "orphaned"):
            p[k] += d[k]
    return {"items": items, "documents": progress,
            "processes": sorted(processes.values(), key=lambda p: str(p["process"] or ""))}


def stats(store: Store) -> Row:
    """How much was reviewed, by whom, and the extractor's precision and recall against the reviews."""
    reviews, state = reviewed(store)
    by_decision: dict[str, int] = {str(d): 0 for d in ReviewDecision}
    by_reviewer: dict[str, int] = {}
    for r in reviews:
        by_decision[str(r.decision)] += 1
        by_reviewer[r.reviewer] = by_reviewer.get(r.reviewer, 0) + 1
    totals = store.run("edge_totals")[0]  # the Stance aggregates: counting the edges read all 416,000 of them
    total = sum(int(totals.get(str(rel).lower()) or 0) for rel in Relation)
    return {"reviews": len(reviews), "documents": len(state.by_doc), "positions": total,
            "reviewed_positions": state.decided(), "by_decision": by_decision, "by_reviewer": by_reviewer,
            "orphaned": len(state.orphans()), **Agreement.of(state.by_doc.values()).figures(),
            "guarantees": guarantee_reviewing.stats(store)}


def apply_to_edges(store: Store, rows: list[Row], view: ReviewView, *, keep: Any = None) -> list[Row]:
    """Graph rows (queries/graph_edges*.cypher: source, relation, target, doc, sentence …) in a view: the
    positions of reviewed documents replaced by their overlay's. `keep(row)` says whether an edge a review
    made or changed passes the graph's filters. Guarantee rows are left as they are."""
    if view == ReviewView.EXTRACTED:
        return rows
    reviews, state = reviewed(store)
    if not reviews:
        return rows
    out = [r for r in rows if r.get("relation") not in tuple(Relation) or r.get("doc") not in state.by_doc]
    present = {(r.get("doc"), r.get("sentence"), r.get("source"), r.get("relation"), r.get("target")) for r in rows}
    made: list[Row] = []
    for doc, meta, e in state.shown(view):
        row = e.out()
        was = (doc, e.key.sentence, e.key.actor, e.key.relation, e.key.term)
        if e.extracted and was in present:
            kept = next(r for r in rows if (r.get("doc"), r.get("sentence"), r.get("source"), r.get("relation"),
                                            r.get("target")) == was)
            out.append({**kept, "review_status": e.status, "layer": row["layer"]})
            continue
        if e.extracted:
            continue  # an extracted edge the graph's filters left out
        made.append({"source": row["actor"], "target": row["term"], "target_type": "Term",
                     "relation": row["relation"], "doc": doc, "sentence": e.key.sentence, "quote": row["quote"],
                     "date": row.get("date") or meta.get("date"), "confidence": row.get("confidence"),
                     "rule": "review", "process": meta.get("process"), "review_status": e.status,
                     "layer": row["layer"], "actor": row["actor"], "term": row["term"]})
    made = [m for m in fill_labels(store, made) if keep is None or keep(m)]
    for m in made:
        m["source_label"], m["target_label"] = m.pop("actor_name") or m["source"], m.pop("term_label") or m["target"]
        m.pop("actor"), m.pop("term")
    return review_flow.total_after(rows, out, made)


def _passes(relation: str, date: str | None, relations: Sequence[str] | None, date_from: str | None,
            date_to: str | None) -> bool:
    return ((not relations or relation in relations)
            and (date_from is None or (date is not None and date >= date_from))
            and (date_to is None or (date is not None and (date <= date_to or date.startswith(date_to)))))


def grouped_in_view(store: Store, response: FastJSON | RawJSON, view: ReviewView, *, own: str,
                    relations: Sequence[str] | None, date_from: str | None, date_to: str | None, per_group: int,
                    process: str | None) -> FastJSON | RawJSON:
    """An actor's or a term's grouped positions as extracted (`response`), in `view`: as they are when the
    extracted view is asked or no review exists, else with the reviews applied (apply_to_groups)."""
    if view == ReviewView.EXTRACTED or not reviewed(store)[0]:
        return response
    body = json.loads(bytes(response.body))
    return FastJSON(apply_to_groups(store, body, view, own=own, own_id=body[own]["id"], relations=relations,
                                    date_from=date_from, date_to=date_to, per_group=per_group, process=process))


def apply_to_groups(store: Store, body: Row, view: ReviewView, *, own: str, own_id: str,
                    relations: Sequence[str] | None = None, date_from: str | None = None,
                    date_to: str | None = None, per_group: int = 5, process: str | None = None) -> Row:
    """An actor's positions grouped by term (`own="actor"`, body["terms"]) or a term's grouped by actor
    (`own="term"`, body["actors"]) in a view: edges the reviews hide leave their group's counts and sources,
    edges they make or change join them (of `process`'s documents only, when given). The body as read from
    the extracted edges otherwise."""
    if view == ReviewView.EXTRACTED:
        return body
    reviews, state = reviewed(store)
    if not reviews:
        return body
    other, list_key = ("term", "terms") if own == "actor" else ("actor", "actors")
    groups = {g[other]: g for g in body[list_key]}
    added: list[tuple[str, Row]] = []
    for doc, result in state.by_doc.items():
        doc_date = (state.documents.get(doc) or {}).get("date")
        if process is not None and (state.documents.get(doc) or {}).get("process") != process:
            continue
        for e in result.entries:
            row = e.out()
            if row[own] != own_id:
                continue
            date = row.get("date") or doc_date
            if not _passes(row["relation"], date, relations, date_from, date_to):
                continue
            if e.extracted and not e.shown_in(view):  # rejected, or the extracted form of an edit
                group = groups.get(row[other])
                if group is not None:
                    counts = group["counts"]
                    counts[row["relation"]] = max(0, int(counts.get(row["relation"], 0)) - 1)
                    group["sources"] = [s for s in group["sources"] if (s.get("doc"), s.get("sentence"),
                                                                         s.get("relation")) !=
                                        (doc, e.key.sentence, row["relation"])]
            elif not e.extracted and e.shown_in(view):  # added, edited, or kept though no longer extracted
                added.append((row[other], {"relation": row["relation"], "doc": doc, "date": date,
                                           "sentence": e.key.sentence, "quote": row.get("quote"),
                                           "confidence": row.get("confidence"), "rule": "review",
                                           "conditional_on": row.get("conditional_on"),
                                           "actor": row["actor"], "term": row["term"]}))
    if added:
        fill_labels(store, [s for _, s in added])
        evidence.enrich(store, [s for _, s in added])
    for key, source in added:
        group = groups.get(key)
        if group is None:
            head = ({"term": key, "label": source.get("term_label"), "category": None} if other == "term" else
                    {"actor": key, "name": source.get("actor_name"), "kind": None})
            group = groups[key] = {**head, "counts": {str(r): 0 for r in Relation}, "sources": []}
        group["counts"][source["relation"]] = int(group["counts"].get(source["relation"], 0)) + 1
        for field_name in ("actor", "term", "actor_name", "term_label"):
            source.pop(field_name, None)
        group["sources"].append(source)
    out = []
    for group in groups.values():
        group["sources"] = sorted(group["sources"], key=lambda s: (s.get("date") or "", s.get("doc") or ""),
                                  reverse=True)[:per_group]
        if any(group["counts"].values()) or group["sources"]:
            out.append(group)
    return {**body, list_key: sorted(out, key=lambda g: g[other])}
