"""The stored format's version: what a store written by this code holds, and `peacegraph db migrate`, which
brings an older store up to it.

Version 1: every Stance aggregate keeps its newest sources (graph/kept.py). A store written before that (no
StoreFormat node, documents stored) is version 0: its Stance nodes have no kept lists. An empty store is of
the current format; the first load into it records the version (`BaseStore.upsert_many`), and so does a
migration. A backup carries the node, so a restored store is as old as the store it came from.

Why the service refuses an older store instead of migrating it at start: a migration re-reads every cell
without its lists under the write lock (minutes on a large store, while every write waits), several workers
would each start one, and a read-only database user cannot run it; so the service answers 503 naming
`peacegraph db migrate` until someone runs it, and picks the store up without a restart once it is done.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from graph.errors import StoreTooOld
from graph.kept import KeptSources
from graph.records import Record, Writer

FORMAT_VERSION = 1
T = TypeVar("T")


class Store(Protocol):
    """What this module needs of a store (graph.store's Store; not imported: graph.store stamps new stores
    with this module)."""

    def run(self, query_name: str, **params: Any) -> list[Record]: ...
    def exclusive(self, work: Callable[[Writer], T]) -> T: ...


def stored_version(store: Store) -> int:
    """The store's format version: its StoreFormat node's; 0 for documents without one; current when empty."""
    row = store.run("store_format")[0]
    if row["version"] is not None:
        return int(row["version"])
    return 0 if row["documents"] else FORMAT_VERSION


def check(store: Store) -> None:
    """Refuse a store older than this code reads, saying what to run."""
    version = stored_version(store)
    if version < FORMAT_VERSION:
        raise StoreTooOld(f"the store is in stored format {version} and this peacegraph reads format "
                          f"{FORMAT_VERSION}: run `peacegraph db migrate` (back it up first: `peacegraph db backup`)")


def migrate(store: Store) -> int:
    """Bring the store up to FORMAT_VERSION: the kept sources of every Stance that has none re-read from its
    edges (graph/kept.py, as a recount does), then the version recorded; all under the write lock. Returns how
    many cells were re-read (0 for a current store, which is left as it is)."""

    def work(w: Writer) -> int:
        cells = [(r["actor"], r["term"]) for r in w.run("stance_cells_unkept")]
        kept = KeptSources()
        kept.force(cells)
        kept.finish(w)
        w.send("set_store_format", rows=[{"version": FORMAT_VERSION}])
        return len(cells)

    return store.exclusive(work)


def stamp_if_new(w: Writer) -> None:
    """Record the current version when the store holds no document and no version yet (run before a load's
    first write: the load then writes the current format into an empty store)."""
    row = w.run("store_format")[0]
    if row["version"] is None and not row["documents"]:
        w.send("set_store_format", rows=[{"version": FORMAT_VERSION}])
