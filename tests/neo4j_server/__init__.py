"""A real Neo4j 5 for the tests and benchmarks, from Maven Central: `org.neo4j.test:neo4j-harness` in one JVM.

`pom.xml` and `src/main/java/peacegraph/Neo4jServer.java` are the whole launcher. `build()` runs Maven once
(`mvn -q package`: compiles the class and writes the harness's classpath to `target/classpath.txt`) and again
only when the pom or the class changed; `Neo4jHarness` starts the server on a free 127.0.0.1 port with
authentication off and stops it on exit. `python -m tests.neo4j_server` serves one in the foreground (for the
benchmarks, or to point `PEACEGRAPH_TEST_NEO4J_URL` at).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path
from typing import IO

HOME = Path(__file__).resolve().parent
TARGET = HOME / "target"
CLASSPATH = TARGET / "classpath.txt"
SOURCES = (HOME / "pom.xml", HOME / "src" / "main" / "java" / "peacegraph" / "Neo4jServer.java")
MAIN_CLASS = "peacegraph.Neo4jServer"
HOW_TO_RUN = ("install Java 17 and Maven (Debian: apt-get install openjdk-17-jdk-headless maven), which the tests "
              "use to fetch org.neo4j.test:neo4j-harness from Maven Central, or point PEACEGRAPH_TEST_NEO4J_URL "
              "(and _USER/_PASSWORD) at a Neo4j 5 server of your own")


class HarnessError(RuntimeError):
    """The launcher could not be built or did not start; the message says why."""


def missing_tools() -> str | None:
    """Why the harness cannot run here (None when it can)."""
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if missing:
        return f"{' and '.join(missing)} not found: {HOW_TO_RUN}"
    return None


def _stale() -> bool:
    if not CLASSPATH.exists():
        return True
    built = CLASSPATH.stat().st_mtime
    return any(src.stat().st_mtime > built for src in SOURCES)


def build(*, timeout: float = 900) -> str:
    """The launcher's Java classpath, building it first when missing or older than its sources. The first
    build downloads the harness (about 100 MB) into ~/.m2; later ones take seconds and no network."""
    if _stale():
        proc = subprocess.run(["mvn", "-B", "-q", "package"], cwd=HOME, capture_output=True, text=True,
                              timeout=timeout)
        if proc.returncode != 0 or not CLASSPATH.exists():
            tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-15:])
            raise HarnessError(f"building the Neo4j launcher failed (mvn package in {HOME}):\n{tail}")
        CLASSPATH.touch()  # Maven leaves an unchanged classpath file as it was: mark it built now
    return f"{TARGET / 'classes'}{os.pathsep}{CLASSPATH.read_text().strip()}"


class Neo4jHarness:
    """A Neo4j 5 server in a child JVM for as long as the `with` block runs; `url` is its Bolt URL.

    The child watches its standard input, so it stops even when this process is killed with -9."""

    def __init__(self, *, port: int = 0, heap: str = "1g", pagecache: str | None = None,
                 start_timeout: float = 180) -> None:
        """`heap` is the JVM's -Xmx (a Neo4j server's server.memory.heap.max_size), `pagecache` the server's
        server.memory.pagecache.size (None: the launcher's 128m, enough for the tests' small stores)."""
        self.port, self.heap, self.pagecache, self.start_timeout = port, heap, pagecache, start_timeout
        self.url = ""
        self._proc: subprocess.Popen[str] | None = None
        self._reader: threading.Thread | None = None
        self._log = TARGET / "neo4j-server.log"

    def start(self) -> str:
        classpath = build()
        TARGET.mkdir(exist_ok=True)
        with self._log.open("w") as log:
            self._proc = subprocess.Popen(
                ["java", f"-Xms{self.heap}", f"-Xmx{self.heap}", "-XX:+UseSerialGC", "-cp", classpath, MAIN_CLASS,
                 "--port", str(self.port), *_scratch_dir(),
                 *(["--pagecache", self.pagecache] if self.pagecache else []), "--watch-stdin"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True)
        assert self._proc.stdout is not None
        self.url = self._wait_for_url(self._proc.stdout)
        return self.url

    @property
    def pid(self) -> int | None:
        """The server JVM's process id while it runs."""
        return self._proc.pid if self._proc else None

    def _wait_for_url(self, stdout: IO[str]) -> str:
        """Read the child's output until its NEO4J_URL line (on a thread, so a silent child cannot hang us)."""
        found: list[str] = []
        ready = threading.Event()
        reader = self._reader = threading.Thread(target=_read_url, args=(stdout, found, ready), daemon=True)
        reader.start()
        ready.wait(self.start_timeout)
        if not found:
            self.stop()
            log = self._log.read_text(errors="replace").strip().splitlines()[-15:]
            raise HarnessError(f"the Neo4j launcher printed no URL within {self.start_timeout:.0f} s; "
                               f"its log ({self._log}) ends:\n" + "\n".join(log))
        return found[0]

    def stop(self, timeout: float = 60) -> None:
        proc, self._proc = self._proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGTERM)  # the JVM's shutdown hook closes the database and deletes its files
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        finally:
            if self._reader is not None:
                self._reader.join(5)  # it ends at the output's end, now that the server is gone
            for stream in (proc.stdin, proc.stdout):
                if stream:
                    stream.close()

    def __enter__(self) -> str:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _scratch_dir() -> list[str]:
    """Keep the database in memory (/dev/shm) where there is one: the data is thrown away anyway, and a commit's
    fsync on a busy disk costs tens of milliseconds."""
    shm = Path("/dev/shm")
    return ["--dir", str(shm)] if shm.is_dir() and os.access(shm, os.W_OK) else []


def _read_url(stdout: IO[str], found: list[str], ready: threading.Event) -> None:
    """Find the NEO4J_URL line, then keep draining the child's output to its end, so that a chatty server can
    never block on a full pipe."""
    try:
        for line in stdout:
            if not found and line.startswith("NEO4J_URL "):
                found.append(line.split(" ", 1)[1].strip().rstrip("/"))
                ready.set()
    except (OSError, ValueError):  # the pipe was closed by stop()
        pass
    finally:
        ready.set()


def main() -> None:
    """Serve until Ctrl-C: prints the URL for PEACEGRAPH_DB_URL / PEACEGRAPH_TEST_NEO4J_URL."""
    reason = missing_tools()
    if reason:
        raise SystemExit(f"error: {reason}")
    started = time.monotonic()
    with Neo4jHarness() as url:
        print(f"Neo4j 5 at {url} (no authentication), up in {time.monotonic() - started:.1f} s; Ctrl-C stops it",
              flush=True)
        signal.signal(signal.SIGTERM, _interrupt)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:  # a second Ctrl-C must not cut the clean stop short
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
