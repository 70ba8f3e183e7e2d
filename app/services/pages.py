"""The data of the server-rendered pages (guarantees, the stance matrix, two actors compared, a stance timeline,
documents): each function takes the store and the page's resolved filters and returns what its template shows.

Each page reads through the functions behind the JSON API (`app.graphdata.fetch` with the `/graph` filters,
`app.services.analysis` and `app.services.documents`), so a page shows what the API answers and follows it
when the queries underneath change. Where a table has thousands of cells (the matrix and guarantees pages)
its cells go out as compact JSON that `static/views.js` draws; the matrix, guarantees and compare pages send
no quote up front: a cell, chip or compare card loads its sources from the JSON API when opened.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Any
from urllib.parse import quote

from app import guarantee_reviewing, reviewed_cells, reviewing
from app.candidates import candidate_rows, taken_ids, yaml_snippet
from app.charts import timeline_chart
from app.doctext import highlight
from app.graphdata import GraphFilter, fetch, grouped_edges
from app.presentation import RELATION_VERBS, phrase
from app.services import analysis, documents, per_stamp
from app.services.resolve import resolve_actor, resolve_term
from graph.model import GUARANTEE_STATUSES, RELATIONS
from graph.store import Store
from graph.vocabulary import EdgeRelation, GuaranteeStatus, Relation, ReviewSubject, ReviewView
from loaders.codebook import Codebook

Page = dict[str, Any]


FORM_DOCUMENTS = 500  # the newest documents a form's document picker offers


def _form_list(store: Store, name: str) -> list[Any]:
    if name == "actors":
        return sorted(store.run("actors"), key=lambda a: (a.get("name") or a["id"]).lower())
    if name == "terms":
        return sorted(store.run("terms"), key=lambda t: (t.get("label") or t["id"]).lower())
    if name == "documents":
        return store.run("documents_brief", limit=FORM_DOCUMENTS)
    return [p for p in process_rows(store) if p["process"]]


def process_rows(store: Store) -> list[Any]:
    """Every process with its counts of documents and positions (documents with none under a null process),
    read once per write stamp: the query scans every Document. A copy (the rows are shared: not to be changed)."""
    return list(per_stamp.kept(store, "processes", lambda: store.run("processes")))


def _kept_form_list(store: Store, name: str) -> list[Any]:
    """A form's list as read once per write stamp, copied (the rows themselves are shared: not to be changed)."""
    return list(per_stamp.kept(store, ("form list", name), lambda: _form_list(store, name)))


def choices(store: Store, documents: bool = True) -> dict[str, Any]:
    """What the filter forms offer: the actors, terms and documents in the store (a form with no document
    filter, as on the compare and timeline pages, skips reading the 500 newest documents). The lists are read
    once per write stamp of the store (app/services/per_stamp.py)."""
    names = ("actors", "terms", "processes", *(("documents",) if documents else ()))
    found = {name: _kept_form_list(store, name) for name in names}
    return {**found, "documents": found.get("documents", []),
            "relations": list(EdgeRelation), "statuses": list(GuaranteeStatus)}


def _labels(data: dict[str, Any]) -> dict[str, str]:
    return {n["id"]: str(n.get("label") or n["id"]) for n in data.get("nodes", [])}


# -- guarantees ----------------------------------------------------------------------------------------------
# Sources a chip's or a cell's panel loads when clicked, newest first (its tooltip gives the total).
CELL_SOURCES = 500


def _names(found: dict[str, Any]) -> dict[str, str]:
    """Actor names and term labels by id, from the lists the filter form shows."""
    labels = {a["id"]: str(a.get("name") or a["id"]) for a in found["actors"]}
    labels.update({t["id"]: str(t.get("label") or t["id"]) for t in found["terms"]})
    return labels


def _axis(ids: set[str], labels: dict[str, str]) -> list[tuple[str, str]]:
    return [(x, labels.get(x) or x) for x in sorted(ids, key=lambda x: ((labels.get(x) or x).lower(), x))]


def _filters(f: GraphFilter, *keys: str) -> dict[str, Any]:
    """The page's own filters that a lazily loaded list must repeat (None and empty left out)."""
    values = {"relation": f.relations, "date_from": f.date_from, "date_to": f.date_to, "doc": f.doc,
              "process": f.process, "min_confidence": f.min_confidence}
    return {k: values[k] for k in keys if values[k]}


