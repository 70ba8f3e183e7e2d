"""Analysis across actors: conflicts, common ground, the stance matrix and stance timelines, as plain rows
(the `/analysis/*` routes, the compare and timeline pages and the CLI read them).

DEMANDS, OFFERS and SUPPORTS count as favouring a term, REJECTS as opposing it (the scorer's stance classes).
"""

from __future__ import annotations

from pydantic_core import from_json

from app import conflicts as conflict_pages
from app import reviewed_cells
from app.api import evidence
from app.services.resolve import resolve_actor, resolve_actors, resolve_term, resolve_terms
from graph.kept import FAVOURING, KEPT_SOURCES, newest_sources
from graph.store import Store
from graph.vocabulary import FAVOUR, Relation, ReviewView

ALL_POINTS = 2**31 - 1  # `limit` when every point is wanted (LIMIT takes no null)


def _enrich_sides(store: Store, rows: list[dict]) -> list[dict]:
    evidence.enrich(store, [e for r in rows for e in (*r["evidence_a"], *r["evidence_b"])])
    return rows


def conflict_rows(store: Store, term: str | None = None, per_side: int = 5, skip: int = 0,
                  limit: int = 100, process: str | None = None,
                  view: ReviewView = ReviewView.REVIEWED) -> list[dict]:
    """The rows of `/analysis/conflicts` (also read by the compare page)."""
    term_id = resolve_term(store, term)["id"] if term else None
    rows = conflict_pages.page(store, term=term_id, skip=skip, limit=limit, per_side=per_side, process=process,
                               view=view)
    return _enrich_sides(store, rows)


def conflicts_between(store: Store, a: str, b: str, term: str | None, per_side: int,
                      process: str | None = None, view: ReviewView = ReviewView.REVIEWED) -> list[dict]:
    """Every conflict between two actors (ids), rows as in `/analysis/conflicts` (the compare page)."""
    return _enrich_sides(store, conflict_pages.between(store, a, b, term=term, per_side=per_side, process=process,
                                                       view=view))


def common_ground_rows(store: Store, a: str, b: str, per_side: int = 5, process: str | None = None,
                       view: ReviewView = ReviewView.REVIEWED) -> list[dict]:
    """The rows of `/analysis/common-ground` (also read by the compare page)."""
    actor_a, actor_b = resolve_actor(store, a)["id"], resolve_actor(store, b)["id"]
    found = reviewed_cells.changes(store, view, process)
    rows: list[dict] | None
    if found is not None and (found.touches(actor_a) or found.touches(actor_b)):
        rows = _common_ground_reviewed(store, actor_a, actor_b, per_side, process, found)
    elif process:  # the aggregates sum every process: the process's edges, counted and quoted
        rows = _common_ground_in(store, actor_a, actor_b, per_side, process)
    elif per_side == 0:  # the compare page's closed cards: counts only
        rows = [{**r, "evidence_a": [], "evidence_b": []}
                for r in store.run("common_ground_cells", a=actor_a, b=actor_b)]
    else:
        rows = _common_ground_kept(store, actor_a, actor_b, per_side) if per_side <= KEPT_SOURCES else None
    if rows is None:
        rows = store.run("common_ground", a=actor_a, b=actor_b, per_side=per_side)
    for r in rows:
        r["a"], r["b"] = actor_a, actor_b
    return _enrich_sides(store, rows)


