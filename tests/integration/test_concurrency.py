"""Concurrent writers on one graph (issue 9, items 1-2): a delete running while a load writes, two loads of two
versions of the same documents, two loads of the same documents. Each round runs the writers in threads with
their own store connections and then compares the graph, node for node and edge for edge (aggregates and
document records included), with a clean reference load of what should be there.
"""

from __future__ import annotations

import hashlib
import threading
import uuid
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, Protocol

import pytest

from graph.backends import open_store
from graph.model import Actor, Document, DocumentGraph, Position, Provenance, Term
from graph.store import Store, UpsertReport
from graph.vocabulary import Relation
from tests.factories import make_graph

ROUNDS = 4
NODES = "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
EDGES = ("MATCH (a)-[e]->(b) RETURN type(e) AS type, labels(a) AS a_labels, a.id AS a, labels(b) AS b_labels, "
         "b.id AS b, properties(e) AS props")


def snapshot(store: Store) -> tuple[list[str], list[str]]:
    """Every node and edge with all its properties, as sorted strings (ready to compare and to diff)."""
    nodes, _ = store.read_cypher(NODES, {}, limit=1_000_000, timeout_ms=60_000)
    edges, _ = store.read_cypher(EDGES, {}, limit=1_000_000, timeout_ms=60_000)

    def norm(value: Any) -> str:
        return repr(sorted(value.items())) if isinstance(value, dict) else repr(value)

    def node(labels: list[str], props: dict[str, Any]) -> str:
        if labels == ["DocumentsVersion"]:  # a token each write draws: that it is there is what compares
            props = {**props, "token": "…"}
        return f"{labels} {norm(props)}"

    return (sorted(node(r["labels"], r["props"]) for r in nodes),
            sorted(f"{r['type']} {r['a_labels']}{r['a']} -> {r['b_labels']}{r['b']} {norm(r['props'])}" for r in edges))


def assert_same(got: tuple[list[str], list[str]], expected: tuple[list[str], list[str]]) -> None:
    """Equal snapshots, or an assertion that names what is missing and what is extra."""
    for kind, g, e in (("nodes", *zip(got, expected, strict=True).__next__()), ("edges", got[1], expected[1])):
        missing, extra = sorted(set(e) - set(g)), sorted(set(g) - set(e))
        assert not missing and not extra and len(g) == len(e), f"{kind}: missing {missing[:5]}, extra {extra[:5]}"


class OpenGraph(Protocol):
    """`graphs`: a store on the named graph of the session's server (a new graph when no name is given)."""

    def __call__(self, name: str | None = None) -> Store: ...


@pytest.fixture
def graphs(server_store: Store, data_dir: Path) -> Iterator[OpenGraph]:
    """Opens stores on fresh graphs of the session's server (each call a new connection to a new graph name is
    made by `open_graph`); everything opened is reset and closed afterwards."""
    opened: list[Store] = []

    def open_graph(name: str | None = None) -> Store:
        store = open_store(None, data_dir=data_dir, database=name or f"c_{uuid.uuid4().hex[:10]}")
        opened.append(store)
        return store

    yield open_graph
    for store in reversed(opened):
        try:
            store.reset()
        finally:
            store.close()


