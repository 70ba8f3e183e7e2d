"""The one place the API calls the ingest use case (loaders/ingest.py: extract, then store), so the route stays
the same whatever the extractor's shape.

Until an extractor is installed, adding a document is a 501 that says so, rather than an import error.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from pathlib import Path, PurePosixPath
from typing import Any

from app.api.problems import Problem
from app.api.schemas import NewDocument
from app.settings import Settings
from graph.model import DocumentGraph
from graph.records import Outcome
from graph.store import Store


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


def ingest_document(body: NewDocument, store: Store, settings: Settings) -> tuple[DocumentGraph, Outcome]:
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
        done = ingest_text(store, body.text, doc_id=document_id(body), meta=meta, codebook_paths=settings.codebook,
                           meta_origin="API")
    except unreadable as exc:
        raise Problem(422, f"the extractor could not read this document: {exc}", slug="unreadable-document",
                      title="Unreadable document") from None
    return done.graph, done.outcome


UPLOAD_NAME = re.compile(r"^[^\x00-\x1f\x7f/\\]{1,255}$")


def _stored(graph: DocumentGraph, outcome: Outcome) -> dict[str, Any]:
    return {"id": graph.document.id, "outcome": outcome, "positions": len(graph.positions),
            "guarantees": len(graph.guarantees), "title": graph.document.title, "source": graph.document.source}


def ingest_upload(data: bytes, filename: str, store: Store, settings: Settings) -> dict[str, Any]:
    """Store what an uploaded file holds: one document (a text file, a page, a PDF) or one per row (a dump), read
    as `peacegraph load` reads the same file. A file of an unknown kind is a 415; one that gives no document a
    422 naming why; the rest go on and their skip reasons are listed."""
    from loaders.ingest import ingest_paths
    from loaders.readers import DOCUMENT_SUFFIXES, DUMP_SUFFIXES

    name = PurePosixPath(filename.replace("\\", "/")).name
    if not UPLOAD_NAME.match(name) or name in (".", ".."):
        raise Problem(422, f"bad file name {filename!r}", slug="bad-file-name", title="Bad file name")
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in (*DOCUMENT_SUFFIXES, *DUMP_SUFFIXES):
        raise Problem(415, f"{name}: cannot read {suffix or 'files without a suffix'}; upload "
                      f"{', '.join((*DOCUMENT_SUFFIXES, *DUMP_SUFFIXES))} files", slug="unsupported-file",
                      title="Unsupported file")
    if not data.strip():
        raise Problem(422, f"{name}: the file is empty", slug="unreadable-document", title="Unreadable document")
    graphs: dict[str, DocumentGraph] = {}

    def keep(item: Any) -> None:
        if item.graph is not None:
            graphs[item.graph.document.id] = item.graph

    with tempfile.TemporaryDirectory(prefix="peacegraph-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        summary = ingest_paths(store, [path], codebook_paths=settings.codebook, options=settings.read_options(),
                               on_document=keep)
        skipped = [reason.replace(str(path), name) for reason in summary.skipped]
    stored = [_stored(graphs[i], outcome) for i, outcome in summary.outcomes.items() if i in graphs]
    if not stored and skipped:
        raise Problem(422, "; ".join(skipped[:20]), slug="unreadable-document", title="Unreadable document")
    return {"documents": stored, "skipped": skipped}


def ingest_url(url: str, store: Store, settings: Settings) -> dict[str, Any]:
    """Fetch a page or a PDF and store it: a URL that cannot be fetched (network, HTTP status, limits) is a 502,
    content that cannot be read a 422, each with the one-line reason."""
    import loaders
    from loaders.ingest import ingest_source
    from loaders.readers import FetchError, UrlSource

    try:
        done = ingest_source(store, UrlSource(url), options=settings.read_options(), codebook_paths=settings.codebook)
    except FetchError as exc:
        raise Problem(502, str(exc), slug="fetch-failed", title="Fetch failed") from None
    except loaders.DocumentError as exc:
        raise Problem(422, str(exc), slug="unreadable-document", title="Unreadable document") from None
    return {"documents": [_stored(done.graph, done.outcome)], "skipped": []}
