"""The store: one protocol, two engines, chosen by a URL.

Everything that writes the graph goes through `upsert_many`, which turns DocumentGraphs into parameter rows and
sends one `UNWIND $rows …` query per kind of element per batch (never one round trip per edge). The engine
classes only know how to run a named query and how to hold the store's write lock (`_exclusive`); the loading
logic (skip unchanged, replace changed, keep the aggregates, mark complete) lives here once.

Every writer (a load's batch, a delete) reads the state it decides on and writes its result inside one
`_exclusive` call: one transaction behind a lock node on Neo4j, a lock key on the server for FalkorDB. So a
delete can no longer prune what a running load has just created, two loads of two versions of a document
cannot mix their edges, and of two loads of the same new document exactly one reports it "loaded".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar, runtime_checkable

from graph import rows as to_rows
from graph.errors import ConfigurationError
from graph.model import DocumentGraph

if TYPE_CHECKING:
    from graph.embedded import ServerLimits

Outcome = Literal["loaded", "replaced", "unchanged"]
Record = dict[str, Any]
T = TypeVar("T")

DEFAULT_GRAPH = "peacegraph"


@dataclass(frozen=True)
class Health:
    backend: str
    url: str
    version: str
    ok: bool = True


@dataclass
class UpsertReport:
    """What a batch did, document by document."""

    outcomes: dict[str, Outcome] = field(default_factory=dict)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for o in self.outcomes.values() if o == outcome)


class Writer(Protocol):
    """What a writer holding the store's write lock runs its queries (reads and writes) through."""

    def run(self, query_name: str, **params: Any) -> list[Record]: ...


class _DirectWriter:
    """A Writer that sends each query as a write of its own (for backends without a lock of their own)."""

    def __init__(self, store: BaseStore) -> None:
        self._store = store

    def run(self, query_name: str, **params: Any) -> list[Record]:
        return self._store.write(query_name, **params)


def is_consistent(state: Record) -> bool:
    """A stored document is complete and still holds every edge its load recorded (document_states)."""
    if not state.get("complete"):
        return False
    return all(state.get(k) is not None and state.get(k) == state.get(f"stored_{k}")
               for k in ("positions", "guarantees", "mentions"))


@runtime_checkable
class Store(Protocol):
    backend: str
    url: str

    def run(self, query_name: str, **params: Any) -> list[Record]: ...
    def write(self, query_name: str, **params: Any) -> list[Record]: ...
    def read_cypher(self, text: str, params: dict[str, Any], *, limit: int, timeout_ms: int) -> tuple[list[Record], bool]: ...
    def upsert(self, graph: DocumentGraph) -> Outcome: ...
    def upsert_many(self, graphs: Iterable[DocumentGraph], *, force: bool = False) -> UpsertReport: ...
    def delete_document(self, doc_id: str) -> bool: ...
    def counts(self) -> dict[str, dict[str, int]]: ...
    def health(self) -> Health: ...
    def reset(self) -> None: ...
    def close(self) -> None: ...


