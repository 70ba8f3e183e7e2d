"""Fixtures of the API tests: the real app on the real embedded store, over hand-built graphs or the seeds.

`seeded_store` loads seeds/ through the real extractor and the ingest use case (`loaders.ingest`, as
`peacegraph demo` does) into the engine's store (see tests/conftest.py); it skips only while `loaders` has no
extractor.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from app.keys import KeyRing
from app.main import create_app
from app.settings import Settings
from graph.store import Store
from tests.conftest import SEEDS, Neo4jServer
from tests.factories import api_corpus

API_KEY = "test-key-123"


@pytest.fixture(autouse=True)
def _order_read_at_every_change(monkeypatch: pytest.MonkeyPatch) -> None:
    """The kept order of the documents is read again at every change of the documents here, as it is when
    writes come seconds apart: the tests write and read within milliseconds, and check what the kept order
    answers. How often it is read during a load is tested apart (test_document_order.py)."""
    from app.services import document_order

    monkeypatch.setattr(document_order, "REREAD_AFTER", 0.0)


def _extractor_missing() -> str | None:
    try:
        import loaders
    except ImportError as exc:
        return f"loaders is not importable yet: {exc}"
    if not hasattr(loaders, "iter_extract"):
        return "loaders.iter_extract does not exist yet: the extractor has not landed"
    return None


@pytest.fixture(scope="session")
def _seeded(engine: str, request: pytest.FixtureRequest, data_dir: Path) -> Iterator[tuple[Store, Settings]]:
    """The seed documents' store on the engine, and the settings that load them (as `peacegraph demo` does)."""
    reason = _extractor_missing()
    if reason:
        pytest.skip(reason)
    if engine == "falkordb":
        request.getfixturevalue("server_store")
        settings = Settings(data_dir=data_dir, db_name=f"seeded_{uuid.uuid4().hex[:8]}")
        _load_seeds(settings)
        store = settings.open_store()
        yield store, settings
        store.reset()
        store.close()
        return
    server: Neo4jServer = request.getfixturevalue("neo4j_server_info")
    settings = Settings(data_dir=data_dir, db_url=server.url, db_user=server.user,
                        db_password=SecretStr(server.password) if server.password else None, db_name=server.database)
    store = server.open()
    yield store, settings
    store.close()
    server.wipe()


def _load_seeds(settings: Settings) -> None:
    from loaders.ingest import ingest_paths

    store = settings.open_store()
    try:
        summary = ingest_paths(store, [SEEDS])
    finally:
        store.close()
    assert summary.count("loaded") >= 5 and not summary.skipped, summary


@pytest.fixture
def seeded_store(_seeded: tuple[Store, Settings], engine: str, request: pytest.FixtureRequest) -> Store:
    """The seeds, extracted and loaded for real (read-only use). FalkorDB keeps them in a graph of their own
    for the session; Neo4j's one database is shared with the `store` tests, so they are loaded again after one."""
    store, settings = _seeded
    if engine == "neo4j":
        server: Neo4jServer = request.getfixturevalue("neo4j_server_info")
        if server.holds != "seeds":
            server.wipe()
            _load_seeds(settings)
            server.holds = "seeds"
    return store


@pytest.fixture
def api_store(store: Store) -> Store:
    """An empty graph of its own with the hand-built API corpus loaded."""
    store.upsert_many(api_corpus())
    return store


def found(pattern: str, page: str) -> str:
    """The first group of `pattern` (matched across lines) in a page that must hold it."""
    match = re.search(pattern, page, re.S)
    assert match, f"{pattern!r} is not in the page"
    return match[1]


def view_data(page: str) -> dict:
    """The data a view page draws from (its `view-data` JSON block)."""
    return json.loads(found(r'<script type="application/json" id="view-data">(.*?)</script>', page))


def make_client(store: Store, data_dir: Path, **settings: Any) -> TestClient:
    return TestClient(create_app(Settings(data_dir=data_dir, **settings), store=store))


@pytest.fixture
def api(api_store: Store, data_dir: Path) -> Iterator[TestClient]:
    """The real app over the hand-built corpus, no API key configured."""
    with make_client(api_store, data_dir) as client:
        yield client


@pytest.fixture
def keyed_api(api_store: Store, data_dir: Path) -> Iterator[TestClient]:
    """The same app with PEACEGRAPH_API_KEY set (writes need X-API-Key)."""
    with make_client(api_store, data_dir, api_key=API_KEY) as client:
        yield client


@pytest.fixture(scope="session")
def _seeded_client(_seeded: tuple[Store, Settings], data_dir: Path) -> Iterator[TestClient]:
    with make_client(_seeded[0], data_dir) as client:
        yield client


@pytest.fixture
def seeded_api(seeded_store: Store, _seeded_client: TestClient) -> TestClient:
    """The real app over the seeded store (one app per engine for the session)."""
    return _seeded_client


@pytest.fixture
def keys(tmp_path: Path) -> KeyRing:
    return KeyRing(tmp_path / "keys.json")
