"""FalkorStore's own compact-reply decoder against the falkordb client's path, on the real embedded store.

Reads send GRAPH.RO_QUERY --compact and decode the reply themselves (`FalkorStore._decode`); the reference is
what they did before: `Graph.ro_query` (the client's `QueryResult`) turned into records by `FalkorStore._records`.
Every value type a query can return is compared, including its Python type (so 1, 1.0 and True differ) and
the order of map keys.
"""

from __future__ import annotations

from typing import Any

import pytest

import queries
from graph.backends.falkor import FalkorStore, params_header
from graph.errors import QueryError, WriteRefused
from graph.store import Store
from tests.factories import api_corpus, make_graph, process_corpus


def typed(value: Any) -> Any:
    """The value with every type made explicit (floats by repr, so -0.0 and 0.0 differ; dict key order kept)."""
    if isinstance(value, dict):
        return ("dict", [(typed(k), typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [typed(v) for v in value])
    if isinstance(value, float):
        return ("float", repr(value))
    return (type(value).__name__, value)


def old_path(store: FalkorStore, text: str, params: dict[str, Any] | None, timeout: int | None = None) -> list:
    """The read path before the decoder: the client's Graph.ro_query, then FalkorStore._records."""
    assert store._db is not None
    graph = store._db.select_graph(store.graph_name)
    return FalkorStore._records(graph.ro_query(text, params, timeout=timeout))


@pytest.fixture
def falkor(falkordb_store: Store) -> FalkorStore:
    assert isinstance(falkordb_store, FalkorStore)
    falkordb_store.upsert_many(api_corpus())
    falkordb_store.upsert_many(process_corpus())
    return falkordb_store


# User Cypher (the POST /cypher path) covering every value type the engine returns.
USER_QUERIES: list[tuple[str, dict[str, Any]]] = [
    ("RETURN 'text' AS s, '' AS empty, 'say \"no\" \\\\ back' AS escaped, 'Київ – 東京' AS unicode, 42 AS i, "
     "-7 AS neg, 0 AS zero, 9007199254740993 AS big, 1.5 AS f, 0.1 AS tenth, 1e300 AS huge, -0.0 AS negzero, "
     "3.0 AS whole, 1.0/3 AS third, true AS t, false AS f2, null AS n", {}),
    ("RETURN [] AS empty, [1, 'a', null, 2.5, true, [false, []]] AS mixed, range(1, 5) AS ints, [null] AS nulls",
     {}),
    ("RETURN {} AS empty, {a: 1, b: 'x', c: null, d: [1, {e: 2.5}], f: {g: true}, z: 0, y: 1} AS nested", {}),
    ("RETURN $s AS s, $quote AS quote, $i AS i, $f AS f, $b AS b, $n AS n, $l AS l, $m AS m",
     {"s": "Kyiv", "quote": 'a "quoted" \\ back\nslash – ü', "i": -3, "f": 2.25, "b": False, "n": None,
      "l": [1, "two", None, [True]], "m": {"k": "v", "n": [1.5], "@odd key": 1}}),
    ("MATCH (a:Actor) RETURN a ORDER BY a.id", {}),
    # a total order: aggregate nodes (Stance, GuaranteeSummary) have no id of their own
    ("MATCH (n) RETURN n, labels(n) AS labels, properties(n) AS props "
     "ORDER BY labels(n)[0], n.id, n.actor, n.term, n.guarantor, n.beneficiary", {}),
    ("MATCH (:Actor)-[e]->(:Term) RETURN e, type(e) AS type ORDER BY e.doc, e.sentence", {}),
    # a total order: ties come out in scan order, which the row cap's CALL { } wrapper may change
    ("MATCH p = (:Actor)-[:GUARANTEES]->(:Actor) RETURN p ORDER BY length(p), nodes(p)[0].id, "
     "relationships(p)[0].status, relationships(p)[0].doc", {}),
    ("MATCH (a:Actor)-[e]->(t:Term) RETURN [a, e, t] AS trio, {edge: e, term: t, id: t.id} AS m "
     "ORDER BY e.doc, e.sentence", {}),
    ("MATCH (a:Actor) RETURN collect(a) AS actors, collect(a.aliases) AS aliases, count(a) AS n", {}),
    ("MATCH (a:Actor)-[e]->(t:Term) RETURN a.id AS actor, collect({term: t.id, conf: e.confidence, "
     "cond: e.conditional_on}) AS stances ORDER BY actor", {}),
    ("RETURN point({latitude: 1.5, longitude: -2.25}) AS p, vecf32([1.0, 2.5, -3.0]) AS v", {}),
    ("RETURN localdatetime('2024-01-02T03:04:05') AS dt, date('2024-01-02') AS d, localtime('03:04:05') AS t",
     {}),
    ("RETURN duration('P1Y2M3DT4H5M6S') AS du", {}),
    ("MATCH (a:Actor {id: 'nobody'}) RETURN a.id AS id", {}),
    ("UNWIND [] AS x RETURN x", {}),
    ("CALL db.labels() YIELD label RETURN label ORDER BY label", {}),
]


@pytest.mark.parametrize("text,params", USER_QUERIES, ids=[f"user{i}" for i in range(len(USER_QUERIES))])
def test_read_cypher_decodes_like_the_client(falkor: FalkorStore, text: str, params: dict[str, Any]) -> None:
    expected = old_path(falkor, text, params, timeout=5000)
    rows, truncated = falkor.read_cypher(text, params, limit=100_000, timeout_ms=5000)
    assert truncated is False
    assert typed(rows) == typed(expected)


def test_every_type_is_covered(falkor: FalkorStore) -> None:
    """The user queries above reach every compact value type the engine has (1 null … 16 duration)."""
    seen: set[int] = set()

    def walk(cell: list[Any]) -> None:
        kind, value = cell
        seen.add(kind)
        if kind == 6:
            for c in value:
                walk(c)
        elif kind == 10:
            for c in value[1::2]:
                walk(c)

    assert falkor._db is not None
    for text, params in USER_QUERIES:
        reply = falkor._db.execute_command("GRAPH.RO_QUERY", falkor.graph_name, params_header(params) + text,
                                           "--compact")
        if len(reply) > 1:
            for row in reply[1]:
                for cell in row:
                    walk(cell)
    assert seen == set(range(1, 17)), sorted(seen)


def _named_params(store: Store) -> list[tuple[str, dict[str, Any]]]:
    ids = [r["id"] for r in store.run("documents_list", date_from=None, date_to=None, process=None, skip=0, limit=100)]
    return [
        ("actors", {}), ("terms", {}), ("officials", {}), ("count_nodes", {}), ("count_edges", {}),
        ("guarantees", dict(guarantor=None, beneficiary=None, status=None, date_from=None, date_to=None,
                            process=None, skip=0, limit=100)),
        ("guarantees", dict(guarantor="USA", beneficiary="UKR", status="willing", date_from="2022",
                            date_to="2023-05", process=None, skip=0, limit=5)),
        ("guarantees_rendered", dict(guarantor=None, beneficiary="UKR", status=None, date_from=None, date_to=None,
                                     process=None, skip=0, limit=5)),
        ("guarantees_recent", dict(upto=3, skip=1, limit=2)),
        ("actor_positions", dict(actor="RUS", relations=None, date_from=None, date_to=None, process=None,
                                 per_group=5)),
        ("actor_positions", dict(actor="UKR", relations=["OFFERS", "REJECTS"], date_from="2022-01",
                                 date_to=None, process=None, per_group=1)),
        ("term_positions", dict(term="nato_non_accession", relations=None, date_from=None, date_to=None,
                                process=None, per_group=5)),
        ("conflicts", dict(term=None, per_side=5)), ("common_ground", dict(a="RUS", b="UKR", per_side=5)),
        ("stance_matrix", dict(actors=None, terms=None)),
        ("stance_timeline", dict(actor="RUS", term=None, process=None, skip=0, limit=1000)),
        ("documents_list", dict(date_from=None, date_to=None, process=None, skip=0, limit=100)),
        ("documents_brief", dict(limit=500)), ("documents_meta", dict(ids=ids)), ("document_states", dict(ids=ids)),
        ("document_detail", dict(id="api-1")), ("document_positions", dict(id="api-1")),
        ("document_guarantees", dict(id="api-1")), ("document_mentions", dict(id="api-1")),
        ("officials_by_id", dict(ids=["sergey-lavrov"])), ("resolve_actor", dict(value="kyiv")),
        ("resolve_term", dict(value="nato non accession", key="nato_non_accession")),
        ("graph_edges", dict(actors=None, terms=None, relations=None, statuses=None, date_from=None, date_to=None,
                             doc=None, process=None, min_confidence=None, limit=5000)),
        ("graph_edges_actors", dict(actors=["RUS", "USA"], terms=None, relations=None, statuses=None,
                                    date_from=None, date_to=None, doc=None, process=None, min_confidence=0.5,
                                    limit=5000)),
        ("graph_edges_terms", dict(actors=None, terms=["nato_non_accession", "ceasefire"], relations=None,
                                   statuses=None, date_from=None, date_to=None, doc=None, process=None,
                                   min_confidence=None, limit=5000)),
        ("graph_edges_doc", dict(actors=None, terms=None, relations=None, statuses=None, date_from=None,
                                 date_to=None, doc="api-1", process=None, min_confidence=None, limit=5000)),
        ("graph_edges_docs", dict(docs=ids, relations=["DEMANDS", "OFFERS", "SUPPORTS", "REJECTS", "GUARANTEES"],
                                  limit=5000)),
        ("conflict_cells", dict(term=None)), ("conflict_cells", dict(term="nato_non_accession")),
        ("stance_timeline", dict(actor="RUS", term="neutral_status", process=None, skip=1, limit=2)),
        ("documents_version", {}), ("documents_order", {}), ("documents_by_ids", dict(ids=[*ids, "no-such-id"])),
        ("cell_names", dict(cells=[{"key": "k1", "actor": "RUS", "term": "neutral_status"},
                                   {"key": "k2", "actor": "UKR", "term": "nato_non_accession"}])),
        ("common_ground_cells", dict(a="RUS", b="UKR")),
        # within one process (the factory documents have none: `process_corpus` adds two that do)
        ("stance_matrix_process", dict(process="gaza", actors=None, terms=None)),
        ("stance_matrix_process", dict(process="gaza", actors=["USA"], terms=["ceasefire"])),
        ("conflict_cells_process", dict(process="gaza", term=None)),
        ("common_ground_cells_process", dict(process="sudan", a="USA", b="DEU")),
        ("process_totals", dict(process="gaza")),
        ("stance_timeline", dict(actor="USA", term=None, process="sudan", skip=0, limit=100)),
        ("guarantees", dict(guarantor=None, beneficiary=None, status=None, date_from=None, date_to=None,
                            process="gaza", skip=0, limit=100)),
        # an actor's or a term's page from its cells (app/newest_cells.py), its totals and timeline pages
        ("graph_cells", dict(actors=["RUS", "USA"], terms=None)),
        ("graph_cells", dict(actors=None, terms=["nato_non_accession"])),
        ("graph_edges_cells", dict(pairs=[{"source": "RUS", "term": "nato_non_accession", "beneficiary": None},
                                          {"source": "USA", "term": None, "beneficiary": "UKR"}],
                                   relations=None, limit=5000)),
        ("graph_edges_total", dict(actors=["RUS", "USA"], terms=None, relations=None)),
        ("graph_edges_actors_count", dict(actors=["RUS"], terms=None, relations=None, statuses=["willing"],
                                          date_from=None, date_to=None, doc=None, process=None,
                                          min_confidence=None, limit=5000)),
        ("graph_edges_terms_count", dict(actors=None, terms=["neutral_status"], relations=None, statuses=None,
                                         date_from="2022", date_to=None, doc=None, process=None,
                                         min_confidence=None, limit=5000)),
        ("stance_timeline_terms", dict(actor="RUS", terms=["nato_non_accession", "neutral_status"], skip=1,
                                       limit=3)),
    ]


def test_every_scalar_reply_query_is_compared(falkor: FalkorStore) -> None:
    """Queries declaring `// scalar reply:` are read in the plain reply form, whose types come from the
    declaration: each one is among the queries compared with the client's path above."""
    declaring = {n for n in queries.names() if queries.load(n, "falkordb").scalar_reply is not None}
    assert {"stance_matrix", "stance_timeline", "graph_edges_terms", "conflict_cells"} <= declaring
    assert declaring <= {name for name, _ in _named_params(falkor)}


def test_a_wrong_scalar_reply_declaration_is_an_error(falkor: FalkorStore) -> None:
    """A node (or other structure) where the declaration promised scalars is refused, never passed on."""
    reply = queries.ScalarReply()
    assert falkor._ro_query_plain("MATCH (a:Actor) RETURN a.id AS id, 1.5 AS f ORDER BY id LIMIT 1", None,
                                  queries.ScalarReply(floats=("f",))) == [{"id": "DEU", "f": 1.5}]
    with pytest.raises(QueryError, match="scalar reply"):
        falkor._ro_query_plain("MATCH (a:Actor) RETURN a.id AS id, a AS node LIMIT 1", None, reply)
    for bad in ("MATCH (n RETURN n", "UNWIND [1, 0] AS x RETURN 1 / x AS y"):  # a syntax, a run-time error
        with pytest.raises(QueryError):
            falkor._guard(lambda: falkor._ro_query_plain(bad, None, reply))  # noqa: B023 - called at once


def test_named_queries_decode_like_the_client(falkor: FalkorStore) -> None:
    cases = _named_params(falkor)
    assert {name for name, _ in cases} >= {"guarantees", "actor_positions", "graph_edges"}
    for name, params in cases:
        expected = old_path(falkor, queries.load(name, "falkordb").text, params)
        got = falkor.run(name, **params)
        assert typed(got) == typed(expected), name
        assert got, f"{name} returned nothing: the comparison proves little"


def test_nodes_keep_their_names_after_the_graph_is_rebuilt(falkor: FalkorStore) -> None:
    """Label and property names are looked up per reply, so a graph reset (ids renumbered) never leaves the
    decoder with stale names."""
    text = "MATCH (n) RETURN n ORDER BY n.id"
    falkor.read_cypher(text, {}, limit=1000, timeout_ms=5000)
    falkor.reset()
    falkor.upsert(make_graph("other", positions=[("UKR", "OFFERS", "ceasefire", 0)], guarantees=[], speaker=None))
    rows, _ = falkor.read_cypher(text, {}, limit=1000, timeout_ms=5000)
    assert typed(rows) == typed(old_path(falkor, text, {}, timeout=5000))
    assert {tuple(r["n"]["labels"]) for r in rows} == {("Actor",), ("Term",), ("Document",), ("Stance",),
                                                      ("DocumentsVersion",), ("StoreFormat",)}


def test_params_header_is_the_clients() -> None:
    from falkordb.graph import Graph

    class Text(str):
        pass

    for params in (None, {}, {"a": None, "b": 'x "y" \\ z', "c": [1, "2", None, [True, 1.5]], "d": {"k": "v"},
                              "e": 0.1, "f": False, "g": -5, "h": ("t", 1)},
                   # what batched writes send: rows of maps, with quotes, backslashes, newlines, unicode, odd keys
                   {"rows": [{"doc": "d\\\"1", "props": {"quote": 'He said "no" \\n\nКиїв – 東京 \\\\', "date": None,
                                                       "conditional_on": [], "span_start": 0, "@odd key": 2**70}},
                             {"doc": "", "ids": ["a", Text("sub"), b"bytes"], "x": float("inf"), 1: "int key"}]}):
        # the client's builder does not use its graph: called unbound, it is the reference
        assert params_header(params) == Graph._build_params_header(None, params)
    for bad in ({"m": {"": 1}}, {"m": [{"a`b": 1}]}):
        with pytest.raises(ValueError):
            Graph._build_params_header(None, bad)
        with pytest.raises(ValueError):
            params_header(bad)


def test_errors_stay_typed_on_the_decoded_path(falkor: FalkorStore) -> None:
    with pytest.raises(QueryError):
        falkor.read_cypher("MATCH (n RETURN n", {}, limit=10, timeout_ms=5000)
    with pytest.raises(QueryError):  # a run-time error comes back inside the reply, not as the reply
        falkor.read_cypher("UNWIND [1, 0] AS x RETURN 1 / x AS y", {}, limit=10,
                           timeout_ms=5000)
    with pytest.raises(WriteRefused):
        falkor.read_cypher("CREATE (:Actor {id: 'X'})", {}, limit=10, timeout_ms=5000)
    with pytest.raises(QueryError):
        falkor.read_cypher("UNWIND range(1, 3000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x) AS n", {},
                           limit=10, timeout_ms=1)
