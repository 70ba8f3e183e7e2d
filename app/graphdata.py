"""A filtered subgraph of positions and guarantees as node-link JSON, and as a networkx MultiDiGraph.

The `/graph` endpoint, the pyvis page and the notebook client all go through `fetch`, so the page draws
exactly the edges that `/graph` returns. Several edges may join the same pair (one per source sentence), so
the graph is a MultiDiGraph whose edge key is `relation:doc:sentence`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import networkx as nx

from app import guarantee_reviewing, reviewing
from app.api import evidence
from app.newest_cells import newest_rows
from app.services.document_order import newest_documents
from graph.store import Store
from graph.vocabulary import ActorKind, EdgeRelation, Relation, ReviewView

DEFAULT_LIMIT = 2000
MAX_LIMIT = 20_000
EDGE_FIELDS = ("relation", "status", "scope", "proposed_by", "doc", "title", "outlet", "url", "date", "sentence",
               "quote", "speaker", "speaker_name", "confidence", "rule", "doc_source", "content_type",
               "meta_origin", "date_origin", "review_status", "layer")


@dataclass(frozen=True)
class GraphFilter:
    """Resolved filters (node ids, upper-case relations); None means no filter."""

    actors: list[str] | None = None
    terms: list[str] | None = None
    relations: list[str] | None = None
    statuses: list[str] | None = None
    date_from: str | None = None
    date_to: str | None = None
    doc: str | None = None
    process: str | None = None  # a process pack's id: edges of that process's documents only
    min_confidence: float | None = None  # edges whose confidence reaches it only (edges without one are kept)
    limit: int = DEFAULT_LIMIT
    view: str = ReviewView.REVIEWED  # extracted, reviewed (rejected hidden, edits applied, added shown) or both


def confidence_floor(asked: float | None, default: float) -> float | None:
    """The floor a request asked for, else the service's; 0 is no floor (the queries then skip the test)."""
    floor = default if asked is None else asked
    return floor or None


def fetch(store: Store, f: GraphFilter) -> dict[str, Any]:
    """Node-link data of the edges matching `f` (newest first, at most `f.limit`), evidence filled in."""
    rows = _newest(store, f)
    if rows is None:
        rows = _filtered(store, f)
    rows = reviewing.apply_to_edges(store, rows, ReviewView(f.view), keep=lambda row: passes(row, f))
    rows = guarantee_reviewing.apply_to_edges(store, rows, ReviewView(f.view), keep=lambda row: passes(row, f))
    evidence.enrich(store, rows)
    return node_link(rows, f)


def passes(row: dict[str, Any], f: GraphFilter) -> bool:
    """Whether an edge a review made or changed passes the filters (as the queries apply them: a guarantee's
    actor filter takes either end, its status filter applies to guarantees only, and a term filter leaves
    guarantees out)."""
    date = row.get("date")
    guarantee = row["relation"] == EdgeRelation.GUARANTEES
    return ((f.actors is None or row["source"] in f.actors or (guarantee and row["target"] in f.actors))
            and (f.terms is None or (not guarantee and row["target"] in f.terms))
            and (f.statuses is None or not guarantee or row.get("status") in f.statuses)
            and (f.relations is None or row["relation"] in f.relations) and (f.doc is None or row["doc"] == f.doc)
            and (f.process is None or row.get("process") == f.process)
            and (f.min_confidence is None or row.get("confidence") is None or row["confidence"] >= f.min_confidence)
            and (f.date_from is None or (date is not None and date >= f.date_from))
            and (f.date_to is None or (date is not None and (date <= f.date_to or date.startswith(f.date_to)))))


POSITION_RELATIONS = frozenset(Relation)


def _filtered(store: Store, f: GraphFilter) -> list[dict[str, Any]]:
    """The rows of a filtered graph from the variant that starts where the filter points (a document's edges by
    index, the actors', the terms') instead of scanning every edge; the same filters and rows
    (queries/graph_edges*.cypher).

    Why the actors' and terms' variants leave `total` out: counting in the query that orders meant collecting
    and sorting every edge of the actor or term (37,000 and 50,000 at 100,000 documents: 165-210 ms of
    FalkorDB CPU, 250-320 ms on Neo4j for 200 rows), where ORDER BY … LIMIT keeps only the page. A page shorter
    than the limit is its own total; otherwise the aggregates tell it when only actors, terms and relations
    filter (graph_edges_total), and the variant's count query when other filters do."""
    name = ("graph_edges_doc" if f.doc else "graph_edges_actors" if f.actors else "graph_edges_terms"
            if f.terms else "graph_edges")
    params = dict(actors=f.actors, terms=f.terms, relations=f.relations, statuses=f.statuses, date_from=f.date_from,
                  date_to=f.date_to, doc=f.doc, process=f.process, min_confidence=f.min_confidence, limit=f.limit)
    counted = not (f.statuses or f.date_from or f.date_to or f.process or f.min_confidence)
    if counted and name in ("graph_edges_actors", "graph_edges_terms"):
        found = newest_rows(store, f.actors, f.terms, f.relations, f.limit)
        if found is not None:
            return found
    rows = store.run(name, **params)
    if rows and rows[0]["total"] is None:
        if len(rows) < f.limit:
            total = len(rows)
        elif not counted:
            total = store.run(f"{name}_count", **params)[0]["total"]
        else:
            total = store.run("graph_edges_total", actors=f.actors, terms=f.terms, relations=f.relations)[0]["total"]
        for r in rows:
            r["total"] = total
    return rows


