"""The JSON API on the real app and the real embedded store, over hand-built graphs with known answers
(tests/factories.py `api_corpus`)."""

from __future__ import annotations

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from graph.store import Store
from graph.vocabulary import Relation
from tests.integration.conftest import API_KEY, make_client

PROBLEM = "application/problem+json"


def by(rows: list[dict], key: str) -> dict:
    return {r[key]: r for r in rows}


def assert_problem(response, status: int, *needles: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status and body["title"] and body["type"]
    for needle in needles:
        assert needle in body["detail"], body
    return body


# -- guarantees ----------------------------------------------------------------------------------------------
def test_who_guarantees_ukraine_tells_declined_from_willing(api: TestClient) -> None:
    rows = api.get("/guarantees", params={"beneficiary": "Kyiv"}).json()
    status = {(r["guarantor"], r["status"]) for r in rows}
    assert ("ISR", "declined") in status
    assert ("DEU", "willing") in status
    assert ("USA", "proposed") in status and ("USA", "willing") in status
    isr = next(r for r in rows if r["guarantor"] == "ISR")
    assert isr["beneficiary"] == "UKR" and isr["beneficiary_name"] == "Ukraine"
    assert isr["doc"] == "api-1" and isr["title"] == "Title api-1" and isr["outlet"] == "Test Outlet"
    assert isr["date"] == "2022-03-16" and isr["quote"] and isr["speaker_name"] == "Sergey Lavrov"


def test_guarantees_filter_by_status_guarantor_and_dates(api: TestClient) -> None:
    declined = api.get("/guarantees", params={"status": "declined"}).json()
    assert [r["guarantor"] for r in declined] == ["ISR"]
    usa = api.get("/guarantees", params={"guarantor": "united states"}).json()
    assert sorted(r["status"] for r in usa) == ["proposed", "willing"]
    in_2023 = api.get("/guarantees", params={"date_from": "2023", "date_to": "2023-05"}).json()
    assert [(r["guarantor"], r["status"]) for r in in_2023] == [("USA", "willing")]
    march_2022 = api.get("/guarantees", params={"date_to": "2022-03"}).json()
    assert {r["doc"] for r in march_2022} == {"api-1"}  # a partial date_to includes the whole month
    page = api.get("/guarantees", params={"skip": 1, "limit": 2}).json()
    assert len(page) == 2


@pytest.mark.parametrize(("params", "field", "needle"), [
    ({"date_from": "2022-13"}, "date_from", "not a real date"),
    ({"date_to": "March 2022"}, "date_to", "not an ISO date"),
    ({"status": "maybe"}, "status", "'declined'"),
    ({"limit": "0"}, "limit", "greater than or equal to 1"),
    ({"limit": "5001"}, "limit", "less than or equal to 5000"),
    ({"limit": "ten"}, "limit", "valid integer"),
    ({"skip": "-1"}, "skip", "greater than or equal to 0"),
])
def test_bad_parameters_are_422_problems_naming_the_parameter(api: TestClient, params: dict, field: str,
                                                               needle: str) -> None:
    body = assert_problem(api.get("/guarantees", params=params), 422, field, needle)
    assert body["errors"][0]["location"] == f"query parameter {field!r}"


def test_guarantee_pages_are_consecutive_slices_of_the_newest_first_list(api: TestClient) -> None:
    everything = api.get("/guarantees", params={"limit": 5000}).json()
    assert len(everything) >= 3
    assert [r["date"] for r in everything] == sorted((r["date"] for r in everything), reverse=True)
    key = [(r["guarantor"], r["beneficiary"], r["doc"], r["sentence"], r["status"]) for r in everything]
    pages = [api.get("/guarantees", params={"skip": skip, "limit": 2}).json() for skip in range(0, len(key), 2)]
    assert [(r["guarantor"], r["beneficiary"], r["doc"], r["sentence"], r["status"]) for p in pages for r in p] == key
    assert api.get("/guarantees", params={"skip": len(key)}).json() == []
    assert api.get("/guarantees").json() == everything[:100]  # the default page: skip 0, limit 100


def test_positions_per_group_caps_the_sources_but_not_the_counts(api: TestClient) -> None:
    one = by(api.get("/actors/RUS/positions", params={"per_group": 1}).json()["terms"], "term")
    full = by(api.get("/actors/RUS/positions").json()["terms"], "term")
    assert one.keys() == full.keys()
    for term, entry in one.items():
        assert len(entry["sources"]) == 1 and entry["counts"] == full[term]["counts"]
        assert entry["sources"][0] == full[term]["sources"][0]  # the newest one
    assert_problem(api.get("/actors/RUS/positions", params={"per_group": 0}), 422, "per_group")
    assert_problem(api.get("/actors/RUS/positions", params={"per_group": 1001}), 422, "per_group")


def test_reversed_date_range_is_refused(api: TestClient) -> None:
    assert_problem(api.get("/guarantees", params={"date_from": "2024", "date_to": "2023-01"}), 422,
                   "after date_to")


# -- actors, aliases, terms ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("typed", "actor_id"), [("Kyiv", "UKR"), ("russia", "RUS"), ("ukr", "UKR"),
                                                 ("MOSCOW", "RUS"), ("North Atlantic Treaty Organization", "NATO")])
