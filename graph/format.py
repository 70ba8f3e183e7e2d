"""The stored format's version: what a store written by this code holds, and `peacegraph db migrate`, which
brings an older store up to it.

Version 1: every Stance aggregate keeps its newest sources (graph/kept.py). A store written before that (no
StoreFormat node, documents stored) is version 0: its Stance nodes have no kept lists.
Version 2: every GUARANTEES edge carries its rendered row (graph/evidence.py) and every complete document the
rows of its guarantees (app/services/document_order.py); a version-1 store migrated from version 0 could lack
them, for what an older peacegraph had written before they existed. So the readers need no path for an edge
or a complete document without them.
An empty store is of the current format; the first load into it records the version (`BaseStore.upsert_many`),
and so does a migration. A backup carries the node, so a restored store is as old as the store it came from.

Why the service refuses an older store instead of migrating it at start: a migration re-reads every cell
without its lists under the write lock (minutes on a large store, while every write waits), several workers
would each start one, and a read-only database user cannot run it; so the service answers 503 naming
`peacegraph db migrate` until someone runs it, and picks the store up without a restart once it is done.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from graph.errors import StoreTooOld
from graph.evidence import GUARANTEE_FIELDS, render
from graph.kept import KeptSources
from graph.records import Record, Writer

FORMAT_VERSION = 2
ROWS_PER_QUERY = 1000
T = TypeVar("T")


class Reader(Protocol):
    """What reading the version needs: a store, or a writer under the write lock (a migration)."""

    def run(self, query_name: str, **params: Any) -> list[Record]: ...


class Store(Reader, Protocol):
    """What this module needs of a store (graph.store's Store; not imported: graph.store stamps new stores
    with this module)."""

    def exclusive(self, work: Callable[[Writer], T]) -> T: ...


def stored_version(store: Reader) -> int:
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


@dataclass(frozen=True)
class Migration:
    """What a migration filled in: Stance cells whose kept sources were re-read (to version 1), GUARANTEES
    edges rendered and documents given their guarantees' rows (to version 2)."""

    cells: int = 0
    guarantees: int = 0
    documents: int = 0


def migrate(store: Store) -> Migration:
    """Bring the store up to FORMAT_VERSION, each step filling in what the versions after the store's added,
    then the version recorded; all under the write lock. A current store is left as it is (nothing counted)."""

    def work(w: Writer) -> Migration:
        version = stored_version(w)
        if version >= FORMAT_VERSION:
            return Migration()
        cells = _keep_sources(w) if version < 1 else 0
        guarantees, documents = _render_guarantees(w)
        w.send("set_store_format", rows=[{"version": FORMAT_VERSION}])
        return Migration(cells, guarantees, documents)

    return store.exclusive(work)


def _keep_sources(w: Writer) -> int:
    """The kept sources of every Stance that has none re-read from its edges (graph/kept.py, as a recount
    does); how many cells."""
    cells = [(r["actor"], r["term"]) for r in w.run("stance_cells_unkept")]
    kept = KeptSources()
    kept.force(cells)
    kept.finish(w)
    return len(cells)


def _render_guarantees(w: Writer) -> tuple[int, int]:
    """Each GUARANTEES edge without its rendered row given it, then each complete document without its
    guarantees' rows given them (with a new documents version); how many edges and documents."""
    edges = [{"guarantor": r["guarantor"], "beneficiary": r["beneficiary"], "doc": r["doc"],
              "sentence": r["sentence"], "evidence": render(r, GUARANTEE_FIELDS)}
             for r in w.run("guarantees_unrendered")]
    for start in range(0, len(edges), ROWS_PER_QUERY):
        w.send("set_guarantee_evidence", rows=edges[start:start + ROWS_PER_QUERY])
    lists = [{"id": r["id"], "evidence": list(r["evidence"])} for r in w.run("documents_unlisted")]
    for start in range(0, len(lists), ROWS_PER_QUERY):
        w.send("set_guarantee_lists", rows=lists[start:start + ROWS_PER_QUERY], version=uuid.uuid4().hex)
    return len(edges), len(lists)


def stamp_if_new(w: Writer) -> None:
    """Record the current version when the store holds no document and no version yet (run before a load's
    first write: the load then writes the current format into an empty store)."""
    row = w.run("store_format")[0]
    if row["version"] is None and not row["documents"]:
        w.send("set_store_format", rows=[{"version": FORMAT_VERSION}])
