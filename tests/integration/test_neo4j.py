"""What a Neo4j user relies on, shown on a real Neo4j 5 (the harness, or PEACEGRAPH_TEST_NEO4J_URL): reads in
READ access mode, one transaction per document write, uniqueness constraints that hold under concurrent
loaders. The engine-neutral suite (store, queries, API) runs on Neo4j too, through the `store` fixture."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from graph.errors import QueryError, QueryLimitExceeded, WriteRefused
from graph.store import Store
from tests.conftest import PROJECT, SEEDS, Neo4jServer
from tests.factories import make_graph

pytestmark = pytest.mark.neo4j


def _everything(store: Store) -> list[dict]:
    return store.read_cypher("MATCH (n) RETURN labels(n) AS labels, n.id AS id ORDER BY id", {}, limit=1000,
                             timeout_ms=5000)[0]


def test_reads_run_in_read_access_mode(neo4j_store: Store) -> None:
    """The named-query read path sends no EXPLAIN check: the server's READ access mode is what refuses."""
    neo4j_store.upsert(make_graph("doc-a"))
    before = _everything(neo4j_store)
    with pytest.raises(WriteRefused, match="read access mode"):
        neo4j_store.run("reset")  # MATCH (n) DETACH DELETE n, sent through the read path
    with pytest.raises(WriteRefused, match="read access mode"):
        neo4j_store.run("document_complete", ids=["doc-a"])
    assert _everything(neo4j_store) == before
    neo4j_store.write("reset")  # the same query through the write path does delete
    assert _everything(neo4j_store) == []


def test_a_read_over_its_time_limit_is_a_limit_error(neo4j_store: Store) -> None:
    """The server stops the transaction at the caller's timeout; the API answers that as a limit (422), as it
    does for FalkorDB, not as a bad query (400)."""
    slow = "UNWIND range(1, 2000000) AS x UNWIND range(1, 1000) AS y RETURN count(y)"
    with pytest.raises(QueryLimitExceeded, match="TransactionTimedOut"):
        neo4j_store.read_cypher(slow, {}, limit=10, timeout_ms=300)
    rows, _ = neo4j_store.read_cypher("RETURN 1 AS one", {}, limit=10, timeout_ms=300)
    assert rows == [{"one": 1}]


def test_a_document_write_that_fails_half_way_leaves_nothing_behind(neo4j_store: Store) -> None:
    """The position rows come after the document, actors, officials and terms of the same write; the driver
    refuses a sentence number beyond 64 bits while sending them, inside the open transaction, which the server
    then rolls back whole: no document half-written, no orphan actor or term."""
    neo4j_store.upsert(make_graph("doc-keep", positions=[("USA", "SUPPORTS", "ceasefire", 0)], guarantees=[]))
    before = _everything(neo4j_store)
    bad = make_graph("doc-bad", positions=[("RUS", "DEMANDS", "neutral_status", 1)])
    bad.positions[0].provenance.sentence = 2**64  # set after validation: any value the driver cannot send
    with pytest.raises((OverflowError, QueryError)):  # the driver's own error, or the store's typed one
        neo4j_store.upsert(bad)
    assert _everything(neo4j_store) == before
    assert neo4j_store.run("document_states", ids=["doc-bad"]) == []
    assert neo4j_store.upsert(make_graph("doc-bad")) == "loaded"  # and the same document loads afterwards


def test_uniqueness_constraints_exist_and_hold_under_concurrent_loaders(neo4j_store: Store,
                                                                       neo4j_server_info: Neo4jServer) -> None:
    rows, _ = neo4j_store.read_cypher("SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type "
                                      "RETURN labelsOrTypes[0] AS label, properties AS props, type", {},
                                      limit=50, timeout_ms=5000)
    assert {(r["label"], tuple(r["props"]), r["type"]) for r in rows} >= {
        (label, ("id",), "UNIQUENESS") for label in ("Actor", "Official", "Term", "Document")}

    graphs = [make_graph(f"doc-{i}", positions=[("RUS", "DEMANDS", "neutral_status", i)]) for i in range(6)]

    def load(offset: int) -> None:
        with neo4j_server_info.open() as s:  # a driver of its own, as another process would have
            s.upsert_many(graphs[offset:] + graphs[:offset], force=True)

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(load, range(4)))
    counts = neo4j_store.counts()
    assert {label: counts["nodes"].get(label) for label in ("Actor", "Official", "Term", "Document")} == {
        "Actor": 2, "Official": 1, "Term": 1, "Document": 6}
    assert counts["edges"]["DEMANDS"] == 6 and counts["edges"]["GUARANTEES"] == 6


def test_cli_loads_and_reports_on_neo4j(neo4j_store: Store, neo4j_server_info: Neo4jServer,
                                        tmp_path: Path) -> None:
    """`peacegraph load` and `db status` with PEACEGRAPH_DB_URL naming the Neo4j server, as a user runs them."""
    env = {**os.environ, "PEACEGRAPH_DB_URL": neo4j_server_info.url, "PEACEGRAPH_DATA_DIR": str(tmp_path)}
    for key, value in (("PEACEGRAPH_DB_USER", neo4j_server_info.user),
                       ("PEACEGRAPH_DB_PASSWORD", neo4j_server_info.password),
                       ("PEACEGRAPH_DB_NAME", neo4j_server_info.database)):
        env.pop(key, None)
        if value:
            env[key] = value

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "app.cli", *args], env=env, cwd=PROJECT, capture_output=True,
                              text=True, timeout=300)

    load = cli("load", str(SEEDS))
    assert load.returncode == 0, load.stderr
    assert "5 loaded, 0 replaced, 0 unchanged, 0 skipped" in load.stdout
    status = cli("db", "status", "--json")
    assert status.returncode == 0, status.stderr
    report = json.loads(status.stdout)
    assert report["backend"] == "neo4j" and report["version"].startswith("Neo4j/5")
    assert report["nodes"]["Document"] == 5 == neo4j_store.counts()["nodes"]["Document"]
    assert not list(tmp_path.iterdir())  # no embedded server was started on the side