def test_actor_ids_names_and_aliases_resolve_case_insensitively(api: TestClient, typed: str, actor_id: str) -> None:
    response = api.get(f"/actors/{typed}/positions")
    assert response.status_code == 200, response.text
    assert response.json()["actor"]["id"] == actor_id


def test_unknown_actor_is_a_404_problem_naming_it(api: TestClient) -> None:
    assert_problem(api.get("/actors/Atlantis/positions"), 404, "actor", "'Atlantis'")
    assert_problem(api.get("/guarantees", params={"guarantor": "Narnia"}), 404, "'Narnia'")
    assert_problem(api.get("/terms/world peace/positions"), 404, "term", "'world peace'")


def test_actors_list_has_officials(api: TestClient) -> None:
    actors = by(api.get("/actors").json(), "id")
    assert {"RUS", "UKR", "DEU", "ISR", "USA", "NATO"} <= set(actors)
    assert actors["RUS"]["officials"] == [{"id": "sergey-lavrov", "name": "Sergey Lavrov", "role": "Foreign Minister"}]
    assert actors["NATO"]["kind"] == "organization"
    assert api.get("/actors/kiev").json()["id"] == "UKR"
    officials = api.get("/officials").json()
    assert officials == [{"id": "sergey-lavrov", "name": "Sergey Lavrov", "role": "Foreign Minister",
                          "represents": "RUS", "represents_name": "Russia"}]


def test_russias_positions_are_grouped_by_term_with_sources(api: TestClient) -> None:
    data = api.get("/actors/russia/positions").json()
    terms = by(data["terms"], "term")
    assert set(terms) == {"nato_non_accession", "neutral_status"}
    nna = terms["nato_non_accession"]
    assert nna["counts"]["DEMANDS"] == 2 and nna["counts"]["REJECTS"] == 0
    assert {s["doc"] for s in nna["sources"]} == {"api-1", "api-2"}
    source = nna["sources"][0]
    assert {"doc", "title", "outlet", "date", "quote", "speaker", "speaker_name", "confidence", "relation"} <= \
        set(source)
    assert source["relation"] == "DEMANDS" and source["speaker_name"] == "Sergey Lavrov"
    assert nna["sources"][0]["date"] >= nna["sources"][1]["date"]  # newest first
    demands_only = api.get("/actors/RUS/positions", params={"relation": "demands"}).json()
    assert all(s["relation"] == "DEMANDS" for t in demands_only["terms"] for s in t["sources"])
    assert by(demands_only["terms"], "term")["neutral_status"]["counts"]["REJECTS"] == 0


