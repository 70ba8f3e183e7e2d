"""Who guarantees whose security: one page of `GET /guarantees` in a review view, read the cheapest way the
store allows.

Why several reads: when reviews of guarantees exist (and the extracted view is not asked), their documents'
rows are laid over the edges (app/guarantee_reviewing.py); otherwise each row is the evidence its edge was
written with (graph/evidence.py), which the API splices in unparsed. The unfiltered list pages from the kept
order of the documents (app/services/document_order.py), else, while a document's load has not completed, from
the documents sorted for the page (queries/guarantees_recent.cypher); a filtered one from the edges
(queries/guarantees_rendered.cypher).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app import guarantee_reviewing
from app.guarantee_reviewing import GuaranteeFilter
from app.services.document_order import guarantees_page
from app.services.resolve import check_range, resolve_actor
from graph.store import Store
from graph.vocabulary import ReviewView

Row = dict[str, Any]


@dataclass(frozen=True)
class Page:
    """A page as rendered rows (JSON texts to splice) or, where guarantees were reviewed, as rows to shape
    (app/api/schemas.py's ReviewedGuaranteeOut)."""

    rendered: list[str] | None = None
    reviewed: list[Row] | None = None


def page(store: Store, guarantor: str | None, beneficiary: str | None, status: str | None, date_from: str | None,
         date_to: str | None, process: str | None, view: ReviewView, skip: int, limit: int) -> Page:
    """`guarantor` and `beneficiary` as typed (an actor's id, name or alias); `NotFound` for an unknown one."""
    check_range(date_from, date_to)
    chosen = GuaranteeFilter(guarantor=resolve_actor(store, guarantor)["id"] if guarantor else None,
                             beneficiary=resolve_actor(store, beneficiary)["id"] if beneficiary else None,
                             status=status, date_from=date_from, date_to=date_to, process=process)
    state = guarantee_reviewing.reviewed_state(store) if view != ReviewView.EXTRACTED else None
    if state is not None:  # reviews of guarantees exist: their documents' rows as the reviews leave them
        return Page(reviewed=guarantee_reviewing.listed(store, state, view, chosen, skip, limit))
    if not any(chosen.query().values()):
        # a short page from the sorted documents is the end of the list, a stale recorded count or a document
        # whose load has not completed (no list yet), and is asked again of the edges
        kept = guarantees_page(store, skip, limit)
        if kept is not None:
            return Page(rendered=kept)
        recent = [r["evidence"] for r in store.run("guarantees_recent", upto=skip + limit, skip=skip, limit=limit)]
        if len(recent) == limit:
            return Page(rendered=recent)
    rows = store.run("guarantees_rendered", **chosen.query(), skip=skip, limit=limit)
    return Page(rendered=[r["evidence"] for r in rows])
