"""The one place the API calls the ingest use case (loaders/ingest.py: extract, then store), so the route stays
the same whatever the extractor's shape.

Until an extractor is installed, adding a document is a 501 that says so, rather than an import error.
"""

from __future__ import annotations

import hashlib
from typing import Any

from app.api.problems import Problem
from app.api.schemas import NewDocument
from app.settings import Settings
from graph.model import DocumentGraph
from graph.store import BaseStore, Outcome


def _extractor() -> Any:
    try:
        import loaders
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise Problem(501, f"no extractor available: {exc}", slug="no-extractor") from None
    fn = getattr(loaders, "extract_text", None)
    if fn is None:
        raise Problem(501, "no extractor available: loaders.extract_text is not implemented yet",
                      slug="no-extractor", title="Not implemented")
    return fn


def document_id(body: NewDocument) -> str:
    """The id a posted document gets: the caller's, or one derived from its text (stable on re-post)."""
    return body.id or "api_" + hashlib.sha256(body.text.encode("utf-8")).hexdigest()[:16]


def ingest_document(body: NewDocument, store: BaseStore, settings: Settings) -> tuple[DocumentGraph, Outcome]:
    """Extract and store a posted document; over-size text is a 413, unreadable text a 422, and nothing is
    written then."""
    size = len(body.text.encode("utf-8", "surrogatepass"))
    if size > settings.max_document_bytes:
        raise Problem(413, f"the text has {size:,} bytes, over the limit of {settings.max_document_bytes:,} "
                      "(PEACEGRAPH_MAX_DOCUMENT_BYTES)", slug="document-too-large", title="Document too large")
    _extractor()
    import loaders
    from loaders.ingest import ingest_text

    unreadable = (ValueError, UnicodeError, getattr(loaders, "DocumentError", ValueError))
    meta = body.model_dump(exclude={"text", "id"}, exclude_none=True)
    try:
        done = ingest_text(store, body.text, doc_id=document_id(body), meta=meta, codebook_paths=settings.codebook)
    except unreadable as exc:
        raise Problem(422, f"the extractor could not read this document: {exc}", slug="unreadable-document",
                      title="Unreadable document") from None
    return done.graph, done.outcome
