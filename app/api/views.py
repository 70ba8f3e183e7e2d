"""Server-rendered views: guarantees, the stance matrix, two actors compared, a stance timeline, documents.

Each view reads through the functions behind the JSON API (`app.graphdata.fetch` with the `/graph` filters,
the `/analysis/*` and `/documents` route functions), so a view shows what the API answers and follows it when
the queries underneath change. Everything is rendered on the server (charts as inline SVG); the only script,
`static/panel.js` + `static/views.js`, opens a cell's sources in the side panel from data in the page.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse

from app.api import analysis, documents
from app.api.deps import StoreDep
from app.api.graph import GraphFilterDep
from app.api.pages import choices, form_of
from app.api.params import FAVOUR, DateFrom, DateTo, Skip
from app.api.resolve import resolve_actor, resolve_term
from app.charts import timeline_chart
from app.doctext import highlight
from app.graphdata import fetch, grouped_edges
from app.templating import render
from app.viz import phrase
from graph.model import GUARANTEE_STATUSES, RELATIONS

router = APIRouter(prefix="/pages", tags=["pages"])

Html = HTMLResponse
OptionalText = Annotated[str | None, Query()]


def _labels(data: dict[str, Any]) -> dict[str, str]:
    return {n["id"]: str(n.get("label") or n["id"]) for n in data.get("nodes", [])}


def _form(request: Request, f: Any) -> dict[str, Any]:
    form = form_of(request)
    form["actor"], form["term"] = f.actors or [], f.terms or []
    return form


# -- guarantees ----------------------------------------------------------------------------------------------
@router.get("/guarantees", response_class=HTMLResponse, summary="Guarantees: guarantor x beneficiary (HTML)")
def guarantees_page(request: Request, store: StoreDep, f: GraphFilterDep) -> Html:
    """Guarantors down, beneficiaries across; each cell holds one chip per status with its number of sources,
    and a click on a chip lists them. The filters are those of `/graph` (relation fixed to GUARANTEES)."""
    data = fetch(store, dataclasses.replace(f, relations=["GUARANTEES"]))
    labels = _labels(data)
    edges = grouped_edges(data)
    order = {s: i for i, s in enumerate(GUARANTEE_STATUSES)}
    cells: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for e in edges:
        cells.setdefault((e["source"], e["target"]), []).append(e)
    for chips in cells.values():
        chips.sort(key=lambda e: order.get(e["status"], 9))
    guarantors = sorted({e["source"] for e in edges}, key=lambda x: labels[x].lower())
    beneficiaries = sorted({e["target"] for e in edges}, key=lambda x: labels[x].lower())
    sources = {e["id"]: {"heading": f"{labels[e['source']]} {phrase('GUARANTEES', e['status'])} "
                                    f"{labels[e['target']]}", "items": e["sources"]} for e in edges}
    found = choices(store)
    return Html(render("guarantees.html", page="guarantees", form=_form(request, f), choices=found, cells=cells,
                       guarantors=guarantors, beneficiaries=beneficiaries, labels=labels, sources=sources,
                       edge_count=len(edges), source_count=len(data["links"]), graph=data["graph"]))


# -- stance matrix -------------------------------------------------------------------------------------------
STANCE_COLOURS = {"favour": (47, 143, 70), "oppose": (192, 57, 43), "mixed": (142, 107, 191)}


def matrix_cells(data: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """(actor, term) → counts per relation, sources, documents and the stance: favour (only demands, offers,
    supports), oppose (only rejects) or mixed."""
    cells: dict[tuple[str, str], dict[str, Any]] = {}
    for link in data["links"]:
        if link.get("relation") not in RELATIONS:
            continue
        cell = cells.setdefault((link["source"], link["target"]),
                                {"counts": dict.fromkeys(RELATIONS, 0), "sources": [], "docs": set()})
        cell["counts"][link["relation"]] += 1
        cell["sources"].append(link)
        cell["docs"].add(link["doc"])
    for cell in cells.values():
        favour = sum(cell["counts"][r] for r in FAVOUR)
        oppose = cell["counts"]["REJECTS"]
        cell["stance"] = "mixed" if favour and oppose else ("favour" if favour else "oppose")
        cell["total"] = favour + oppose
        cell["documents"] = len(cell.pop("docs"))
    return cells


def cell_style(stance: str, total: int, most: int) -> str:
    r, g, b = STANCE_COLOURS[stance]
    alpha = 0.25 + 0.75 * math.log2(total + 1) / math.log2(max(most, 1) + 1)
    text = "#fff" if alpha > 0.6 else "#111"
    return f"background: rgba({r}, {g}, {b}, {alpha:.2f}); color: {text}"


@router.get("/matrix", response_class=HTMLResponse, summary="Stance matrix: actors x terms (HTML)")
def matrix_page(request: Request, store: StoreDep, f: GraphFilterDep) -> Html:
    """A heat map of actors (rows) by terms (columns): colour says favour / oppose / mixed, depth and number
    say how many sources; a click on a cell lists them. The filters are those of `/graph`."""
    relations = [r for r in (f.relations or RELATIONS) if r in RELATIONS]
    if set(relations) == set(RELATIONS) and not (f.date_from or f.date_to or f.doc):
        data, labels, cells = _aggregate_cells(store, f)
    else:
        data = fetch(store, dataclasses.replace(f, relations=relations)) if relations else \
            {"nodes": [], "links": [], "graph": {"total": 0, "truncated": False}}
        labels = _labels(data)
        cells = matrix_cells(data)
    actors = sorted({a for a, _ in cells}, key=lambda x: labels[x].lower())
    terms = sorted({t for _, t in cells}, key=lambda x: labels[x].lower())
    most = max((c["total"] for c in cells.values()), default=1)
    sources: dict[str, Any] = {}
    for (a, t), cell in cells.items():
        cell["id"] = f"{a}|{t}"
        cell["style"] = cell_style(cell["stance"], cell["total"], most)
        parts = ", ".join(f"{RELATIONS_VERB[r]} {n}" for r, n in cell["counts"].items() if n)
        cell["tooltip"] = (f"{labels[a]} — {labels[t]}: {cell['stance']} ({parts}); {cell['total']} sources in "
                           f"{cell['documents']} documents")
        sources[cell["id"]] = {"heading": f"{labels[a]} on {labels[t]}: {parts}", "items": cell["sources"]}
        if "load" in cell:
            sources[cell["id"]]["load"] = cell["load"]
    found = choices(store)
    found["relations"] = list(RELATIONS)
    return Html(render("matrix.html", page="matrix", form=_form(request, f), choices=found, cells=cells,
                       actors=actors, terms=terms, labels=labels, sources=sources, graph=data["graph"],
                       source_count=data["graph"].get("sources", len(data["links"]))))


# Sources a matrix cell's panel loads when clicked, newest first (the cell's tooltip gives its total).
CELL_SOURCES = 500


def _aggregate_cells(store: StoreDep, f: Any) -> tuple[dict[str, Any], dict[str, str], dict[tuple[str, str], Any]]:
    """The matrix from the Stance aggregates (every cell, its full counts; no edge is read): the page's data
    stub, labels and cells in the shape of `matrix_cells`, each cell's sources left for the panel to load from
    `/graph` when the cell is clicked (`load`: the cell's actor and term, and how many sources at most).
    Why: the matrix drawn from the newest 2,000 edges showed a fraction of a large store and embedded 2,000
    quotes in the page (0.2-0.4 s to build at 10,000 documents)."""
    rows = store.run("stance_matrix", actors=f.actors, terms=f.terms)
    labels: dict[str, str] = {}
    cells: dict[tuple[str, str], Any] = {}
    for r in rows:
        counts = {rel: int(r[rel.lower()] or 0) for rel in RELATIONS}
        favour, oppose = sum(counts[x] for x in FAVOUR), counts["REJECTS"]
        if not favour + oppose:
            continue
        labels[r["actor"]] = str(r["actor_name"] or r["actor"])
        labels[r["term"]] = str(r["term_label"] or r["term"])
        cells[(r["actor"], r["term"])] = {
            "counts": counts, "sources": None, "total": favour + oppose, "documents": int(r["documents"] or 0),
            "stance": "mixed" if favour and oppose else ("favour" if favour else "oppose"),
            "load": {"actor": r["actor"], "term": r["term"], "limit": CELL_SOURCES}}
    total = sum(c["total"] for c in cells.values())
    return {"nodes": [], "links": [], "graph": {"total": total, "truncated": False, "sources": total}}, labels, cells


RELATIONS_VERB = {"DEMANDS": "demands", "OFFERS": "offers", "SUPPORTS": "supports", "REJECTS": "rejects"}


# -- compare two actors --------------------------------------------------------------------------------------
def _busiest_pair(store: StoreDep) -> tuple[str | None, str | None]:
    """The two actors with the most positions: a sensible first comparison when none is chosen."""
    totals: dict[str, int] = {}
    for cell in analysis.matrix_rows(store):
        totals[cell["actor"]] = totals.get(cell["actor"], 0) + cell["total"]
    ranked = sorted(totals, key=lambda a: (-totals[a], a))
    return (ranked[0] if ranked else None), (ranked[1] if len(ranked) > 1 else None)


# Sources listed per side of a card on the compare page (newest first; the card gives both counts): two busy
# actors clash on dozens of terms, and 50 a side made a page of 8,000 quotes that took 0.5 s to build.
COMPARE_SOURCES = 10


@router.get("/compare", response_class=HTMLResponse, summary="Conflicts and common ground of two actors (HTML)")
def compare_page(request: Request, store: StoreDep, a: OptionalText = None, b: OptionalText = None,
                 term: OptionalText = None) -> Html:
    """Where two actors clash (one favours what the other rejects, or they favour opposite terms) and where
    they agree, each with the sentences on both sides (from `/analysis/conflicts` and
    `/analysis/common-ground`)."""
    a = a.strip() if a and a.strip() else None
    b = b.strip() if b and b.strip() else None
    term = term.strip() if term and term.strip() else None
    if a is None and b is None:
        a, b = _busiest_pair(store)
    actor_a = resolve_actor(store, a) if a else None
    actor_b = resolve_actor(store, b) if b else None
    term_ref = resolve_term(store, term) if term else None
    clashes: list[dict[str, Any]] = []
    common: list[dict[str, Any]] = []
    if actor_a and actor_b:
        clashes = analysis.conflicts_between(store, actor_a["id"], actor_b["id"],
                                             term=term_ref["id"] if term_ref else None, per_side=COMPARE_SOURCES)
        for row in analysis.common_ground_rows(store, a=actor_a["id"], b=actor_b["id"], per_side=COMPARE_SOURCES):
            if term_ref is None or row["term"] == term_ref["id"]:
                common.append(row)
    found = choices(store)
    form = {"a": actor_a["id"] if actor_a else "", "b": actor_b["id"] if actor_b else "",
            "term": term_ref["id"] if term_ref else ""}
    return Html(render("compare.html", page="compare", form=form, choices=found, actor_a=actor_a, actor_b=actor_b,
                       clashes=clashes, common=common, term=term_ref))


# -- timeline ------------------------------------------------------------------------------------------------
@router.get("/timeline", response_class=HTMLResponse, summary="An actor's stance on terms over time (HTML)")
def timeline_page(request: Request, store: StoreDep, actor: OptionalText = None, term: OptionalText = None) -> Html:
    """A chart of the actor's positions in date order, one lane per term, each point linking to its source
    (from `/analysis/timeline`); a change of stance is ringed."""
    actor = actor.strip() if actor and actor.strip() else None
    term = term.strip() if term and term.strip() else None
    if actor is None:
        actor, _ = _busiest_pair(store)
    actor_ref = resolve_actor(store, actor) if actor else None
    term_ref = resolve_term(store, term) if term else None
    points = analysis.timeline_rows(store, actor=actor_ref["id"], term=term_ref["id"] if term_ref else None) \
        if actor_ref else []
    chart = timeline_chart(points)
    found = choices(store)
    form = {"actor": actor_ref["id"] if actor_ref else "", "term": term_ref["id"] if term_ref else ""}
    return Html(render("timeline.html", page="timeline", form=form, choices=found, actor=actor_ref, term=term_ref,
                       points=points, chart=chart, phrase=phrase))


# -- documents -----------------------------------------------------------------------------------------------
@router.get("/documents", response_class=HTMLResponse, summary="Documents (HTML)")
def documents_page(request: Request, store: StoreDep, date_from: DateFrom = None, date_to: DateTo = None,
                   skip: Skip = 0) -> Html:
    limit = 50
    rows = documents.document_rows(store, date_from=date_from, date_to=date_to, skip=skip, limit=limit + 1)
    more = len(rows) > limit
    form = {"date_from": date_from or "", "date_to": date_to or ""}
    return Html(render("documents.html", page="documents", docs=rows[:limit], form=form, skip=skip, limit=limit,
                       more=more))


@router.get("/documents/{doc_id}", response_class=HTMLResponse, summary="One document, positions highlighted (HTML)")
def document_page(store: StoreDep, doc_id: Annotated[str, Path(min_length=1, max_length=200)]) -> Html:
    """The document's text with every sentence that gave a position or guarantee highlighted; each highlight
    links to what was extracted from it, and each extracted line links back to its sentence."""
    doc = documents.document_detail(doc_id, store)
    items = [{**p, "kind": "position", "heading": f"{p.get('actor_name') or p['actor']} {phrase(p['relation'])} "
                                                  f"{p.get('term_label') or p['term']}"} for p in doc["positions"]]
    items += [{**g, "kind": "guarantee", "heading": f"{g.get('guarantor_name') or g['guarantor']} "
                                                    f"{phrase('GUARANTEES', g['status'])} "
                                                    f"{g.get('beneficiary_name') or g['beneficiary']}"}
              for g in doc["guarantees"]]
    items.sort(key=lambda i: (i.get("sentence") or 0, i["kind"]))
    for n, item in enumerate(items):
        item["anchor"] = f"p-{n}"
    text_html, unplaced = highlight(doc.get("text"), items)
    return Html(render("document.html", page="documents", doc=doc, items=items, text_html=text_html,
                       unplaced=unplaced))
