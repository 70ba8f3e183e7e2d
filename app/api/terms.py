"""Negotiating terms, and who demands, offers, supports or rejects each."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic_core import to_json

from app import reviewing
from app.api.deps import StoreDep
from app.api.fast import FastJSON, RawJSON, kept_groups, shape, shape_all
from app.api.params import DateFrom, DateTo, PerGroup, Process, Relations, ViewParam
from app.api.responses import NOT_FOUND
from app.api.schemas import ActorStance, Evidence, RelationCounts, TermOut, TermPositions, TermRef
from app.services.positions import from_edges, positions
from graph.store import Store
from graph.vocabulary import Relation, ReviewView

router = APIRouter(tags=["terms"])


@router.get("/terms", response_model=list[TermOut], summary="Terms with position counts per relation")
def list_terms(store: StoreDep, process: Process = None) -> list[dict]:
    """Every term; with `process`, its counts are those of that process's documents (zero where they do not
    name it)."""
    return store.run("terms_process", process=process) if process else store.run("terms")


@router.get("/terms/{term}/positions", response_model=TermPositions, responses=NOT_FOUND,
            summary="Who demands / offers / supports / rejects a term")
def term_positions(term: str, store: StoreDep, relation: Relations = None, date_from: DateFrom = None,
                   date_to: DateTo = None, per_group: PerGroup = 5, process: Process = None,
                   view: ViewParam = ReviewView.REVIEWED) -> FastJSON | RawJSON:
    """`term` is an id or label in any case; spaces stand for underscores (`nato non accession`); `process`
    keeps the edges of that process's documents. `view`: reviewed (default: rejected edges out, edits and
    added edges in), extracted or both."""
    extracted = _term_positions(term, store, relation, date_from, date_to, per_group, process)
    return reviewing.grouped_in_view(store, extracted, view, own="term",
                                     relations=relation, date_from=date_from, date_to=date_to,
                                     per_group=per_group, process=process)


def _term_positions(term: str, store: StoreDep, relation: Relations = None, date_from: DateFrom = None,
                    date_to: DateTo = None, per_group: PerGroup = 5, process: Process = None
                    ) -> FastJSON | RawJSON:
    """The positions as extracted: the kept sources spliced in as stored where the aggregates answer
    (app/services/positions.py), else the edges' groups."""
    found = positions(store, "term", term, relation, date_from, date_to, per_group, process)
    if found.kept is not None:
        encoded = kept_groups(found.kept, lambda r: shape(ActorStance, {**r, "name": r["actor_name"]}), relation,
                              per_group)
        if encoded is not None:
            return RawJSON(b'{"term":' + to_json(shape(TermRef, found.ref)) + b',"actors":[' + b",".join(encoded)
                           + b"]}")
    return FastJSON({"term": shape(TermRef, found.ref),
                     "actors": actors_from_edges(store, found.ref["id"], relation, date_from, date_to, per_group,
                                                 process)})


def actors_from_edges(store: Store, term: str, relation: list[Relation] | None, date_from: str | None,
                      date_to: str | None, per_group: int, process: str | None = None) -> list[dict]:
    """The `actors` of a term's positions read from the edges, shaped."""
    return [{**shape(ActorStance, {**g, "name": g["actor_name"]}), "counts": shape(RelationCounts, g["counts"]),
             "sources": shape_all(Evidence, g["sources"])}
            for g in from_edges(store, "term", term, relation, date_from, date_to, per_group, process)]
