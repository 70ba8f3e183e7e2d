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


def upsert_steps(graphs: Sequence[DocumentGraph], existing: Sequence[str]) -> list[Step]:
    """The ordered write queries for a batch: documents begin (incomplete), their old edges go, elements
    are merged kind by kind, and only then are the documents marked complete."""
    docs, actors, officials, terms, mentions, positions, guarantees = [], [], [], [], [], [], []
    for g in graphs:
        doc = g.document.id
        docs.append(document_row(g))
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
    ids = [d["id"] for d in docs]
    officials = _unique(officials, "id")
    steps: list[Step] = [("document_begin", {"rows": docs})]
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
        ("document_complete", {"ids": ids}),
    ]
    return [(name, params) for name, params in steps if params.get("rows", params.get("ids")) != []]
