"""`GET /health`: is the database reachable, and which one is it."""

from __future__ import annotations

from fastapi import APIRouter

from app.api.deps import StoreDep
from app.api.schemas import HealthOut

router = APIRouter(tags=["health"])


@router.get("/health", response_model=HealthOut,
            summary="Database backend, URL (no password) and version")
def health(store: StoreDep) -> dict:
    h = store.health()
    return {"status": "ok", "backend": h.backend, "url": h.url, "version": h.version}
