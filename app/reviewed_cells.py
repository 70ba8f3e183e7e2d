"""The review layer on the aggregate views: the stance matrix, conflicts, common ground and timelines.

Those views read the Stance aggregates (one node per (actor, term) cell, summed from the extracted edges) or
the edges themselves, never the reviews. Reviews are few and each document's overlay (graph/review.py, laid by
app/reviewing.py) holds every position of that document in both layers, so a reviewed document's part in
each cell is known exactly in either layer. `changes` turns the overlays of the reviewed documents into
per-cell differences (the edges the view leaves out and those it adds); the views apply them on top of what
they read: counts and distinct documents are adjusted, evidence lists of the touched cells are read with
room for the left-out edges, filtered and merged with the added ones. Nothing changes for `view=extracted` or
while there is no review.

`view=both` counts every edge of either layer (an edit in its extracted and its edited cell).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from app import reviewing
from app.api import evidence
from graph.store import Store
from graph.vocabulary import FAVOUR, Relation, ReviewView

Row = dict[str, Any]
Cell = tuple[str, str]  # (actor, term)
EdgeKey = tuple[str, int, str]  # (doc, sentence, relation) within a cell


@dataclass
class CellChange:
    """How a view differs from the extracted edges in one cell: edges per relation and distinct documents
    to add (negative: to take away), the extracted edges it leaves out and the edges it adds (as evidence)."""

    counts: dict[str, int] = field(default_factory=lambda: {str(r): 0 for r in Relation})
    documents: int = 0
    hidden: set[EdgeKey] = field(default_factory=set)
    added: list[Row] = field(default_factory=list)

    @property
    def favour(self) -> int:
        return sum(self.counts[r] for r in FAVOUR)


@dataclass
class Changes:
    cells: dict[Cell, CellChange] = field(default_factory=dict)

    def touches(self, actor: str | None = None, term: str | None = None) -> bool:
        return any((actor is None or a == actor) and (term is None or t == term) for a, t in self.cells)


def changes(store: Store, view: ReviewView, process: str | None = None) -> Changes | None:
    """The per-cell differences of `view` from the extracted edges (of `process`'s documents only, when
    given); None when there are none to apply (the extracted view, or no review stored)."""
    if view == ReviewView.EXTRACTED:
        return None
    reviews, state = reviewing.reviewed(store)
    if not reviews:
        return None
    out = Changes()
    for doc, result in state.by_doc.items():
        meta = state.documents.get(doc) or {}
        if process is not None and meta.get("process") != process:
            continue
        before: dict[Cell, int] = {}
        after: dict[Cell, int] = {}
        for e in result.entries:
            shown = e.shown_in(view)
            if e.extracted == shown:  # in both layers, or in neither
                if e.extracted:
                    cell = (e.key.actor, e.key.term)
                    before[cell] = before.get(cell, 0) + 1
                    after[cell] = after.get(cell, 0) + 1
                continue
            row = e.out()
            cell = (str(row["actor"]), str(row["term"]))
            change = out.cells.setdefault(cell, CellChange())
            if e.extracted:  # left out: rejected, or the extracted form of an edit
                change.counts[row["relation"]] -= 1
                change.hidden.add((doc, e.key.sentence, str(row["relation"])))
                before[cell] = before.get(cell, 0) + 1
            else:  # added, edited, or kept though no longer extracted
                change.counts[row["relation"]] += 1
                change.added.append({"relation": row["relation"], "doc": doc, "sentence": e.key.sentence,
                                     "quote": row.get("quote"), "speaker": row.get("speaker"),
                                     "date": row.get("date") or meta.get("date"),
                                     "confidence": row.get("confidence"), "rule": "review",
                                     "conditional_on": row.get("conditional_on") or None})
                after[cell] = after.get(cell, 0) + 1
        for cell in set(before) | set(after):
            if cell in out.cells:
                out.cells[cell].documents += (cell in after) - (cell in before)
    if out.cells:
        evidence.enrich(store, [a for c in out.cells.values() for a in c.added])
    return out


def _labels(store: Store, cells: Iterable[Cell]) -> tuple[dict[str, str | None], dict[str, Row]]:
    """Actor names and term rows (label, opposite) of some cells."""
    cells = list(cells)
    actors = sorted({a for a, _ in cells})
    terms = sorted({t for _, t in cells})
    names = {n["id"]: n.get("label") for n in store.run("review_labels", actors=actors, terms=[])} if actors else {}
    wanted = set(terms)
    term_rows = {t["id"]: t for t in store.run("terms") if t["id"] in wanted} if terms else {}
    return names, term_rows


# -- the matrix ----------------------------------------------------------------------------------------------
def matrix(store: Store, rows: list[Row], found: Changes | None, actors: Sequence[str] | None,
           terms: Sequence[str] | None) -> list[Row]:
    """stance_matrix (or stance_cells) rows with the changes applied (cells left empty dropped, new cells
    named)."""
    if found is None or not found.cells:
        return rows
    cells = {k: v for k, v in found.cells.items()
             if (actors is None or k[0] in actors) and (terms is None or k[1] in terms)}
    by_cell = {(r["actor"], r["term"]): dict(r) for r in rows}
    new = [c for c in cells if c not in by_cell]
    names, term_rows = _labels(store, new) if new else ({}, {})
    for cell in new:
        by_cell[cell] = {"actor": cell[0], "actor_name": names.get(cell[0]), "term": cell[1],
                         "term_label": (term_rows.get(cell[1]) or {}).get("label"), "demands": 0, "offers": 0,
                         "supports": 0, "rejects": 0, "total": 0, "documents": 0}
    for cell, change in cells.items():
        row = by_cell[cell]
        for relation, delta in change.counts.items():
            row[relation.lower()] = max(0, int(row[relation.lower()] or 0) + delta)
        row["total"] = sum(int(row[r.lower()]) for r in Relation)
        row["documents"] = max(0, int(row["documents"] or 0) + change.documents)
    return [by_cell[k] for k in sorted(by_cell) if any(by_cell[k][r.lower()] for r in Relation)]


# -- conflicts -----------------------------------------------------------------------------------------------
def conflict_cells(store: Store, rows: list[Row], found: Changes | None, term: str | None) -> list[Row]:
    """conflict_cells rows (actor, term, opposite, favour, rejects) with the changes applied; with `term`,
    of that term and the terms opposite to it only."""
    if found is None or not found.cells:
        return rows
    by_cell = {(r["actor"], r["term"]): dict(r) for r in rows}
    new = [c for c in found.cells if c not in by_cell]
    if new:
        opposites = {t["id"]: t.get("opposite") for t in store.run("terms")}
        for cell in new:
            opposite = opposites.get(cell[1])
            if term is None or term in (cell[1], opposite) or opposites.get(term) == cell[1]:
                by_cell[cell] = {"actor": cell[0], "term": cell[1], "opposite": opposite, "favour": 0, "rejects": 0}
    for cell, change in found.cells.items():
        row = by_cell.get(cell)
        if row is None:
            continue
        row["favour"] = max(0, int(row["favour"] or 0) + change.favour)
        row["rejects"] = max(0, int(row["rejects"] or 0) + change.counts[Relation.REJECTS])
    return [r for r in by_cell.values() if r["favour"] or r["rejects"]]


def touched(found: Changes | None, cells: Iterable[Cell]) -> bool:
    return found is not None and any(c in found.cells for c in cells)


def extra_sources(found: Changes | None, cells: Iterable[Cell]) -> int:
    """How many more edges a cell's evidence must be read with so that `per_side` remain after the view
    leaves some out."""
    if found is None:
        return 0
    return max((len(found.cells[c].hidden) for c in cells if c in found.cells), default=0)


def evidence_list(found: Changes | None, cell: Cell, relations: Sequence[str], read: list[Row],
                  per_side: int) -> list[Row]:
    """A cell's evidence of some relations in the view: what was read (newest first, with room) less the
    edges it leaves out, plus those it adds, newest first, `per_side` at most."""
    change = None if found is None else found.cells.get(cell)
    if change is None:
        return read[:per_side]
    kept = [e for e in read if (e.get("doc"), e.get("sentence"), e.get("relation")) not in change.hidden]
    kept += [dict(a) for a in change.added if a["relation"] in relations]
    kept.sort(key=lambda e: (str(e.get("doc") or ""), int(e.get("sentence") or 0), str(e.get("relation"))))
    kept.sort(key=lambda e: (e.get("date") is None, e.get("date") or ""), reverse=True)
    return kept[:per_side]


# -- timelines -----------------------------------------------------------------------------------------------
def timeline(store: Store, rows: list[Row], found: Changes | None, actor: str, term: str | None) -> list[Row]:
    """Every stance_timeline row of an actor (and term) with the changes applied, in the query's order
    (term, date — undated last —, doc, sentence, relation)."""
    if found is None or not found.touches(actor, term):
        return rows
    hidden = {(t, *k) for (a, t), c in found.cells.items() if a == actor for k in c.hidden}
    out = [r for r in rows if (r["term"], r["doc"], r["sentence"], r["relation"]) not in hidden]
    added = [(t, a) for (who, t), c in found.cells.items() if who == actor and (term is None or t == term)
             for a in c.added]
    if added:
        _, term_rows = _labels(store, [(actor, t) for t, _ in added])
        for t, a in added:
            out.append({**a, "term": t, "label": (term_rows.get(t) or {}).get("label")})
    out.sort(key=lambda r: (r["term"], r.get("date") is None, r.get("date") or "", str(r.get("doc")),
                            int(r.get("sentence") or 0), str(r["relation"])))
    return out
