"""Fixtures of the API tests: the real app on the real embedded store, over hand-built graphs or the seeds.

`seeded_store` loads seeds/ through the real extractor and the ingest use case (`loaders.ingest`, as
`peacegraph demo` does) into a graph of its own on the session's embedded server; it skips only while
`loaders` has no extractor.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from graph.store import BaseStore, open_store
from tests.conftest import SEEDS
from tests.factories import api_corpus

API_KEY = "test-key-123"


def _extractor_missing() -> str | None:
    try:
        import loaders
    except ImportError as exc:
        return f"loaders is not importable yet: {exc}"
    if not hasattr(loaders, "iter_extract"):
        return "loaders.iter_extract does not exist yet: the extractor has not landed"
    return None


@pytest.fixture(scope="session")
def seeded_store(server_store: BaseStore, data_dir: Path) -> Iterator[BaseStore]:
    """The seed documents, extracted and loaded for real, in graph `seeded_<random>` (read-only use)."""
    reason = _extractor_missing()
    if reason:
        pytest.skip(reason)
    from loaders.ingest import ingest_paths

    name = f"seeded_{uuid.uuid4().hex[:8]}"
    store = open_store(None, data_dir=data_dir, database=name)
    summary = ingest_paths(store, [SEEDS])
    assert summary.count("loaded") >= 5 and not summary.skipped, summary
    yield store
    store.reset()
    store.close()


@pytest.fixture
def api_store(store: BaseStore) -> BaseStore:
    """An empty graph of its own with the hand-built API corpus loaded."""
    store.upsert_many(api_corpus())
    return store


def make_client(store: BaseStore, data_dir: Path, **settings: object) -> TestClient:
    return TestClient(create_app(Settings(data_dir=data_dir, **settings), store=store))


@pytest.fixture
def api(api_store: BaseStore, data_dir: Path) -> Iterator[TestClient]:
    """The real app over the hand-built corpus, no API key configured."""
    with make_client(api_store, data_dir) as client:
        yield client


@pytest.fixture
def keyed_api(api_store: BaseStore, data_dir: Path) -> Iterator[TestClient]:
    """The same app with PEACEGRAPH_API_KEY set (writes need X-API-Key)."""
    with make_client(api_store, data_dir, api_key=API_KEY) as client:
        yield client


@pytest.fixture(scope="session")
def seeded_api(seeded_store: BaseStore, data_dir: Path) -> Iterator[TestClient]:
    with make_client(seeded_store, data_dir) as client:
        yield client
