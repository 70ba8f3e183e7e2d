"""The store a benchmark runs on, chosen by `--url`: the embedded FalkorDB (default), a Neo4j URL, or
`harness` (the tests' Neo4j 5 harness, tests/neo4j_server, started for the run). Used by bench/load.py and
bench/api.py so that both print the same figures for either engine."""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import TYPE_CHECKING

from graph.backends import open_store
from graph.embedded import EmbeddedServer
from graph.store import Store

if TYPE_CHECKING:
    from tests.neo4j_server import Neo4jHarness


# Neo4j's store files (data/databases/<db>: nodes, relationships, properties, indexes) per synthetic document of
# 20 positions, measured at 10,000 documents (138 MB). README, "Neo4j in production", sizes a server from this.
STORE_KB_PER_DOCUMENT = 14


def neo4j_memory(docs: int) -> tuple[str, str]:
    """(heap, page cache) for a Neo4j store of `docs` synthetic documents, by the README's rule: a page cache
    that holds the whole store with half again for growth (at least 256 MB, in steps of 256 MB), and a 1 GB heap
    (transactions and results here are small) up to 100,000 documents, 2 GB beyond."""
    store_mb = docs * STORE_KB_PER_DOCUMENT / 1024
    pagecache_mb = max(256, 256 * math.ceil(store_mb * 1.5 / 256))
    return ("1g" if docs <= 100_000 else "2g"), f"{pagecache_mb}m"


def _status_mb(pid: int, field: str) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def _du_mb(path: Path) -> float:
    """Bytes on disk (allocated blocks) under `path`, in MB."""
    total = 0
    for f in path.rglob("*"):
        try:
            if f.is_file() and not f.is_symlink():
                total += f.stat().st_blocks * 512
        except OSError:
            continue
    return total / 2**20


class BenchEngine:
    """The store a benchmark runs on: embedded (a fresh data directory), a Neo4j URL (the database is wiped),
    or `harness`: the tests' Neo4j harness, started for the run."""

    def __init__(self, url: str | None, docs: int = 10_000) -> None:
        """`docs`: the store's size, from which the harness's memory is set (neo4j_memory)."""
        self.url = None if url in (None, "", "embedded") else url
        self.docs = docs
        self.harness: Neo4jHarness | None = None
        self.name = "embedded FalkorDB" if self.url is None else f"Neo4j at {self.url}"

    @property
    def local(self) -> bool:
        """Whether its server runs on this machine with a pid known here (memory can be read)."""
        return self.url is None or self.harness is not None

    @property
    def server_pid(self) -> int | None:
        return self.harness.pid if self.harness else None

    def server_rss_mb(self, data_dir: Path) -> float:
        """Resident memory of the database server now (the embedded redis-server, or the harness's JVM: its heap
        and page cache as far as they are touched), in MB; nan when it does not run here."""
        pid = EmbeddedServer(data_dir).server_pid() if self.url is None else self.server_pid
        return _status_mb(pid, "VmRSS") if pid else float("nan")

    def store_disk_mb(self, data_dir: Path) -> float:
        """The store's files: the embedded server's directory (append-only file and snapshot), or the harness's
        data/ (found from the files the JVM holds open): the store files and indexes and the transaction logs,
        since right after a load most of it is still in the logs, not yet checkpointed into the store files."""
        if self.url is None:
            return _du_mb(data_dir / "falkordb")
        if self.server_pid is None:
            return float("nan")
        roots = set()
        for fd in Path(f"/proc/{self.server_pid}/fd").iterdir():
            try:
                target = Path(os.readlink(fd))
            except OSError:
                continue
            parts = target.parts
            if "databases" in parts:  # <home>/data/databases/<db>/...
                roots.add(Path(*parts[:parts.index("databases")]))
        return sum(_du_mb(r) for r in roots) if roots else float("nan")

    def __enter__(self) -> BenchEngine:
        if self.url == "harness":
            from tests.neo4j_server import Neo4jHarness

            heap, pagecache = neo4j_memory(self.docs)
            self.harness = Neo4jHarness(heap=heap, pagecache=pagecache)
            self.url = self.harness.start()
            self.name = (f"Neo4j 5 harness at {self.url} (heap {heap}, page cache {pagecache}: the README's "
                         f"production settings for {self.docs:,} documents)")
        return self

    def __exit__(self, *exc: object) -> None:
        if self.harness:
            self.harness.stop()

    def settings_env(self, data_dir: Path, graph: str) -> dict[str, str]:
        """PEACEGRAPH_* for a server process (`peacegraph serve`) on this engine."""
        if self.url is None:
            return {"PEACEGRAPH_DATA_DIR": str(data_dir), "PEACEGRAPH_DB_NAME": graph, "PEACEGRAPH_DB_URL": "embedded"}
        return {"PEACEGRAPH_DATA_DIR": str(data_dir), "PEACEGRAPH_DB_URL": self.url}

    def open(self, data_dir: Path, graph: str, *, wipe: bool = True) -> Store:
        if self.url is None:  # the embedded server's limits from PEACEGRAPH_* (raise DB_MEMORY_MB for big stores)
            from app.settings import Settings

            return open_store(None, data_dir=data_dir, database=graph, limits=Settings().server_limits())
        store = open_store(self.url, user=os.environ.get("PEACEGRAPH_DB_USER"),
                           password=os.environ.get("PEACEGRAPH_DB_PASSWORD"),
                           database=os.environ.get("PEACEGRAPH_DB_NAME"))
        if wipe:
            store.reset()
        return store
