"""All API routers in one place (the app factory only includes this)."""

from __future__ import annotations

from fastapi import APIRouter

from app.api import actors, analysis, cypher, documents, export, graph, guarantees, health, pages, review, terms, views

api_router = APIRouter()
for module in (health, actors, terms, guarantees, analysis, documents, graph, export, cypher, pages, review, views):
    api_router.include_router(module.router)
