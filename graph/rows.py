"""DocumentGraphs → the parameter rows of the upsert queries.

Rows are plain JSON-able dicts (`model_dump(mode="json")`), the shape both drivers pass through unchanged.
Edge properties that are not part of an edge's identity travel in a `props` map and are set with `+=`, so a
property that became null is removed rather than left stale.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph.model import DocumentGraph, Provenance

Step = tuple[str, dict[str, Any]]


def _edge_props(prov: Provenance, **extra: Any) -> dict[str, Any]:
    span = prov.span or (None, None)
    return {
        "quote": prov.quote,
        "speaker": prov.speaker,
        "date": prov.date,
        "confidence": prov.confidence,
        "rule": prov.rule,
        "conditional_on": list(prov.conditional_on),
        "span_start": span[0],
        "span_end": span[1],
        **extra,
    }


def document_row(graph: DocumentGraph) -> dict[str, Any]:
    return graph.document.model_dump(mode="json")


def _unique(rows: list[dict[str, Any]], *key: str) -> list[dict[str, Any]]:
    """One row per key, later rows filling in what earlier ones left null: FalkorDB mishandles a query whose
    later rows update an element that an earlier row of the same query merged."""
    merged: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        k = tuple(row[f] for f in key)
        if k in merged:
            merged[k].update({f: v for f, v in row.items() if v is not None})
        else:
            merged[k] = dict(row)
    return list(merged.values())


def document_counts(graphs: Sequence[DocumentGraph]) -> list[dict[str, Any]]:
    """Per document, the edges its write stores (after the same de-duplication as the upsert rows): recorded on
    the Document node when it completes, so that a later load can tell a complete and consistent document
    from one that lost edges."""
    out = []
    for g in graphs:
        positions = {(p.actor, p.relation, p.term, p.provenance.sentence) for p in g.positions}
        guarantees = {(x.guarantor, x.beneficiary, x.provenance.sentence) for x in g.guarantees}
        cells = sorted({(p.actor, p.term) for p in g.positions})
        pairs = sorted({(x.guarantor, x.beneficiary) for x in g.guarantees})
        out.append({"id": g.document.id, "positions": len(positions), "guarantees": len(guarantees),
                    "mentions": len(g.actors) + len(g.officials) + len(g.terms),
                    "stance_actors": [a for a, _ in cells], "stance_terms": [t for _, t in cells],
                    "pair_guarantors": [a for a, _ in pairs], "pair_beneficiaries": [b for _, b in pairs]})
    return out


RELATION_KEYS = {"DEMANDS": "demands", "OFFERS": "offers", "SUPPORTS": "supports", "REJECTS": "rejects"}
_DATE_FIELDS = ("", *(f"{k}_" for k in RELATION_KEYS.values()))


def _earlier(a: str | None, b: str | None) -> str | None:
    return b if a is None else a if b is None else min(a, b)


def _later(a: str | None, b: str | None) -> str | None:
    return b if a is None else a if b is None else max(a, b)


def stance_deltas(graphs: Sequence[DocumentGraph], removed: Sequence[dict[str, Any]] = ()) -> list[dict[str, Any]]:
    """Rows of apply_stance_deltas: per (actor, term) cell, what the new documents add (edges per relation,
    one document each, the dates they widen first/last to) minus what `removed` takes out
    (document_stance_parts rows of the documents being replaced or deleted), with the removed edges' first
    and last dates so that the query can tell when a cell must be recomputed."""
    cells: dict[tuple[str, str], dict[str, Any]] = {}

    def cell(actor: str, term: str) -> dict[str, Any]:
        row = cells.get((actor, term))
        if row is None:
            row = cells[(actor, term)] = {"actor": actor, "term": term, "sources": 0, "documents": 0,
                                          **{k: 0 for k in RELATION_KEYS.values()},
                                          **{f"{x}{e}": None for x in _DATE_FIELDS for e in ("first", "last")},
                                          **{f"removed_{x}{e}": None for x in _DATE_FIELDS
                                             for e in ("first", "last")}}
        return row

    for g in graphs:
        seen: set[tuple[str, str, str, int]] = set()
        docs_in: set[tuple[str, str]] = set()
        for p in g.positions:
            key = (p.actor, p.relation, p.term, p.provenance.sentence)
            if key in seen:  # the upsert merges these into one edge
                continue
            seen.add(key)
            row, rel, date = cell(p.actor, p.term), RELATION_KEYS[p.relation], p.provenance.date
            row["sources"] += 1
            row[rel] += 1
            for prefix in ("", f"{rel}_"):
                row[f"{prefix}first"] = _earlier(row[f"{prefix}first"], date)
                row[f"{prefix}last"] = _later(row[f"{prefix}last"], date)
            docs_in.add((p.actor, p.term))
        for actor, term in docs_in:
            cell(actor, term)["documents"] += 1
    docs_out: set[tuple[str, str, str]] = set()
    for r in removed:
        row, rel = cell(r["actor"], r["term"]), RELATION_KEYS[r["relation"]]
        row["sources"] -= int(r["sources"])
        row[rel] -= int(r["sources"])
        for prefix in ("", f"{rel}_"):
            row[f"removed_{prefix}first"] = _earlier(row[f"removed_{prefix}first"], r.get("first"))
            row[f"removed_{prefix}last"] = _later(row[f"removed_{prefix}last"], r.get("last"))
        docs_out.add((r["doc"], r["actor"], r["term"]))
    for _, actor, term in docs_out:
        cell(actor, term)["documents"] -= 1
    # Unknown dates are left out rather than sent as null (a missing key reads as null in the query):
    # FalkorDB's Bolt port crashes on null values inside map parameters.
    return [{k: v for k, v in cells[key].items() if v is not None} for key in sorted(cells)]


def guarantee_pairs(graphs: Sequence[DocumentGraph], old: Sequence[dict[str, Any]] = ()) -> list[dict[str, str]]:
    """The (guarantor, beneficiary) pairs a write touches: those of the new edges, plus `old` ones
    (document_cells rows of kind 'guarantee') that the replaced or deleted edges were in."""
    pairs = {(x.guarantor, x.beneficiary) for g in graphs for x in g.guarantees}
    pairs |= {(r["source"], r["target"]) for r in old if r["kind"] == "guarantee"}
    return [{"source": s, "target": t} for s, t in sorted(pairs)]


def begin_step(graphs: Sequence[DocumentGraph]) -> Step:
    """Documents (over)written and marked incomplete: the first write of a batch."""
    return ("document_begin", {"rows": [document_row(g) for g in graphs]})


def upsert_steps(graphs: Sequence[DocumentGraph], existing: Sequence[str]) -> list[Step]:
    """The ordered write queries for a batch's elements, after `begin_step`: the old edges of `existing`
    documents go, then elements are merged kind by kind. The store updates the aggregates around them, prunes
    what only the replaced versions mentioned and marks the documents complete last (graph/store.py)."""
    actors: list[dict[str, Any]] = []
    officials: list[dict[str, Any]] = []
    terms: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []
    positions: list[dict[str, Any]] = []
    guarantees: list[dict[str, Any]] = []
    for g in graphs:
        doc = g.document.id
        actors += [a.model_dump(mode="json") for a in g.actors]
        officials += [o.model_dump(mode="json") for o in g.officials]
        terms += [t.model_dump(mode="json") for t in g.terms]
        mentions += [{"doc": doc, "actor": a.id, "official": None, "term": None} for a in g.actors]
        mentions += [{"doc": doc, "actor": None, "official": o.id, "term": None} for o in g.officials]
        mentions += [{"doc": doc, "actor": None, "official": None, "term": t.id} for t in g.terms]
        positions += [
            {
                "actor": p.actor,
                "relation": p.relation,
                "term": p.term,
                "doc": doc,
                "sentence": p.provenance.sentence,
                "props": _edge_props(p.provenance),
            }
            for p in g.positions
        ]
        guarantees += [
            {
                "guarantor": x.guarantor,
                "beneficiary": x.beneficiary,
                "doc": doc,
                "sentence": x.provenance.sentence,
                "props": _edge_props(x.provenance, status=x.status, scope=x.scope, proposed_by=x.proposed_by),
            }
            for x in g.guarantees
        ]
    officials = _unique(officials, "id")
    steps: list[Step] = []
    if existing:
        steps += [("document_clear", {"ids": list(existing)}), ("document_clear_mentions", {"ids": list(existing)})]
    steps += [
        ("upsert_actors", {"rows": _unique(actors, "id")}),
        ("upsert_officials", {"rows": officials}),
        ("upsert_representation", {"rows": [{k: o[k] for k in ("id", "role", "represents")} for o in officials]}),
        ("upsert_terms", {"rows": _unique(terms, "id")}),
        ("upsert_mentions", {"rows": mentions}),
        ("upsert_positions", {"rows": _unique(positions, "actor", "relation", "term", "doc", "sentence")}),
        ("upsert_guarantees", {"rows": _unique(guarantees, "guarantor", "beneficiary", "doc", "sentence")}),
    ]
    return [(name, params) for name, params in steps
            if params.get("rows", params.get("ids", params.get("cells"))) != []]