def test_terms_and_who_takes_which_position(api: TestClient) -> None:
    terms = by(api.get("/terms").json(), "id")
    assert terms["nato_non_accession"]["demands"] == 2 and terms["nato_non_accession"]["rejects"] == 2
    data = api.get("/terms/nato non accession/positions").json()
    assert data["term"]["id"] == "nato_non_accession"
    actors = by(data["actors"], "actor")
    assert actors["RUS"]["counts"]["DEMANDS"] == 2 and actors["NATO"]["counts"]["REJECTS"] == 1
    rejecting = api.get("/terms/Nato non accession/positions", params={"relation": "REJECTS"}).json()
    assert {a["actor"] for a in rejecting["actors"]} == {"NATO", "UKR"}


# -- analysis --------------------------------------------------------------------------------------------------
def test_conflicts_on_nato_non_accession_have_evidence_on_both_sides(api: TestClient) -> None:
    rows = api.get("/analysis/conflicts", params={"term": "nato_non_accession"}).json()
    pairs = {(r["actor_a"], r["actor_b"]) for r in rows}
    assert pairs == {("RUS", "NATO"), ("RUS", "UKR")}
    assert all(r["kind"] == "rejects" and r["term_a"] == r["term_b"] == "nato_non_accession" for r in rows)
    nato = next(r for r in rows if r["actor_b"] == "NATO")
    assert nato["count_a"] == 2 and {e["relation"] for e in nato["evidence_a"]} == {"DEMANDS"}
    assert [e["relation"] for e in nato["evidence_b"]] == ["REJECTS"]
    assert nato["evidence_b"][0]["title"] == "Title api-1" and nato["evidence_b"][0]["quote"]
    everything = api.get("/analysis/conflicts").json()
    assert ("UKR", "RUS", "neutral_status") in {(r["actor_a"], r["actor_b"], r["term_a"]) for r in everything}


def test_common_ground_between_russia_and_ukraine(api: TestClient) -> None:
    rows = api.get("/analysis/common-ground", params={"a": "RUS", "b": "Kyiv"}).json()
    items = {(r["term"], r["stance"]) for r in rows}
    assert ("neutral_status", "favour") in items
    neutral = next(r for r in rows if r["term"] == "neutral_status")
    assert neutral["a"] == "RUS" and neutral["b"] == "UKR"
    assert [e["relation"] for e in neutral["evidence_a"]] == ["DEMANDS"]
    assert [e["relation"] for e in neutral["evidence_b"]] == ["OFFERS"]
    assert ("nato_non_accession", "favour") not in items
    assert_problem(api.get("/analysis/common-ground", params={"a": "RUS"}), 422, "'b'")


def test_stance_matrix_counts_relations_and_documents(api: TestClient) -> None:
    cells = {(c["actor"], c["term"]): c for c in api.get("/analysis/matrix").json()}
    rus = cells[("RUS", "neutral_status")]
    assert (rus["demands"], rus["rejects"], rus["total"], rus["documents"]) == (1, 1, 2, 2)
    assert cells[("RUS", "nato_non_accession")]["documents"] == 2
    assert cells[("NATO", "nato_non_accession")]["rejects"] == 1
    only = api.get("/analysis/matrix", params=[("actor", "Kyiv"), ("term", "eu_membership")]).json()
    assert [(c["actor"], c["term"], c["demands"]) for c in only] == [("UKR", "eu_membership", 1)]


def test_timeline_shows_russia_turning_against_neutrality(api: TestClient) -> None:
    rows = api.get("/analysis/timeline", params={"actor": "Russia", "term": "neutral status"}).json()
    assert [(r["date"], r["relation"], r["stance"], r["changed"]) for r in rows] == [
        ("2022-03-16", "DEMANDS", "favour", False), ("2023-05", "REJECTS", "reject", True)]
    assert rows[1]["title"] == "Title api-2"
    assert_problem(api.get("/analysis/timeline"), 422, "'actor'")


