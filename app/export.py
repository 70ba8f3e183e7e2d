"""The position graph as files other tools open: GraphML (networkx, Gephi, yEd), CSV (pandas, spreadsheets)
and node-link JSON. Used by the `/export/*` routes and `peacegraph export`, both on `graphdata.fetch` output,
so an export holds exactly the edges `/graph` returns for the same filters.

GraphML allows scalar attributes only: a missing value is left out (not written as an empty string, which
would change its type), and lists are joined with `;`. The GraphML is written here, in one pass over the
node-link data, with the standard library's XML escaping: networkx's writer (a MultiDiGraph copied twice, then
an ElementTree serialised element by element) cost 30-40 ms for 500 edges, most of the export's time. The
graph it writes is the one `networkx.write_graphml` wrote for the same data (tests/integration/test_json_reads.py
reads both back with `networkx.read_graphml` and compares them): the same nodes, edges, keys and typed
attributes, in the same order. Characters XML 1.0 cannot hold (control characters other than tab, newline and
carriage return) are left out, so the file always parses.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from graph.vocabulary import EdgeRelation

# The last four say where the cited document came from: its file, URL or dump row, its content type, the origin
# of its metadata and of its date ('inferred' when the date was read from the text).
PROVENANCE_COLUMNS = ("doc_source", "content_type", "meta_origin", "date_origin")
POSITION_COLUMNS = ("actor", "actor_name", "relation", "term", "term_label", "date", "doc", "title", "outlet",
                    "url", "sentence", "quote", "speaker", "speaker_name", "confidence", "rule", *PROVENANCE_COLUMNS)
GUARANTEE_COLUMNS = ("guarantor", "guarantor_name", "beneficiary", "beneficiary_name", "status", "scope",
                     "proposed_by", "date", "doc", "title", "outlet", "url", "sentence", "quote", "speaker",
                     "speaker_name", "confidence", "rule", *PROVENANCE_COLUMNS)


def _scalar(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    return value


GRAPHML_HEAD = ('<?xml version=\'1.0\' encoding=\'utf-8\'?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing'
                '.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_type(kinds: set[type]) -> str:
    """The GraphML type of an attribute from the Python types of its values (as networkx names them)."""
    if kinds == {bool}:
        return "boolean"
    if kinds == {int}:
        return "long"
    if kinds <= {int, float}:
        return "double"
    return "string"


def _escape(text: str) -> str:
    """Element text escaped as ElementTree escapes it."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


_ATTRIBUTE_ESCAPES = str.maketrans({'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#09;"})


def _attr(text: str) -> str:
    """An attribute value in double quotes, escaped as ElementTree escapes it."""
    return '"' + _escape(text).translate(_ATTRIBUTE_ESCAPES) + '"'


def _text(value: Any, xml_type: str) -> str:
    if xml_type == "boolean":
        return "true" if value else "false"
    if xml_type == "double":
        return str(float(value))
    return _escape(value if type(value) is str else str(value))


def graphml(data: dict[str, Any]) -> bytes:
    """GraphML of the node-link data: a directed multigraph, one edge per source sentence (the link's `key` its
    id; a repeated key between the same two nodes is one edge, as in networkx), every attribute a string,
    number or boolean."""
    nodes: dict[Any, dict[str, Any]] = {}
    for n in data.get("nodes", []):
        attrs = nodes.setdefault(n["id"], {})
        attrs.update((k, _scalar(v)) for k, v in n.items() if k != "id" and v is not None)
    # edges as networkx iterates a MultiDiGraph: by source in node order, then target, then key as added
    adjacency: dict[Any, dict[Any, dict[Any, dict[str, Any]]]] = {}
    for link in data.get("links", []):
        u, v, key = link["source"], link["target"], link.get("key")
        for node in (u, v):
            nodes.setdefault(node, {})
        attrs = adjacency.setdefault(u, {}).setdefault(v, {}).setdefault(key, {})
        attrs.update((k, _scalar(x)) for k, x in link.items()
                     if k not in ("source", "target", "key") and x is not None)
    edges = [(u, v, key, attrs) for u in nodes for v, keyed in adjacency.get(u, {}).items()
             for key, attrs in keyed.items()]
    kinds: dict[tuple[str, str], set[type]] = {}
    for scope, attr_dicts in (("node", nodes.values()), ("edge", (e[3] for e in edges))):
        for attrs in attr_dicts:
            for k, x in attrs.items():
                kinds.setdefault((scope, k), set()).add(type(x))
    types = {key: _xml_type(k) for key, k in kinds.items()}
    out = [GRAPHML_HEAD]
    for (scope, name), xml_type in reversed(types.items()):  # networkx writes the last key first
        out.append(f'  <key id={_attr(name)} for="{scope}" attr.name={_attr(name)} attr.type="{xml_type}" />\n')
    # each attribute's opening tag and type, written once
    tags = {key: (f"      <data key={_attr(key[1])}>", xml_type) for key, xml_type in types.items()}
    ids = {node: _attr(str(node)) for node in nodes}
    out.append('  <graph edgedefault="directed">\n' if nodes else '  <graph edgedefault="directed" />\n')
    for node, attrs in nodes.items():
        if not attrs:
            out.append(f"    <node id={ids[node]} />\n")
            continue
        out.append(f"    <node id={ids[node]}>\n")
        for k, x in attrs.items():
            tag, xml_type = tags["node", k]
            out.append(f"{tag}{_text(x, xml_type)}</data>\n")
        out.append("    </node>\n")
    for u, v, key, attrs in edges:
        head = f"    <edge source={ids[u]} target={ids[v]} id={_attr(str(key))}"
        if not attrs:
            out.append(head + " />\n")
            continue
        out.append(head + ">\n")
        for k, x in attrs.items():
            tag, xml_type = tags["edge", k]
            out.append(f"{tag}{_text(x, xml_type)}</data>\n")
        out.append("    </edge>\n")
    if nodes:
        out.append("  </graph>\n")
    out.append("</graphml>\n")
    return _NOT_XML.sub("", "".join(out)).encode("utf-8")


def _labels(data: dict[str, Any]) -> dict[str, str]:
    return {n["id"]: n.get("label") or n["id"] for n in data.get("nodes", [])}


def position_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    labels = _labels(data)
    return [{**{c: link.get(c) for c in POSITION_COLUMNS}, "actor": link["source"], "term": link["target"],
             "actor_name": labels.get(link["source"]), "term_label": labels.get(link["target"])}
            for link in data.get("links", []) if link.get("relation") != EdgeRelation.GUARANTEES]


def guarantee_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    labels = _labels(data)
    return [{**{c: link.get(c) for c in GUARANTEE_COLUMNS}, "guarantor": link["source"],
             "beneficiary": link["target"], "guarantor_name": labels.get(link["source"]),
             "beneficiary_name": labels.get(link["target"])}
            for link in data.get("links", []) if link.get("relation") == EdgeRelation.GUARANTEES]


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
