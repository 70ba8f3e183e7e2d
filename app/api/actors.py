"""Actors, their officials, and an actor's positions grouped by term."""

from __future__ import annotations

from fastapi import APIRouter

from app import reviewing
from app.api.deps import StoreDep
from app.api.fast import FastJSON, RawJSON
from app.api.grouped import BY_ACTOR, extracted_groups
from app.api.params import DateFrom, DateTo, PerGroup, Process, Relations, ViewParam
from app.api.responses import NOT_FOUND
from app.api.schemas import ActorOut, ActorPositions, OfficialOut
from app.services.resolve import resolve_actor
from graph.vocabulary import ReviewView

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
    extracted = extracted_groups(BY_ACTOR, actor, store, relation, date_from, date_to, per_group, process)
    return reviewing.grouped_in_view(store, extracted, view, own="actor",
                                     relations=relation, date_from=date_from, date_to=date_to,
                                     per_group=per_group, process=process)


@router.get("/officials", response_model=list[OfficialOut], tags=["actors"],
            summary="Officials and the actors they represent")
def list_officials(store: StoreDep) -> list[dict]:
    return store.run("officials")