# -- documents and writes ----------------------------------------------------------------------------------------
def test_documents_list_and_detail(api: TestClient) -> None:
    docs = by(api.get("/documents").json(), "id")
    assert (docs["api-1"]["positions"], docs["api-1"]["guarantees"]) == (4, 3)
    assert [d["id"] for d in api.get("/documents").json()] == ["api-3", "api-2", "api-1"]  # newest first
    detail = api.get("/documents/api-1").json()
    assert detail["title"] == "Title api-1" and detail["text"] == "text of api-1"
    assert len(detail["positions"]) == 4 and len(detail["guarantees"]) == 3
    assert {g["guarantor"]: g["status"] for g in detail["guarantees"]} == {"DEU": "willing", "ISR": "declined",
                                                                          "USA": "proposed"}
    assert [o["id"] for o in detail["officials"]] == ["sergey-lavrov"]
    assert_problem(api.get("/documents/no-such-doc"), 404, "'no-such-doc'")


def test_writes_need_the_api_key_when_one_is_set(keyed_api: TestClient, api_store: Store) -> None:
    assert_problem(keyed_api.delete("/documents/api-3"), 401, "X-API-Key")
    assert_problem(keyed_api.delete("/documents/api-3", headers={"X-API-Key": "wrong"}), 401, "does not match")
    assert_problem(keyed_api.post("/documents", json={"text": "Russia demands neutrality."}), 401)
    assert api_store.run("document_states", ids=["api-3"])  # still there
    assert keyed_api.delete("/documents/api-3", headers={"X-API-Key": API_KEY}).status_code == 204
    assert not api_store.run("document_states", ids=["api-3"])
    assert_problem(keyed_api.delete("/documents/api-3", headers={"X-API-Key": API_KEY}), 404, "'api-3'")
    assert keyed_api.get("/documents/api-3").status_code == 404


def test_post_document_runs_the_extractor(keyed_api: TestClient, api_store: Store) -> None:
    body = {"text": "Russia demands that Ukraine adopt a neutral status. Kyiv rejects any limits on its army.",
            "title": "Posted", "outlet": "Test Wire", "date": "2024-02-01", "id": "posted-1"}
    response = keyed_api.post("/documents", json=body, headers={"X-API-Key": API_KEY})
    try:
        import loaders
        has_extractor = hasattr(loaders, "extract_text")
    except ImportError:
        has_extractor = False
    if not has_extractor:
        assert_problem(response, 501, "extractor")
        return
    assert response.status_code == 201, response.text
    assert response.json()["id"] == "posted-1" and response.headers["location"] == "/documents/posted-1"
    stored = keyed_api.get("/documents/posted-1").json()
    assert stored["title"] == "Posted" and stored["text"].strip() == body["text"]
    again = keyed_api.post("/documents", json=body, headers={"X-API-Key": API_KEY})
    assert again.status_code == 200 and again.json()["outcome"] == "unchanged"


def test_post_document_validates_its_body(api: TestClient) -> None:
    assert_problem(api.post("/documents", json={"title": "no text"}), 422, "'text'")
    assert_problem(api.post("/documents", json={"text": "x", "date": "yesterday"}), 422, "date")
    assert_problem(api.post("/documents", json={"text": "x", "id": "../etc"}), 422, "'id'")


# -- cypher ----------------------------------------------------------------------------------------------------
def test_cypher_reads_and_caps_rows(api_store: Store, data_dir) -> None:
    with make_client(api_store, data_dir, cypher_row_limit=2) as client:
        result = client.post("/cypher", json={"query": "MATCH (a:Actor) RETURN a.id AS id ORDER BY id"}).json()
        assert result == {"rows": [{"id": "DEU"}, {"id": "ISR"}], "count": 2, "truncated": True, "limit": 2}
        one = client.post("/cypher", json={"query": "MATCH (a:Actor {id: $id}) RETURN a.name AS name",
                                           "params": {"id": "UKR"}}).json()
        assert one["rows"] == [{"name": "Ukraine"}] and one["truncated"] is False


