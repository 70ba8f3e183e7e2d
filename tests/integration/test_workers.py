"""`peacegraph serve --workers 2` for real (issue 22): two worker processes on one store, each with its own
response cache. After a write through one worker, or a `peacegraph load` from another process, neither worker
serves an answer cached before it (the store's write stamp, app/api/cache.py); writes through both workers at
once lose nothing; SIGTERM stops the workers and the embedded server they share. Which worker answered is told
by the cache itself: with a long cache life each worker misses a URL once per write stamp, so the number of
misses among many requests is the number of workers that answered.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from graph.embedded import EmbeddedServer, wait_exit
from tests.conftest import SEEDS, Neo4jServer
from tests.integration.test_cli import PROJECT, _stop_stray_servers, assert_no_server_left  # noqa: F401
from tests.integration.test_server_life import _free_port

WORKERS = 2
TEXT = "Russia demands that Ukraine adopt a neutral status. Kyiv rejects any limits on its army."


class Served:
    def __init__(self, proc: subprocess.Popen[str], port: int, env: dict[str, str], log: Path) -> None:
        self.proc, self.env, self.log = proc, env, log
        self.base = f"http://127.0.0.1:{port}"

    def get(self, path: str) -> httpx.Response:
        """A GET on a connection of its own, so that any worker may take it."""
        return httpx.get(self.base + path, timeout=30)

    def post_document(self, doc_id: str, text: str = TEXT) -> httpx.Response:
        return httpx.post(self.base + "/documents", json={"text": text, "id": doc_id, "title": doc_id}, timeout=300)

    def every_worker(self, path: str, expect: str, tries: int = 400) -> int:
        """GET `path` until both workers have answered it since the last write (a miss each); every answer
        must hold `expect`. Returns the number of requests it took."""
        misses = 0
        for n in range(1, tries + 1):
            response = self.get(path)
            assert response.status_code == 200 and expect in response.text, (n, response.text[:300])
            misses += response.headers["x-cache"] == "miss"
            assert misses <= WORKERS, "a worker missed twice: its entry was dropped without a write"
            if misses == WORKERS:
                return n
        pytest.fail(f"{tries} requests never reached both workers ({misses} misses)")


def _engine_env(engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> dict[str, str]:
    if engine == "falkordb":
        return {}
    server: Neo4jServer = request.getfixturevalue("neo4j_server_info")
    server.wipe()
    env = {"PEACEGRAPH_DB_URL": server.url}
    if server.user:
        env["PEACEGRAPH_DB_USER"] = server.user
    if server.password:
        env["PEACEGRAPH_DB_PASSWORD"] = server.password
    if server.database:
        env["PEACEGRAPH_DB_NAME"] = server.database
    return env


@pytest.fixture(params=["falkordb", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def served(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Served]:
    """`peacegraph serve --workers 2` in a subprocess, on its own data directory (or the wiped Neo4j), with
    a cache life long enough that only a write can make a worker miss again."""
    engine: str = request.param
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PEACEGRAPH_")}
    env.update(PEACEGRAPH_DATA_DIR=str(tmp_path), PEACEGRAPH_PORT=str(port), PEACEGRAPH_CACHE_SECONDS="600",
               **_engine_env(engine, tmp_path, request))
    # The log goes to a file: uvicorn logs every request, and a pipe nobody reads fills up and stops the workers.
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", "serve", "--workers", str(WORKERS)], cwd=PROJECT,
                            env=env, stdout=log, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    served = Served(proc, port, env, tmp_path / "serve.log")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if served.get("/health").status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
        assert proc.poll() is None, (tmp_path / "serve.log").read_text()
    try:
        yield served
    finally:
        _stop(proc)
        log.close()
        print(served.log.read_text()[-20_000:])  # shown when the test failed
        if engine == "neo4j":
            request.getfixturevalue("neo4j_server_info").wipe()


def test_no_worker_serves_an_answer_cached_before_a_write(served: Served) -> None:
    served.every_worker("/documents", "[]")  # both workers now hold the empty list, for 600 s
    assert [served.get("/documents").headers["x-cache"] for _ in range(10)] == ["hit"] * 10
    posted = served.post_document("posted-1")  # taken by one worker
    assert posted.status_code == 201, posted.text
    served.every_worker("/documents", "posted-1")
    served.every_worker("/documents/posted-1", "posted-1")
    assert served.get("/documents").headers["x-cache"] == "hit"

    # a load by another process on the same store (sharing the embedded server through its leases)
    loaded = subprocess.run([sys.executable, "-m", "app.cli", "load", str(SEEDS)], cwd=PROJECT, env=served.env,
                            capture_output=True, text=True, timeout=300)
    assert loaded.returncode == 0, loaded.stderr
    served.every_worker("/documents", "004_54d6a3d48c9ecc01")


def test_every_worker_pages_forms_offer_what_another_worker_wrote(served: Served) -> None:
    """The forms' lists (actors, documents) each worker keeps per write stamp (app/services/per_stamp.py) are read
    again after a write through the other worker: every worker's next page offers the new document and its
    actors. The compare page's form lists the actors; the graph page's, the documents too."""
    served.every_worker("/pages/graph", 'name="doc"')  # both workers have drawn the empty forms
    served.every_worker("/pages/compare", 'name="a"')
    assert '<option value="posted-forms"' not in served.get("/pages/graph").text
    posted = served.post_document("posted-forms")
    assert posted.status_code == 201, posted.text
    actors = [a["id"] for a in served.get("/actors").json()]
    assert actors
    served.every_worker("/pages/graph", '<option value="posted-forms"')
    served.every_worker("/pages/compare", f'<option value="{actors[0]}"')
    for _ in range(10):  # the pages each worker drew after the write, now served from its response cache
        page = served.get("/pages/compare").text
        assert all(f'<option value="{actor}"' in page for actor in actors), actors


def test_every_workers_reviewed_view_shows_a_review_made_through_the_other_worker(served: Served) -> None:
    """The reviewed state and the actors resolved from what was typed, which each worker keeps per write stamp
    (app/services/per_stamp.py), are made again after a review through either worker: every worker's next
    answer for `Kyiv` (an alias) holds the position the review added."""
    assert served.post_document("reviewed").status_code == 201
    served.every_worker("/actors/Kyiv/positions", '"UKR"')  # both workers keep Kyiv = UKR, and no review
    assert '"neutral_status"' not in served.get("/actors/Kyiv/positions").text
    made = subprocess.run([sys.executable, "-m", "app.cli", "keys", "add", "ana"], cwd=PROJECT, env=served.env,
                          capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    add = {"doc": "reviewed", "sentence": 0, "actor": "Kyiv", "relation": "SUPPORTS", "term": "neutral_status",
           "quote": "Russia demands that Ukraine adopt a neutral status."}
    reply = httpx.post(served.base + "/review/add", json=add, headers={"X-API-Key": made.stdout.strip()}, timeout=30)
    assert reply.status_code == 201, reply.text
    served.every_worker("/actors/Kyiv/positions", '"neutral_status"')
    served.every_worker("/review/stats", '"reviews":1')


def test_writes_through_both_workers_at_once_lose_nothing(served: Served) -> None:
    """Ten posts at once, over both workers: two versions of one document, and four new documents each
    sent twice. The write lock runs them one after another: each new document is loaded once (its second post
    finds it unchanged), and the shared one is loaded, then replaced by the other version, whole."""
    other = TEXT + " Moscow offers a ceasefire along the current line."
    jobs = [("shared", TEXT), ("shared", other)] + [(f"doc-{i}", TEXT) for i in range(4) for _ in range(2)]
    with ThreadPoolExecutor(len(jobs)) as pool:
        replies = list(pool.map(lambda job: served.post_document(*job), jobs))
    assert all(r.status_code in (200, 201) for r in replies), [r.text for r in replies]
    outcomes = {doc: sorted(r.json()["outcome"] for (d, _), r in zip(jobs, replies, strict=True) if d == doc)
                for doc, _ in jobs}
    assert outcomes == {"shared": ["loaded", "replaced"], **{f"doc-{i}": ["loaded", "unchanged"] for i in range(4)}}
    for doc_id, text in (("ref-1", TEXT), ("ref-2", other)):  # what each text gives, loaded alone
        assert served.post_document(doc_id, text).status_code == 201
    positions = {text: len(served.get(f"/documents/{ref}").json()["positions"])
                 for ref, text in (("ref-1", TEXT), ("ref-2", other))}
    assert positions[TEXT] > 0
    for i in range(4):  # the same text each: the same positions, none doubled by a concurrent write
        assert len(served.get(f"/documents/doc-{i}").json()["positions"]) == positions[TEXT]
    shared = served.get("/documents/shared").json()
    assert len(shared["positions"]) == positions[shared["text"].strip()]
    assert len(served.get("/documents").json()) == 7


def test_sigterm_stops_every_worker_and_the_shared_server(served: Served, tmp_path: Path) -> None:
    server = EmbeddedServer(tmp_path)
    pid = server.server_pid()
    workers = _children(served.proc.pid)
    assert len(workers) >= WORKERS
    served.proc.send_signal(signal.SIGTERM)
    assert served.proc.wait(timeout=60) == 0
    assert all(wait_exit(w, 15) for w in workers), "a worker is still running"
    if "PEACEGRAPH_DB_URL" in served.env:
        return  # Neo4j: no embedded server to stop
    assert pid is not None and wait_exit(pid, 15), "the embedded server is still running"
    assert list(server.leases.iterdir()) == []
    assert_no_server_left(tmp_path)


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _stop(proc: subprocess.Popen[str]) -> None:
    """SIGTERM, as a service manager stops it; then SIGKILL to its whole process group, workers included (a
    supervisor killed alone leaves its workers running)."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=60)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
