"""HTML pages: the index (a filter form) and the interactive pyvis position graph."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.api.deps import StoreDep
from app.api.graph import GraphFilterDep
from app.graphdata import fetch
from app.viz import render_graph_page, render_index
from graph.model import GUARANTEE_STATUSES, RELATIONS

router = APIRouter(tags=["pages"])


def _choices(store: StoreDep) -> dict:
    return {"actors": store.run("actors"), "terms": store.run("terms"),
            "documents": store.run("documents_brief", limit=500),
            "relations": [*RELATIONS, "GUARANTEES"], "statuses": list(GUARANTEE_STATUSES)}


def _form(request: Request) -> dict:
    q = request.query_params
    return {"actor": q.getlist("actor"), "term": q.getlist("term"), "relation": [r.upper() for r in q.getlist("relation")],
            "status": q.get("status"), "date_from": q.get("date_from"), "date_to": q.get("date_to"), "doc": q.get("doc")}


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def index(request: Request, store: StoreDep) -> HTMLResponse:
    choices = _choices(store)
    counts = {k: len(choices[k]) for k in ("actors", "terms", "documents")}
    return HTMLResponse(render_index(form=_form(request), choices=choices, counts=counts))


@router.get("/pages/graph", response_class=HTMLResponse, summary="Interactive position graph (HTML)")
def graph_page(request: Request, store: StoreDep, f: GraphFilterDep) -> HTMLResponse:
    """Takes the same filters as `/graph` and draws exactly its edges."""
    form = _form(request)
    form["actor"], form["term"] = f.actors or [], f.terms or []
    return HTMLResponse(render_graph_page(fetch(store, f), form=form, choices=_choices(store)))