def test_cypher_write_is_refused_and_changes_nothing(api: TestClient, api_store: Store) -> None:
    before = api_store.counts()
    for query in ("CREATE (:Actor {id: 'EVIL', name: 'Evil'})", "MATCH (n) DETACH DELETE n",
                  "MATCH (a:Actor {id: 'RUS'}) SET a.name = 'changed'"):
        assert_problem(api.post("/cypher", json={"query": query}), 403, "read-only")
    assert api_store.counts() == before
    assert api.get("/actors/RUS").json()["name"] == "Russia"


def test_cypher_syntax_error_is_a_400(api: TestClient) -> None:
    assert_problem(api.post("/cypher", json={"query": "MATCH (n RETURN n"}), 400, "the query failed")
    assert_problem(api.post("/cypher", json={"query": ""}), 422, "query")


# -- graph -----------------------------------------------------------------------------------------------------
def test_graph_is_node_link_json_networkx_reads(api: TestClient) -> None:
    data = api.get("/graph").json()
    g = nx.node_link_graph(data, edges="links")
    assert isinstance(g, nx.MultiDiGraph)
    assert g.number_of_edges() == 4 + 3 + 3 + 1 + 2 == len(data["links"])
    assert g.nodes["RUS"]["type"] == "Actor" and g.nodes["RUS"]["kind"] == "state"
    assert g.nodes["NATO"]["kind"] == "organization" and g.nodes["neutral_status"]["type"] == "Term"
    assert g.nodes["neutral_status"]["label"] == "Neutral status"
    rus_nna = g.get_edge_data("RUS", "nato_non_accession")
    assert len(rus_nna) == 2 and {e["relation"] for e in rus_nna.values()} == {"DEMANDS"}
    edge = next(iter(rus_nna.values()))
    assert {"doc", "quote", "speaker_name", "outlet", "date", "title", "confidence"} <= set(edge)
    assert data["graph"]["truncated"] is False


def test_graph_filters(api: TestClient) -> None:
    declined = nx.node_link_graph(api.get("/graph", params={"relation": "GUARANTEES", "status": "declined"}).json(),
                                  edges="links")
    assert list(declined.edges()) == [("ISR", "UKR")]
    kyiv = api.get("/graph", params={"actor": "Kyiv"}).json()
    assert {(link["source"], link["target"]) for link in kyiv["links"]} >= {("DEU", "UKR"), ("UKR", "neutral_status")}
    assert all("UKR" in (link["source"], link["target"]) for link in kyiv["links"])
    by_doc = api.get("/graph", params={"doc": "api-2"}).json()
    assert {link["doc"] for link in by_doc["links"]} == {"api-2"} and len(by_doc["links"]) == 4
    by_term = api.get("/graph", params=[("term", "neutral_status"), ("term", "eu_membership")]).json()
    assert {link["target"] for link in by_term["links"]} == {"neutral_status", "eu_membership"}
    dated = api.get("/graph", params={"date_from": "2023", "date_to": "2023"}).json()
    assert {link["date"] for link in dated["links"]} == {"2023-05"}
    cut = api.get("/graph", params={"limit": 3}).json()
    assert len(cut["links"]) == 3 and cut["graph"]["truncated"] is True and cut["graph"]["total"] == 13
    assert_problem(api.get("/graph", params={"relation": "LIKES"}), 422, "relation")


# -- service ---------------------------------------------------------------------------------------------------
def test_health_and_unknown_paths(api: TestClient, engine: str) -> None:
    health = api.get("/health").json()
    version = {"falkordb": "FalkorDB", "neo4j": "Neo4j/5"}[engine]
    assert health["status"] == "ok" and health["backend"] == engine and version in health["version"]
    assert_problem(api.get("/no/such/path"), 404)
    assert_problem(api.post("/guarantees"), 405)


def test_openapi_lists_the_endpoints(api: TestClient) -> None:
    paths = api.get("/openapi.json").json()["paths"]
    for path in ("/guarantees", "/actors", "/actors/{actor}/positions", "/terms", "/terms/{term}/positions",
                 "/analysis/conflicts", "/analysis/common-ground", "/analysis/matrix", "/analysis/timeline",
                 "/documents", "/documents/{doc_id}", "/graph", "/cypher", "/pages/graph", "/health"):
        assert path in paths, path
    assert set(paths["/documents"]) == {"get", "post"} and set(paths["/documents/{doc_id}"]) == {"get", "delete"}


