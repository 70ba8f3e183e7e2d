"""The read-only `POST /cypher` is bounded: engine limits, the row cap inside the query, no re-run of a query
that killed the server, a cap on concurrent calls, no file or network access, parameters checked, the API key
and the response cache (issue 9, items 3–6)."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from graph.backends import open_store
from graph.embedded import EmbeddedServer
from graph.store import Store
from tests.factories import make_graph
from tests.integration.conftest import API_KEY, make_client
from tests.integration.test_api import assert_problem


def _config(server: EmbeddedServer) -> dict[str, Any]:
    with server.client() as conn:
        reply = conn.execute_command("GRAPH.CONFIG", "GET", "*")
    return {(k.decode() if isinstance(k, bytes) else k): v for k, v in reply}


def _ro_calls(server: EmbeddedServer) -> int:
    with server.client() as conn:
        stats = conn.info("commandstats")
    return int(stats.get("cmdstat_graph.RO_QUERY", {}).get("calls", 0))


def test_the_embedded_server_runs_with_time_memory_and_queue_limits(tmp_path: Path) -> None:
    store = open_store(None, data_dir=tmp_path)
    try:
        server = EmbeddedServer(tmp_path)
        config = _config(server)
        from graph.embedded import ServerLimits

        defaults = ServerLimits()
        assert config["TIMEOUT"] == defaults.query_timeout_ms > 0
        assert config["TIMEOUT_DEFAULT"] == config["TIMEOUT_MAX"] == 0  # those would time writes out too
        assert config["QUERY_MEM_CAPACITY"] == defaults.query_memory_bytes > 0
        assert 0 < config["MAX_QUEUED_QUERIES"] == defaults.max_queued_queries
        limits = Path(f"/proc/{server.server_pid()}/limits").read_text()
        address_space = next(line for line in limits.splitlines() if line.startswith("Max address space"))
        assert str(defaults.memory_bytes) in address_space
    finally:
        store.close()


def test_settings_choose_the_limits(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, query_timeout_ms=7000, query_memory_mb=64, db_memory_mb=1500)
    store = settings.open_store()
    try:
        config = _config(EmbeddedServer(tmp_path))
        assert (config["TIMEOUT"], config["QUERY_MEM_CAPACITY"]) == (7000, 64 * 2**20)
    finally:
        store.close()


@pytest.fixture
def limited(tmp_path: Path):
    """A private server with small limits (a crash here never disturbs the session's server)."""
    settings = Settings(data_dir=tmp_path, query_memory_mb=64, db_memory_mb=1024, cypher_timeout_ms=3000,
                        cypher_row_limit=3, cache_seconds=0)
    store = settings.open_store()
    store.upsert(make_graph("doc-1"))
    try:
        with TestClient(create_app(settings, store=store)) as client:
            yield client, store, EmbeddedServer(tmp_path)
    finally:
        store.close()


def test_the_row_cap_is_applied_inside_the_query(tmp_path: Path) -> None:
    """2 million rows need more than the 64 MB a query may use here; with the cap inside the query only 4 are
    made. (The memory cap goes in as a module argument, which every version of the store passes on.)"""
    store = open_store(None, data_dir=tmp_path, module_args=["QUERY_MEM_CAPACITY", str(64 * 2**20)])
    try:
        store.upsert(make_graph("doc-1"))
        with TestClient(create_app(Settings(data_dir=tmp_path, cypher_row_limit=3), store=store)) as client:
            response = client.post("/cypher", json={"query": "UNWIND range(1, 2000000) AS x RETURN x"})
            assert response.status_code == 200, response.text
            assert response.json() == {"rows": [{"x": 1}, {"x": 2}, {"x": 3}], "count": 3, "truncated": True,
                                       "limit": 3}
            ordered = client.post("/cypher", json={"query": "UNWIND [3, 1, 2, 5] AS x RETURN x ORDER BY x DESC"})
            assert [r["x"] for r in ordered.json()["rows"]] == [5, 3, 2] and ordered.json()["truncated"]
            columns = client.post("/cypher", json={"query": "RETURN 1 AS zebra, 2 AS apple, 3 AS mango"})
            assert list(columns.json()["rows"][0]) == ["zebra", "apple", "mango"]  # the statement's order
            labels = client.post("/cypher", json={"query": "CALL db.labels()"})  # cannot be wrapped: still answered
            assert labels.status_code == 200 and {"label": "Actor"} in labels.json()["rows"]
    finally:
        store.close()


def test_a_query_over_the_memory_limit_is_a_4xx_and_is_not_run_again(limited) -> None:
    client, store, server = limited
    pid = server.server_pid()
    response = client.post("/cypher", json={"query": "UNWIND range(1, 100000000) AS x RETURN count(x)"})
    assert_problem(response, 422, "memory")
    deadline = time.monotonic() + 120
    while not server.ping() and time.monotonic() < deadline:  # a crashed server is restarted in the background
        time.sleep(0.1)
    new_pid = server.server_pid()
    assert new_pid is not None
    if new_pid != pid:  # the server died of it: restarted, and the query was not sent again
        assert _ro_calls(server) == 0
    assert store.counts()["nodes"]["Document"] == 1  # and the data is all there


def test_a_query_over_the_time_limit_is_a_4xx(limited) -> None:
    client, _, _ = limited
    query = "UNWIND range(1, 2000000) AS x UNWIND range(1, 1000) AS y RETURN count(y)"
    assert_problem(client.post("/cypher", json={"query": query}), 422, "time")


def test_concurrent_cypher_calls_are_capped(api_store: Store, data_dir: Path) -> None:
    slow = "UNWIND range(1, 2000000) AS x UNWIND range(1, 1000) AS y RETURN count(y)"
    with make_client(api_store, data_dir, cypher_max_concurrent=1, cypher_timeout_ms=4000) as client:
        first: dict[str, int] = {}

        def run_slow() -> None:  # until it gets the slot (a probe below may hold it for a moment)
            while (status := client.post("/cypher", json={"query": slow}).status_code) == 429:
                time.sleep(0.01)
            first["status"] = status

        worker = threading.Thread(target=run_slow)
        worker.start()
        time.sleep(0.2)
        busy: list[httpx.Response] = []
        while worker.is_alive() and not busy:
            response = client.post("/cypher", json={"query": "RETURN 1 AS one"})
            if response.status_code == 429:
                busy.append(response)
            time.sleep(0.05)
        worker.join()
        assert busy, "no call was refused while the slow one ran"
        assert_problem(busy[0], 429, "busy")
        assert busy[0].headers["retry-after"]
        assert first["status"] == 422
        assert client.post("/cypher", json={"query": "RETURN 1 AS one"}).status_code == 200


@pytest.mark.parametrize("query", [
    "LOAD CSV FROM 'http://127.0.0.1:{port}/x.csv' AS row RETURN row",
    "load  csv with headers from \"http://127.0.0.1:{port}/x.csv\" AS row RETURN row",
    "LOAD/* hidden */CSV FROM 'http://127.0.0.1:{port}/x.csv' AS row RETURN row",
    "CALL apoc.load.json('http://127.0.0.1:{port}/x') YIELD value RETURN value",
    "RETURN apoc.static.get('http://127.0.0.1:{port}/') AS x",
    "CALL dbms.listConfig()",
])
def test_file_and_network_access_is_refused(api: TestClient, query: str) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    try:
        response = api.post("/cypher", json={"query": query.replace("{port}", str(port))})
        assert_problem(response, 403, "not allowed")
        with pytest.raises(TimeoutError):
            listener.accept()  # nobody connected
    finally:
        listener.close()


def test_words_in_strings_and_allowed_procedures_still_work(api: TestClient) -> None:
    text = api.post("/cypher", json={"query": "RETURN 'LOAD CSV FROM x' AS s, `load csv` AS t",
                                     "params": {}})
    assert text.status_code == 400  # an unknown variable, not a refusal: the words inside quotes are data
    ok = api.post("/cypher", json={"query": "WITH 'load csv' AS s RETURN s"})
    assert ok.status_code == 200 and ok.json()["rows"] == [{"s": "load csv"}]
    assert api.post("/cypher", json={"query": "CALL db.labels() YIELD label RETURN label"}).status_code == 200


def test_cypher_needs_the_api_key_when_one_is_set(api_store: Store, data_dir: Path) -> None:
    query = {"query": "RETURN 1 AS one"}
    with make_client(api_store, data_dir, api_key=API_KEY) as keyed:
        assert_problem(keyed.post("/cypher", json=query), 401)
        assert keyed.post("/cypher", json=query, headers={"X-API-Key": API_KEY}).status_code == 200
    with make_client(api_store, data_dir, api_key=API_KEY, cypher_needs_key=False) as open_cypher:
        assert open_cypher.post("/cypher", json=query).status_code == 200


def test_a_read_only_post_keeps_the_response_cache(api: TestClient) -> None:
    assert api.get("/actors").headers["x-cache"] == "miss"
    assert api.get("/actors").headers["x-cache"] == "hit"
    assert api.post("/cypher", json={"query": "RETURN 1 AS one"}).status_code == 200
    assert api.get("/actors").headers["x-cache"] == "hit"


@pytest.mark.parametrize(("params", "needle"), [
    ({"": 1}, "name"),
    ({"a`b": 1}, "backtick"),
    ({"x": 2**64}, "64-bit"),
    ({"x": -(2**63) - 1}, "64-bit"),
    ({"x": [1, [2**70]]}, "64-bit"),
    ({"x": {"": 1}}, "key"),
    ({"x": {"a`": 1}}, "backtick"),
    ({"x": "a\x00b"}, "NUL"),
])
def test_bad_parameters_are_422(api: TestClient, params: dict, needle: str) -> None:
    body = assert_problem(api.post("/cypher", json={"query": "RETURN 1 AS one", "params": params}), 422)
    assert needle in body["detail"], body


def test_lone_surrogates_are_422(api: TestClient) -> None:
    raw = b'{"query": "RETURN $x AS x", "params": {"x": "\\ud800"}}'
    response = api.post("/cypher", content=raw, headers={"content-type": "application/json"})
    assert_problem(response, 422, "surrogate")
    raw = b'{"query": "RETURN \'\\udfff\' AS x"}'
    assert_problem(api.post("/cypher", content=raw, headers={"content-type": "application/json"}), 422, "unicode")


def test_64_bit_edges_are_accepted(api: TestClient) -> None:
    response = api.post("/cypher", json={"query": "RETURN $a AS a, $b AS b", "params": {"a": 2**63 - 1,
                                                                                         "b": -(2**63)}})
    assert response.status_code == 200 and response.json()["rows"] == [{"a": 2**63 - 1, "b": -(2**63)}]

