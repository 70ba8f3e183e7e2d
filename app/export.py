"""The position graph as files other tools open: GraphML (networkx, Gephi, yEd), CSV (pandas, spreadsheets)
and node-link JSON. Used by the `/export/*` routes and `peacegraph export`, both on `graphdata.fetch` output,
so an export holds exactly the edges `/graph` returns for the same filters.

GraphML allows scalar attributes only: a missing value is left out (not written as an empty string, which
would change its type), and lists are joined with `;`.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import networkx as nx

from app.graphdata import to_networkx

POSITION_COLUMNS = ("actor", "actor_name", "relation", "term", "term_label", "date", "doc", "title", "outlet",
                    "url", "sentence", "quote", "speaker", "speaker_name", "confidence", "rule")
GUARANTEE_COLUMNS = ("guarantor", "guarantor_name", "beneficiary", "beneficiary_name", "status", "scope",
                     "proposed_by", "date", "doc", "title", "outlet", "url", "sentence", "quote", "speaker",
                     "speaker_name", "confidence", "rule")


def _scalar(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    return value


def graphml(data: dict[str, Any]) -> bytes:
    """GraphML of the node-link data: a directed multigraph, one edge per source sentence, every attribute a
    string, number or boolean."""
    g = to_networkx(data)
    clean = nx.MultiDiGraph()
    for node, attrs in g.nodes(data=True):
        clean.add_node(node, **{k: _scalar(v) for k, v in attrs.items() if v is not None})
    for u, v, key, attrs in g.edges(keys=True, data=True):
        clean.add_edge(u, v, key=key, **{k: _scalar(x) for k, x in attrs.items() if x is not None})
    out = io.BytesIO()
    nx.write_graphml(clean, out, encoding="utf-8", named_key_ids=True)
    return out.getvalue()


def _labels(data: dict[str, Any]) -> dict[str, str]:
    return {n["id"]: n.get("label") or n["id"] for n in data.get("nodes", [])}


def position_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    labels = _labels(data)
    return [{**{c: link.get(c) for c in POSITION_COLUMNS}, "actor": link["source"], "term": link["target"],
             "actor_name": labels.get(link["source"]), "term_label": labels.get(link["target"])}
            for link in data.get("links", []) if link.get("relation") != "GUARANTEES"]


def guarantee_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    labels = _labels(data)
    return [{**{c: link.get(c) for c in GUARANTEE_COLUMNS}, "guarantor": link["source"],
             "beneficiary": link["target"], "guarantor_name": labels.get(link["source"]),
             "beneficiary_name": labels.get(link["target"])}
            for link in data.get("links", []) if link.get("relation") == "GUARANTEES"]


def to_csv(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _scalar(v) for k, v in row.items()})
    return out.getvalue()


def positions_csv(data: dict[str, Any]) -> str:
    """One row per position edge (actor, relation, term) with its evidence columns."""
    return to_csv(position_rows(data), POSITION_COLUMNS)


def guarantees_csv(data: dict[str, Any]) -> str:
    """One row per guarantee edge (guarantor, beneficiary, status) with its evidence columns."""
    return to_csv(guarantee_rows(data), GUARANTEE_COLUMNS)


def node_link_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)
