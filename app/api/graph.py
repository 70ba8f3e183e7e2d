"""`GET /graph`: a filtered subgraph as node-link JSON (networkx reads it; the graph page draws it)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import WithJsonSchema

from app.api.dates import EMPTY_FIELD
from app.api.deps import SettingsDep, StoreDep
from app.api.fast import FastJSON
from app.api.params import DateFrom, DateTo, EdgeRelationParam, MinConfidence, OptionalStatus, Process
from app.api.responses import NOT_FOUND
from app.api.schemas import GraphData
from app.graphdata import DEFAULT_LIMIT, MAX_LIMIT, GraphFilter, confidence_floor, fetch
from app.services.resolve import check_range, resolve_actors, resolve_process_param, resolve_terms
from graph.model import GUARANTEE_STATUSES
from graph.vocabulary import ReviewView

router = APIRouter(tags=["graph"])
# The status filter as it is taken: a status, or empty for none (upper case is read as lower case too).
STATUS_FILTER = {"anyOf": [{"type": "string", "enum": [*GUARANTEE_STATUSES]}, EMPTY_FIELD]}


def _present(values: list[str] | None) -> list[str] | None:
    kept = [v for v in values or [] if v and v.strip()]
    return kept or None


def graph_filter(
    store: StoreDep,
    settings: SettingsDep,
    actor: Annotated[list[str] | None, Query(description="actor id, name or alias (repeatable)")] = None,
    term: Annotated[list[str] | None, Query(description="term id or label (repeatable)")] = None,
    relation: Annotated[list[EdgeRelationParam] | None, Query(description="DEMANDS, OFFERS, SUPPORTS, REJECTS "
                                                                           "or GUARANTEES (repeatable)")] = None,
    status: Annotated[OptionalStatus, WithJsonSchema(STATUS_FILTER),
                      Query(description="guarantee status: proposed, willing or declined")] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    doc: Annotated[str | None, Query(description="only edges from this document")] = None,
    process: Process = None,
    min_confidence: MinConfidence = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="edges at most (newest first)")] = DEFAULT_LIMIT,
    view: Annotated[ReviewView, Query(description="extracted: as the extractor stored it; reviewed (default): "
                                                  "rejected edges hidden, edits applied, added edges shown; both: "
                                                  "every edge with its review status")] = ReviewView.REVIEWED,
) -> GraphFilter:
    """The filters of /graph and /pages/graph, resolved to ids (empty form fields mean no filter)."""
    check_range(date_from, date_to)
    return GraphFilter(actors=resolve_actors(store, _present(actor)), terms=resolve_terms(store, _present(term)),
                       relations=list(dict.fromkeys(relation)) if relation else None,
                       statuses=[status] if status else None, date_from=date_from, date_to=date_to,
                       doc=doc.strip() if doc and doc.strip() else None,
                       process=resolve_process_param(process),
                       min_confidence=confidence_floor(min_confidence, settings.min_confidence), limit=limit,
                       view=str(view))


GraphFilterDep = Annotated[GraphFilter, Depends(graph_filter)]


@router.get("/graph", response_model=GraphData, responses=NOT_FOUND, summary="Filtered subgraph as node-link JSON")
def graph(store: StoreDep, f: GraphFilterDep) -> FastJSON:
    """Read it with `networkx.node_link_graph(data, edges="links")`: a MultiDiGraph whose nodes have `type`
    (Actor/Term), `kind` and `label`, and whose edges carry `relation` and their evidence. `graph.truncated`
    says whether `limit` cut the edges."""
    return FastJSON(fetch(store, f))  # already node-link JSON (app.graphdata.node_link)