def guarantees(store: Store, f: GraphFilter) -> Page:
    """Guarantors down, beneficiaries across, one chip per status with its number of sources (the filters are
    those of `/graph`, relation fixed to GUARANTEES).

    Why this shape: the page used to embed the newest 2,000 guarantees with their quotes and render a guarantor
    x beneficiary table of thousands of cells with Jinja (0.3-0.5 s a page at 10,000 guarantees). Now the chips
    come from the GuaranteeSummary aggregates (every guarantee counted, no edge read) unless a date or document
    filter asks for the edges themselves, and a chip's sources are loaded from `/guarantees` (or, within one
    document, `/graph`) when it is clicked. `view` (as reviewed by default): the reviews of guarantees change the
    chips they touch (app/guarantee_reviewing.py), and a chip's sources are loaded in the same view."""
    found = choices(store)
    labels = _names(found)
    chips: list[tuple[str, str, str, int, int]] = []  # guarantor, beneficiary, status, sources, documents
    statuses = f.statuses or list(GUARANTEE_STATUSES)
    truncated, total = False, 0
    if not (f.date_from or f.date_to or f.doc or f.process or f.min_confidence):
        # the aggregates count the extracted edges; the reviews of `view` change the chips they touch
        changes = guarantee_reviewing.summary_changes(guarantee_reviewing.reviewed_state(store), ReviewView(f.view))
        for r in store.run("guarantee_summaries", actors=f.actors):
            for status in GUARANTEE_STATUSES:
                change = changes.pop((r["guarantor"], r["beneficiary"], status), [0, 0])
                if int(r.get(status) or 0) + change[0] > 0:
                    chips.append((r["guarantor"], r["beneficiary"], status, int(r.get(status) or 0) + change[0],
                                  int(r.get(f"{status}_documents") or 0) + change[1]))
        chips += [(g, b, s, n, d) for (g, b, s), (n, d) in changes.items() if n > 0]
        chips = [c for c in chips if c[2] in statuses and (f.actors is None or c[0] in f.actors or c[1] in f.actors)]
        total = sum(c[3] for c in chips)
    else:
        data = fetch(store, dataclasses.replace(f, relations=[EdgeRelation.GUARANTEES]))
        labels.update(_labels(data))
        chips = [(e["source"], e["target"], e["status"], e["count"], e["documents"]) for e in grouped_edges(data)]
        truncated, total = data["graph"]["truncated"], data["graph"]["total"]
    guarantors = _axis({c[0] for c in chips}, labels)
    beneficiaries = _axis({c[1] for c in chips}, labels)
    row = {g: i for i, (g, _) in enumerate(guarantors)}
    col = {b: i for i, (b, _) in enumerate(beneficiaries)}
    order: dict[str, int] = {s: i for i, s in enumerate(GUARANTEE_STATUSES)}
    chips.sort(key=lambda c: (row[c[0]], col[c[1]], order.get(c[2], 9)))
    # A chip's sources: /guarantees answers exactly one guarantor, beneficiary and status (with the dates);
    # /graph is asked only within one document (its actor filter takes either end; the page keeps the pair).
    dates = {**_filters(f, "date_from", "date_to"), **({} if f.view == ReviewView.REVIEWED else {"view": f.view})}
    if f.doc or f.process or f.min_confidence:
        load = {"path": "/graph", "params": {**_filters(f, "doc", "process", "min_confidence"), **dates,
                                             "relation": EdgeRelation.GUARANTEES}, "limit": CELL_SOURCES}
    else:
        load = {"path": "/guarantees", "params": dates, "limit": CELL_SOURCES}
    view = {"kind": "guarantees", "rows": guarantors, "cols": beneficiaries,
            "chips": [[row[g], col[b], s, n, d] for g, b, s, n, d in chips],
            "verbs": {s: phrase(EdgeRelation.GUARANTEES, s) for s in GUARANTEE_STATUSES}, "load": load}
    shown = sum(c[3] for c in chips)
    return {"choices": found, "view": view, "edge_count": len(chips), "source_count": shown,
            "truncated": truncated, "total": total}


