"""The ingest use case (loaders/ingest.py) on the real extractor and the embedded store: callbacks, skipped
files, one count per document, and two ingests of the same folder at once."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from graph.store import Store
from loaders import ExtractItem
from loaders.ingest import ingest_paths, ingest_text
from tests.conftest import SEEDS
from tests.integration.test_aggregates import (
    check_aggregates,
    shared_graph,  # noqa: F401 - fixture
)
from tests.integration.test_concurrency import run_together


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    shutil.copytree(SEEDS, folder)
    (folder / "empty.txt").write_text("")
    return folder


def test_ingest_reports_progress_errors_and_outcomes(store: Store, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    seen: list[ExtractItem] = []
    errors: list[str] = []
    summary = ingest_paths(store, [folder], batch=2, on_document=seen.append, on_error=errors.append)
    assert summary.count("loaded") == 5 and summary.count("unchanged") == 0
    assert len(errors) == 1 and "empty.txt" in errors[0] and summary.skipped == errors
    assert len(seen) == 6
    assert summary.as_dict() == {"loaded": 5, "replaced": 0, "unchanged": 0, "skipped": errors}
    again = ingest_paths(store, [folder, folder / "000_5ee0413d6bcc8bc2.txt"])  # one file named twice
    assert again.count("unchanged") == 5 and len(again.outcomes) == 5
    check_aggregates(store)


def test_ingest_text_stores_one_document(store: Store) -> None:
    text = (SEEDS / "004_54d6a3d48c9ecc01.txt").read_text()
    first = ingest_text(store, text, doc_id="posted", meta={"date": "2025-02-01"})
    assert first.outcome == "loaded" and first.graph.document.id == "posted"
    assert ingest_text(store, text, doc_id="posted", meta={"date": "2025-02-01"}).outcome == "unchanged"


def test_two_ingests_of_one_folder_at_once_count_each_document_once(shared_graph: Callable[[], Store],  # noqa: F811
                                                                     tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    a, b = shared_graph(), shared_graph()
    sa, sb = run_together(lambda: ingest_paths(a, [folder], batch=1), lambda: ingest_paths(b, [folder], batch=2))
    assert sa.count("loaded") + sb.count("loaded") == 5
    assert sa.count("unchanged") + sb.count("unchanged") == 5
    check_aggregates(a)
