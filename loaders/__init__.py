"""Documents → DocumentGraphs. The public surface used by the CLI, the API and notebooks:

- `iter_extract(paths, …)` reads files, folders, dumps and URLs (`loaders/readers/`) and yields one
  `ExtractItem` per document, in order, with either a graph or an error that names the file, row or URL (the
  batch goes on);
- `extract_text(text, doc_id=…, meta=…)` extracts a document given as text (the API's POST /documents);
- `position_records(graph)` flattens a graph into rows of the scorer's JSONL format.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.model import DocumentGraph
from graph.vocabulary import EdgeRelation
from loaders.documents import DocumentError, SourceDocument, from_text
from loaders.pipeline import Extractor, ModelExtractor, RuleExtractor, make_extractor
from loaders.readers import ReadOptions, Row, Source, UrlSource, describe, iter_sources, read_source

__all__ = ["DocumentError", "ExtractItem", "Extractor", "ModelExtractor", "ReadOptions", "RuleExtractor",
           "extract_document", "extract_text", "iter_extract", "make_extractor", "position_records"]

DEFAULT_MAX_BYTES = 2_000_000
log = logging.getLogger(__name__)


@dataclass
class ExtractItem:
    path: Path | None
    graph: DocumentGraph | None = None
    error: str | None = None
    source: str | None = None  # the file, "<dump>, row N" or URL, as messages name it


def extract_document(extractor: Extractor, document: SourceDocument) -> DocumentGraph:
    """Extract a read document; its Document carries where it came from (`SourceDocument.provenance`), which
    the extractor does not need to know about."""
    graph = extractor.extract(document)
    graph.document = graph.document.model_copy(update=document.provenance())
    return graph


def _extract_one(args: tuple[Source, ReadOptions, tuple[Path, ...], bool]) -> ExtractItem:
    source, options, codebook_paths, find_unknown = args
    path = source if isinstance(source, Path) else None
    where = describe(source)
    try:
        extractor = make_extractor(codebook_paths, find_unknown=find_unknown)
        document = read_source(source, extractor.codebook, options)
        return ExtractItem(path, graph=extract_document(extractor, document), source=where)
    except DocumentError as exc:
        return ExtractItem(path, error=str(exc), source=where)
    except Exception as exc:
        log.exception("extraction failed on %s", where)
        return ExtractItem(path, error=f"{where}: extraction failed ({type(exc).__name__}: {exc}); please report it",
                           source=where)


WINDOW = 32  # sources per worker handed out at a time: a dump of 100,000 rows is never all in memory
# Workers never fork the caller: it may be a threaded server or a process whose OpenMP pool (the stance
# model's) or database driver holds a lock at the fork, and a forked child then waits on that lock for ever.
# They fork from a fresh single-threaded server process instead ("forkserver"), which imports the extraction
# modules once, so a worker does not pay those imports again.
WORKER_START = multiprocessing.get_context("forkserver")
WORKER_START.set_forkserver_preload(["loaders.pipeline"])


def iter_extract(paths: Iterable[Path | str | UrlSource | Row], *, max_bytes: int = DEFAULT_MAX_BYTES,
                 codebook_paths: Sequence[Path] = (), jobs: int = 1,
                 options: ReadOptions | None = None, find_unknown: bool = False) -> Iterator[ExtractItem]:
    """Extract every document under `paths` (files, folders, dumps, http(s) URLs), in order; `jobs` > 1
    spreads the reading (fetches included) and extraction over processes. `options` (default: `max_bytes`
    and the default fetch limits) says how to read; `find_unknown` also lists the actors the codebook does
    not know (loaders.unknown_actors)."""
    cb = tuple(Path(p) for p in codebook_paths)
    RuleExtractor(cb)  # a broken codebook fails here, once, not per document
    opts = options or ReadOptions(max_bytes=max_bytes)
    sources = iter_sources(paths, opts)
    pool: ProcessPoolExecutor | None = None
    try:
        while True:
            window = list(itertools.islice(sources, max(1, jobs) * WINDOW))
            if not window:
                break
            work = [(s, opts, cb, find_unknown) for s in window if not isinstance(s, DocumentError)]
            if jobs > 1 and (pool is not None or len(work) > 1):
                pool = pool or ProcessPoolExecutor(max_workers=jobs, mp_context=WORKER_START)
                done = iter(pool.map(_extract_one, work, chunksize=max(1, len(work) // (jobs * 4))))
            else:
                done = map(_extract_one, work)
            for s in window:
                if isinstance(s, DocumentError):
                    yield ExtractItem(None, error=str(s))
                else:
                    yield next(done)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def extract_text(text: str, *, doc_id: str, meta: dict[str, Any] | None = None,
                 codebook_paths: Sequence[Path] = (), meta_origin: str = "given metadata",
                 find_unknown: bool = False, rules_only: bool = False) -> DocumentGraph:
    """Extract one document given as text; raises DocumentError for empty or unusable text. `rules_only`: the
    rules' reading alone, without the trained model (what the grammar tests and the ablation look at)."""
    paths = tuple(Path(p) for p in codebook_paths)
    extractor = (RuleExtractor(paths, find_unknown=find_unknown) if rules_only
                 else make_extractor(paths, find_unknown=find_unknown))
    document = from_text(text, doc_id=doc_id, meta=meta, codebook=extractor.codebook, meta_origin=meta_origin)
    return extract_document(extractor, document)


def position_records(graph: DocumentGraph) -> list[dict[str, Any]]:
    """One row per position and guarantee, in the scorer's format (doc, actor, relation, object, status) plus
    the evidence."""
    rows: list[dict[str, Any]] = []
    doc = graph.document.id
    for p in graph.positions:
        prov = p.provenance
        rows.append({"doc": doc, "actor": p.actor, "relation": p.relation, "object": p.term, "status": None,
                     "sentence": prov.sentence, "quote": prov.quote, "speaker": prov.speaker,
                     "confidence": prov.confidence, "rule": prov.rule, "conditional_on": prov.conditional_on,
                     "date": prov.date, "slot": prov.slot, "process": graph.document.process})
    for g in graph.guarantees:
        prov = g.provenance
        rows.append({"doc": doc, "actor": g.guarantor, "relation": EdgeRelation.GUARANTEES, "object": g.beneficiary,
                     "status": g.status, "sentence": prov.sentence, "quote": prov.quote, "speaker": prov.speaker,
                     "confidence": prov.confidence, "rule": prov.rule, "proposed_by": g.proposed_by,
                     "scope": g.scope, "date": prov.date})
    rows.sort(key=lambda r: (r["sentence"], r["relation"] == EdgeRelation.GUARANTEES, r["actor"], r["object"]))
    return rows
