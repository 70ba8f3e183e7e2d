"""Reviewing: confirm, reject, edit or add positions and guarantees (each a review record naming its
reviewer), read a position's or a guarantee's history, the review queue, the agreement figures and the
orphaned reviews. The work is in app/reviewing.py and app/guarantee_reviewing.py; writes need a key
(app/api/deps.py: `Reviewer`)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Query, status
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from app import guarantee_reviewing, reviewing
from app.api.deps import Reviewer, StoreDep
from app.api.fast import FastJSON
from app.api.params import Status
from app.api.problems import Problem
from app.api.responses import NOT_FOUND, problems
from graph.review import GuaranteeKey, PositionKey
from graph.store import Store
from graph.vocabulary import Relation, ReviewDecision, ReviewView

router = APIRouter(prefix="/review", tags=["review"])

IdText = Annotated[str, Field(min_length=1, max_length=200)]
Reason = Annotated[str | None, Field(default=None, max_length=2000, description="why (shown in the history)")]
WRITE_ERRORS = problems(400, 401, 403, 404, 422, _403="the server has no reviewer keys",
                        _404="no such document or position",
                        _422="a field does not fit (unknown actor or term, quote not in text)")


class PositionRef(BaseModel):
    """A position: the document, the sentence's index, actor, relation and term ids (the `review_key` that
    every reviewed read returns)."""

    model_config = ConfigDict(extra="forbid")
    doc: IdText
    sentence: int = Field(ge=0)
    actor: IdText
    relation: Relation
    term: IdText

    def key(self) -> PositionKey:
        return PositionKey(self.doc, self.sentence, self.actor, str(self.relation), self.term)


class Decision(PositionRef):
    reason: Reason = None


class Changes(BaseModel):
    model_config = ConfigDict(extra="forbid")
    actor: IdText | None = Field(default=None, description="id, name or alias")
    relation: Relation | None = None
    term: IdText | None = Field(default=None, description="id or label")
    conditional_on: list[IdText] | None = Field(default=None, max_length=20, description="term ids")


class EditBody(Decision):
    set: Changes


class AddBody(PositionRef):
    """A position the extractor missed, on sentence `sentence`; `actor` and `term` may be names or aliases."""

    quote: str = Field(min_length=1, max_length=1000, description="its evidence, as it is in the text")
    conditional_on: list[IdText] | None = Field(default=None, max_length=20)
    reason: Reason = None


class GuaranteeRef(BaseModel):
    """A guarantee: the document, the sentence's index, guarantor and beneficiary ids (the `review_key` that
    every reviewed read of guarantees returns)."""

    model_config = ConfigDict(extra="forbid")
    doc: IdText
    sentence: int = Field(ge=0)
    guarantor: IdText
    beneficiary: IdText

    def key(self) -> GuaranteeKey:
        return GuaranteeKey(self.doc, self.sentence, self.guarantor, self.beneficiary)


class GuaranteeDecision(GuaranteeRef):
    reason: Reason = None


class GuaranteeChanges(BaseModel):
    model_config = ConfigDict(extra="forbid")
    guarantor: IdText | None = Field(default=None, description="id, name or alias")
    beneficiary: IdText | None = Field(default=None, description="id, name or alias")
    status: Status | None = None
    scope: IdText | None = Field(default=None, description="term id or label")


class GuaranteeEditBody(GuaranteeDecision):
    set: GuaranteeChanges


class GuaranteeAddBody(GuaranteeRef):
    """A guarantee the extractor missed, on sentence `sentence`; guarantor and beneficiary may be names or
    aliases."""

    status: Status
    scope: IdText | None = Field(default=None, description="term id or label")
    quote: str = Field(min_length=1, max_length=1000, description="its evidence, as it is in the text")
    reason: Reason = None


def _recorded(record: Callable[..., tuple[BaseModel, dict[str, Any]]], subject: str, store: Store, key: Any,
              decision: ReviewDecision, reviewer: str, **kwargs: Any) -> dict[str, Any]:
    """Record one review of a position or a guarantee (`record` is its kind's) and answer the review with the
    edge as it stands after it, under `subject`; a refusal becomes the API's problem."""
    try:
        review, edge = record(store, key, decision, reviewer, **kwargs)
    except reviewing.ReviewProblem as exc:
        raise Problem(exc.status, str(exc), slug="review-refused", title="Review refused") from None
    return {"review": review.model_dump(mode="json"), subject: edge}


_record = partial(_recorded, reviewing.record, "position")
_record_guarantee = partial(_recorded, guarantee_reviewing.record, "guarantee")


@router.post("/confirm", status_code=status.HTTP_201_CREATED, responses=WRITE_ERRORS,
             summary="Confirm an extracted position")
async def confirm(body: Decision, store: StoreDep, reviewer: Reviewer) -> FastJSON:
    return FastJSON(await run_in_threadpool(_record, store, body.key(), ReviewDecision.CONFIRM, reviewer,
                                            reason=body.reason), status_code=201)


@router.post("/reject", status_code=status.HTTP_201_CREATED, responses=WRITE_ERRORS,
             summary="Reject a position (hidden from the reviewed graph)")
async def reject(body: Decision, store: StoreDep, reviewer: Reviewer) -> FastJSON:
    return FastJSON(await run_in_threadpool(_record, store, body.key(), ReviewDecision.REJECT, reviewer,
                                            reason=body.reason), status_code=201)


@router.post("/edit", status_code=status.HTTP_201_CREATED, responses=WRITE_ERRORS,
             summary="Correct a position's actor, relation, term or conditions")
async def edit(body: EditBody, store: StoreDep, reviewer: Reviewer) -> FastJSON:
    changes = reviewing.Edit(body.set.actor, body.set.relation, body.set.term, body.set.conditional_on)
    return FastJSON(await run_in_threadpool(_record, store, body.key(), ReviewDecision.EDIT, reviewer,
                                            reason=body.reason, edit=changes), status_code=201)


@router.post("/add", status_code=status.HTTP_201_CREATED, responses=WRITE_ERRORS,
             summary="Add a position the extractor missed, on a sentence")
async def add(body: AddBody, store: StoreDep, reviewer: Reviewer) -> FastJSON:
    return FastJSON(await run_in_threadpool(_record, store, body.key(), ReviewDecision.ADD, reviewer,
                                            reason=body.reason, quote=body.quote,
                                            edit=reviewing.Edit(conditional_on=body.conditional_on)),
                    status_code=201)


@router.post("/guarantees/confirm", status_code=status.HTTP_201_CREATED, responses=WRITE_ERRORS,
             summary="Confirm an extracted guarantee")
async def confirm_guarantee(body: GuaranteeDecision, store: StoreDep, reviewer: Reviewer) -> FastJSON:
    return FastJSON(await run_in_threadpool(_record_guarantee, store, body.key(), ReviewDecision.CONFIRM, reviewer,
                                            reason=body.reason), status_code=201)


@router.post("/guarantees/reject", status_code=status.HTTP_201_CREATED, responses=WRITE_ERRORS,
             summary="Reject a guarantee (hidden from the reviewed guarantees)")
async def reject_guarantee(body: GuaranteeDecision, store: StoreDep, reviewer: Reviewer) -> FastJSON:
    return FastJSON(await run_in_threadpool(_record_guarantee, store, body.key(), ReviewDecision.REJECT, reviewer,
                                            reason=body.reason), status_code=201)


@router.post("/guarantees/edit", status_code=status.HTTP_201_CREATED, responses=WRITE_ERRORS,
             summary="Correct a guarantee's guarantor, beneficiary, status or scope")
async def edit_guarantee(body: GuaranteeEditBody, store: StoreDep, reviewer: Reviewer) -> FastJSON:
    changes = guarantee_reviewing.GuaranteeEdit(body.set.guarantor, body.set.beneficiary, body.set.status,
                                                body.set.scope)
    return FastJSON(await run_in_threadpool(_record_guarantee, store, body.key(), ReviewDecision.EDIT, reviewer,
                                            reason=body.reason, edit=changes), status_code=201)


@router.post("/guarantees/add", status_code=status.HTTP_201_CREATED, responses=WRITE_ERRORS,
             summary="Add a guarantee the extractor missed, on a sentence")
async def add_guarantee(body: GuaranteeAddBody, store: StoreDep, reviewer: Reviewer) -> FastJSON:
    return FastJSON(await run_in_threadpool(_record_guarantee, store, body.key(), ReviewDecision.ADD, reviewer,
                                            reason=body.reason, quote=body.quote,
                                            edit=guarantee_reviewing.GuaranteeEdit(status=body.status,
                                                                                   scope=body.scope)),
                    status_code=201)


@router.get("/guarantees/history", summary="Every review of one guarantee, latest first")
def guarantee_history(store: StoreDep, doc: Annotated[str, Query(min_length=1, max_length=200)],
                      sentence: Annotated[int, Query(ge=0)],
                      guarantor: Annotated[str, Query(min_length=1, max_length=200)],
                      beneficiary: Annotated[str, Query(min_length=1, max_length=200)]) -> FastJSON:
    return FastJSON(guarantee_reviewing.history(store, GuaranteeKey(doc, sentence, guarantor, beneficiary)))


@router.get("/history", summary="Every review of one position, latest first")
def history(store: StoreDep, doc: Annotated[str, Query(min_length=1, max_length=200)],
            sentence: Annotated[int, Query(ge=0)], actor: Annotated[str, Query(min_length=1, max_length=200)],
            relation: Relation, term: Annotated[str, Query(min_length=1, max_length=200)]) -> FastJSON:
    return FastJSON(reviewing.history(store, PositionKey(doc, sentence, actor, str(relation), term)))


@router.get("/documents/{doc_id}", responses=NOT_FOUND,
            summary="A document's positions and guarantees in a view, with their review status")
def document(store: StoreDep, doc_id: str,
             view: Annotated[ReviewView, Query(description="extracted, reviewed or both")] = ReviewView.REVIEWED
             ) -> FastJSON:
    positions, orphans = reviewing.document_positions(store, doc_id, view)
    guarantees, gorphans = guarantee_reviewing.document_guarantees(store, doc_id, view)
    if not (positions or orphans or guarantees or gorphans) and not store.run("review_documents", ids=[doc_id]):
        raise Problem(404, f"document {doc_id!r} not found", slug="unknown-document", title="Unknown document")
    return FastJSON({"doc": doc_id, "view": str(view), "positions": positions, "guarantees": guarantees,
                     "orphans": [*({**o.model_dump(mode="json"), "orphaned": True} for o in orphans),
                                 *(guarantee_reviewing.orphan_row(o) for o in gorphans)]})


@router.get("/queue", summary="Unreviewed positions and guarantees, lowest confidence first (guarantees and "
                              "conflicts first among equals), with progress per document")
def queue(store: StoreDep, limit: Annotated[int, Query(ge=1, le=1000)] = 50) -> FastJSON:
    return FastJSON(reviewing.queue(store, limit))


@router.get("/stats", summary="Reviews so far and the extractor's precision and recall against them")
def stats(store: StoreDep) -> FastJSON:
    return FastJSON(reviewing.stats(store))


@router.get("/orphans", summary="Reviews whose sentence is no longer in its document")
def orphans(store: StoreDep) -> FastJSON:
    return FastJSON(reviewing.orphans(store))
