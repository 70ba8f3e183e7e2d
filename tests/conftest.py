"""Shared fixtures: one real embedded FalkorDB server per test session, on a temporary data directory.

Tests that need an empty graph take `store` (a fresh graph name per test on the shared server); tests that
only read the loaded seeds take `seeded_store`.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.store import BaseStore, open_store

PROJECT = Path(__file__).resolve().parent.parent
SEEDS = PROJECT / "seeds"


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("data")


@pytest.fixture(scope="session")
def server_store(data_dir: Path) -> Iterator[BaseStore]:
    """Holds the embedded server open for the whole session, so per-test stores do not restart it."""
    store = open_store(None, data_dir=data_dir, database="session")
    yield store
    store.close()


@pytest.fixture
def store(server_store: BaseStore, data_dir: Path) -> Iterator[BaseStore]:
    """An empty graph of its own on the session's embedded server."""
    s = open_store(None, data_dir=data_dir, database=f"t_{uuid.uuid4().hex[:10]}")
    yield s
    s.reset()
    s.close()


@pytest.fixture
def neo4j_url() -> str:
    url = os.environ.get("PEACEGRAPH_TEST_NEO4J_URL")
    if not url:
        pytest.skip("PEACEGRAPH_TEST_NEO4J_URL is not set: no Neo4j server to test against")
    return url


@pytest.fixture(params=["embedded", "neo4j"])
def any_store(request: pytest.FixtureRequest) -> Iterator[BaseStore]:
    """The store suite's engine: the embedded FalkorDB always, a real Neo4j when PEACEGRAPH_TEST_NEO4J_URL is
    set (user and password from PEACEGRAPH_TEST_NEO4J_USER / _PASSWORD; the database is wiped)."""
    if request.param == "embedded":
        yield request.getfixturevalue("store")
        return
    url = request.getfixturevalue("neo4j_url")
    s = open_store(url, user=os.environ.get("PEACEGRAPH_TEST_NEO4J_USER", "neo4j"),
                   password=os.environ.get("PEACEGRAPH_TEST_NEO4J_PASSWORD"),
                   database=os.environ.get("PEACEGRAPH_TEST_NEO4J_DATABASE"))
    s.reset()
    yield s
    s.reset()
    s.close()
