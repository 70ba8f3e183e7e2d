"""Analysis across actors: conflicts, common ground, the stance matrix and stance timelines (the rows come
from `app.services.analysis`; these routes take the parameters and shape the responses)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from app.api.deps import StoreDep
from app.api.fast import FastJSON, shape, shape_all
from app.api.params import Process, ViewParam
from app.api.responses import NOT_FOUND
from app.api.schemas import CommonGround, Conflict, Evidence, MatrixCell, TimelinePoint
from app.services.analysis import common_ground_rows, conflict_rows, matrix_rows, timeline_rows
from graph.vocabulary import ReviewView

router = APIRouter(prefix="/analysis", tags=["analysis"])

PerSide = Annotated[int, Query(ge=1, le=100, description="evidence edges to list per side at most")]


def _sided(model: type[Conflict] | type[CommonGround], rows: list[dict]) -> list[dict]:
    """Rows in `model`'s shape, their two evidence lists in Evidence's."""
    out = []
    for r in rows:
        row = shape(model, r)
        row["evidence_a"] = shape_all(Evidence, r["evidence_a"])
        row["evidence_b"] = shape_all(Evidence, r["evidence_b"])
        out.append(row)
    return out


@router.get("/conflicts", response_model=list[Conflict], responses=NOT_FOUND,
            summary="Actor A favours a term that actor B rejects")
def conflicts(store: StoreDep,
              term: Annotated[str | None, Query(description="term id or label",
                                                examples=["nato_non_accession"])] = None,
              per_side: PerSide = 5,
              skip: Annotated[int, Query(ge=0, le=10_000_000, description="conflicts to skip (paging)")] = 0,
              limit: Annotated[int, Query(ge=1, le=5000, description="conflicts at most")] = 100,
              process: Process = None, view: ViewParam = ReviewView.REVIEWED) -> FastJSON:
    """Kind `rejects`: A demands, offers or supports a term and B rejects it, evidence on both sides. Kind
    `opposite`: A favours a term and B favours its opposite (e.g. `nato_non_accession` and
    `ukraine_nato_membership`, opposites by the codebook, stored on the Term nodes). Ordered by term, then
    `rejects` before `opposite`, each side by its number of sources (most first); paged with `skip` and
    `limit`, so a large corpus answers as fast as a small one. `count_a`/`count_b` are each side's edges.
    With `process`, both sides are what that process's documents say (counts and evidence). `view`: reviewed
    (default: rejected edges do not count, edits count as edited, added edges count), extracted or both."""
    return FastJSON(_sided(Conflict, conflict_rows(store, term=term, per_side=per_side, skip=skip, limit=limit,
                                                   process=process, view=view)))


@router.get("/common-ground", response_model=list[CommonGround], responses=NOT_FOUND,
            summary="Terms two actors both favour or both reject")
def common_ground(store: StoreDep,
                  a: Annotated[str, Query(description="actor id, name or alias", examples=["RUS"])],
                  b: Annotated[str, Query(description="actor id, name or alias", examples=["Kyiv"])],
                  per_side: PerSide = 5, process: Process = None, view: ViewParam = ReviewView.REVIEWED) -> FastJSON:
    """With `process`, the terms both favour or both reject in that process's documents, with that evidence.
    `view`: reviewed (default), extracted or both, as on `/analysis/conflicts`."""
    return FastJSON(_sided(CommonGround, common_ground_rows(store, a=a, b=b, per_side=per_side, process=process,
                                                            view=view)))


@router.get("/matrix", response_model=list[MatrixCell], responses=NOT_FOUND, summary="Stance matrix: actors x terms")
def matrix(store: StoreDep,
           actor: Annotated[list[str] | None, Query(description="keep these actors (repeatable)")] = None,
           term: Annotated[list[str] | None, Query(description="keep these terms (repeatable)")] = None,
           process: Process = None, view: ViewParam = ReviewView.REVIEWED) -> FastJSON:
    """One row per (actor, term) cell with edges: counts per relation and distinct source documents (with
    `process`, of that process's documents only). Pivot it with pandas:
    `df.pivot(index="actor", columns="term", values="total")`. `view`: reviewed (default: rejected edges do not
    count, edits count in their edited cell, added edges count), extracted or both (every edge of either)."""
    return FastJSON(shape_all(MatrixCell, matrix_rows(store, actor, term, process, view)))


TIMELINE_LIMIT = 1000


@router.get("/timeline", response_model=list[TimelinePoint], responses=NOT_FOUND,
            summary="How an actor's stance on a term changed over time")
def timeline(store: StoreDep,
             actor: Annotated[str, Query(description="actor id, name or alias", examples=["Russia"])],
             term: Annotated[str | None, Query(description="term id or label (all terms if omitted)")] = None,
             skip: Annotated[int, Query(ge=0, le=10_000_000, description="points to skip (paging)")] = 0,
             limit: Annotated[int, Query(ge=1, le=20_000, description="points at most")] = TIMELINE_LIMIT,
             process: Process = None, view: ViewParam = ReviewView.REVIEWED) -> FastJSON:
    """The actor's position edges by term, then in date order, each with its stance (favour or reject) and
    `changed` when that stance differs from the actor's previous point on the same term (also across pages).
    Paged with `skip` and `limit` (default 1,000, at most 20,000): one term's timeline fits in one page, while
    an actor's timeline over all terms may run to thousands of points and megabytes of quotes; a page shorter
    than `limit` is the last. `process` keeps the points of that process's documents. `view`: reviewed
    (default: rejected edges left out, edits as edited, added edges in), extracted or both."""
    return FastJSON(shape_all(TimelinePoint, timeline_rows(store, actor=actor, term=term, skip=skip, limit=limit,
                                                           process=process, view=view)))
