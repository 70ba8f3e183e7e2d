"""The write lock of a FalkorDB graph: one writer at a time, across processes, threads and machines.

Why: FalkorDB runs each query atomically, but a document's write is a dozen queries (begin, clear, nodes,
edges, aggregates, complete). A delete pruning orphans between two of them removed what the load had just
created, and two loads of two versions of a document mixed their edges. Every writer therefore holds this lock
for its whole read-decide-write sequence; readers never take it.

The lock is a key on the FalkorDB server itself (redis-py's `Lock`: SET NX PX with an owner token, released
and extended by a script that checks the token), so it works the same for the embedded server and an external
one, and it expires on its own when its holder dies (kill -9) instead of blocking the store for ever. The
holder extends it after its queries (at most every few seconds), so a long batch keeps it.

Next to it is the graph's write stamp (`stamp_key`), a counter every writer increments when it is done, whether
its write succeeded or not: API workers and any other process compare it to tell that the graph changed
(app/api/cache.py). It is a plain key, not in the graph, so dropping the graph (`db reset`) does not set it back.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

import redis
from redis.lock import Lock

from graph.errors import StoreUnavailable

LEASE_SECONDS = 120.0  # how long a dead holder blocks others; extended after every query of a write
WAIT_SECONDS = 900.0  # how long a writer waits for another one to finish before giving up


def lock_key(graph: str) -> str:
    return f"peacegraph:write-lock:{graph}"


def stamp_key(graph: str) -> str:
    return f"peacegraph:write-stamp:{graph}"


def bump(client: redis.Redis, graph: str) -> None:
    """Count a write to `graph`, after its queries: a reader that saw the old stamp may hold old answers."""
    client.incr(stamp_key(graph))


class WriteLock:
    """A held write lock; `refresh()` after queries keeps the lease alive."""

    def __init__(self, client: redis.Redis, graph: str, *, lease: float = LEASE_SECONDS,
                 wait: float = WAIT_SECONDS) -> None:
        self._lock = Lock(client, lock_key(graph), timeout=lease, sleep=0.01, blocking_timeout=wait,
                          thread_local=False)
        self.graph = graph

    def acquire(self) -> None:
        if not self._lock.acquire(blocking=True):
            raise StoreUnavailable(f"another writer has held the write lock of graph {self.graph!r} for too long; "
                                   "try again when its load has finished")

    def refresh(self) -> None:
        self._lock.reacquire()

    def keep(self) -> None:
        """Make sure the lock is still held after the server restarted: extended if the restart kept it (it is
        in the append-only file), taken again if not."""
        try:
            self._lock.reacquire()
        except redis.exceptions.LockError:
            self.acquire()

    def release(self) -> None:
        # the lease ran out and someone else may hold it now: nothing to free
        with contextlib.suppress(redis.exceptions.LockError):
            self._lock.release()


def locked(client: redis.Redis, graph: str, work: Callable[[WriteLock], Any]) -> Any:
    """Run `work(lock)` holding the graph's write lock, and bump the write stamp before letting it go (a write
    that failed half-way has still changed the graph)."""
    lock = WriteLock(client, graph)
    lock.acquire()
    try:
        return work(lock)
    finally:
        try:
            bump(client, graph)
        finally:
            lock.release()
