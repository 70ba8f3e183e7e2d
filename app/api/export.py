"""`/export/*`: the `/graph` subgraph (same filters) as GraphML or CSV files, for Gephi, yEd, pandas or a
spreadsheet. The conversions are in `app.export`, shared with `peacegraph export`."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from app import export
from app.api.deps import StoreDep
from app.api.graph import GraphFilterDep
from app.api.responses import NOT_FOUND
from app.graphdata import fetch

router = APIRouter(prefix="/export", tags=["export"])


def _file(body: str | bytes, media_type: str, name: str) -> Response:
    return Response(body, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/graphml", summary="The /graph subgraph as GraphML (networkx, Gephi, yEd)",
            response_class=Response, responses={200: {"content": {"application/graphml+xml": {}}}, **NOT_FOUND})
def export_graphml(store: StoreDep, f: GraphFilterDep) -> Response:
    """A directed multigraph: nodes with `type`, `kind`, `label`; one edge per source sentence with
    `relation` and its evidence (scalar attributes only). `networkx.read_graphml` reads it."""
    return _file(export.graphml(fetch(store, f)), "application/graphml+xml", "peacegraph.graphml")


@router.get("/positions.csv", summary="Position edges of the /graph subgraph as CSV", response_class=Response,
            responses={200: {"content": {"text/csv": {}}}, **NOT_FOUND})
def export_positions(store: StoreDep, f: GraphFilterDep) -> Response:
    """One row per position edge: actor, relation, term, date, document, quote, speaker, confidence, rule."""
    return _file(export.positions_csv(fetch(store, f)), "text/csv; charset=utf-8", "positions.csv")


@router.get("/guarantees.csv", summary="Guarantee edges of the /graph subgraph as CSV", response_class=Response,
            responses={200: {"content": {"text/csv": {}}}, **NOT_FOUND})
def export_guarantees(store: StoreDep, f: GraphFilterDep) -> Response:
    """One row per guarantee edge: guarantor, beneficiary, status, scope, proposer and the evidence."""
    return _file(export.guarantees_csv(fetch(store, f)), "text/csv; charset=utf-8", "guarantees.csv")
