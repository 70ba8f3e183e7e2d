"""Two reviewer processes writing many reviews of one document at once lose nothing: every review is a node of
its own (never an update of a shared one), so each is stored and each position's history holds all of them."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from app import reviewing
from graph.backends import open_store
from graph.review import PositionKey
from graph.store import Store
from graph.vocabulary import ReviewView
from tests.conftest import PROJECT, Neo4jServer
from tests.review_factories import DOC, review_graph

WRITES = 30
WRITER = """
import json, sys
from graph.backends import open_store
from graph.review import PositionKey
from graph.vocabulary import ReviewDecision
from app import reviewing
url, data_dir, database, name = sys.argv[1] or None, sys.argv[2], sys.argv[3] or None, sys.argv[4]
writes = int(sys.argv[5])
store = open_store(url, data_dir=__import__("pathlib").Path(data_dir), database=database)
keys = [PositionKey("rev-1", 0, "RUS", "DEMANDS", "neutral_status"),
        PositionKey("rev-1", 1, "UKR", "REJECTS", "neutral_status"),
        PositionKey("rev-1", 2, "DEU", "OFFERS", "ceasefire")]
for i in range(writes):
    decision = ReviewDecision.CONFIRM if i % 2 else ReviewDecision.REJECT
    reviewing.record(store, keys[i % 3], decision, name, reason=f"{name} {i}")
store.close()
print(json.dumps({"done": writes}))
"""


@pytest.fixture
def target(engine: str, request: pytest.FixtureRequest, data_dir: Path) -> tuple[Store, list[str]]:
    """A store on the engine, and how a subprocess opens the same graph (url, data dir, database)."""
    if engine == "falkordb":
        request.getfixturevalue("server_store")
        name = f"r_{uuid.uuid4().hex[:8]}"
        store = open_store(None, data_dir=data_dir, database=name)

        def drop() -> None:
            store.reset()
            store.close()

        request.addfinalizer(drop)
        return store, ["", str(data_dir), name]
    server: Neo4jServer = request.getfixturevalue("neo4j_server_info")
    store = request.getfixturevalue("neo4j_store")
    return store, [server.url, str(data_dir), server.database or ""]


def test_two_reviewer_processes_lose_nothing(target: tuple[Store, list[str]]) -> None:
    store, how = target
    store.upsert(review_graph())
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, *how, name, str(WRITES)], cwd=PROJECT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for name in ("ana", "ben")]
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err[-2000:]
        assert json.loads(out.strip().splitlines()[-1]) == {"done": WRITES}
    reviews = reviewing.records(store, [DOC])
    assert len(reviews) == 2 * WRITES
    assert {(r.reviewer, r.reason) for r in reviews} == {(n, f"{n} {i}") for n in ("ana", "ben") for i in range(WRITES)}
    history = reviewing.history(store, PositionKey(DOC, 0, "RUS", "DEMANDS", "neutral_status"))
    assert len(history) == 2 * WRITES // 3
    latest = history[0]
    shown = {(p["actor"], p["review_status"]) for p in reviewing.document_positions(store, DOC, ReviewView.BOTH)[0]}
    assert ("RUS", "confirmed" if latest["decision"] == "confirm" else "rejected") in shown
