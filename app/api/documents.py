"""Documents: list them, show what was extracted from one, add one through the extractor, delete one (the
reads and the delete are `app.services.documents`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response, status
from starlette.concurrency import run_in_threadpool

from app.api.deps import SettingsDep, StoreDep, WriteAllowed
from app.api.extract import ingest_document, ingest_upload, ingest_url
from app.api.fast import FastJSON, shape, shape_all
from app.api.params import DateFrom, DateTo, Limit, Process, Skip, ViewParam
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
from app.services.documents import delete, document_detail, document_rows
from graph.vocabulary import ReviewView

router = APIRouter(prefix="/documents", tags=["documents"])

DocId = Annotated[str, Path(min_length=1, max_length=200, description="document id")]


@router.get("", response_model=list[DocumentSummary], summary="Documents, newest first, with edge counts")
def list_documents(store: StoreDep, date_from: DateFrom = None, date_to: DateTo = None, skip: Skip = 0,
                         limit: Limit = 50, process: Process = None) -> FastJSON:
    """Each document's edges are counted through the `doc` index of the edge types, for the page alone."""
    return FastJSON(shape_all(DocumentSummary, document_rows(store, date_from, date_to, skip, limit, process)))


@router.get("/{doc_id}", response_model=DocumentDetail, responses=NOT_FOUND,
            summary="One document and what was extracted from it")
def get_document(doc_id: DocId, store: StoreDep, view: ViewParam = ReviewView.REVIEWED) -> FastJSON:
    """`view`: the positions and guarantees as extracted, as reviewed (default: rejected ones left out, edits
    applied, added ones in) or both; each says its `review_status` and carries the `review_key` that review
    calls take."""
    doc = document_detail(store, doc_id, view)
    out = shape(DocumentDetail, doc)
    out["positions"] = shape_all(DocumentPosition, doc["positions"])
    out["guarantees"] = shape_all(DocumentGuarantee, doc["guarantees"])
    out["officials"] = shape_all(Mention, doc["officials"])
    return FastJSON(out)


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
    delete(store, doc_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