# -- stance matrix -------------------------------------------------------------------------------------------
def matrix_cells(data: dict[str, Any]) -> dict[tuple[str, str], tuple[int, ...]]:
    """(actor, term) → sources per relation (in RELATIONS' order) and distinct documents, counted from the
    links of `data`."""
    counts: dict[tuple[str, str], list[int]] = {}
    docs: dict[tuple[str, str], set[str]] = {}
    for link in data["links"]:
        if link.get("relation") not in RELATIONS:
            continue
        key = (link["source"], link["target"])
        counts.setdefault(key, [0] * len(RELATIONS))[RELATIONS.index(link["relation"])] += 1
        docs.setdefault(key, set()).add(link["doc"])
    return {k: (*c, len(docs[k])) for k, c in counts.items()}


def matrix(store: Store, f: GraphFilter) -> Page:
    """Actors (rows) by terms (columns), each cell its sources per relation and documents.

    Without a date, document or relation filter the cells come from the Stance aggregates (every cell, its
    full counts; no edge is read) with the reviews of `f.view` applied (app/reviewed_cells.py); with one, from
    the newest edges `/graph` answers in that view. The cells go out as compact JSON (Jinja took 0.1 s for
    2,400 cells and the page weighed 1 MB), and a cell's sources are loaded from `/graph` when clicked."""
    found = choices(store)
    labels = _names(found)
    relations = [r for r in (f.relations or RELATIONS) if r in RELATIONS]
    aggregates = set(relations) == set(RELATIONS) and not (f.date_from or f.date_to or f.doc or f.process
                                                           or f.min_confidence)
    truncated, total = False, 0
    cells: dict[tuple[str, str], tuple[int, ...]]  # demands, offers, supports, rejects, documents
    data: dict[str, Any]
    if aggregates:
        rows = reviewed_cells.matrix(store, store.run("stance_cells", actors=f.actors, terms=f.terms),
                                     reviewed_cells.changes(store, ReviewView(f.view)), f.actors, f.terms)
        cells = {(r["actor"], r["term"]): (r["demands"] or 0, r["offers"] or 0, r["supports"] or 0,
                                           r["rejects"] or 0, r["documents"] or 0) for r in rows}
    else:
        data = fetch(store, dataclasses.replace(f, relations=relations)) if relations else \
            {"nodes": [], "links": [], "graph": {"total": 0, "truncated": False}}
        labels.update(_labels(data))
        cells = matrix_cells(data)
        truncated, total = data["graph"]["truncated"], data["graph"]["total"]
    cells = {k: c for k, c in cells.items() if any(c[:4])}
    actors = _axis({a for a, _ in cells}, labels)
    terms = _axis({t for _, t in cells}, labels)
    row = {a: i for i, (a, _) in enumerate(actors)}
    col = {t: i for i, (t, _) in enumerate(terms)}
    view = {"kind": "matrix", "rows": actors, "cols": terms,
            "cells": sorted([row[a], col[t], *c] for (a, t), c in cells.items()),
            "relations": [RELATION_VERBS[r] for r in Relation],
            "load": {"path": "/graph", "params": {**({} if aggregates else {
                **_filters(f, "date_from", "date_to", "doc", "process", "min_confidence"), "relation": relations}),
                **({} if f.view == ReviewView.REVIEWED else {"view": f.view})}, "limit": CELL_SOURCES}}
    sources = sum(sum(c[:4]) for c in cells.values())
    found["relations"] = list(RELATIONS)
    return {"choices": found, "view": view, "cell_count": len(cells), "source_count": sources,
            "truncated": truncated, "total": total if truncated else sources}


# -- compare two actors --------------------------------------------------------------------------------------
RELATION_QUERY = {"favour": "relation=DEMANDS&relation=OFFERS&relation=SUPPORTS", "reject": "relation=REJECTS"}


@functools.lru_cache(maxsize=4096)
def _quoted(value: str) -> str:
    return quote(value, safe="")


def _side(actor: str, name: str | None, term: str, label: str | None, stance: str, count: int,
          process: str | None = None, view: ReviewView = ReviewView.REVIEWED) -> dict:
    """One side of a compare card: whose sources, how many, and where they are (`/graph`, loaded when the
    card is opened; `/pages/graph`, the same edges drawn, for a reader without JavaScript), within the page's
    process if it has one. The query string is put together from quoted ids (urlencode for 1,000 sides took
    25 ms)."""
    query = f"actor={_quoted(actor)}&term={_quoted(term)}&{RELATION_QUERY[stance]}"
    if process:
        query += f"&process={_quoted(process)}"
    if view != ReviewView.REVIEWED:
        query += f"&view={view}"
    return {"name": name or actor, "label": label or term, "count": count,
            "sources": f"/graph?{query}&limit={CELL_SOURCES}", "graph": f"/pages/graph?{query}"}


