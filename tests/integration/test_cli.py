"""`peacegraph db status|reset` as a user runs them: the real CLI in a subprocess, its own embedded server.

Every command starts the embedded FalkorDB of its data directory when nobody runs it, and the last user to
close shuts it down: after each command no server process of that directory may be left.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from graph.backends import open_store
from graph.embedded import EmbeddedServer, _binaries, wait_exit
from tests.factories import make_graph

PROJECT = Path(__file__).resolve().parents[2]
STATUS_KEYS = {"backend", "url", "version", "nodes", "edges"}


def run_cli(data_dir: Path, *args: str, url: str | None = None, columns: int | None = None
            ) -> subprocess.CompletedProcess[str]:
    """`python -m app.cli ARGS` with only the PEACEGRAPH_ settings given here (none from the caller's shell)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PEACEGRAPH_") and k != "COLUMNS"}
    env["PEACEGRAPH_DATA_DIR"] = str(data_dir)
    if url is not None:
        env["PEACEGRAPH_DB_URL"] = url
    if columns is not None:
        env["COLUMNS"] = str(columns)  # the width rich assumes when stdout is not a terminal
    return subprocess.run([sys.executable, "-m", "app.cli", *args], env=env, cwd=PROJECT, capture_output=True,
                          text=True, timeout=180)


def server_processes(data_dir: Path) -> list[int]:
    """Live (not zombie) processes working in the embedded server's directory of `data_dir`: redis-server
    chdirs there, so this finds a server even if its pid file was lost."""
    target = str(EmbeddedServer(data_dir).dir)
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if os.readlink(entry / "cwd") != target:
                continue
            if (entry / "stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
                continue
        except OSError:  # gone meanwhile, or a zombie without a cwd
            continue
        found.append(int(entry.name))
    return found


@pytest.fixture(autouse=True)
def _stop_stray_servers(tmp_path: Path) -> Iterator[None]:
    """A test that fails half-way must not leave its server running: kill whatever still works in tmp_path
    afterwards (the assertions above have already judged whether something was left)."""
    yield
    root = str(tmp_path.resolve())
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and os.readlink(entry / "cwd").startswith(root):
                os.kill(int(entry.name), signal.SIGKILL)
        except OSError:
            continue


def assert_no_server_left(data_dir: Path) -> None:
    assert EmbeddedServer(data_dir).server_pid() is None
    assert server_processes(data_dir) == []


def load_docs(data_dir: Path, n: int = 3) -> dict[str, dict[str, int]]:
    """Load `n` documents through the library and close the store (which stops the server); their counts."""
    store = open_store(None, data_dir=data_dir)
    try:
        store.upsert_many([make_graph(f"doc-{i}", positions=[("RUS", "DEMANDS", "neutral_status", 0),
                                                             ("UKR", "REJECTS", "neutral_status", 1)])
                           for i in range(n)])
        counts = store.counts()
    finally:
        store.close()
    assert counts["nodes"]["Document"] == n  # the fixture itself is what the tests below assume
    assert_no_server_left(data_dir)
    return counts


def status_json(data_dir: Path, url: str | None = None) -> dict:
    proc = run_cli(data_dir, "db", "status", "--json", url=url)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 1, proc.stdout  # exactly one JSON object, nothing else on stdout
    status = json.loads(lines[0])
    assert isinstance(status, dict)
    return status


# -- db status -------------------------------------------------------------------------------------------------
def test_status_prints_backend_url_version_and_counts(tmp_path: Path) -> None:
    counts = load_docs(tmp_path)
    proc = run_cli(tmp_path, "db", "status", columns=40)  # narrower than the URL: it must not be wrapped
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "backend  falkordb"
    assert lines[1] == f"url      embedded:{tmp_path.resolve()}"
    assert lines[2].startswith("version  FalkorDB ") and any(c.isdigit() for c in lines[2])
    for line, kind in zip(lines[3:5], ("nodes", "edges"), strict=True):
        detail = ", ".join(f"{k} {v}" for k, v in sorted(counts[kind].items()))
        assert line == f"{kind:<8} {sum(counts[kind].values())}  ({detail})"
    assert len(lines) == 5
    assert_no_server_left(tmp_path)


def test_status_json_is_one_object_with_exactly_the_documented_keys(tmp_path: Path) -> None:
    counts = load_docs(tmp_path)
    status = status_json(tmp_path)
    assert set(status) == STATUS_KEYS
    assert status["backend"] == "falkordb"
    assert status["url"] == f"embedded:{tmp_path.resolve()}"
    assert status["version"].startswith("FalkorDB ")
    for kind in ("nodes", "edges"):
        assert all(isinstance(k, str) and type(v) is int for k, v in status[kind].items())
        assert status[kind] == counts[kind]
    assert status["nodes"]["Document"] == 3 and status["edges"]["REJECTS"] == 3
    assert_no_server_left(tmp_path)


def test_status_of_an_empty_data_directory(tmp_path: Path) -> None:
    status = status_json(tmp_path / "fresh")
    assert set(status) == STATUS_KEYS and status["nodes"] == {} and status["edges"] == {}
    assert_no_server_left(tmp_path / "fresh")


@pytest.mark.parametrize("url", [
    "falkordb://user:secret@127.0.0.1:1",
    "bolt://neo4j:secret@127.0.0.1:1",         # the Neo4j driver quotes a URL with userinfo in its own errors
    "falkordb://user:secret@127.0.0.1:nonum",  # unparsable port: still one line, still redacted
    "nosuch://user:secret@127.0.0.1:1",
])
@pytest.mark.parametrize("as_json", [False, True])
def test_an_unreachable_url_error_never_shows_the_password(url: str, as_json: bool, tmp_path: Path) -> None:
    proc = run_cli(tmp_path, "db", "status", *(["--json"] if as_json else []), url=url)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("error: ")
    assert "user:***@" in proc.stderr or "neo4j:***@" in proc.stderr  # the URL is named, redacted
    assert "secret" not in proc.stderr and "secret" not in proc.stdout
    assert proc.stdout == ""


@pytest.fixture
def password_falkordb(tmp_path: Path) -> Iterator[int]:
    """A FalkorDB server on a TCP port with a password (`secret`), for the falkordb:// URL path."""
    server, module = _binaries()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    workdir = tmp_path / "external"
    workdir.mkdir()
    proc = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--requirepass", "secret",
                             "--save", "", "--appendonly", "no", "--dir", str(workdir), "--loadmodule", module],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with redis.Redis(host="127.0.0.1", port=port, password="secret") as conn:
                    conn.ping()
                break
            except redis.ConnectionError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_status_of_a_password_protected_server_shows_the_url_without_password(
        password_falkordb: int, tmp_path: Path) -> None:
    url = f"falkordb://default:secret@127.0.0.1:{password_falkordb}"
    status = status_json(tmp_path, url=url)
    assert status["url"] == f"falkordb://default:***@127.0.0.1:{password_falkordb}"
    assert status["backend"] == "falkordb" and status["nodes"] == {}
    human = run_cli(tmp_path, "db", "status", url=url)
    assert human.returncode == 0, human.stderr
    assert f"url      falkordb://default:***@127.0.0.1:{password_falkordb}" in human.stdout.splitlines()
    assert "secret" not in human.stdout + human.stderr
    wrong = run_cli(tmp_path, "db", "status", url=f"falkordb://default:wrong-secret@127.0.0.1:{password_falkordb}")
    assert wrong.returncode == 2 and wrong.stderr.startswith("error: ") and "Traceback" not in wrong.stderr
    assert "secret" not in wrong.stdout + wrong.stderr


# -- db reset --------------------------------------------------------------------------------------------------
def test_reset_needs_yes_and_then_empties_the_graph(tmp_path: Path) -> None:
    counts = load_docs(tmp_path)

    refused = run_cli(tmp_path, "db", "reset")
    assert refused.returncode == 2
    assert refused.stderr.startswith("error: ") and "--yes" in refused.stderr
    assert_no_server_left(tmp_path)
    status = status_json(tmp_path)
    assert {"nodes": status["nodes"], "edges": status["edges"]} == counts  # nothing deleted

    done = run_cli(tmp_path, "db", "reset", "--yes")
    assert done.returncode == 0, done.stderr
    assert "graph deleted" in done.stdout
    assert_no_server_left(tmp_path)
    status = status_json(tmp_path)
    assert status["nodes"] == {} and status["edges"] == {}
    store = open_store(None, data_dir=tmp_path)  # the library sees the same empty graph, and can load again
    try:
        assert store.counts() == {"nodes": {}, "edges": {}}
        assert store.upsert(make_graph("doc-after-reset")) == "loaded"
    finally:
        store.close()
    assert_no_server_left(tmp_path)


# -- the server's life across commands -------------------------------------------------------------------------
def test_each_command_starts_the_server_and_leaves_none_behind(tmp_path: Path) -> None:
    counts = load_docs(tmp_path)
    for _ in range(3):  # the data survives every stop
        status = status_json(tmp_path)
        assert {"nodes": status["nodes"], "edges": status["edges"]} == counts
        assert_no_server_left(tmp_path)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["killed", "stopped"])