def _newest(store: Store, f: GraphFilter) -> list[dict[str, Any]] | None:
    """The rows of an unfiltered graph (or one filtered only to all position relations, or to guarantees, as
    the matrix and guarantees pages ask) taken from the newest documents, or None when `f` is not such a
    filter or the documents' recorded edge counts do not add up (the general query answers then).

    Why: the newest `limit` of 200,000 edges cost a sort of every edge (about a second). Documents record how
    many position and guarantee edges their load stored, so the newest documents that hold `limit` edges are
    taken from the kept order of the documents (app/services/document_order.py: read once per documents
    version, where documents_recent sorted every document per request, 50-190 ms at 100,000 documents), and
    only their edges are read (graph_edges_docs); the total comes from the aggregates (edge_totals). Among
    edges of one date, those of the newest documents (then by document id) are kept."""
    if f.actors or f.terms or f.doc or f.statuses or f.date_from or f.date_to or f.process or f.min_confidence:
        return None
    relations = set(f.relations or EdgeRelation)
    positions = relations >= POSITION_RELATIONS
    guarantees = EdgeRelation.GUARANTEES in relations
    if relations - POSITION_RELATIONS - {EdgeRelation.GUARANTEES} or (not positions and
                                                                      relations != {EdgeRelation.GUARANTEES}):
        return None  # a subset of the position relations: documents do not record counts per relation
    totals = store.run("edge_totals")[0]
    total = sum(int(totals.get(r.lower()) or 0) for r in relations)  # demands … guarantees
    if total == 0:
        return []
    wanted = min(f.limit, total)
    chosen: list[str] = []
    held = 0
    for doc, doc_positions, doc_guarantees in newest_documents(store):
        chosen.append(doc)
        held += (doc_positions or 0) * positions + (doc_guarantees or 0) * guarantees
        if held >= wanted:
            break
    rows = store.run("graph_edges_docs", docs=chosen, relations=sorted(relations), limit=f.limit)
    if len(rows) < wanted:
        return None  # recorded counts out of step with the edges (a load that never completed): count them
    for r in rows:
        r["total"] = total
    return rows


def node_link(rows: list[dict[str, Any]], f: GraphFilter) -> dict[str, Any]:
    nodes: dict[str, dict[str, Any]] = {}
    links: list[dict[str, Any]] = []
    for r in rows:
        if r["source"] not in nodes:
            nodes[r["source"]] = {"id": r["source"], "type": "Actor", "kind": r.get("source_kind") or ActorKind.STATE,
                                  "label": r.get("source_label") or r["source"]}
        if r["target"] not in nodes:
            is_term = r["target_type"] == "Term"
            nodes[r["target"]] = {"id": r["target"], "type": r["target_type"],
                                  "kind": "term" if is_term else (r.get("target_kind") or ActorKind.STATE),
                                  "label": r.get("target_label") or r["target"]}
            if is_term:
                nodes[r["target"]]["category"] = r.get("target_category")
        link = {"source": r["source"], "target": r["target"], "key": f"{r['relation']}:{r['doc']}:{r['sentence']}"}
        link.update({k: r.get(k) for k in EDGE_FIELDS})
        links.append(link)
    total = next((r["total"] for r in rows if r.get("total") is not None), len(rows))
    return {
        "directed": True,
        "multigraph": True,
        "graph": {"filters": {k: v for k, v in asdict(f).items() if v is not None}, "total": total,
                  "truncated": total > len(links)},
        "nodes": list(nodes.values()),
        "links": links,
    }


def to_networkx(data: dict[str, Any]) -> nx.MultiDiGraph:
    """The node-link data as a MultiDiGraph (node attributes type/kind/label, edge attributes evidence)."""
    return nx.node_link_graph(data, directed=True, multigraph=True, edges="links")


SOURCE_FIELDS = ("doc", "title", "outlet", "url", "date", "sentence", "quote", "speaker", "speaker_name",
                 "confidence", "rule", "scope", "proposed_by", "review_status")


def grouped_edges(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The links of node-link `data` folded into one edge per (actor, relation, term), or per (guarantor,
    beneficiary, status) for guarantees, each with its sources (newest first, as `fetch` orders them).

    The pages draw these: a reader wants one arrow "Russia demands neutrality, 6 sources", not six parallel
    arrows. `count` is the number of source sentences, `documents` the number of distinct documents."""
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    for link in data.get("links", []):
        relation = link.get("relation")
        status = link.get("status") if relation == EdgeRelation.GUARANTEES else None
        key = (link["source"], relation, link["target"], status)
        group = groups.get(key)
        if group is None:
            group = groups[key] = {"id": "|".join(str(k or "") for k in key), "source": link["source"],
                                   "target": link["target"], "relation": relation, "status": status, "sources": []}
        source = {k: link.get(k) for k in SOURCE_FIELDS}
        if relation in POSITION_RELATIONS:  # what the panel asks /review/history by
            source["review_key"] = {"doc": link.get("doc"), "sentence": link.get("sentence"),
                                    "actor": link["source"], "relation": relation, "term": link["target"]}
        elif relation == EdgeRelation.GUARANTEES:  # and /review/guarantees/history
            source["review_key"] = {"doc": link.get("doc"), "sentence": link.get("sentence"),
                                    "guarantor": link["source"], "beneficiary": link["target"]}
        group["sources"].append(source)
    for group in groups.values():
        group["count"] = len(group["sources"])
        group["documents"] = len({s["doc"] for s in group["sources"]})
    return list(groups.values())
