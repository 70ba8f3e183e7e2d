"""Negotiating terms, and who demands, offers, supports or rejects each."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic_core import to_json

from app import reviewing
from app.api import evidence
from app.api.deps import StoreDep
from app.api.fast import FastJSON, RawJSON, kept_groups, kept_list, shape, shape_all
from app.api.params import DateFrom, DateTo, PerGroup, Process, Relations, ViewParam, check_range
from app.api.resolve import resolve_term
from app.api.responses import NOT_FOUND
from app.api.schemas import ActorStance, Evidence, RelationCounts, TermOut, TermPositions, TermRef
from graph.kept import KEPT_SOURCES
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
    """`term` is an id or label in any case; spaces stand for underscores (`nato non accession`)."""
    check_range(date_from, date_to)
    found = resolve_term(store, term)
    # the sources kept on the Stance aggregates (which sum every process)
    if not (date_from or date_to or process) and per_group <= KEPT_SOURCES:
        encoded = kept_groups(_kept_rows(store, found["id"], relation),
                              lambda r: shape(ActorStance, {**r, "name": r["actor_name"]}), relation, per_group)
        if encoded is not None:
            return RawJSON(b'{"term":' + to_json(shape(TermRef, found)) + b',"actors":[' + b",".join(encoded) + b"]}")
    return FastJSON({"term": shape(TermRef, found),
                     "actors": actors_from_edges(store, found["id"], relation, date_from, date_to, per_group, process)})


def actors_from_edges(store: Store, term: str, relation: list[Relation] | None, date_from: str | None,
                      date_to: str | None, per_group: int, process: str | None = None) -> list[dict]:
    """The `actors` of a term's positions read from the edges (dates, more sources than the Stance keeps, a
    store written before it kept them, one process: the aggregates sum every process)."""
    if relation or date_from or date_to or process:  # counts of the filtered edges
        rows = store.run("term_positions", term=term, relations=relation, date_from=date_from,
                         date_to=date_to, process=process, per_group=per_group)
    else:  # counts from the Stance aggregates, the newest sources per actor from the edges
        rows = store.run("term_positions_all", term=term, per_actor=per_group)
    actors = []
    for g in evidence.grouped(rows, "actor", ("actor", "actor_name", "kind")):
        g["name"] = g.pop("actor_name")
        actors.append({**shape(ActorStance, g), "counts": shape(RelationCounts, g["counts"]),
                       "sources": shape_all(Evidence, g["sources"])})
    return actors


def _kept_rows(store: Store, term: str, relation: list[Relation] | None) -> list[dict]:
    """The term's Stance rows with the one kept list the filter needs, or every list to merge."""
    single = kept_list(relation)
    if single is None:
        return store.run("term_stance_sources", term=term)
    return store.run("term_stance_recent", term=term, list=single)
