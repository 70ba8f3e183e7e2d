"""Documents as plain data: the list, one document with what was extracted from it, and deleting one."""

from __future__ import annotations

from app import guarantee_reviewing, reviewing
from app.api import evidence
from app.services.document_order import documents_page
from app.services.errors import NotFound
from app.services.resolve import check_range, resolve_process_param
from graph.store import Store
from graph.vocabulary import ReviewView


def document_rows(store: Store, date_from: str | None = None, date_to: str | None = None, skip: int = 0,
                  limit: int = 50, process: str | None = None) -> list[dict]:
    """The rows of `GET /documents` (also read by the documents page and the index page's newest documents):
    the page's documents from the kept order of the documents (app/services/document_order.py), so that a page
    costs what it shows; documents_list, which sorts every document, answers when that way cannot tell."""
    check_range(date_from, date_to)
    process = resolve_process_param(process)
    rows = documents_page(store, date_from, date_to, process, skip, limit)
    if rows is None:
        rows = store.run("documents_list", date_from=date_from, date_to=date_to, skip=skip, limit=limit,
                         process=process)
    return rows


def document_detail(store: Store, doc_id: str, view: ReviewView | None = None) -> dict:
    """The document of `GET /documents/{id}` with its extracted edges (also read by the document page), its
    positions and guarantees in a review view when `view` is given (then also its orphaned reviews); `NotFound`
    when there is none."""
    rows = store.run("document_detail", id=doc_id)
    if not rows:
        raise NotFound("document", doc_id)
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


def delete(store: Store, doc_id: str) -> None:
    """The document and its edges gone; `NotFound` when there is none."""
    if not store.delete_document(doc_id):
        raise NotFound("document", doc_id)
