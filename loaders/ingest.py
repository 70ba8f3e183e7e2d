"""The ingest use case: read → extract → store, once, for every way documents come in.

`peacegraph load`, `peacegraph demo` and `POST /documents` all go through here, so they skip, replace and count
documents the same way. The caller passes in how to report progress and errors (a progress bar, a log, a
list); nothing here prints. The store decides each document's outcome under its write lock, so the summary of
two loads running at once adds up: each document is counted once per load, by its id, and of two loads of the
same new document one says "loaded" and the other "unchanged".
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.model import DocumentGraph
from graph.records import Outcome
from graph.store import Store
from loaders import DEFAULT_MAX_BYTES, ExtractItem, extract_document, extract_text, iter_extract, make_extractor
from loaders.readers import ReadOptions, Source, UrlSource, read_source

OnDocument = Callable[[ExtractItem], None]
OnError = Callable[[str], None]

_RANK = {"unchanged": 0, "replaced": 1, "loaded": 2}


@dataclass
class IngestSummary:
    """What an ingest did: one outcome per document id, the files skipped with their reasons, and where the
    time went (the store's share is what `bench/load.py` reports)."""

    outcomes: dict[str, Outcome] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0
    store_seconds: float = 0.0

    def count(self, outcome: Outcome) -> int:
        return sum(1 for o in self.outcomes.values() if o == outcome)

    def record(self, outcomes: dict[str, Outcome]) -> None:
        """Merge a batch's outcomes; a document met twice in one ingest keeps its strongest outcome (loaded >
        replaced > unchanged), so it is counted once."""
        for doc_id, outcome in outcomes.items():
            before = self.outcomes.get(doc_id)
            if before is None or _RANK[outcome] > _RANK[before]:
                self.outcomes[doc_id] = outcome

    def as_dict(self) -> dict[str, Any]:
        return {"loaded": self.count("loaded"), "replaced": self.count("replaced"),
                "unchanged": self.count("unchanged"), "skipped": list(self.skipped)}


def ingest_paths(store: Store, paths: Iterable[Path | str | UrlSource], *, max_bytes: int = DEFAULT_MAX_BYTES,
                 codebook_paths: Sequence[Path] = (), jobs: int = 1, batch: int = 50, force: bool = False,
                 on_document: OnDocument | None = None, on_error: OnError | None = None,
                 options: ReadOptions | None = None) -> IngestSummary:
    """Extract every document under `paths` (files, folders, dumps, URLs; `jobs` processes) and store them
    `batch` at a time. A file, row or URL that cannot be read or extracted is skipped (reported through
    `on_error` and kept in `skipped`); the rest go on, and nothing of a skipped one is written. `force`
    replaces unchanged documents too. `options` (default: `max_bytes`, default fetch limits) says how to read."""
    summary = IngestSummary()
    pending: list[DocumentGraph] = []
    started = time.perf_counter()

    def flush() -> None:
        t0 = time.perf_counter()
        report = store.upsert_many(pending, force=force)
        summary.store_seconds += time.perf_counter() - t0
        summary.record(report.outcomes)
        pending.clear()

    try:
        for item in iter_extract(paths, max_bytes=max_bytes, codebook_paths=codebook_paths, jobs=jobs,
                                 options=options, find_unknown=True):
            if on_document is not None:
                on_document(item)
            if item.error or item.graph is None:
                message = item.error or f"{item.source or item.path}: no graph"
                summary.skipped.append(message)
                if on_error is not None:
                    on_error(message)
                continue
            pending.append(item.graph)
            if len(pending) >= batch:
                flush()
        if pending:
            flush()
    finally:
        summary.seconds = time.perf_counter() - started
    return summary


@dataclass(frozen=True)
class Ingested:
    graph: DocumentGraph
    outcome: Outcome


def ingest_text(store: Store, text: str, *, doc_id: str, meta: dict[str, Any] | None = None,
                codebook_paths: Sequence[Path] = (), meta_origin: str = "given metadata") -> Ingested:
    """Extract one document given as text and store it (the API's POST /documents). Unreadable text raises
    `loaders.DocumentError` before anything is written."""
    graph = extract_text(text, doc_id=doc_id, meta=meta, codebook_paths=codebook_paths, meta_origin=meta_origin,
                         find_unknown=True)
    return Ingested(graph, store.upsert(graph))


def ingest_source(store: Store, source: Source, *, options: ReadOptions,
                  codebook_paths: Sequence[Path] = ()) -> Ingested:
    """Read, extract and store one source (a URL the API is asked to fetch, a feed item's article). A source
    that cannot be fetched raises `loaders.readers.FetchError`, one that cannot be read `loaders.DocumentError`,
    before anything is written."""
    extractor = make_extractor(tuple(Path(p) for p in codebook_paths), find_unknown=True)
    graph = extract_document(extractor, read_source(source, extractor.codebook, options))
    return Ingested(graph, store.upsert(graph))
