"""DocumentGraphs → the parameter rows of the upsert queries.

Rows are plain JSON-able dicts (`model_dump(mode="json")`), the shape both drivers pass through unchanged.
A position edge's row is its property map, set as it is on the edge just created; a guarantee's properties
that are not part of its identity travel in a `props` map set with `+=`. A property without a value is left
out (the same as null on a new edge, and a batch's parameters are its largest cost on FalkorDB, which receives
them as text).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph.evidence import Renderer
from graph.model import DocumentGraph, Provenance
from graph.vocabulary import Relation

Step = tuple[str, dict[str, Any]]


def _edge_props(prov: Provenance, **extra: Any) -> dict[str, Any]:
    props: dict[str, Any] = {"quote": prov.quote, "confidence": prov.confidence, "rule": prov.rule,
                             "conditional_on": list(prov.conditional_on)}
    if prov.speaker is not None:
        props["speaker"] = prov.speaker
    if prov.date is not None:
        props["date"] = prov.date
    if prov.span is not None:
        props["span_start"], props["span_end"] = prov.span
    if prov.slot is not None:
        props["slot"] = prov.slot
    if extra:
        props.update((k, v) for k, v in extra.items() if v is not None)
    return props


def document_row(graph: DocumentGraph) -> dict[str, Any]:
    return graph.document.model_dump(mode="json")


def document_counts(graphs: Sequence[DocumentGraph]) -> list[dict[str, Any]]:
    """Per document, the edges its write stores (after the same de-duplication as the upsert rows): recorded on
    the Document node when it completes, so that a later load can tell a complete and consistent document
    from one that lost edges; with its guarantees' rendered evidence in sentence order (graph/evidence.py),
    from which the unfiltered /guarantees pages are read."""
    out = []
    for g in graphs:
        positions = {(p.actor, p.relation, p.term, p.provenance.sentence) for p in g.positions}
        guarantees = {(x.guarantor, x.beneficiary, x.provenance.sentence): x for x in g.guarantees}  # last wins
        render = Renderer(g)
        cells = sorted({(p.actor, p.term) for p in g.positions})
        pairs = sorted({(x.guarantor, x.beneficiary) for x in g.guarantees})
        out.append({"id": g.document.id, "positions": len(positions), "guarantees": len(guarantees),
                    "mentions": len(g.actors) + len(g.officials) + len(g.terms),
                    "stance_actors": [a for a, _ in cells], "stance_terms": [t for _, t in cells],
                    "pair_guarantors": [a for a, _ in pairs], "pair_beneficiaries": [b for _, b in pairs],
                    "guarantee_evidence": [render.guarantee(x) for _, x in
                                           sorted(guarantees.items(), key=lambda kx: (kx[0][2], kx[0][:2]))]})
    return out


RELATION_KEYS = {r: r.lower() for r in Relation}  # a relation's counts and dates in a Stance: demands, demands_first …
_COUNT_FIELDS = ("sources", "documents", *RELATION_KEYS.values())


class _Cell:
    """One (actor, term) cell's change: counts, and the first/last dates added and removed (overall and per
    relation, keyed `first`, `demands_first` …)."""

    __slots__ = ("added", "counts", "removed")

    def __init__(self) -> None:
        self.counts = dict.fromkeys(_COUNT_FIELDS, 0)
        self.added: dict[str, str] = {}
        self.removed: dict[str, str] = {}


def _widen(dates: dict[str, str], prefix: str, first: str | None, last: str | None) -> None:
    if first is not None:
        key = prefix + "first"
        old = dates.get(key)
        if old is None or first < old:
            dates[key] = first
    if last is not None:
        key = prefix + "last"
        old = dates.get(key)
        if old is None or last > old:
            dates[key] = last


def stance_deltas(graphs: Sequence[DocumentGraph], removed: Sequence[dict[str, Any]] = ()) -> list[dict[str, Any]]:
    """Rows of apply_stance_deltas: per (actor, term) cell, what the new documents add (edges per relation,
    one document each, the dates they widen first/last to) minus what `removed` takes out
    (document_stance_parts rows of the documents being replaced or deleted), with the removed edges' first
    and last dates so that the query can tell when a cell must be recomputed."""
    cells: dict[tuple[str, str], _Cell] = {}
    for g in graphs:
        seen: set[tuple[str, str, str, int]] = set()
        docs_in: set[tuple[str, str]] = set()
        for p in g.positions:
            prov = p.provenance
            key = (p.actor, p.relation, p.term, prov.sentence)
            if key in seen:  # the upsert merges these into one edge
                continue
            seen.add(key)
            at = (p.actor, p.term)
            cell = cells.get(at)
            if cell is None:
                cell = cells[at] = _Cell()
            rel = RELATION_KEYS[p.relation]
            cell.counts["sources"] += 1
            cell.counts[rel] += 1
            if prov.date is not None:
                _widen(cell.added, "", prov.date, prov.date)
                _widen(cell.added, rel + "_", prov.date, prov.date)
            docs_in.add(at)
        for at in docs_in:
            cells[at].counts["documents"] += 1
    docs_out: set[tuple[str, str, str]] = set()
    for r in removed:
        at = (r["actor"], r["term"])
        cell = cells.get(at)
        if cell is None:
            cell = cells[at] = _Cell()
        rel = RELATION_KEYS[r["relation"]]
        cell.counts["sources"] -= int(r["sources"])
        cell.counts[rel] -= int(r["sources"])
        _widen(cell.removed, "", r.get("first"), r.get("last"))
        _widen(cell.removed, rel + "_", r.get("first"), r.get("last"))
        docs_out.add((r["doc"], *at))
    for _, actor, term in docs_out:
        cells[(actor, term)].counts["documents"] -= 1
    # Unknown dates and zero counts are left out (a missing key reads as null, and the query takes a missing
    # count as 0): FalkorDB's Bolt port crashes on null values inside map parameters, and smaller rows are
    # cheaper to send.
    out = []
    for (actor, term), cell in sorted(cells.items()):
        row: dict[str, Any] = {"actor": actor, "term": term}
        row.update((k, v) for k, v in cell.counts.items() if v)
        row.update(cell.added)
        row.update(("removed_" + k, v) for k, v in cell.removed.items())
        out.append(row)
    return out


def guarantee_pairs(graphs: Sequence[DocumentGraph], old: Sequence[dict[str, Any]] = ()) -> list[dict[str, str]]:
    """The (guarantor, beneficiary) pairs a write touches: those of the new edges, plus `old` ones
    (document_cells rows of kind 'guarantee') that the replaced or deleted edges were in."""
    pairs = {(x.guarantor, x.beneficiary) for g in graphs for x in g.guarantees}
    pairs |= {(r["source"], r["target"]) for r in old if r["kind"] == "guarantee"}
    return [{"source": s, "target": t} for s, t in sorted(pairs)]


def begin_step(graphs: Sequence[DocumentGraph]) -> Step:
    """Documents (over)written and marked incomplete: the first write of a batch."""
    return ("document_begin", {"rows": [document_row(g) for g in graphs]})


# Position edges per upsert_positions query. A batch of many documents keeps its one Stance update per cell (the
# aggregates' cost falls as documents share cells) while the server never holds more than this many edges' rows
# of one query in memory: one query for 10,000 edges raised the embedded server's peak by 100 MB.
EDGES_PER_QUERY = 2500


def _merge_row(merged: dict[Any, dict[str, Any]], key: Any, row: dict[str, Any]) -> None:
    """One row per key, later rows filling in what earlier ones left null: FalkorDB mishandles a query whose
    later rows update an element that an earlier row of the same query merged. The first row is copied (rows
    of shared model objects are reused)."""
    old = merged.get(key)
    if old is None:
        merged[key] = dict(row)
    else:
        old.update({f: v for f, v in row.items() if v is not None})


def upsert_steps(graphs: Sequence[DocumentGraph], existing: Sequence[str]) -> list[Step]:
    """The ordered write queries for a batch's elements, after `begin_step`: the old edges of `existing`
    documents go, then elements are written kind by kind. The store updates the aggregates around them, prunes
    what only the replaced versions mentioned and marks the documents complete last (graph/store.py).
    Nodes are merged one row per id (`_merge_row`) (each model object dumped once: documents of a batch
    often share them); edges are created, one row per identity."""
    actors: dict[Any, dict[str, Any]] = {}
    officials: dict[Any, dict[str, Any]] = {}
    terms: dict[Any, dict[str, Any]] = {}
    dumped: dict[int, dict[str, Any]] = {}
    mentions: dict[str, list[dict[str, Any]]] = {"actors": [], "officials": [], "terms": []}
    positions: dict[tuple[Any, ...], dict[str, Any]] = {}
    guarantees: dict[tuple[Any, ...], dict[str, Any]] = {}

    def dump(model: Any) -> dict[str, Any]:
        row = dumped.get(id(model))
        if row is None:
            row = dumped[id(model)] = model.model_dump(mode="json")
        return row

    for g in graphs:
        doc = g.document.id
        render = Renderer(g)  # a guarantee's evidence travels on its edge (graph/evidence.py)
        for kind, merged, models in (("actors", actors, g.actors), ("officials", officials, g.officials),
                                     ("terms", terms, g.terms)):
            for m in models:
                _merge_row(merged, m.id, dump(m))
            if models:
                mentions[kind].append({"doc": doc, "ids": [m.id for m in models]})
        for p in g.positions:
            prov = p.provenance
            key = (p.actor, p.relation, p.term, doc, prov.sentence)
            row = {"doc": doc, "sentence": prov.sentence, **_edge_props(prov, process=g.document.process)}
            if key in positions:
                _merge_row(positions, key, row)
            else:
                positions[key] = row
        for x in g.guarantees:
            prov = x.provenance
            pair_key = (x.guarantor, x.beneficiary, doc, prov.sentence)
            row = {"guarantor": x.guarantor, "beneficiary": x.beneficiary, "doc": doc, "sentence": prov.sentence,
                   "props": _edge_props(prov, status=x.status, scope=x.scope, proposed_by=x.proposed_by,
                                        evidence=render.guarantee(x), process=g.document.process)}
            if pair_key in guarantees:
                _merge_row(guarantees, pair_key, row)
            else:
                guarantees[pair_key] = row
    # position edges grouped by (actor, term) cell, one list per relation: upsert_positions looks both ends up
    # once per cell
    cells: dict[tuple[str, str], dict[str, Any]] = {}
    for (actor, relation, term, _, _), row in positions.items():
        cell = cells.get((actor, term))
        if cell is None:
            cell = cells[(actor, term)] = {"actor": actor, "term": term}
        cell.setdefault(RELATION_KEYS[relation], []).append(row)
    official_rows = list(officials.values())
    steps: list[Step] = []
    if existing:
        steps += [("document_clear", {"ids": list(existing)}), ("document_clear_mentions", {"ids": list(existing)})]
    steps += [
        ("upsert_actors", {"rows": list(actors.values())}),
        ("upsert_officials", {"rows": official_rows}),
        ("upsert_representation", {"rows": [{k: o[k] for k in ("id", "role", "represents")} for o in official_rows]}),
        ("upsert_terms", {"rows": list(terms.values())}),
        ("upsert_mentions_actors", {"rows": mentions["actors"]}),
        ("upsert_mentions_officials", {"rows": mentions["officials"]}),
        ("upsert_mentions_terms", {"rows": mentions["terms"]}),
        ("upsert_guarantees", {"rows": list(guarantees.values())}),
    ]
    chunk: list[dict[str, Any]] = []
    size = 0
    for cell in cells.values():  # a batch's edges in queries of about EDGES_PER_QUERY
        chunk.append(cell)
        size += sum(len(cell.get(k, ())) for k in RELATION_KEYS.values())
        if size >= EDGES_PER_QUERY:
            steps.append(("upsert_positions", {"cells": chunk}))
            chunk, size = [], 0
    if chunk:
        steps.append(("upsert_positions", {"cells": chunk}))
    return [(name, params) for name, params in steps
            if params.get("rows", params.get("ids", params.get("cells"))) != []]
