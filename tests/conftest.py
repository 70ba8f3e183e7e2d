"""Shared fixtures: the store suite runs on every engine, each a real server.

- `falkordb`: one embedded FalkorDB server per test session, on a temporary data directory; each test gets a
  graph of its own on it.
- `neo4j`: a real Neo4j 5. `PEACEGRAPH_TEST_NEO4J_URL` (user and password from PEACEGRAPH_TEST_NEO4J_USER /
  _PASSWORD, database from _DATABASE; the database is wiped) names a server of your own; without it the
  session starts the Neo4j harness of `tests/neo4j_server/` (Java 17 + Maven; built once, cached in
  `tests/neo4j_server/target/`). Where neither can run the Neo4j tests skip, saying how to run them; under CI
  (env CI=true) that is a failure instead, so CI never passes without Neo4j.

Tests that need an empty graph take `store` (one test per engine, via the session fixture `engine`; Neo4j
community has one database, so a Neo4j test starts and ends with it wiped); tests that only read the loaded
seeds take `seeded_store` (tests/integration/conftest.py).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from graph.backends import open_store
from graph.store import Store
from tests import neo4j_server

PROJECT = Path(__file__).resolve().parent.parent
SEEDS = PROJECT / "seeds"
ENGINES = ("falkordb", "neo4j")


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("data")


@pytest.fixture(scope="session")
def server_store(data_dir: Path) -> Iterator[Store]:
    """Holds the embedded server open for the whole session, so per-test stores do not restart it."""
    store = open_store(None, data_dir=data_dir, database="session")
    yield store
    store.close()


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def skip_or_fail(reason: str) -> None:
    """A Neo4j test that cannot run: a skip on a laptop, a failure in CI (where a skip would hide it)."""
    if in_ci():
        pytest.fail(f"CI must run the Neo4j tests, but: {reason}", pytrace=False)
    pytest.skip(reason)


@dataclass
class Neo4jServer:
    """The session's Neo4j: how to open it, and what it holds now (`seeds`, or None for scratch/empty)."""

    url: str
    user: str | None
    password: str | None
    database: str | None
    holds: str | None = None
    _admin: Store | None = None

    def open(self) -> Store:
        return open_store(self.url, user=self.user, password=self.password, database=self.database)

    def wipe(self) -> None:
        """Delete everything, through a store the session keeps (a test may close its own)."""
        if self._admin is None:
            self._admin = self.open()
        self._admin.reset()
        self.holds = None

    def close(self) -> None:
        if self._admin is not None:
            self._admin.close()
            self._admin = None


@pytest.fixture(scope="session")
def neo4j_server_info() -> Iterator[Neo4jServer]:
    """The session's Neo4j server: yours (PEACEGRAPH_TEST_NEO4J_URL) or the harness, started once."""
    url = os.environ.get("PEACEGRAPH_TEST_NEO4J_URL", "").strip()
    if url:
        server = Neo4jServer(url, os.environ.get("PEACEGRAPH_TEST_NEO4J_USER", "neo4j"),
                             os.environ.get("PEACEGRAPH_TEST_NEO4J_PASSWORD"),
                             os.environ.get("PEACEGRAPH_TEST_NEO4J_DATABASE"))
        yield server
        server.close()
        return
    reason = neo4j_server.missing_tools()
    if reason:
        skip_or_fail(f"no Neo4j to test against: {reason}")
    harness = neo4j_server.Neo4jHarness()
    try:
        url = harness.start()
    except (neo4j_server.HarnessError, OSError) as exc:
        skip_or_fail(f"the Neo4j harness did not start ({exc}); {neo4j_server.HOW_TO_RUN}")
    os.environ["PEACEGRAPH_TEST_NEO4J_URL"] = url  # for subprocesses the tests start
    server = Neo4jServer(url, None, None, None)
    try:
        yield server
    finally:
        server.close()
        os.environ.pop("PEACEGRAPH_TEST_NEO4J_URL", None)
        harness.stop()


@pytest.fixture
def neo4j_url(neo4j_server_info: Neo4jServer) -> str:
    return neo4j_server_info.url


@pytest.fixture(scope="session", params=[pytest.param(e, marks=getattr(pytest.mark, e)) for e in ENGINES])
def engine(request: pytest.FixtureRequest) -> str:
    """The engine of the store suite. Session-scoped, so pytest runs all tests of one engine together."""
    if request.param == "neo4j":
        request.getfixturevalue("neo4j_server_info")  # skips (or fails in CI) here when Neo4j cannot run
    return str(request.param)


@pytest.fixture
def falkordb_store(server_store: Store, data_dir: Path) -> Iterator[Store]:
    """An empty graph of its own on the session's embedded server (for tests of the FalkorDB backend itself)."""
    s = open_store(None, data_dir=data_dir, database=f"t_{uuid.uuid4().hex[:10]}")
    yield s
    s.reset()
    s.close()


@pytest.fixture
def store(engine: str, request: pytest.FixtureRequest, data_dir: Path) -> Iterator[Store]:
    """An empty graph on the test's engine: a graph of its own on the embedded server, or the wiped Neo4j."""
    if engine == "falkordb":
        yield request.getfixturevalue("falkordb_store")
        return
    yield request.getfixturevalue("neo4j_store")


@pytest.fixture
def neo4j_store(neo4j_server_info: Neo4jServer) -> Iterator[Store]:
    """The session's Neo4j, wiped before and after the test."""
    neo4j_server_info.wipe()
    s = neo4j_server_info.open()
    try:
        yield s
    finally:
        s.close()
        neo4j_server_info.wipe()


@pytest.fixture
def any_store(store: Store) -> Store:
    """The older name of `store` (both run on every engine)."""
    return store


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Under CI a skipped Neo4j test, whatever skipped it, is a failure: CI must prove the Neo4j engine."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    callspec = getattr(item, "callspec", None)
    report.engine = (callspec.params.get("engine") if callspec else None) or (
        "neo4j" if item.get_closest_marker("neo4j") else None)  # Neo4j-only tests count as Neo4j's
    if in_ci() and report.skipped and item.get_closest_marker("neo4j") and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"CI must run every Neo4j test, but this one was skipped: {reason}"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One line per engine: how many of its tests (parametrised, or marked neo4j) passed, failed, skipped."""
    counts: dict[str, dict[str, int]] = {e: {} for e in ENGINES}
    for outcome in ("passed", "failed", "skipped", "error"):
        for report in terminalreporter.stats.get(outcome, []):
            if getattr(report, "when", "call") != "call" and outcome == "passed":
                continue
            engine = getattr(report, "engine", None)
            if engine:
                counts[engine][outcome] = counts[engine].get(outcome, 0) + 1
    if any(counts.values()):
        terminalreporter.section("tests per engine")
        for engine, c in counts.items():
            terminalreporter.write_line(f"{engine} engine - " + " / ".join(
                f"{c.get(o, 0)} {o}" for o in ("passed", "failed", "skipped", "error")))