def _given(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def compare(store: Store, a: str | None, b: str | None, term: str | None, process: str | None,
            view: ReviewView) -> Page:
    """Where two actors clash and where they agree, each card with the number of sources on both sides (the
    busiest two when neither is given).

    Why no sources: two busy actors clash on dozens of terms, and the page that listed the newest sources of
    every card up front (960 quotes) took 0.3 s to build and weighed 1 MB, for cards a reader mostly leaves
    closed; a card loads them when opened."""
    a, b, term = _given(a), _given(b), _given(term)
    if a is None and b is None:
        a, b = analysis.busiest_pair(store, process, view)
    actor_a = resolve_actor(store, a) if a else None
    actor_b = resolve_actor(store, b) if b else None
    term_ref = resolve_term(store, term) if term else None
    clashes: list[dict[str, Any]] = []
    common: list[dict[str, Any]] = []
    if actor_a and actor_b:
        for c in analysis.conflicts_between(store, actor_a["id"], actor_b["id"],
                                            term=term_ref["id"] if term_ref else None, per_side=0, process=process,
                                            view=view):
            clashes.append({**c, "side_a": _side(c["actor_a"], c["actor_a_name"], c["term_a"], c["term_a_label"],
                                                 "favour", c["count_a"], process, view),
                            "side_b": _side(c["actor_b"], c["actor_b_name"], c["term_b"], c["term_b_label"],
                                            "reject" if c["kind"] == "rejects" else "favour", c["count_b"], process,
                                            view)})
        for row in analysis.common_ground_rows(store, a=actor_a["id"], b=actor_b["id"], per_side=0,
                                               process=process, view=view):
            if term_ref is None or row["term"] == term_ref["id"]:
                stance = "favour" if row["stance"] == "favour" else "reject"
                common.append({**row, "side_a": _side(actor_a["id"], actor_a["name"], row["term"], row["label"],
                                                      stance, row["count_a"], process, view),
                               "side_b": _side(actor_b["id"], actor_b["name"], row["term"], row["label"],
                                               stance, row["count_b"], process, view)})
    found = choices(store, documents=False)
    form = {"a": actor_a["id"] if actor_a else "", "b": actor_b["id"] if actor_b else "",
            "term": term_ref["id"] if term_ref else "", "process": process or "", "view": str(view)}
    return {"form": form, "choices": found, "actor_a": actor_a, "actor_b": actor_b, "clashes": clashes,
            "common": common, "term": term_ref}


# -- timeline ------------------------------------------------------------------------------------------------
def timeline(store: Store, actor: str | None, term: str | None, process: str | None, view: ReviewView) -> Page:
    """The actor's points in date order and their chart (the busiest actor when none is given)."""
    actor, term = _given(actor), _given(term)
    if actor is None:
        actor, _ = analysis.busiest_pair(store, process, view)
    actor_ref = resolve_actor(store, actor) if actor else None
    term_ref = resolve_term(store, term) if term else None
    points = analysis.timeline_rows(store, actor=actor_ref["id"], term=term_ref["id"] if term_ref else None,
                                    process=process, view=view) if actor_ref else []
    chart = timeline_chart(points)
    found = choices(store, documents=False)
    form = {"actor": actor_ref["id"] if actor_ref else "", "term": term_ref["id"] if term_ref else "",
            "process": process or "", "view": str(view)}
    return {"form": form, "choices": found, "actor": actor_ref, "term": term_ref, "points": points,
            "chart": chart}


# -- candidate actors ----------------------------------------------------------------------------------------
def candidates(store: Store, process: str | None, codebook: Any) -> Page:
    """Names the codebook does not know, with their mention counts, and the YAML that adds them to a pack."""
    rows = candidate_rows(store, process, 100, codebook)
    snippet = yaml_snippet(rows, process, taken_ids(codebook)) if rows else ""
    return {"rows": rows, "snippet": snippet, "form": {"process": process or ""},
            "processes": choices(store, documents=False)["processes"]}


# -- documents -----------------------------------------------------------------------------------------------
DOCUMENTS_PAGE = 50


def documents_list(store: Store, date_from: str | None, date_to: str | None, skip: int, process: str | None) -> Page:
    """One page of documents, newest first, and whether there are more. The process picker's list is the
    filter forms' (read once per write stamp), not a count over every document per page."""
    limit = DOCUMENTS_PAGE
    rows = documents.document_rows(store, date_from=date_from, date_to=date_to, skip=skip, limit=limit + 1,
                                   process=process)
    more = len(rows) > limit
    form = {"date_from": date_from or "", "date_to": date_to or "", "process": process or ""}
    found = {"processes": _kept_form_list(store, "processes")}
    return {"docs": rows[:limit], "form": form, "choices": found, "skip": skip, "limit": limit, "more": more}


def picker_names(store: Store, codebook: Codebook) -> dict[str, list[tuple[str, str]]]:
    """The actor and term pickers of the review form: every actor of the codebook and of the store by id, under
    its name and each alias (typing "Kyiv" offers UKR, "Vatican" the Holy See though no document names it), and
    every term under its label. The codebook's part is made once per codebook."""
    key = "review_pickers"
    if key not in codebook.compiled:
        codebook.compiled[key] = (
            {(a.id, label) for a in codebook.actors.values() for label in (a.name, *a.aliases)},
            {(t.id, t.label) for t in codebook.terms.values()})
    known_actors, known_terms = codebook.compiled[key]
    actors = sorted(known_actors | {(a["id"], label) for a in store.run("actors")
                                    for label in (a.get("name") or a["id"], *(a.get("aliases") or []))})
    terms = sorted(known_terms | {(t["id"], t.get("label") or t["id"]) for t in store.run("terms")})
    return {"actors": actors, "terms": terms}


def review(store: Store, limit: int) -> Page:
    """The review queue (as `GET /review/queue`) with a heading per item, the figures of `GET /review/stats` and
    the orphaned reviews."""
    found = reviewing.queue(store, limit)
    for item in found["items"]:
        if item.get("subject") == ReviewSubject.GUARANTEE:
            item["heading"] = (f"{item.get('guarantor_name') or item['guarantor']} "
                               f"{phrase(EdgeRelation.GUARANTEES, item['status'])} "
                               f"{item.get('beneficiary_name') or item['beneficiary']}")
        else:
            item["heading"] = (f"{item.get('actor_name') or item['actor']} {phrase(item['relation'])} "
                               f"{item.get('term_label') or item['term']}")
    return {"queue": found, "stats": reviewing.stats(store), "orphans": reviewing.orphans(store), "limit": limit}


def document(store: Store, doc_id: str, codebook: Codebook) -> Page:
    """The document's text with every sentence that gave a position or guarantee highlighted, what was extracted
    (as reviewed: rejected ones too, struck through), its orphaned reviews and the review form's pickers."""
    doc = documents.document_detail(store, doc_id, ReviewView.BOTH)
    shown = [p for p in doc["positions"] if p.get("layer") != "extracted" or p.get("review_status") == "rejected"]
    items = [{**p, "kind": "position", "heading": f"{p.get('actor_name') or p['actor']} {phrase(p['relation'])} "
                                                  f"{p.get('term_label') or p['term']}"} for p in shown]
    items += [{**g, "kind": "guarantee", "heading": f"{g.get('guarantor_name') or g['guarantor']} "
                                                    f"{phrase(EdgeRelation.GUARANTEES, g['status'])} "
                                                    f"{g.get('beneficiary_name') or g['beneficiary']}"}
              for g in doc["guarantees"] if g.get("layer") != "extracted" or g.get("review_status") == "rejected"]
    items.sort(key=lambda i: (i.get("sentence") or 0, i["kind"]))
    for n, item in enumerate(items):
        item["anchor"] = f"p-{n}"
    text_html, unplaced = highlight(doc.get("text"), items)
    names = picker_names(store, codebook)
    return {"doc": doc, "items": items, "text_html": text_html, "unplaced": unplaced, "orphans": doc["orphans"],
            "names": names, "statuses": list(GUARANTEE_STATUSES),
            "verbs": {s: phrase(EdgeRelation.GUARANTEES, s) for s in GUARANTEE_STATUSES}}
