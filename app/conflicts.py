"""Conflicts paged from the Stance aggregates: pair up cells, then fetch evidence for the page alone.

Why: on a realistic corpus the conflicts are counted in hundreds of thousands of (actor, actor, term) pairs and
the old query built every one of them, with its evidence, from every evidence edge (more than 200 s unfiltered
at 10,000 documents). The Stance aggregates hold one row per (actor, term) cell, a few thousand in all; pairing
them is cheap and lazy, and only the conflicts shown fetch their evidence: the sources each Stance keeps
(graph/kept.py, queries/cell_kept_evidence.cypher), or the cells' edges for more sources a side than that
(queries/cell_evidence.cypher). Within one peace process the cells are counted from that process's edges
(queries/conflict_cells_process.cypher: the aggregates sum every process) and the evidence is read from them.

Order: by term, then the 'rejects' conflicts on it before the 'opposite' ones (each pair of opposite terms
once, from the term with the smaller id), each side by its number of sources, most first, then actor id.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from pydantic_core import from_json

from app import reviewed_cells
from app.reviewed_cells import Changes
from graph.kept import KEPT_SOURCES, newest_sources
from graph.store import Store
from graph.vocabulary import FAVOUR, Relation, ReviewView

FAVOUR_SIDE = list(FAVOUR)
REJECT_SIDE = [Relation.REJECTS]


@dataclass(frozen=True, slots=True)
class Pair:
    kind: str
    actor_a: str
    term_a: str
    count_a: int
    actor_b: str
    term_b: str
    count_b: int


def pairs(cells: Iterable[dict[str, Any]], term: str | None = None, skip: int = 0) -> Iterator[Pair]:
    """Every conflict among the conflict_cells rows, lazily, in the module's order, from the `skip`-th on.
    `term` keeps the conflicts on that term (either side of an opposite pair).

    Why `skip` here and not `islice`: a page deep in the list (skip 5,000) built and dropped every pair before
    it, a third of the request. The conflicts of one term (or opposite pair) are a product of two sides
    without the actor facing itself, so whole terms, and whole rows of one side, are counted and passed over."""
    favour: dict[str, list[tuple[str, int]]] = defaultdict(list)
    reject: dict[str, list[tuple[str, int]]] = defaultdict(list)
    opposite: dict[str, str | None] = {}
    for c in cells:
        opposite[c["term"]] = c.get("opposite")
        if c.get("favour"):
            favour[c["term"]].append((c["actor"], int(c["favour"])))
        if c.get("rejects"):
            reject[c["term"]].append((c["actor"], int(c["rejects"])))
    for side in (*favour.values(), *reject.values()):
        side.sort(key=lambda x: (-x[1], x[0]))
    for t in sorted(opposite):
        blocks: list[tuple[str, str, list[tuple[str, int]], list[tuple[str, int]]]] = []
        if term is None or t == term:
            blocks.append(("rejects", t, favour.get(t, []), reject.get(t, [])))
        u = opposite[t]
        if u and t < u and (term is None or term in (t, u)):
            blocks.append(("opposite", u, favour.get(t, []), favour.get(u, [])))
        for kind, tb, side_a, side_b in blocks:
            if not side_a or not side_b:
                continue
            actors_b = {b for b, _ in side_b}
            if skip:
                size = len(side_a) * len(side_b) - sum(1 for a, _ in side_a if a in actors_b)
                if skip >= size:
                    skip -= size
                    continue
            for a, ca in side_a:
                if skip:
                    row = len(side_b) - (a in actors_b)
                    if skip >= row:
                        skip -= row
                        continue
                for b, cb in side_b:
                    if a != b:
                        if skip:
                            skip -= 1
                        else:
                            yield Pair(kind, a, t, ca, b, tb, cb)


def _cells(store: Store, term: str | None, process: str | None,
           found: Changes | None = None) -> list[dict[str, Any]]:
    """The cells that can take part in a conflict: from the Stance aggregates, or one process's edges, with
    the review view's changes (app/reviewed_cells.py) applied."""
    if process:
        rows = store.run("conflict_cells_process", process=process, term=term)
    else:
        rows = store.run("conflict_cells", term=term)
    return reviewed_cells.conflict_cells(store, rows, found, term)


