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
        out.append({"id": g.document.id, "positions": len(positions), "guarantees": len(guarantees),
                    "mentions": len(g.actors) + len(g.officials) + len(g.terms)})
    return out


def cells_of(graphs: Sequence[DocumentGraph], old: Sequence[dict[str, Any]] = ()) -> dict[str, list[dict[str, str]]]:
    """The aggregate cells a write touches: the (actor, term) and (guarantor, beneficiary) pairs of the new
    edges, plus `old` ones (rows of document_cells: kind, source, target) that the replaced edges were in."""
    stances = {(p.actor, p.term) for g in graphs for p in g.positions}
    pairs = {(x.guarantor, x.beneficiary) for g in graphs for x in g.guarantees}
    for row in old:
        (stances if row["kind"] == "stance" else pairs).add((row["source"], row["target"]))
    return {"stance": [{"source": s, "target": t} for s, t in sorted(stances)],
            "guarantee": [{"source": s, "target": t} for s, t in sorted(pairs)]}


def aggregate_steps(cells: dict[str, list[dict[str, str]]]) -> list[Step]:
    """Recompute the aggregates of the touched cells from their evidence, and drop the ones left empty."""
    steps: list[Step] = [
        ("refresh_stances", {"cells": cells["stance"]}),
        ("prune_stances", {"cells": cells["stance"]}),
        ("refresh_guarantee_summaries", {"cells": cells["guarantee"]}),
        ("prune_guarantee_summaries", {"cells": cells["guarantee"]}),
    ]
    return [(name, params) for name, params in steps if params["cells"]]


def upsert_steps(graphs: Sequence[DocumentGraph], existing: Sequence[str],
                 old_cells: Sequence[dict[str, Any]] = (), old_mentions: Sequence[dict[str, Any]] = ()) -> list[Step]:
    """The ordered write queries for a batch: documents begin (incomplete), their old edges go, elements
    are merged kind by kind, the aggregates of every cell touched (old or new) are recomputed, the nodes only
    the replaced versions mentioned are pruned (`old_mentions`: documents_mentioned rows), and only then are
    the documents marked complete, with the edge counts they stored."""
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
    ]
    steps += aggregate_steps(cells_of(graphs, old_cells))
    steps.append(("prune_orphans", {"rows": list(old_mentions)}))
    steps.append(("document_complete", {"rows": document_counts(graphs)}))
    return [(name, params) for name, params in steps
            if params.get("rows", params.get("ids", params.get("cells"))) != []]
