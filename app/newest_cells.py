"""An actor's or a term's newest edges read from the cells that can hold them, not from all its edges.

Why: at 100,000 documents an actor holds 37,000 edges and a term 50,000; even kept by ORDER BY … LIMIT, reading
every one's order keys cost 80 ms of FalkorDB CPU for a page of 200. The aggregates already know, per (actor,
term) cell, how many sources of each relation it holds and the order key of its newest one (the kept keys of
graph/kept.py), and per (guarantor, beneficiary) pair how many guarantees. The page's edges come in the order
date (newest, undated first), source, target, document, sentence, so a cell whose newest possible key
(its newest date, its source, its target) comes after the page's last row holds none of the page. The cells are
taken in that order until they hold `limit` edges, the page is read from them (and from every guarantee pair,
whose newest date is not kept), and the first cell left out is checked against the page's last row; when it
could still hold a row of the page, every cell that could is added and the page read once more.

Only filters of actors, terms and relations are answered here (the aggregates count nothing else), and only
while every cell's kept keys are known; otherwise `newest_rows` returns None and the caller asks the queries.
"""

from __future__ import annotations

from typing import Any

from graph.kept import parse_key
from graph.store import Store
from graph.vocabulary import EdgeRelation, Relation

Order = tuple[bool, str, str, str]  # (dated, date, source, target): a cell's or row's place, see _before


def _before(a: Order, b: Order) -> bool:
    """Whether `a` comes before `b` in graph_edges' order: undated first, then date newest first, source, target."""
    if a[0] != b[0]:
        return not a[0]
    if a[1] != b[1]:
        return a[1] > b[1]
    return a[2:] < b[2:]


def _cell_order(cell: dict[str, Any], wanted: list[str]) -> Order | None:
    """The place of the cell's newest wanted source, None when its kept keys are unknown."""
    classes = ["all"] if len(wanted) == len(Relation) else wanted
    dates: list[str] = []
    undated = False
    for cls in classes:
        if cls != "all" and not cell[cls]:
            continue
        text = cell[f"{cls}_newest"]
        if text is None:
            return None
        date = parse_key(text)[0]
        undated = undated or date is None
        dates.append(date or "")
    return not undated, "" if undated else max(dates), cell["source"], cell["target"]


def newest_rows(store: Store, actors: list[str] | None, terms: list[str] | None, relations: list[str] | None,
                limit: int) -> list[dict[str, Any]] | None:
    """The first `limit` rows of graph_edges_actors (or _terms) for these filters, each with `total`; None when
    the aggregates cannot tell (a cell whose kept keys are unknown)."""
    asked = set(relations or EdgeRelation)
    wanted = [r.lower() for r in Relation if r in asked]
    cells: list[tuple[Order, dict[str, Any], int]] = []
    pairs: list[dict[str, Any]] = []
    total = 0
    for cell in store.run("graph_cells", actors=actors, terms=terms):
        if cell["kind"] == "guarantee":
            if EdgeRelation.GUARANTEES in asked:
                pairs.append({"source": cell["source"], "term": None, "beneficiary": cell["target"]})
                total += cell["guarantees"] or 0
            continue
        count = sum(cell[cls] or 0 for cls in wanted)
        if count:
            order = _cell_order(cell, wanted)
            if order is None:
                return None
            cells.append((order, cell, count))
            total += count
    cells.sort(key=lambda c: c[0][2:])
    cells.sort(key=lambda c: (not c[0][0], c[0][1]), reverse=True)  # stable: undated, then newest first
    upto, held = 0, 0
    while upto < len(cells) and held < limit:
        held += cells[upto][2]
        upto += 1
    while True:
        chosen = [{"source": c["source"], "term": c["target"], "beneficiary": None} for _, c, _ in cells[:upto]]
        rows = store.run("graph_edges_cells", pairs=chosen + pairs, relations=relations, limit=limit)
        if upto == len(cells):
            break
        if len(rows) < limit:  # the counts out of step with the edges (a load under way): read every cell
            upto = len(cells)
            continue
        last = rows[-1]
        last_order: Order = (last["date"] is not None, last["date"] or "", last["source"], last["target"])
        if _before(last_order, cells[upto][0]):
            break
        while upto < len(cells) and not _before(last_order, cells[upto][0]):
            upto += 1  # every cell that could still hold a row of the page
    for r in rows:
        r["total"] = total
    return rows
