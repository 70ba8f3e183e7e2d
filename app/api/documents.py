"""Documents: list them, show what was extracted from one, add one through the extractor, delete one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response, status
from starlette.concurrency import run_in_threadpool

from app import guarantee_reviewing, reviewing
from app.api import evidence
from app.api.deps import SettingsDep, StoreDep, WriteAllowed
from app.api.extract import ingest_document, ingest_upload, ingest_url
from app.api.fast import FastJSON, shape, shape_all
from app.api.params import DateFrom, DateTo, Limit, Process, Skip, ViewParam, check_range
from app.api.problems import not_found
from app.api.resolve import resolve_process_param
from app.api.responses import NOT_FOUND, WRITE, Responses, problems
from app.api.schemas import (
    DocumentDetail,
    DocumentGuarantee,
    DocumentPosition,
    DocumentsStored,
    DocumentStored,
    DocumentSummary,
    FetchDocument,
    Mention,
    NewDocument,
)
from graph.vocabulary import ReviewView

router = APIRouter(prefix="/documents", tags=["documents"])

DocId = Annotated[str, Path(min_length=1, max_length=200, description="document id")]


@router.get("", response_model=list[DocumentSummary], summary="Documents, newest first, with edge counts")
def list_documents(store: StoreDep, date_from: DateFrom = None, date_to: DateTo = None, skip: Skip = 0,
                         limit: Limit = 50, process: Process = None) -> FastJSON:
    """Each document's edges are counted through the `doc` index of the edge types, for the page alone."""
    return FastJSON(shape_all(DocumentSummary, document_rows(store, date_from, date_to, skip, limit, process)))


def document_rows(store: StoreDep, date_from: str | None = None, date_to: str | None = None, skip: int = 0,
                   limit: int = 50, process: str | None = None) -> list[dict]:
    """The rows of `GET /documents` (also read by the documents page)."""
    check_range(date_from, date_to)
    return store.run("documents_list", date_from=date_from, date_to=date_to, skip=skip, limit=limit,
                     process=resolve_process_param(process))


@router.get("/{doc_id}", response_model=DocumentDetail, responses=NOT_FOUND,
            summary="One document and what was extracted from it")
def get_document(doc_id: DocId, store: StoreDep, view: ViewParam = ReviewView.REVIEWED) -> FastJSON:
    """`view`: the positions and guarantees as extracted, as reviewed (default: rejected ones left out, edits
    applied, added ones in) or both; each says its `review_status` and carries the `review_key` that review
    calls take."""
    doc = document_detail(doc_id, store, view)
    out = shape(DocumentDetail, doc)
    out["positions"] = shape_all(DocumentPosition, doc["positions"])
    out["guarantees"] = shape_all(DocumentGuarantee, doc["guarantees"])
    out["officials"] = shape_all(Mention, doc["officials"])
    return FastJSON(out)


def document_detail(doc_id: str, store: StoreDep, view: ReviewView | None = None) -> dict:
    """The document of `GET /documents/{id}` with its extracted edges (also read by the document page), its
    positions in a review view when `view` is given (then also its orphaned reviews); a 404 problem when there
    is none."""
    rows = store.run("document_detail", id=doc_id)
    if not rows:
        raise not_found("document", doc_id)
    doc = rows[0]
    orphans: list = []
    if view is None:
        positions = store.run("document_positions", id=doc_id)
        guarantees = store.run("document_guarantees", id=doc_id)
    else:
        positions, orphans = reviewing.document_positions(store, doc_id, view)
        guarantees, guarantee_orphans = guarantee_reviewing.document_guarantees(store, doc_id, view)
        orphans = [*orphans, *guarantee_orphans]
    for r in (*positions, *guarantees):
        r["doc"] = doc_id
    evidence.enrich(store, [*positions, *guarantees])
    mentions = store.run("document_mentions", id=doc_id)
    by_type = {t: [m for m in mentions if m["type"] == t] for t in ("Actor", "Official", "Term")}
    return {**doc, "positions": positions, "guarantees": guarantees, "officials": by_type["Official"],
            "actors": by_type["Actor"], "terms": by_type["Term"], "orphans": orphans}


