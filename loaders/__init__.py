"""Documents → DocumentGraphs. The public surface used by the CLI, the API and notebooks:

- `iter_extract(paths, …)` reads files or folders and yields one `ExtractItem` per document, in order, with
  either a graph or an error that names the file (the batch goes on);
- `extract_text(text, doc_id=…, meta=…)` extracts a document given as text (the API's POST /documents);
- `position_records(graph)` flattens a graph into rows of the scorer's JSONL format.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.model import DocumentGraph
from loaders.documents import DocumentError, from_text, iter_paths, read_document
from loaders.pipeline import Extractor, RuleExtractor

__all__ = ["DocumentError", "ExtractItem", "Extractor", "RuleExtractor", "extract_text", "iter_extract",
           "position_records"]

DEFAULT_MAX_BYTES = 2_000_000
log = logging.getLogger(__name__)


@dataclass
class ExtractItem:
    path: Path | None
    graph: DocumentGraph | None = None
    error: str | None = None


def _extract_path(args: tuple[Path, int, tuple[Path, ...]]) -> ExtractItem:
    path, max_bytes, codebook_paths = args
    try:
        extractor = RuleExtractor(codebook_paths)
        document = read_document(path, codebook=extractor.codebook, max_bytes=max_bytes)
        return ExtractItem(path, graph=extractor.extract(document))
    except DocumentError as exc:
        return ExtractItem(path, error=str(exc))
    except Exception as exc:
        log.exception("extraction failed on %s", path)
        return ExtractItem(path, error=f"{path}: extraction failed ({type(exc).__name__}: {exc}); please report it")


def iter_extract(paths: Iterable[Path], *, max_bytes: int = DEFAULT_MAX_BYTES,
                 codebook_paths: Sequence[Path] = (), jobs: int = 1) -> Iterator[ExtractItem]:
    """Extract every document under `paths`, in order; `jobs` > 1 spreads the work over processes."""
    cb = tuple(Path(p) for p in codebook_paths)
    RuleExtractor(cb)  # a broken codebook fails here, once, not per document
    files: list[Path] = []
    for item in iter_paths(paths):
        if isinstance(item, DocumentError):
            yield ExtractItem(None, error=str(item))
        else:
            files.append(item)
    work = [(p, max_bytes, cb) for p in files]
    if jobs > 1 and len(work) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            yield from pool.map(_extract_path, work, chunksize=max(1, min(32, len(work) // (jobs * 4) or 1)))
    else:
        yield from map(_extract_path, work)


def extract_text(text: str, *, doc_id: str, meta: dict[str, Any] | None = None,
                 codebook_paths: Sequence[Path] = ()) -> DocumentGraph:
    """Extract one document given as text; raises DocumentError for empty or unusable text."""
    extractor = RuleExtractor(tuple(Path(p) for p in codebook_paths))
    return extractor.extract(from_text(text, doc_id=doc_id, meta=meta, codebook=extractor.codebook))


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
                     "date": prov.date})
    for g in graph.guarantees:
        prov = g.provenance
        rows.append({"doc": doc, "actor": g.guarantor, "relation": "GUARANTEES", "object": g.beneficiary,
                     "status": g.status, "sentence": prov.sentence, "quote": prov.quote, "speaker": prov.speaker,
                     "confidence": prov.confidence, "rule": prov.rule, "proposed_by": g.proposed_by,
                     "scope": g.scope, "date": prov.date})
    rows.sort(key=lambda r: (r["sentence"], r["relation"] == "GUARANTEES", r["actor"], r["object"]))
    return rows
