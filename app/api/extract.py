"""The one place the API calls the extractor (loaders/), so the route stays the same whatever its shape.

Until an extractor is installed, adding a document is a 501 that says so, rather than an import error.
"""

from __future__ import annotations

import hashlib
from typing import Any

from app.api.problems import Problem
from app.api.schemas import NewDocument
from app.settings import Settings
from graph.model import DocumentGraph


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


def extract_document(body: NewDocument, settings: Settings) -> DocumentGraph:
    size = len(body.text.encode("utf-8", "surrogatepass"))
    if size > settings.max_document_bytes:
        raise Problem(413, f"the text has {size:,} bytes, over the limit of {settings.max_document_bytes:,} "
                      "(PEACEGRAPH_MAX_DOCUMENT_BYTES)", slug="document-too-large", title="Document too large")
    extract_text = _extractor()
    import loaders

    unreadable = (ValueError, UnicodeError, getattr(loaders, "DocumentError", ValueError))
    meta = body.model_dump(exclude={"text", "id"}, exclude_none=True)
    try:
        graph = extract_text(body.text, doc_id=document_id(body), meta=meta, codebook_paths=settings.codebook)
    except unreadable as exc:
        raise Problem(422, f"the extractor could not read this document: {exc}", slug="unreadable-document",
                      title="Unreadable document") from None
    if not isinstance(graph, DocumentGraph):
        raise Problem(500, f"the extractor returned {type(graph).__name__}, not a DocumentGraph",
                      slug="extractor-failed")
    return graph