class BaseStore:
    """Engine-neutral loading logic on top of `run`/`write`/`_write_batch` provided by a backend."""

    backend = "abstract"
    url = ""

    # Backends implement these three.
    def run(self, query_name: str, **params: Any) -> list[Record]:
        raise NotImplementedError

    def write(self, query_name: str, **params: Any) -> list[Record]:
        raise NotImplementedError

    def _write_batch(self, steps: Sequence[tuple[str, dict[str, Any]]]) -> None:
        """Run named write queries in order, holding the write lock."""

        def work(w: Writer) -> None:
            for name, params in steps:
                w.run(name, **params)

        self._exclusive(work)

    def _exclusive(self, work: Callable[[Writer], T]) -> T:
        """Run `work` as the only writer of the store: backends override this with their lock (FalkorDB) or
        transaction (Neo4j). `work` may run again from the start if the engine retries it."""
        return work(_DirectWriter(self))

    # Shared logic.
    def upsert(self, graph: DocumentGraph) -> Outcome:
        return self.upsert_many([graph]).outcomes[graph.document.id]

    def upsert_many(self, graphs: Iterable[DocumentGraph], *, force: bool = False) -> UpsertReport:
        """Load documents idempotently: unchanged ones (same sha256, complete, every recorded edge still stored)
        are skipped, changed, half-loaded or damaged ones have their own edges replaced, new ones are added.
        `force` reloads unchanged ones. The state is read and the batch written under the write lock."""
        batch = {g.document.id: g for g in graphs}  # a later duplicate of the same id wins
        if not batch:
            return UpsertReport()

        def work(w: Writer) -> UpsertReport:
            report = UpsertReport()
            states = {r["id"]: r for r in w.run("document_states", ids=list(batch))}
            todo: list[DocumentGraph] = []
            existing: list[str] = []
            for doc_id, graph in batch.items():
                state = states.get(doc_id)
                if state and not force and state.get("sha256") == graph.document.sha256 and is_consistent(state):
                    report.outcomes[doc_id] = "unchanged"
                    continue
                report.outcomes[doc_id] = "replaced" if state else "loaded"
                todo.append(graph)
                if state:
                    existing.append(doc_id)
            if todo:
                old_cells = w.run("document_cells", ids=existing) if existing else []
                old_mentions = w.run("documents_mentioned", ids=existing) if existing else []
                for name, params in to_rows.upsert_steps(todo, existing, old_cells, old_mentions):
                    w.run(name, **params)
            return report

        return self._exclusive(work)

    def delete_document(self, doc_id: str) -> bool:
        """Delete a document, its edges, the aggregates' share of them, and the nodes only it mentioned: all
        found by index, all under the write lock."""

        def work(w: Writer) -> bool:
            if not w.run("document_states", ids=[doc_id]):
                return False
            cells = w.run("document_cells", ids=[doc_id])
            candidates = w.run("documents_mentioned", ids=[doc_id])
            steps = [("document_clear", {"ids": [doc_id]}), ("document_clear_mentions", {"ids": [doc_id]}),
                     ("document_delete", {"ids": [doc_id]}), *to_rows.aggregate_steps(to_rows.cells_of([], cells))]
            if candidates:
                steps.append(("prune_orphans", {"rows": candidates}))
            for name, params in steps:
                w.run(name, **params)
            return True

        return self._exclusive(work)

    def counts(self) -> dict[str, dict[str, int]]:
        return {
            "nodes": {r["label"]: int(r["count"]) for r in self.run("count_nodes")},
            "edges": {r["type"]: int(r["count"]) for r in self.run("count_edges")},
        }

    def __enter__(self) -> BaseStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:  # pragma: no cover - overridden
        pass


def redact(url: str) -> str:
    """The URL without its password, for messages and `db status`. Plain string work, so that it never raises
    (a malformed URL must still be reported without its secret)."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    end = min((i for i in (rest.find(c) for c in "/?#") if i >= 0), default=len(rest))
    userinfo, at, hostport = rest[:end].rpartition("@")
    if not at or ":" not in userinfo:
        return url
    return f"{scheme}://{userinfo.split(':', 1)[0]}:***@{hostport}{rest[end:]}"


def open_store(
    url: str | None = None,
    *,
    data_dir: Path = Path("data"),
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
    module_args: Sequence[str] = (),
    limits: ServerLimits | None = None,
) -> BaseStore:
    """Open the store a URL names: unset or `embedded[:PATH]` (default), `falkordb://host:port`, or
    `bolt://`, `neo4j://`, `neo4j+s://` (and the +ssc variants) for Neo4j."""
    url = (url or "").strip() or "embedded"
    scheme = url.split(":", 1)[0].lower()
    if scheme == "embedded":
        from graph.backends.falkor import FalkorStore

        path = url.split(":", 1)[1] if ":" in url else ""
        return FalkorStore.embedded(Path(path) if path else data_dir, graph=database or DEFAULT_GRAPH,
                                    module_args=module_args, limits=limits)
    if scheme in ("falkordb", "redis", "falkordb+unix", "unix"):
        from graph.backends.falkor import FalkorStore

        return FalkorStore.external(url, graph=database or DEFAULT_GRAPH, password=password, limits=limits)
    if scheme in ("bolt", "neo4j", "bolt+s", "neo4j+s", "bolt+ssc", "neo4j+ssc"):
        from graph.backends.neo4j import Neo4jStore

        return Neo4jStore(url, user=user, password=password, database=database)
    raise ConfigurationError(
        f"unknown database URL scheme {scheme!r} in {redact(url)!r}: use embedded[:PATH], falkordb://host:port, "
        "bolt://, neo4j:// or neo4j+s://"
    )