@router.post("", response_model=DocumentStored, status_code=status.HTTP_201_CREATED, dependencies=[WriteAllowed],
             responses={200: {"model": DocumentStored, "description": "stored already: unchanged, or edges replaced"},
                        **WRITE, **problems(400, 413, 501)},
             summary="Extract a document's positions and store them")
def add_document(body: NewDocument, store: StoreDep, settings: SettingsDep, response: Response) -> dict:
    """Runs the rule-based extractor on `text` and upserts the result: a document already stored with the
    same text is left unchanged, one with a changed text has its edges replaced."""
    graph, outcome = ingest_document(body, store, settings)
    response.headers["Location"] = f"/documents/{graph.document.id}"
    if outcome != "loaded":
        response.status_code = status.HTTP_200_OK
    return {"id": graph.document.id, "outcome": outcome, "positions": len(graph.positions),
            "guarantees": len(graph.guarantees)}


UNCHANGED: Responses = {200: {"model": DocumentsStored,
                              "description": "nothing loaded or replaced: all unchanged or skipped"}}
UPLOAD_ERRORS = {**UNCHANGED, **WRITE, **problems(413, 415),
                 **problems(422, _422="a parameter does not fit, or nothing in the file could be read (the reasons)")}
RAW_BODY = {"requestBody": {"required": True, "content": {"application/octet-stream": {
    "schema": {"type": "string", "format": "binary"}}}}}


def _status(result: dict, response: Response) -> dict:
    if not any(d["outcome"] in ("loaded", "replaced") for d in result["documents"]):
        response.status_code = status.HTTP_200_OK
    return result


@router.post("/file", response_model=DocumentsStored, status_code=status.HTTP_201_CREATED,
             dependencies=[WriteAllowed], responses=UPLOAD_ERRORS, openapi_extra=RAW_BODY,
             summary="Upload a file (text, web page, PDF, or a news dump of many articles) and store its documents")
async def upload_document(request: Request, store: StoreDep, settings: SettingsDep, response: Response,
                          filename: Annotated[str, Query(min_length=1, max_length=255,
                                                         description="the file's name; its suffix says how to "
                                                                     "read it")]) -> dict:
    """The body is the file itself. It is read as `peacegraph load` reads a file of that name: `.txt`/`.md`
    (front matter honoured), `.html`, `.pdf`, or `.jsonl`/`.json`/`.csv` with one article a row (default field
    names). 201 when something was loaded or replaced, 200 when all was unchanged; `skipped` lists what was
    not stored, with why."""
    data = await request.body()
    return _status(await run_in_threadpool(ingest_upload, data, filename, store, settings), response)


@router.post("/fetch", response_model=DocumentsStored, status_code=status.HTTP_201_CREATED,
             dependencies=[WriteAllowed],
             responses={**UNCHANGED, **WRITE, **problems(400, 413, 502),
                        **problems(422, _422="the body does not fit, or the page cannot be read")},
             summary="Fetch a web page or a PDF by its URL and store it")
def fetch_document(body: FetchDocument, store: StoreDep, settings: SettingsDep, response: Response) -> dict:
    """Fetched with the server's limits (PEACEGRAPH_FETCH_TIMEOUT_MS, PEACEGRAPH_FETCH_MAX_BYTES, redirects) and
    user agent; the article's text and the page's metadata are stored, and the document's id comes from the URL
    (the same as `peacegraph load URL`)."""
    return _status(ingest_url(body.url, store, settings), response)


@router.delete("/{doc_id}", status_code=status.HTTP_204_NO_CONTENT, dependencies=[WriteAllowed],
               responses={**WRITE, **NOT_FOUND}, summary="Delete a document and its edges")
def delete_document(doc_id: DocId, store: StoreDep) -> Response:
    if not store.delete_document(doc_id):
        raise not_found("document", doc_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
