"""Evidence context: the title and outlet of each cited document and the name of each speaker.

Edges store only ids (doc, speaker); the reader wants "Lavrov in the FT on 2022-03-16". Rather than repeat
the same two look-ups inside every query, routes hand their rows here, which fetches the context of all
cited documents and speakers in two queries and fills it in.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph.model import RELATIONS
from graph.store import Store

Row = dict[str, Any]
# Where a cited document came from, by the row key it gets ("source" is an edge's start in node-link data).
SOURCE_KEYS = {"doc_source": "source", "content_type": "content_type", "meta_origin": "meta_origin",
               "date_origin": "date_origin"}


def context(store: Store, rows: Iterable[Row]) -> tuple[dict[str, Row], dict[str, Row]]:
    """Documents and officials that the rows cite, by id."""
    rows = list(rows)
    docs = sorted({r["doc"] for r in rows if r.get("doc")})
    speakers = sorted({r["speaker"] for r in rows if r.get("speaker")})
    doc_meta = {d["id"]: d for d in store.run("documents_meta", ids=docs)} if docs else {}
    people = {o["id"]: o for o in store.run("officials_by_id", ids=speakers)} if speakers else {}
    return doc_meta, people


def enrich(store: Store, rows: Iterable[Row]) -> list[Row]:
    """The rows, each with title, outlet, url, where the document came from (`SOURCE_KEYS`), speaker_name (and
    date from the document when the edge has none) filled in; rows that have a `title` key already (evidence
    rendered when it was written) are left as they are. Rows are changed in place and returned."""
    rows = list(rows)
    bare = [r for r in rows if "title" not in r]  # rendered evidence (graph/evidence.py) has its context
    if not bare:
        return rows
    doc_meta, people = context(store, bare)
    for r in bare:
        doc = doc_meta.get(r.get("doc") or "", {})
        r["title"] = doc.get("title")
        r["outlet"] = doc.get("outlet")
        r["url"] = doc.get("url")
        for key, stored in SOURCE_KEYS.items():
            r[key] = doc.get(stored)
        if not r.get("date"):
            r["date"] = doc.get("date")
        r["speaker_name"] = people.get(r.get("speaker") or "", {}).get("name")
    return rows


def grouped(rows: Iterable[Row], key: str, head: tuple[str, ...]) -> list[Row]:
    """Rows of one source each, as returned by actor_positions/term_positions (each carrying its group's
    edge counts per relation), folded into one entry per `key`: its `head` fields, counts and sources."""
    groups: dict[str, Row] = {}
    for r in rows:
        g = groups.get(r[key])
        if g is None:
            g = groups[r[key]] = {**{h: r.get(h) for h in head},
                                  "counts": {rel: r.get(rel.lower(), 0) for rel in RELATIONS}, "sources": []}
        g["sources"].append(r)
    return list(groups.values())