def page(store: Store, *, term: str | None, skip: int, limit: int, per_side: int,
         process: str | None = None, view: ReviewView = ReviewView.REVIEWED) -> list[dict[str, Any]]:
    """One page of conflicts in the shape of queries/conflicts.cypher, evidence for these rows only; with
    `process`, the conflicts within that process's documents; in a review `view` (reviewed by default)."""
    found = reviewed_cells.changes(store, view, process)
    return _with_evidence(store, list(islice(pairs(_cells(store, term, process, found), term, skip), limit)),
                          per_side, process, found)


def between(store: Store, a: str, b: str, *, term: str | None, per_side: int,
            process: str | None = None, view: ReviewView = ReviewView.REVIEWED) -> list[dict[str, Any]]:
    """Every conflict between actors `a` and `b` (either way round), in the module's order: the cells of the
    other actors are dropped before pairing, so a pair far down the whole list costs no more than the first."""
    found = reviewed_cells.changes(store, view, process)
    cells = [c for c in _cells(store, term, process, found) if c["actor"] in (a, b)]
    return _with_evidence(store, list(pairs(cells, term)), per_side, process, found)


def _with_evidence(store: Store, shown: list[Pair], per_side: int,
                   process: str | None = None, changes: Changes | None = None) -> list[dict[str, Any]]:
    if not shown:
        return []
    cells: dict[str, dict[str, Any]] = {}
    for p in shown:
        for actor, t, relations in ((p.actor_a, p.term_a, FAVOUR_SIDE),
                                    (p.actor_b, p.term_b, REJECT_SIDE if p.kind == "rejects" else FAVOUR_SIDE)):
            key = f"{actor}\x1f{t}\x1f{relations[0]}"
            cells[key] = {"key": key, "actor": actor, "term": t, "relations": relations}
    found: dict[str, dict[str, Any]] | None
    if per_side == 0:  # the compare page's closed cards: names and labels only
        found = {r["key"]: r for r in store.run("cell_names", cells=[{k: c[k] for k in ("key", "actor", "term")}
                                                                     for c in cells.values()])}
    else:
        # the kept sources are the cell's across every process (and the extracted edges')
        reviewed = reviewed_cells.touched(changes, [(c["actor"], c["term"]) for c in cells.values()])
        found = _kept_evidence(store, list(cells.values()), per_side) \
            if per_side <= KEPT_SOURCES and not process and not reviewed else None
    if found is None:
        touched = [(c["actor"], c["term"]) for c in cells.values()]
        room = reviewed_cells.extra_sources(changes, touched)
        found = {r["key"]: r for r in store.run("cell_evidence", cells=list(cells.values()), process=process,
                                                per_cell=per_side + room)}
        for c in cells.values():
            if c["key"] in found:
                row = found[c["key"]] = dict(found[c["key"]])
                row["evidence"] = reviewed_cells.evidence_list(changes, (c["actor"], c["term"]), c["relations"],
                                                               [dict(e) for e in row["evidence"]], per_side)
    rows = []
    for p in shown:
        a = found.get(f"{p.actor_a}\x1f{p.term_a}\x1f{FAVOUR[0]}", {})
        b = found.get(f"{p.actor_b}\x1f{p.term_b}\x1f{(REJECT_SIDE if p.kind == 'rejects' else FAVOUR_SIDE)[0]}", {})
        rows.append({"kind": p.kind, "actor_a": p.actor_a, "actor_a_name": a.get("actor_name"),
                     "term_a": p.term_a, "term_a_label": a.get("term_label"), "actor_b": p.actor_b,
                     "actor_b_name": b.get("actor_name"), "term_b": p.term_b, "term_b_label": b.get("term_label"),
                     "count_a": p.count_a, "count_b": p.count_b,
                     "evidence_a": [dict(e) for e in a.get("evidence", [])],
                     "evidence_b": [dict(e) for e in b.get("evidence", [])]})
    return rows


def _kept_evidence(store: Store, cells: list[dict[str, Any]], per_side: int) -> dict[str, dict[str, Any]] | None:
    """cell_evidence's rows from the sources the cells' Stance aggregates keep (graph/kept.py): one node read
    per cell, the evidence already joined with its document and speaker. None when a list is unknown."""
    kept = {(r["actor"], r["term"]): r for r in
            store.run("cell_kept_evidence", cells=[{"actor": c["actor"], "term": c["term"]} for c in cells])}
    found = {}
    for c in cells:
        row = kept.get((c["actor"], c["term"]))
        texts = row and newest_sources(row, per_side, [r.lower() for r in c["relations"]])
        if row is None or texts is None:
            return None
        found[c["key"]] = {**row, "evidence": [from_json(t) for t in texts]}
    return found
