"""The embedded server's life: crashes, concurrent processes, clear errors, and the Bolt code path."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from graph.backends import open_store
from graph.backends.neo4j import Neo4jStore
from graph.embedded import EmbeddedServer, wait_exit
from graph.errors import StoreUnavailable
from tests.factories import make_graph

PROJECT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGSTOP], ids=["killed", "hung"])
def test_a_server_that_dies_or_hangs_is_replaced_and_keeps_the_data(tmp_path: Path, sig: signal.Signals) -> None:
    """kill -9 of the server, or a server that stops answering (FalkorDB #2129: its main thread waiting for ever
    on a lock; here a SIGSTOP): the next call waits no longer than the reply deadline, the server is replaced
    (a hung one killed), and the new one answers with the data the append-only file kept."""
    from graph.embedded import ServerLimits

    store = open_store(None, data_dir=tmp_path, limits=ServerLimits(query_timeout_ms=1000, reply_deadline_s=3))
    pid = None
    try:
        store.upsert_many([make_graph(f"doc-{i}") for i in range(5)])
        before = store.counts()
        pid = EmbeddedServer(tmp_path).server_pid()
        assert pid is not None
        os.kill(pid, sig)
        started = time.monotonic()
        assert store.counts() == before
        assert time.monotonic() - started < 60
        assert wait_exit(pid, 15), f"server {pid} is still there"
        new_pid = EmbeddedServer(tmp_path).server_pid()
        assert new_pid is not None and new_pid != pid
        assert store.upsert(make_graph("doc-after")) == "loaded"
    finally:
        if pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)
        store.close()


def test_last_store_to_close_stops_the_server_and_data_persists(tmp_path: Path) -> None:
    first = open_store(None, data_dir=tmp_path)
    second = open_store(None, data_dir=tmp_path)
    first.upsert(make_graph("doc-a"))
    pid = EmbeddedServer(tmp_path).server_pid()
    assert pid is not None
    first.close()
    assert EmbeddedServer(tmp_path).server_pid() == pid  # still used by `second`
    second.close()
    assert wait_exit(pid, 15), f"server {pid} did not exit"
    reopened = open_store(None, data_dir=tmp_path)
    try:
        assert reopened.counts()["nodes"]["Document"] == 1
    finally:
        reopened.close()


LOADER = textwrap.dedent(
    """
    import sys
    from graph.backends import open_store
    from tests.factories import make_graph
    data_dir, first, last = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    store = open_store(None, data_dir=data_dir)
    for start in range(first, last, 5):
        store.upsert_many([make_graph(f"doc-{i}", positions=[("RUS", "DEMANDS", "neutral_status", i)])
                           for i in range(start, min(start + 5, last))])
    store.close()
    """
)


def test_two_processes_loading_at_once_lose_nothing(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    # Overlapping ranges: documents 40-59 are loaded by both processes at the same time.
    procs = [subprocess.Popen([sys.executable, "-c", LOADER, str(tmp_path), str(a), str(b)], env=env, cwd=PROJECT,
                              stderr=subprocess.PIPE, text=True) for a, b in ((0, 60), (40, 100))]
    for p in procs:
        _, stderr = p.communicate(timeout=180)
        assert p.returncode == 0, stderr
    store = open_store(None, data_dir=tmp_path)
    try:
        counts = store.counts()
        assert counts["nodes"]["Document"] == 100
        assert counts["edges"]["DEMANDS"] == 100 and counts["edges"]["GUARANTEES"] == 100
        states = store.run("document_states", ids=[f"doc-{i}" for i in range(100)])
        assert all(s["complete"] for s in states) and len(states) == 100
    finally:
        store.close()


def test_preparing_the_data_directory_survives_other_processes_doing_the_same(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Two processes that open a new store at once both prepare its directories: one found a directory missing
    and the other made it before its own mkdir (File exists), or a lease file went while the permissions were
    walked (CI failed on the first). Both are what another process does, not errors."""
    server = EmbeddedServer(tmp_path / "data")
    server._make_dirs()
    (server.leases / "gone-lease").touch()
    real_lstat = Path.lstat

    def lstat_after_another_process(path: Path) -> os.stat_result:
        if path.name == "gone-lease":
            path.unlink(missing_ok=True)  # another store released its lease meanwhile
        return real_lstat(path)

    monkeypatch.setattr(Path, "exists", lambda path: False)  # each directory made by the other process first
    monkeypatch.setattr(Path, "lstat", lstat_after_another_process)
    server._make_dirs()
    assert server.leases.is_dir()


@pytest.mark.parametrize("url", ["falkordb://127.0.0.1:1", "bolt://127.0.0.1:1", "nosuch://x"])
def test_wrong_url_is_one_clear_line_from_the_cli(url: str, tmp_path: Path) -> None:
    env = {**os.environ, "PEACEGRAPH_DB_URL": url, "PEACEGRAPH_DATA_DIR": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-m", "app.cli", "db", "status"], env=env, cwd=PROJECT,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert lines[0].startswith("error: ") and len(lines) <= 2  # the driver's reason may wrap onto a second line
    assert "127.0.0.1:1" in proc.stderr or "nosuch" in proc.stderr


def test_wrong_url_is_a_typed_exception_from_the_library() -> None:
    with pytest.raises(StoreUnavailable, match=r"127\.0\.0\.1:1"):
        open_store("falkordb://127.0.0.1:1")
    with pytest.raises(StoreUnavailable, match=r"127\.0\.0\.1:1"):
        open_store("bolt://127.0.0.1:1")


def _free_port() -> int:
    """A free port below 32768: FalkorDB's BOLT_PORT silently fails to listen on higher ones."""
    for port in random.sample(range(20000, 32767), 200):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port below 32768")


def test_neo4j_code_path_smoke_over_falkordb_bolt(tmp_path: Path) -> None:
    """The Neo4j backend (driver, sessions, batch transaction, record conversion) against the embedded
    FalkorDB's experimental Bolt port. Small data only; the append-only file is off because Bolt writes
    crash the server with it on; FalkorDB speaks no Neo4j DDL, so the constraints are skipped."""
    port = _free_port()
    server = EmbeddedServer(tmp_path, module_args=("BOLT_PORT", str(port)), append_only=False)
    server.acquire()
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # the Bolt listener comes up a moment after the Unix socket
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        store = Neo4jStore(f"bolt://127.0.0.1:{port}", user=None, password=None, database="peacegraph", schema=False)
        try:
            assert store.health().backend == "neo4j"
            assert store.upsert(make_graph("doc-a")) == "loaded"
            assert store.upsert(make_graph("doc-a")) == "unchanged"
            counts = store.counts()
            assert counts["nodes"]["Document"] == 1 and counts["edges"]["DEMANDS"] == 1
            rows, truncated = store.read_cypher("MATCH (a:Actor) RETURN a ORDER BY a.id", {}, limit=1, timeout_ms=5000)
            assert truncated is True and rows[0]["a"]["properties"]["id"] == "RUS"
        finally:
            store.close()
    finally:
        server.release()