def test_a_server_killed_or_stopped_between_commands_is_restarted(sig: signal.Signals, tmp_path: Path) -> None:
    """The library holds the server open (a lease); the server dies; the next command brings it back with the
    data, and leaves it running for the library, which still uses it."""
    store = open_store(None, data_dir=tmp_path)
    try:
        store.upsert_many([make_graph(f"doc-{i}") for i in range(4)])
        counts = store.counts()
        pid = EmbeddedServer(tmp_path).server_pid()
        assert pid is not None
        os.kill(pid, sig)
        assert wait_exit(pid, 15), f"server {pid} did not exit"
        assert EmbeddedServer(tmp_path).server_pid() is None

        status = status_json(tmp_path)
        assert {"nodes": status["nodes"], "edges": status["edges"]} == counts
        restarted = EmbeddedServer(tmp_path).server_pid()
        assert restarted is not None and restarted != pid  # restarted by the CLI, kept for the library's lease
        assert server_processes(tmp_path) == [restarted]
        assert store.counts() == counts
    finally:
        store.close()
    assert_no_server_left(tmp_path)


HOLDER = textwrap.dedent(
    """
    import sys, time
    from graph.backends import open_store
    store = open_store(None, data_dir=sys.argv[1])
    print("ready", flush=True)
    time.sleep(600)
    """
)


def test_a_server_orphaned_by_a_killed_client_is_stopped_by_the_next_command(tmp_path: Path) -> None:
    """A client killed with -9 cannot release its lease; the next command must not count that dead lease."""
    counts = load_docs(tmp_path)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path)], cwd=PROJECT, stdout=subprocess.PIPE,
                              text=True, env={**os.environ, "PYTHONPATH": str(PROJECT)})
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        server = EmbeddedServer(tmp_path).server_pid()
        assert server is not None
    finally:
        holder.kill()
        holder.wait(timeout=30)
    assert EmbeddedServer(tmp_path).server_pid() == server  # orphaned, still running

    status = status_json(tmp_path)
    assert {"nodes": status["nodes"], "edges": status["edges"]} == counts
    assert_no_server_left(tmp_path)
