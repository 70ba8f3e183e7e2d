"""The store: one protocol, two engines, chosen by a URL.

Everything that writes the graph goes through `upsert_many`, which turns DocumentGraphs into parameter rows and
sends one `UNWIND $rows …` query per kind of element per batch (position edges: one per ~2,500), never one
round trip per edge. The engine
classes only know how to run a named query and how to hold the store's write lock (`exclusive`); the loading
logic (skip unchanged, replace changed, keep the aggregates, mark complete) lives here once.

Every writer (a load's batch, a delete) reads the state it decides on and writes its result inside one
`exclusive` call: one transaction behind a lock node on Neo4j, a lock key on the server for FalkorDB. So a
delete can no longer prune what a running load has just created, two loads of two versions of a document
cannot mix their edges, and of two loads of the same new document exactly one reports it "loaded".
"""

from __future__ import annotations

import gc
import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol, Self, TypeVar

from graph import rows as to_rows
from graph.format import stamp_if_new
from graph.kept import CLASSES, KeptSources
from graph.model import DocumentGraph
from graph.records import Health, Outcome, Record, Writer

T = TypeVar("T")


@dataclass
class UpsertReport:
    """What a batch did, document by document."""

    outcomes: dict[str, Outcome] = field(default_factory=dict)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for o in self.outcomes.values() if o == outcome)


def is_consistent(state: Record) -> bool:
    """A stored document is complete and still holds every edge its load recorded (document_states)."""
    if not state.get("complete"):
        return False
    return all(state.get(k) is not None and state.get(k) == state.get(f"stored_{k}")
               for k in ("positions", "guarantees", "mentions"))


@dataclass
class _OldShare:
    """What documents about to be replaced or deleted hold now: their share of the Stance aggregates, the
    guarantee pairs they touch, and what they mention (candidates for pruning afterwards)."""

    stance_parts: list[Record] = field(default_factory=list)
    cells: list[Record] = field(default_factory=list)
    mentions: list[Record] = field(default_factory=list)
    recorded: dict[str, set[tuple[str, str]]] = field(default_factory=dict)  # Stance cells noted at completion

    @classmethod
    def read(cls, w: Writer, ids: list[str], states: dict[str, Record]) -> _OldShare:
        """`states`: document_states rows by id; the cells they recorded count for damaged documents, whose
        edges may be gone."""
        if not ids:
            return cls()
        share = cls(w.run("document_stance_parts", ids=ids), w.run("document_cells", ids=ids),
                    w.run("documents_mentioned", ids=ids))
        for doc_id in ids:
            noted = (states.get(doc_id) or {}).get("cells") or {}
            share.recorded[doc_id] = set(zip(noted.get("stance_actors") or [], noted.get("stance_terms") or [],
                                             strict=False))
            share.cells += [{"kind": "guarantee", "source": g, "target": b} for g, b in
                            zip(noted.get("pair_guarantors") or [], noted.get("pair_beneficiaries") or [],
                                strict=False)]
        return share

    def cells_of(self, docs: Iterable[str]) -> set[tuple[str, str]]:
        """Stance cells the documents feed now or fed at their last complete load."""
        docs = set(docs)
        found = {(p["actor"], p["term"]) for p in self.stance_parts if p["doc"] in docs}
        for doc_id in docs:
            found |= self.recorded.get(doc_id, set())
        return found


def _sits_on_an_end(delta: dict[str, Any], old: Record) -> bool:
    """Whether a removed edge's date is at or beyond a first or last date of the cell's aggregate (overall or of
    its relation), so that removing it may move that date: then the cell is recomputed from its evidence."""
    for prefix in ("", *(f"{c}_" for c in CLASSES)):
        first, last = delta.get(f"removed_{prefix}first"), delta.get(f"removed_{prefix}last")
        was_first, was_last = old.get(f"{prefix}first"), old.get(f"{prefix}last")
        if (first is not None and was_first is not None and first <= was_first) or \
                (last is not None and was_last is not None and last >= was_last):
            return True
    return False


