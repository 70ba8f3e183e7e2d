"""HTML pages: the index and the interactive position graph. The other views are in `app.api.views`.

Pages read through the same functions as the JSON API (`app.graphdata.fetch` with the `/graph` filters), so
what a page draws is what the API answers.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app import reviewing
from app.api.deps import SettingsDep, StoreDep
from app.api.graph import GraphFilterDep
from app.api.params import Process
from app.api.responses import PAGE_NOT_FOUND
from app.graphdata import fetch
from app.services.documents import document_rows
from app.services.pages import choices, process_rows
from app.templating import render
from app.viz import render_graph_page
from loaders.codebook import load_codebook

router = APIRouter(tags=["pages"])


def form_of(request: Request) -> dict[str, Any]:
    """The filters as typed (to refill the form); routes replace actor/term by their resolved ids."""
    q = request.query_params
    return {"actor": q.getlist("actor"), "term": q.getlist("term"),
            "relation": [r.upper() for r in q.getlist("relation")], "status": q.get("status"),
            "date_from": q.get("date_from"), "date_to": q.get("date_to"), "doc": q.get("doc"),
            "process": q.get("process"), "min_confidence": q.get("min_confidence"), "view": q.get("view")}


def process_names(settings: Any) -> dict[str, str]:
    """The process packs' names by id, from the codebook the service extracts with."""
    return {p.id: p.name for p in load_codebook(settings.codebook).packs.values()}


def store_is_empty(found: dict[str, Any]) -> bool:
    return not found["documents"] and not found["actors"]


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def index(request: Request, store: StoreDep, settings: SettingsDep, process: Process = None) -> HTMLResponse:
    """The views, the processes with their counts and the newest documents; with `process`, the counts and
    the newest documents are that process's, and every link keeps it."""
    found = choices(store)
    counts = {k: len(found[k]) for k in ("actors", "terms", "documents")}
    recent = found["documents"][:12]
    if process:  # the actors and terms its documents took positions with, its documents
        counts = store.run("process_totals", process=process)[0]
        recent = document_rows(store, process=process, limit=12)
    form = {**form_of(request), "process": process or ""}
    return HTMLResponse(render("index.html", page="index", form=form, choices=found, counts=counts,
                               processes=process_rows(store), process_names=process_names(settings),
                               recent=recent, store_empty=store_is_empty(found),
                               data_dir=str(settings.data_dir.resolve()), review_stats=reviewing.stats(store)))


@router.get("/pages/graph", response_class=HTMLResponse, responses=PAGE_NOT_FOUND,
            summary="Interactive position graph (HTML)")
def graph_page(request: Request, store: StoreDep, settings: SettingsDep, f: GraphFilterDep) -> HTMLResponse:
    """Takes the same filters as `/graph` and draws its edges, one arrow per (actor, relation, term) or
    (guarantor, beneficiary, status)."""
    form = form_of(request)
    form["actor"], form["term"], form["process"] = f.actors or [], f.terms or [], f.process or ""
    found = choices(store)
    return HTMLResponse(render_graph_page(fetch(store, f), form=form, choices=found,
                                          store_empty=store_is_empty(found),
                                          data_dir=str(settings.data_dir.resolve())))
