"""Who guarantees whose security, with the evidence of each guarantee: as extracted, as reviewed (the default)
or both layers (app/guarantee_reviewing.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from app import guarantee_reviewing
from app.api.deps import StoreDep
from app.api.document_order import guarantees_page
from app.api.fast import FastJSON, RawJSON, shape_all, spliced
from app.api.params import DateFrom, DateTo, Limit, Process, Skip, Status, ViewParam
from app.api.responses import NOT_FOUND
from app.api.schemas import GuaranteeOut, ReviewedGuaranteeOut
from app.services.resolve import check_range, resolve_actor
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
    check_range(date_from, date_to)
    state = guarantee_reviewing.reviewed_state(store) if view != ReviewView.EXTRACTED else None
    if state is not None:  # reviews of guarantees exist: their documents' rows as the reviews leave them
        chosen = guarantee_reviewing.GuaranteeFilter(
            guarantor=resolve_actor(store, guarantor)["id"] if guarantor else None,
            beneficiary=resolve_actor(store, beneficiary)["id"] if beneficiary else None,
            status=status, date_from=date_from, date_to=date_to, process=process)
        return FastJSON(shape_all(ReviewedGuaranteeOut, guarantee_reviewing.listed(store, state, view, chosen, skip,
                                                                                  limit)))
    if not (guarantor or beneficiary or status or date_from or date_to or process):
        # Newest first from the documents' order, kept while the documents do not change
        # (app/api/document_order.py), else sorted for this page (queries/guarantees_recent.cypher); a short
        # page there is the end of the list or a stale recorded count, and is asked again of the edge scan.
        kept = guarantees_page(store, skip, limit)
        if kept is not None:
            return RawJSON(spliced(kept))
        page = [r["evidence"] for r in store.run("guarantees_recent", upto=skip + limit, skip=skip, limit=limit)]
        if len(page) == limit and None not in page:
            return RawJSON(spliced(page))
    filters = {"guarantor": resolve_actor(store, guarantor)["id"] if guarantor else None,
               "beneficiary": resolve_actor(store, beneficiary)["id"] if beneficiary else None,
               "status": status, "date_from": date_from, "date_to": date_to, "process": process, "skip": skip,
               "limit": limit}
    page = [r["evidence"] for r in store.run("guarantees_rendered", **filters)]
    if None not in page:  # each edge's row as written (graph/evidence.py)
        return RawJSON(spliced(page))
    return FastJSON(shape_all(GuaranteeOut, store.run("guarantees", **filters)))  # a store written before that