def _common_ground_reviewed(store: Store, a: str, b: str, per_side: int, process: str | None,
                            found: reviewed_cells.Changes) -> list[dict]:
    """common_ground's rows in a review view: from the two actors' matrix cells with the reviews applied, each
    side's evidence read from the edges, less those the view leaves out, plus those it adds."""
    cells = {(r["actor"], r["term"]): r for r in matrix_rows(store, [a, b], None, process, found=found)}
    rows = []
    for term in sorted({t for _, t in cells}):
        x, y = cells.get((a, term)), cells.get((b, term))
        if x is None or y is None:
            continue
        for stance, count_a, count_b in (("favour", sum(x[r.lower()] for r in FAVOUR),
                                          sum(y[r.lower()] for r in FAVOUR)),
                                         ("reject", x["rejects"], y["rejects"])):
            if count_a > 0 and count_b > 0:
                rows.append({"term": term, "label": x["term_label"], "stance": stance, "count_a": count_a,
                             "count_b": count_b, "evidence_a": [], "evidence_b": []})
    if not rows or per_side == 0:
        return rows
    wanted = _side_cells(rows, a, b)
    room = reviewed_cells.extra_sources(found, [(c["actor"], c["term"]) for c in wanted.values()])
    read = {c["key"]: c["evidence"] for c in store.run("cell_evidence", cells=list(wanted.values()),
                                                        process=process, per_cell=per_side + room)}
    for r in rows:
        for side in "ab":
            c = wanted[f"{side}\x1f{r['term']}\x1f{r['stance']}"]
            r[f"evidence_{side}"] = reviewed_cells.evidence_list(
                found, (c["actor"], c["term"]), c["relations"], [dict(e) for e in read.get(c["key"], [])], per_side)
    return rows


def _side_cells(rows: list[dict], a: str, b: str) -> dict[str, dict]:
    """The cells cell_evidence reads for common-ground rows: each side's edges to the row's term with the
    row's stance, keyed `side, term, stance` (joined by \\x1f)."""
    cells = {}
    for r in rows:
        relations = [Relation.REJECTS] if r["stance"] == "reject" else list(FAVOUR)
        for side, actor in (("a", a), ("b", b)):
            key = f"{side}\x1f{r['term']}\x1f{r['stance']}"
            cells[key] = {"key": key, "actor": actor, "term": r["term"], "relations": relations}
    return cells


def _common_ground_in(store: Store, a: str, b: str, per_side: int, process: str) -> list[dict]:
    """common_ground's rows within one process: the cells from that process's edges, each side's newest
    `per_side` edges of the process (none when `per_side` is 0) read with cell_evidence."""
    rows = [{**r, "evidence_a": [], "evidence_b": []}
            for r in store.run("common_ground_cells_process", process=process, a=a, b=b)]
    if not rows or per_side == 0:
        return rows
    cells = _side_cells(rows, a, b)
    found = {c["key"]: c["evidence"] for c in store.run("cell_evidence", cells=list(cells.values()),
                                                         process=process, per_cell=per_side)}
    for r in rows:
        for side in "ab":
            r[f"evidence_{side}"] = [dict(e) for e in found.get(f"{side}\x1f{r['term']}\x1f{r['stance']}", [])]
    return rows


def _common_ground_kept(store: Store, a: str, b: str, per_side: int) -> list[dict] | None:
    """common_ground's rows from the sources the two actors' Stance aggregates keep (graph/kept.py); None when
    a list is unknown (a cell a running load has counted and not yet given its lists)."""
    out = []
    for r in store.run("common_ground_kept", a=a, b=b):
        relations = FAVOURING if r["stance"] == "favour" else ("rejects",)
        sides = [newest_sources({k[2:]: v for k, v in r.items() if k.startswith(f"{x}_")}, per_side, relations)
                 for x in "ab"]
        if sides[0] is None or sides[1] is None:
            return None
        out.append({k: r[k] for k in ("term", "label", "stance", "count_a", "count_b")} |
                   {"evidence_a": [from_json(t) for t in sides[0]], "evidence_b": [from_json(t) for t in sides[1]]})
    return out