def test_conflicts_between_opposite_terms(store: Store, data_dir) -> None:
    """Favouring nato_non_accession conflicts with favouring ukraine_nato_membership (opposite terms)."""
    import hashlib

    from graph.model import Actor, Document, DocumentGraph, Position, Provenance, Term

    def prov(s: int) -> Provenance:
        return Provenance(doc="opp", sentence=s, quote=f"quote {s}", confidence=0.9, rule="test", date="2024-01")

    store.upsert(DocumentGraph(
        document=Document(id="opp", title="Opposites", sha256=hashlib.sha256(b"opp").hexdigest(), date="2024-01"),
        actors=[Actor(id="RUS", name="Russia"), Actor(id="UKR", name="Ukraine")],
        terms=[Term(id="nato_non_accession", label="Ukraine stays out of NATO", opposite="ukraine_nato_membership"),
               Term(id="ukraine_nato_membership", label="Ukraine's NATO membership", opposite="nato_non_accession")],
        positions=[Position(actor="RUS", relation=Relation.DEMANDS, term="nato_non_accession", provenance=prov(0)),
                   Position(actor="UKR", relation=Relation.DEMANDS, term="ukraine_nato_membership",
                            provenance=prov(1))],
    ))
    with make_client(store, data_dir) as client:
        rows = client.get("/analysis/conflicts", params={"term": "ukraine_nato_membership"}).json()
    assert [(r["kind"], r["actor_a"], r["term_a"], r["actor_b"], r["term_b"]) for r in rows] == [
        ("opposite", "RUS", "nato_non_accession", "UKR", "ukraine_nato_membership")]
    assert rows[0]["evidence_a"][0]["quote"] == "quote 0" and rows[0]["evidence_b"][0]["quote"] == "quote 1"


def test_get_responses_are_cached_briefly_and_writes_clear_them(keyed_api: TestClient, api_store: Store,
                                                                data_dir) -> None:
    first = keyed_api.get("/documents")
    again = keyed_api.get("/documents")
    assert (first.headers["x-cache"], again.headers["x-cache"]) == ("miss", "hit") and first.json() == again.json()
    assert keyed_api.delete("/documents/api-2", headers={"X-API-Key": API_KEY}).status_code == 204
    after = keyed_api.get("/documents")
    assert after.headers["x-cache"] == "miss" and [d["id"] for d in after.json()] == ["api-3", "api-1"]
    refused = keyed_api.delete("/documents/api-1")  # 401: nothing changed, nothing cleared
    assert refused.status_code == 401 and keyed_api.get("/documents").headers["x-cache"] == "hit"
    assert keyed_api.get("/guarantees", params={"status": "nope"}).headers.get("x-cache") == "miss"
    with make_client(api_store, data_dir, cache_seconds=0) as uncached:
        assert "x-cache" not in uncached.get("/documents").headers


def test_a_write_by_another_process_is_never_served_stale(api_store: Store, data_dir) -> None:
    """A write that does not pass through this app (another API worker, `peacegraph load`: here the store
    itself) changes the store's write stamp, and the cached answer of before it is not served again."""
    from tests.factories import make_graph

    with make_client(api_store, data_dir, cache_seconds=600) as client:
        assert client.get("/documents").headers["x-cache"] == "miss"
        assert client.get("/documents").headers["x-cache"] == "hit"
        api_store.upsert(make_graph("elsewhere"))
        after = client.get("/documents")
        assert after.headers["x-cache"] == "miss" and "elsewhere" in [d["id"] for d in after.json()]
        assert client.get("/documents").headers["x-cache"] == "hit"
        api_store.delete_document("elsewhere")
        assert "elsewhere" not in [d["id"] for d in client.get("/documents").json()]
