"""Actors, their officials, and an actor's positions grouped by term."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic_core import to_json

from app import reviewing
from app.api import evidence
from app.api.deps import StoreDep
from app.api.fast import FastJSON, RawJSON, kept_groups, kept_list, shape, shape_all
from app.api.params import DateFrom, DateTo, PerGroup, Process, Relations, ViewParam, check_range
from app.api.resolve import resolve_actor
from app.api.responses import NOT_FOUND
from app.api.schemas import ActorOut, ActorPositions, ActorRef, Evidence, OfficialOut, RelationCounts, TermStance
from graph.kept import KEPT_SOURCES
from graph.store import Store
from graph.vocabulary import Relation, ReviewView

router = APIRouter(tags=["actors"])


@router.get("/actors", response_model=list[ActorOut], summary="Actors with the officials who represent them")
def list_actors(store: StoreDep) -> list[dict]:
    return store.run("actors")


@router.get("/actors/{actor}", response_model=ActorOut, responses=NOT_FOUND,
            summary="One actor (by id, name or alias)")
def get_actor(actor: str, store: StoreDep) -> dict:
    found = resolve_actor(store, actor)
    return next(a for a in store.run("actors") if a["id"] == found["id"])


@router.get("/actors/{actor}/positions", response_model=ActorPositions, responses=NOT_FOUND,
            summary="An actor's positions grouped by term, with sources")
def actor_positions(actor: str, store: StoreDep, relation: Relations = None, date_from: DateFrom = None,
                    date_to: DateTo = None, per_group: PerGroup = 5, process: Process = None,
                    view: ViewParam = ReviewView.REVIEWED) -> FastJSON | RawJSON:
    """`actor` is an id, name or alias in any case (`Kyiv` is Ukraine). Each term lists how many edges of
    each relation the actor has to it and its newest `per_group` sources; `process` keeps the edges of that
    process's documents. `view`: reviewed (default: rejected edges out, edits and added edges in), extracted
    or both."""
    extracted = _actor_positions(actor, store, relation, date_from, date_to, per_group, process)
    return reviewing.grouped_in_view(store, extracted, view, own="actor",
                                     relations=relation, date_from=date_from, date_to=date_to,
                                     per_group=per_group, process=process)


def _actor_positions(actor: str, store: StoreDep, relation: Relations = None, date_from: DateFrom = None,
                    date_to: DateTo = None, per_group: PerGroup = 5, process: Process = None
                    ) -> FastJSON | RawJSON:
    """`actor` is an id, name or alias in any case (`Kyiv` is Ukraine). Each term lists how many edges of
    each relation the actor has to it and its newest `per_group` sources; `process` keeps the edges of that
    process's documents."""
    check_range(date_from, date_to)
    found = resolve_actor(store, actor)
    # the sources kept on the Stance aggregates (which sum every process)
    if not (date_from or date_to or process) and per_group <= KEPT_SOURCES:
        encoded = kept_groups(_kept_rows(store, found["id"], relation), lambda r: shape(TermStance, r),
                              relation, per_group)
        if encoded is not None:
            return RawJSON(b'{"actor":' + to_json(shape(ActorRef, found)) + b',"terms":[' + b",".join(encoded) + b"]}")
    return FastJSON({"actor": shape(ActorRef, found),
                     "terms": terms_from_edges(store, found["id"], relation, date_from, date_to, per_group, process)})


def terms_from_edges(store: Store, actor: str, relation: list[Relation] | None, date_from: str | None,
                     date_to: str | None, per_group: int, process: str | None = None) -> list[dict]:
    """The `terms` of an actor's positions read from the edges (dates, more sources than the Stance keeps, a
    store written before it kept them, one process: the aggregates sum every process)."""
    if relation or date_from or date_to or process:  # counts of the filtered edges
        rows = store.run("actor_positions", actor=actor, relations=relation, date_from=date_from,
                         date_to=date_to, process=process, per_group=per_group)
    else:  # counts from the Stance aggregates, the newest sources per term from the edges
        rows = store.run("actor_positions_all", actor=actor, per_term=per_group)
    return [{**shape(TermStance, g), "counts": shape(RelationCounts, g["counts"]),
             "sources": shape_all(Evidence, g["sources"])}
            for g in evidence.grouped(rows, "term", ("term", "label", "category"))]


@router.get("/officials", response_model=list[OfficialOut], tags=["actors"],
            summary="Officials and the actors they represent")
def list_officials(store: StoreDep) -> list[dict]:
    return store.run("officials")


def _kept_rows(store: Store, actor: str, relation: list[Relation] | None) -> list[dict]:
    """The actor's Stance rows with the one kept list the filter needs, or every list to merge."""
    single = kept_list(relation)
    if single is None:
        return store.run("actor_stance_sources", actor=actor)
    return store.run("actor_stance_recent", actor=actor, list=single)
