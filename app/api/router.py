"""All API routers in one place (the app factory only includes this), each with the error responses every
route of its kind can answer (`app.api.responses`): problem details for the JSON API, HTML for the pages."""

from __future__ import annotations

from fastapi import APIRouter

from app.api import actors, analysis, cypher, documents, export, graph, guarantees, health, pages, review, terms, views
from app.api.responses import PAGE, READ

api_router = APIRouter()
for module in (health, actors, terms, guarantees, analysis, documents, graph, export, cypher, review):
    api_router.include_router(module.router, responses=READ)
for module in (pages, views):
    api_router.include_router(module.router, responses=PAGE)