def matrix_rows(store: Store, actor: list[str] | None = None, term: list[str] | None = None,
                process: str | None = None, view: ReviewView = ReviewView.REVIEWED,
                found: reviewed_cells.Changes | None = None) -> list[dict]:
    """The rows of `/analysis/matrix` (also read by the pages): the Stance aggregates, or one process's edges
    counted, with the review view's changes applied (`found`, when the caller has them already)."""
    actors, terms = resolve_actors(store, actor), resolve_terms(store, term)
    if process:
        rows = store.run("stance_matrix_process", process=process, actors=actors, terms=terms)
    else:
        rows = store.run("stance_matrix", actors=actors, terms=terms)
    if found is None:
        found = reviewed_cells.changes(store, view, process)
    return reviewed_cells.matrix(store, rows, found, actors, terms)


def timeline_rows(store: Store, actor: str, term: str | None = None, skip: int = 0,
                  limit: int | None = None, process: str | None = None,
                  view: ReviewView = ReviewView.REVIEWED) -> list[dict]:
    """The rows of `/analysis/timeline` (also read by the timeline page): `limit` points from `skip` on, every
    point when `limit` is None. The point before the page is read too, for the first point's `changed`."""
    actor_id = resolve_actor(store, actor)["id"]
    term_id = resolve_term(store, term)["id"] if term else None
    found = reviewed_cells.changes(store, view, process)
    if found is not None and found.touches(actor_id, term_id):  # every point read, the reviews applied, paged
        rows = reviewed_cells.timeline(store, store.run("stance_timeline", actor=actor_id, term=term_id,
                                                        process=process, skip=0, limit=ALL_POINTS),
                                       found, actor_id, term_id)
        before = 1 if skip > 0 else 0
        rows = rows[skip - before:None if limit is None else skip + limit]
    else:
        before = 1 if skip > 0 else 0
        paged = (_terms_page(store, actor_id, skip - before, limit + before)
                 if term_id is None and process is None and limit is not None else None)
        rows = paged if paged is not None else store.run(
            "stance_timeline", actor=actor_id, term=term_id, process=process, skip=skip - before,
            limit=ALL_POINTS if limit is None else limit + before)
    previous: dict[str, str] = {}
    for r in rows:
        r["actor"] = actor_id
        r["stance"] = "favour" if r["relation"] in FAVOUR else "reject"
        r["changed"] = r["term"] in previous and previous[r["term"]] != r["stance"]
        previous[r["term"]] = r["stance"]
    return evidence.enrich(store, rows[before:])


def _terms_page(store: Store, actor: str, skip: int, limit: int) -> list[dict] | None:
    """An actor's all-terms timeline from `skip`, at most `limit` points, read from the terms the page falls on
    only (queries/stance_timeline_terms.cypher); None when the Stance aggregates' counts do not add up to the
    points read (a load under way), and the whole timeline's query answers.

    Why: the timeline is ordered by term first, and each (actor, term) Stance cell counts its points, so the
    page's terms are known before any edge is read; reading every edge of the actor cost 380 ms of Neo4j CPU
    at 100,000 documents."""
    counts = [(c["term"], sum(c[r] or 0 for r in ("demands", "offers", "supports", "rejects")))
              for c in store.run("stance_cells", actors=[actor], terms=None)]
    counts.sort()
    terms: list[str] = []
    first, offset = 0, 0
    for term, n in counts:
        if offset + n > skip and offset < skip + limit:
            first = first if terms else offset
            terms.append(term)
        offset += n
    if not terms:
        return [] if offset <= skip else None
    rows = store.run("stance_timeline_terms", actor=actor, terms=terms, skip=skip - first, limit=limit)
    return rows if len(rows) == min(limit, offset - skip) else None


def busiest_pair(store: Store, process: str | None = None,
                 view: ReviewView = ReviewView.REVIEWED) -> tuple[str | None, str | None]:
    """The two actors with the most positions (in the process, if one is chosen): a sensible first comparison
    when none is chosen."""
    totals: dict[str, int] = {}
    for cell in matrix_rows(store, process=process, view=view):
        totals[cell["actor"]] = totals.get(cell["actor"], 0) + cell["total"]
    ranked = sorted(totals, key=lambda a: (-totals[a], a))
    return (ranked[0] if ranked else None), (ranked[1] if len(ranked) > 1 else None)