class _Aggregates:
    """Keeps the aggregates of one locked write: Stance cells change by what is removed (before the old
    edges go) and what is added (after the new ones are written); cells whose first or last date a removal may
    have moved, and every cell of a repaired document (incomplete or missing edges, so its share of the
    aggregates is unknown), are recomputed from their evidence at the end, when the edges are final; cells
    left without evidence are removed. Guarantee pairs hold few edges and are simply recounted."""

    def __init__(self, w: Writer) -> None:
        self.w = w
        self.recount: set[tuple[str, str]] = set()
        self.maybe_empty: set[tuple[str, str]] = set()
        self.kept = KeptSources()  # the newest sources each Stance keeps (graph/kept.py)

    def apply(self, deltas: list[dict[str, Any]], *, adding: bool = False) -> None:
        """Write stance_deltas rows. Cells that lose edges (removed dates or negative counts) are read first
        (stance_values): a cell whose removed edges sat on one of its first or last dates is recounted at the
        end, one left with no source may be pruned. Cells that only gain need no read. `adding`: the rows of
        the write's new edges (added to `kept` before), whose write also returns the kept keys of the cells
        whose kept sources they may change (graph/kept.py)."""
        if not deltas:
            return
        losing = [d for d in deltas if any(k.startswith("removed_") or (type(v) is int and v < 0)
                                           for k, v in d.items())]
        if losing:
            now = {(r["actor"], r["term"]): r for r in
                   self.w.run("stance_values", cells=[{"actor": d["actor"], "term": d["term"]} for d in losing])}
            for d in losing:
                cell = (d["actor"], d["term"])
                old = now.get(cell, {})
                if (old.get("sources") or 0) + d.get("sources", 0) <= 0:
                    self.maybe_empty.add(cell)
                elif _sits_on_an_end(d, old):
                    self.recount.add(cell)
        rows = [{k: v for k, v in d.items() if not k.startswith("removed_")} for d in deltas]
        if adding:
            self.kept.mark(rows)
            self.kept.looked(rows, self.w.run("apply_stance_deltas", rows=rows))
        else:
            self.w.send("apply_stance_deltas", rows=rows)

    def finish(self, graphs: list[DocumentGraph], old: _OldShare) -> None:
        cells = [{"source": a, "target": t} for a, t in sorted(self.recount)]
        if cells:
            self.w.send("refresh_stances", cells=cells)
        empty = [{"source": a, "target": t} for a, t in sorted(self.maybe_empty | self.recount)]
        if empty:
            self.w.send("prune_stances", cells=empty)
        self.kept.force(self.recount)
        self.kept.finish(self.w)
        pairs = to_rows.guarantee_pairs(graphs, old.cells)
        if pairs:
            self.w.send("refresh_guarantee_summaries", cells=pairs)
            self.w.send("prune_guarantee_summaries", cells=pairs)


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Python's cycle collector off while a batch is written. Why: a batch allocates hundreds of thousands of
    short-lived rows, tuples and dicts, which set off full collections that walk every object the process
    holds (the batch's models among them): 40% of the loader's CPU in bench/load.py, for no garbage, since
    refcounting frees all of it. The collector is switched back on (if it was on) when the batch is written,
    and collects any cycle then."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


class Store(Protocol):
    """What the services, the routes' dependency, the loaders and the tests use of a store: the backends
    (graph/backends/) implement it on top of BaseStore; `open_store` there picks one by URL."""

    backend: str
    url: str

    def run(self, query_name: str, **params: Any) -> list[Record]: ...
    def write(self, query_name: str, **params: Any) -> list[Record]: ...
    def read_cypher(self, text: str, params: dict[str, Any], *, limit: int,
                    timeout_ms: int) -> tuple[list[Record], bool]: ...
    def upsert(self, graph: DocumentGraph) -> Outcome: ...
    def upsert_many(self, graphs: Iterable[DocumentGraph], *, force: bool = False) -> UpsertReport: ...
    def delete_document(self, doc_id: str) -> bool: ...
    def counts(self) -> dict[str, dict[str, int]]: ...
    def exclusive(self, work: Callable[[Writer], T]) -> T: ...
    def write_stamp(self) -> object:
        """A value that changes with every write to the store, by any process (a counter on FalkorDB, a random
        token on Neo4j; None before the first write): equal stamps mean no write came between two reads."""
        ...
    def health(self) -> Health: ...
    def reset(self) -> None: ...
    def close(self) -> None: ...
    def __enter__(self) -> Self: ...
    def __exit__(self, *exc: object) -> None: ...


class BaseStore(ABC):
    """Engine-neutral loading logic on top of `run` and `exclusive`, which a backend provides (with the rest of
    the `Store` protocol)."""

    backend = "abstract"
    url = ""

    @abstractmethod
    def run(self, query_name: str, **params: Any) -> list[Record]:
        """Run a named read query (queries/NAME.cypher)."""

    @abstractmethod
    def exclusive(self, work: Callable[[Writer], T]) -> T:
        """Run `work` as the only writer of the store: the backend's lock (FalkorDB) or transaction (Neo4j).
        `work` may run again from the start if the engine retries it."""

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
        with _without_cycle_collection():
            return self._upsert_batch(batch, force)

    def _upsert_batch(self, batch: dict[str, DocumentGraph], force: bool) -> UpsertReport:
        def work(w: Writer) -> UpsertReport:
            report = UpsertReport()
            states = {r["id"]: r for r in w.run("document_states", ids=list(batch))}
            todo: list[DocumentGraph] = []
            existing: list[str] = []
            repairs: set[str] = set()
            for doc_id, graph in batch.items():
                state = states.get(doc_id)
                consistent = state is not None and is_consistent(state)
                if consistent and not force and state is not None and state.get("sha256") == graph.document.sha256:
                    report.outcomes[doc_id] = "unchanged"
                    continue
                report.outcomes[doc_id] = "replaced" if state else "loaded"
                todo.append(graph)
                if state:
                    existing.append(doc_id)
                    if not consistent:
                        repairs.add(doc_id)
            if todo:
                stamp_if_new(w)
                self._write_documents(w, todo, existing, repairs, states)
            return report

        return self.exclusive(work)

    @staticmethod
    def _write_documents(w: Writer, todo: list[DocumentGraph], existing: list[str], repairs: set[str],
                         states: dict[str, Record]) -> None:
        """One batch's write, in an order that leaves the aggregates right after a crash at any point once the
        documents are loaded again: a document is incomplete from the first query to the last, and an
        incomplete document's cells are recomputed from evidence when it is repaired."""
        old = _OldShare.read(w, existing, states)
        aggregates = _Aggregates(w)
        version = uuid.uuid4().hex  # the documents' version this write leaves (queries/document_begin.cypher)
        name, params = to_rows.begin_step(todo)
        w.send(name, **params, version=version)
        kept = [p for p in old.stance_parts if p["doc"] not in repairs]
        aggregates.apply(to_rows.stance_deltas([], kept))  # the old versions' share out, before their edges go
        aggregates.kept.remove(old.stance_parts)
        for name, params in to_rows.upsert_steps(todo, existing):
            w.send(name, **params)
        deltas = to_rows.stance_deltas(todo)  # prepared while the engine writes the edges
        aggregates.kept.add(todo)
        aggregates.apply(deltas, adding=True)
        aggregates.recount |= old.cells_of(repairs)
        aggregates.recount |= {(p.actor, p.term) for g in todo if g.document.id in repairs for p in g.positions}
        aggregates.finish(todo, old)
        if old.mentions:
            w.send("prune_orphans", rows=old.mentions)
        w.send("document_complete", rows=to_rows.document_counts(todo), version=version)

    def delete_document(self, doc_id: str) -> bool:
        """Delete a document, its edges, its share of the aggregates, and the nodes only it mentioned: all
        found by index, all under the write lock."""

        def work(w: Writer) -> bool:
            states = w.run("document_states", ids=[doc_id])
            if not states:
                return False
            old = _OldShare.read(w, [doc_id], {doc_id: states[0]})
            aggregates = _Aggregates(w)
            if is_consistent(states[0]):
                aggregates.apply(to_rows.stance_deltas([], old.stance_parts))
                aggregates.kept.remove(old.stance_parts)
            else:  # its share of the aggregates is unknown: recount its cells once its edges are gone
                aggregates.recount |= old.cells_of([doc_id])
            w.send("document_clear", ids=[doc_id])
            w.send("document_clear_mentions", ids=[doc_id])
            w.send("document_delete", ids=[doc_id], version=uuid.uuid4().hex)
            aggregates.finish([], old)
            if old.mentions:
                w.run("prune_orphans", rows=old.mentions)
            return True

        return self.exclusive(work)

    def counts(self) -> dict[str, dict[str, int]]:
        return {
            "nodes": {r["label"]: int(r["count"]) for r in self.run("count_nodes")},
            "edges": {r["type"]: int(r["count"]) for r in self.run("count_edges")},
        }

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @abstractmethod
    def close(self) -> None:
        """Let the engine's connections (and an embedded server this store started) go."""
