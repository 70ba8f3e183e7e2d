"""Who guarantees whose security, with the evidence of each guarantee: as extracted, as reviewed (the default)
or both layers (app/services/guarantees.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from app.api.deps import StoreDep
from app.api.fast import FastJSON, RawJSON, shape_all, spliced
from app.api.params import DateFrom, DateTo, Limit, Process, Skip, Status, ViewParam
from app.api.responses import NOT_FOUND
from app.api.schemas import ReviewedGuaranteeOut
from app.services import guarantees
from graph.vocabulary import ReviewView

router = APIRouter(tags=["guarantees"])


@router.get("/guarantees", response_model=list[ReviewedGuaranteeOut], responses=NOT_FOUND,
            summary="Who guarantees what, with evidence")
def list_guarantees(
    store: StoreDep,
    guarantor: Annotated[str | None, Query(description="actor id, name or alias", examples=["Germany"])] = None,
    beneficiary: Annotated[str | None, Query(description="actor id, name or alias", examples=["Kyiv"])] = None,
    status: Annotated[Status | None, Query(description="proposed, willing or declined")] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    skip: Skip = 0,
    limit: Limit = 100,
    process: Process = None,
    view: ViewParam = ReviewView.REVIEWED,
) -> FastJSON | RawJSON:
    """One row per GUARANTEES edge, newest first: guarantor, beneficiary, status (proposed = named in someone
    else's proposal, willing = says it is ready, declined = refuses), scope, proposer and evidence; `process`
    keeps the guarantees of that process's documents. `view`: as reviewed (default: rejected guarantees left
    out, edits applied, added ones in; the rows of a document with reviewed guarantees carry `review_status`
    and `review_key`), as extracted, or both layers."""
    page = guarantees.page(store, guarantor, beneficiary, status, date_from, date_to, process, view, skip, limit)
    if page.reviewed is not None:
        return FastJSON(shape_all(ReviewedGuaranteeOut, page.reviewed))
    return RawJSON(spliced(page.rendered or []))