def run_together(*jobs: Callable[[], Any]) -> list[Any]:
    """Run the jobs in threads started at the same moment; re-raise the first failure."""
    results: list[Any] = [None] * len(jobs)
    errors: list[BaseException] = []
    start = threading.Barrier(len(jobs))

    def runner(i: int, job: Callable[[], Any]) -> None:
        try:
            start.wait()
            results[i] = job()
        except BaseException as exc:  # handed to the main thread
            errors.append(exc)

    threads = [threading.Thread(target=runner, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    if errors:
        raise errors[0]
    return results


def load_batches(store: Store, docs: list[DocumentGraph], batch: int) -> UpsertReport:
    report = UpsertReport()
    for start in range(0, len(docs), batch):
        report.outcomes.update(store.upsert_many(docs[start:start + batch]).outcomes)
    return report


def loads(n: int, version: int = 1) -> list[DocumentGraph]:
    """Documents of the factory vocabulary; each version of a document has its own text, positions,
    guarantees and speaker, so a mix of the two versions shows."""
    out = []
    for i in range(n):
        if version == 1:
            positions = [("ISR", "SUPPORTS", "eu_membership", 0), ("RUS", "DEMANDS", "neutral_status", 1),
                         ("UKR", "REJECTS", "neutral_status", 2 + i % 3)]
            guarantees = [("ISR", "UKR", "willing", 5)]
        else:
            positions = [("ISR", "REJECTS", "eu_membership", 1), ("DEU", "OFFERS", "ceasefire", 3),
                         ("USA", "SUPPORTS", "security_guarantees_ukraine", 4 + i % 2)]
            guarantees = [("USA", "UKR", "proposed", 6), ("DEU", "UKR", "declined", 7)]
        out.append(make_graph(f"load-{i}", text=f"load {i} version {version}", date=f"2024-0{1 + i % 9}",
                              positions=positions, guarantees=guarantees, speaker=None if version == 2 else
                              "sergey-lavrov"))
    return out


def own_nodes_graph(doc: str, i: int, text: str) -> DocumentGraph:
    """A document whose actor X<i> and term t<i> only it and victim <i> mention (pruning them is the race)."""
    actor, term = Actor(id=f"X{i}", name=f"Actor {i}"), Term(id=f"t{i}", label=f"Term {i}")
    prov = Provenance(doc=doc, sentence=0, quote=f"quote {i}", confidence=0.5, rule="test", date="2024-01-01")
    return DocumentGraph(document=Document(id=doc, sha256=hashlib.sha256(text.encode()).hexdigest(), text=text),
                         actors=[actor], terms=[term],
                         positions=[Position(actor=actor.id, relation=Relation.DEMANDS, term=term.id, provenance=prov)])


def reference(open_graph: Callable[[], Store], docs: list[DocumentGraph]) -> tuple[list[str], list[str]]:
    clean = open_graph()
    clean.upsert_many(docs)
    return snapshot(clean)


def test_a_delete_during_a_load_loses_nothing_the_load_wrote(graphs: OpenGraph) -> None:
    """Document i and victim i share an actor and a term that nothing else mentions. Deleting victim i prunes
    them when nothing else mentions them, which is exactly the case while the load of document i has merged
    them but not yet linked them; the load's documents must still come out complete, equal to a clean load."""
    n = 30
    docs = [own_nodes_graph(f"load-{i}", i, f"load {i}") for i in range(n)]
    victims_ = [own_nodes_graph(f"victim-{i}", i, f"victim {i}") for i in range(n)]
    expected = reference(graphs, docs)
    for _ in range(ROUNDS):
        name = f"c_{uuid.uuid4().hex[:10]}"
        loader, deleter = graphs(name), graphs(name)
        loader.upsert_many(victims_)

        def delete_all(deleter: Store) -> list[bool]:
            return [deleter.delete_document(f"victim-{i}") for i in range(n)]

        report, deleted = run_together(partial(load_batches, loader, docs, 1), partial(delete_all, deleter))
        assert deleted == [True] * n
        assert report.count("loaded") == n
        assert_same(snapshot(loader), expected)
        assert loader.upsert_many(docs).count("unchanged") == n


def test_two_versions_loaded_at_once_do_not_mix(graphs: OpenGraph) -> None:
    """Each document ends as exactly one of its two versions, as if that version alone had been loaded."""
    v1, v2 = loads(16, 1), loads(16, 2)
    by_sha = {g.document.sha256: g for g in (*v1, *v2)}
    for _ in range(ROUNDS):
        name = f"c_{uuid.uuid4().hex[:10]}"
        a, b = graphs(name), graphs(name)
        run_together(partial(load_batches, a, v1, 2), partial(load_batches, b, v2, 3))
        stored = a.run("document_states", ids=[g.document.id for g in v1])
        winners = [by_sha[s["sha256"]] for s in sorted(stored, key=lambda s: s["id"])]
        assert len(winners) == len(v1)
        assert_same(snapshot(a), reference(graphs, winners))


def test_two_loads_of_the_same_documents_count_each_once(graphs: OpenGraph) -> None:
    """Of two loads of the same new documents at once, exactly one reports each document loaded (the summary
    of the two loads adds up to the documents, it does not double-count them)."""
    docs = loads(20)
    expected = reference(graphs, docs)
    for _ in range(ROUNDS):
        name = f"c_{uuid.uuid4().hex[:10]}"
        a, b = graphs(name), graphs(name)
        ra, rb = run_together(partial(load_batches, a, docs, 2), partial(load_batches, b, docs, 3))
        assert ra.count("loaded") + rb.count("loaded") == len(docs)
        assert ra.count("unchanged") + rb.count("unchanged") == len(docs)
        assert ra.count("replaced") + rb.count("replaced") == 0
        assert_same(snapshot(a), expected)


def test_a_document_that_lost_edges_is_not_unchanged(graphs: OpenGraph) -> None:
    """"Unchanged" means complete and consistent: a document whose edges were removed behind the store's
    back (as the old delete race did) is reloaded, and comes back equal to a clean load."""
    docs = loads(3)
    store = graphs()
    store.upsert_many(docs)
    store.write("document_clear", ids=["load-1"])
    report = store.upsert_many(docs)
    assert report.outcomes == {"load-0": "unchanged", "load-1": "replaced", "load-2": "unchanged"}
    assert_same(snapshot(store), reference(graphs, docs))
