"""The store against real engines: the embedded FalkorDB always, Neo4j when PEACEGRAPH_TEST_NEO4J_URL is set."""

from __future__ import annotations

import pytest

from graph.errors import QueryError, UnknownQuery, WriteRefused
from graph.records import Writer
from graph.store import Store
from tests.factories import make_graph

EDGE_PROPS = "MATCH (a:Actor)-[e]->(t:Term) RETURN a.id AS actor, type(e) AS rel, t.id AS term, properties(e) AS p"


def test_round_trip_keeps_every_field(any_store: Store) -> None:
    graph = make_graph("doc-a", positions=[("RUS", "DEMANDS", "neutral_status", 3)])
    assert any_store.upsert(graph) == "loaded"

    [edge] = any_store.read_cypher(EDGE_PROPS, {}, limit=10, timeout_ms=5000)[0]
    assert (edge["actor"], edge["rel"], edge["term"]) == ("RUS", "DEMANDS", "neutral_status")
    props = edge["p"]
    assert props["doc"] == "doc-a" and props["sentence"] == 3
    assert props["quote"] == "a quote" and props["speaker"] == "sergey-lavrov"
    assert props["date"] == "2022-03-16" and props["confidence"] == pytest.approx(0.9) and props["rule"] == "test"

    [doc] = any_store.read_cypher("MATCH (d:Document) RETURN properties(d) AS d", {}, limit=5, timeout_ms=5000)[0]
    assert doc["d"]["complete"] is True
    assert doc["d"]["sha256"] == graph.document.sha256 and doc["d"]["title"] == "Title doc-a"

    rows, _ = any_store.read_cypher(
        "MATCH (o:Official)-[r:REPRESENTS]->(a:Actor) RETURN o.name AS name, r.role AS role, a.id AS actor",
        {}, limit=5, timeout_ms=5000)
    assert rows == [{"name": "Sergey Lavrov", "role": "Foreign Minister", "actor": "RUS"}]
    [g], _ = any_store.read_cypher("MATCH (g:Actor)-[e:GUARANTEES]->(b:Actor) RETURN g.id AS g, b.id AS b, "
                                   "e.status AS status", {}, limit=5, timeout_ms=5000)
    assert g == {"g": "RUS", "b": "UKR", "status": "proposed"}


def test_loading_twice_changes_nothing(any_store: Store) -> None:
    graphs = [make_graph(f"doc-{i}") for i in range(3)]
    report = any_store.upsert_many(graphs)
    assert report.count("loaded") == 3
    before = any_store.counts()
    again = any_store.upsert_many(graphs)
    assert again.count("unchanged") == 3
    assert any_store.counts() == before
    forced = any_store.upsert_many(graphs, force=True)
    assert forced.count("replaced") == 3
    assert any_store.counts() == before
    assert before["edges"]["DEMANDS"] == 3 and before["edges"]["GUARANTEES"] == 3
    assert before["nodes"]["Document"] == 3


def test_changed_document_replaces_only_its_own_edges(any_store: Store) -> None:
    any_store.upsert(make_graph("doc-a", positions=[("RUS", "DEMANDS", "neutral_status", 0)]))
    any_store.upsert(make_graph("doc-b", positions=[("RUS", "DEMANDS", "neutral_status", 0)]))
    changed = make_graph("doc-a", text="new text", positions=[("UKR", "OFFERS", "neutral_status", 2)], guarantees=[])
    assert any_store.upsert(changed) == "replaced"

    rows, _ = any_store.read_cypher(
        "MATCH (a:Actor)-[e]->(x) WHERE e.doc IS NOT NULL RETURN e.doc AS doc, a.id AS actor, type(e) AS rel "
        "ORDER BY doc, rel", {}, limit=50, timeout_ms=5000)
    assert rows == [
        {"doc": "doc-a", "actor": "UKR", "rel": "OFFERS"},
        {"doc": "doc-b", "actor": "RUS", "rel": "DEMANDS"},
        {"doc": "doc-b", "actor": "RUS", "rel": "GUARANTEES"},
    ]


