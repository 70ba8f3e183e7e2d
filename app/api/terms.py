"""Negotiating terms, and who demands, offers, supports or rejects each."""

from __future__ import annotations

from fastapi import APIRouter

from app import reviewing
from app.api.deps import StoreDep
from app.api.fast import FastJSON, RawJSON
from app.api.grouped import BY_TERM, extracted_groups
from app.api.params import DateFrom, DateTo, PerGroup, Process, Relations, ViewParam
from app.api.responses import NOT_FOUND
from app.api.schemas import TermOut, TermPositions
from graph.vocabulary import ReviewView

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
    extracted = extracted_groups(BY_TERM, term, store, relation, date_from, date_to, per_group, process)
    return reviewing.grouped_in_view(store, extracted, view, own="term",
                                     relations=relation, date_from=date_from, date_to=date_to,
                                     per_group=per_group, process=process)