def test_half_loaded_document_is_repaired_by_loading_again(any_store: Store) -> None:
    graph = make_graph("doc-a")
    # a load that died here
    any_store.write("document_begin", rows=[graph.document.model_dump(mode="json")], version="t")
    assert any_store.run("document_states", ids=["doc-a"])[0]["complete"] is False
    assert any_store.upsert(graph) == "replaced"
    assert any_store.run("document_states", ids=["doc-a"])[0]["complete"] is True
    assert any_store.counts()["edges"]["DEMANDS"] == 1


def test_delete_document_removes_it_and_its_orphans(any_store: Store) -> None:
    any_store.upsert(make_graph("doc-a", positions=[("USA", "SUPPORTS", "ceasefire", 0)], guarantees=[]))
    any_store.upsert(make_graph("doc-b"))
    assert any_store.delete_document("doc-a") is True
    assert any_store.delete_document("doc-a") is False
    counts = any_store.counts()
    assert counts["nodes"]["Document"] == 1
    assert "SUPPORTS" not in counts["edges"]
    actors = {r["id"] for r in any_store.read_cypher("MATCH (a:Actor) RETURN a.id AS id", {}, limit=50,
                                                     timeout_ms=5000)[0]}
    assert actors == {"RUS", "UKR"}  # USA was only in doc-a


def test_read_paths_refuse_writes(any_store: Store) -> None:
    any_store.upsert(make_graph("doc-a"))
    before = any_store.counts()
    with pytest.raises(WriteRefused):
        any_store.read_cypher("MATCH (n) DETACH DELETE n", {}, limit=10, timeout_ms=5000)
    with pytest.raises(WriteRefused):
        any_store.run("upsert_terms", rows=[{"doc": "doc-a", "id": "x", "label": "x", "category": None,
                                             "definition": None}])
    assert any_store.counts() == before


def test_read_cypher_caps_rows(any_store: Store) -> None:
    rows, truncated = any_store.read_cypher("UNWIND range(1, 50) AS x RETURN x", {}, limit=10, timeout_ms=5000)
    assert [r["x"] for r in rows] == list(range(1, 11)) and truncated is True
    rows, truncated = any_store.read_cypher("UNWIND range(1, 5) AS x RETURN x", {}, limit=10, timeout_ms=5000)
    assert len(rows) == 5 and truncated is False


def test_bad_queries_raise_typed_errors(any_store: Store) -> None:
    with pytest.raises(QueryError):
        any_store.read_cypher("MATCH (n RETURN n", {}, limit=10, timeout_ms=5000)
    with pytest.raises(UnknownQuery):
        any_store.run("no_such_query")


def test_health_names_backend_and_version(any_store: Store) -> None:
    health = any_store.health()
    assert health.backend in ("falkordb", "neo4j")
    assert health.version and health.version != "?"


def _document(doc_id: str) -> dict[str, str]:
    return {"id": doc_id, "title": f"Title {doc_id}", "sha256": doc_id}


def test_writes_sent_without_waiting_run_in_order_and_their_errors_are_raised(any_store: Store) -> None:
    """A writer's `send` may return before the engine has run the query (graph/store.py Writer): a later read
    still sees it, the first error among sent writes is raised by the write, and the store then takes the
    next write (its lock and connection given back)."""

    def work(w: Writer) -> None:
        w.send("document_begin", rows=[_document("sent-1")], version="t")
        assert [r["id"] for r in w.run("document_states", ids=["sent-1"])] == ["sent-1"]
        w.send("document_begin", rows="not a list of rows", version="t")
        w.send("document_begin", rows=[_document("sent-2")], version="t")

    with pytest.raises(QueryError):
        any_store.exclusive(work)
    assert any_store.upsert(make_graph("doc-after")) == "loaded"
    assert any_store.counts()["nodes"]["Document"] >= 1


def test_a_failed_write_waits_for_what_it_sent_before_it_lets_the_lock_go(falkordb_store: Store) -> None:
    """On FalkorDB a write is many queries, not a transaction: a writer that fails after sending queries first
    waits for them to run, so that the next writer never runs beside them."""

    def work(w: Writer) -> None:
        w.send("document_begin", rows=[_document(f"sent-{i}") for i in range(2000)], version="t")
        raise RuntimeError("the writer failed")

    with pytest.raises(RuntimeError):
        falkordb_store.exclusive(work)
    assert falkordb_store.counts()["nodes"]["Document"] == 2000
    assert falkordb_store.upsert(make_graph("doc-after")) == "loaded"
