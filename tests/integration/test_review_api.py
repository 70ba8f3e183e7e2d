"""Review through the real app: named keys say who reviews, a write without a valid key is refused and
changes nothing, and the reads show the reviewed graph by default."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.keys import KeyRing
from graph.model import Actor
from graph.store import Store
from tests.integration.conftest import API_KEY, make_client
from tests.review_factories import DEU, DOC, RUS, S_DEU, UKR, review_graph


@pytest.fixture
def client(store: Store, data_dir: Path, keys: KeyRing) -> Iterator[TestClient]:
    store.upsert(review_graph())
    with make_client(store, data_dir, keys_file=keys.path, api_key=API_KEY, cache_seconds=0) as c:
        yield c


def _reviews(store: Store) -> int:
    return store.counts()["nodes"].get("Review", 0)


def test_named_keys_name_the_reviewer(client: TestClient, keys: KeyRing, store: Store) -> None:
    ana = keys.add("ana")
    r = client.post("/review/reject", json={**UKR, "reason": "old stance"}, headers={"X-API-Key": ana})
    assert r.status_code == 201, r.text
    assert r.json()["review"]["reviewer"] == "ana" and r.json()["position"]["review_status"] == "rejected"
    r = client.post("/review/confirm", json=RUS, headers={"X-API-Key": API_KEY})  # the single key still works
    assert r.status_code == 201 and r.json()["review"]["reviewer"] == "api-key"
    history = client.get("/review/history", params=UKR).json()
    assert [(h["reviewer"], h["decision"], h["reason"]) for h in history] == [("ana", "reject", "old stance")]
    assert _reviews(store) == 2


@pytest.mark.parametrize("header", [None, "wrong", "revoked"])
def test_a_review_without_a_valid_key_is_refused_and_changes_nothing(client: TestClient, keys: KeyRing,
                                                                    store: Store, header: str | None) -> None:
    if header == "revoked":
        header = keys.add("gone")
        keys.revoke("gone")
    headers = {"X-API-Key": header} if header else {}
    before = store.counts()
    for path, body in (("/review/reject", UKR), ("/review/confirm", RUS),
                       ("/review/edit", {**DEU, "set": {"relation": "SUPPORTS"}}),
                       ("/review/add", {**DEU, "actor": "USA", "relation": "SUPPORTS", "quote": S_DEU})):
        r = client.post(path, json=body, headers=headers)
        assert r.status_code == 401, (path, r.text)
    assert store.counts() == before
    assert client.get(f"/documents/{DOC}").json()["positions"][1]["review_status"] == "unreviewed"


def test_a_server_without_keys_refuses_reviews(store: Store, data_dir: Path, tmp_path: Path) -> None:
    store.upsert(review_graph())
    with make_client(store, data_dir, keys_file=tmp_path / "none.json") as c:
        r = c.post("/review/confirm", json=RUS, headers={"X-API-Key": "anything"})
        assert r.status_code == 403
    assert _reviews(store) == 0


def test_named_keys_guard_the_other_writes_too(client: TestClient, keys: KeyRing) -> None:
    ana = keys.add("ana")
    assert client.delete(f"/documents/{DOC}", headers={"X-API-Key": "nope"}).status_code == 401
    assert client.delete(f"/documents/{DOC}", headers={"X-API-Key": ana}).status_code == 204


def test_reads_show_the_reviewed_graph_by_default(client: TestClient, keys: KeyRing) -> None:
    h = {"X-API-Key": keys.add("ana")}
    assert client.post("/review/reject", json=UKR, headers=h).status_code == 201
    assert client.post("/review/edit", json={**DEU, "set": {"relation": "SUPPORTS"}}, headers=h).status_code == 201
    r = client.post("/review/add", json={**DEU, "actor": "Washington", "relation": "SUPPORTS", "quote": S_DEU},
                    headers=h)
    assert r.status_code == 201 and r.json()["position"]["actor"] == "USA"

    def triples(rows: list[dict], a: str = "actor", t: str = "term") -> set[tuple[str, str, str]]:
        return {(x[a], x["relation"], x[t]) for x in rows}

    reviewed = {("RUS", "DEMANDS", "neutral_status"), ("DEU", "SUPPORTS", "ceasefire"),
                ("USA", "SUPPORTS", "ceasefire")}
    extracted = {("RUS", "DEMANDS", "neutral_status"), ("UKR", "REJECTS", "neutral_status"),
                 ("DEU", "OFFERS", "ceasefire")}
    assert triples(client.get(f"/documents/{DOC}").json()["positions"]) == reviewed
    assert triples(client.get(f"/documents/{DOC}", params={"view": "extracted"}).json()["positions"]) == extracted
    assert triples(client.get(f"/documents/{DOC}", params={"view": "both"}).json()["positions"]) == reviewed | extracted
    graph = client.get("/graph", params={"doc": DOC}).json()
    assert triples(graph["links"], "source", "target") == reviewed
    assert {n["id"]: n["label"] for n in graph["nodes"]}["USA"] == "United States"
    assert triples(client.get("/graph", params={"doc": DOC, "view": "extracted"}).json()["links"], "source",
                   "target") == extracted
    assert triples(client.get("/graph").json()["links"], "source", "target") == reviewed
    assert triples(client.get("/graph", params={"actor": "USA"}).json()["links"], "source", "target") == {
        ("USA", "SUPPORTS", "ceasefire")}
    assert client.get("/graph", params={"view": "nonsense"}).status_code == 422
    assert client.get("/graph", params={"process": "sudan"}).json()["links"] == []  # the document has no process
    assert client.get("/graph", params={"min_confidence": 0.95, "actor": "USA"}).json()["links"] != []  # no score


def test_queue_stats_and_refusals(client: TestClient, keys: KeyRing) -> None:
    h = {"X-API-Key": keys.add("ana")}
    queue = client.get("/review/queue").json()
    assert [i["confidence"] for i in queue["items"]] == [0.4, 0.6, 0.9]
    assert client.post("/review/confirm", json=UKR, headers=h).status_code == 201
    assert client.post("/review/reject", json=DEU, headers=h).status_code == 201
    queue = client.get("/review/queue").json()
    assert [i["actor"] for i in queue["items"]] == ["RUS"]
    assert queue["documents"][0]["reviewed"] == 2 and queue["documents"][0]["positions"] == 3
    assert queue["processes"] == [{"process": None, "documents": 1, "positions": 3, "reviewed": 2, "added": 0,
                                   "orphaned": 0}]
    stats = client.get("/review/stats").json()
    assert stats["reviews"] == 2 and stats["precision"] == 0.5 and stats["by_decision"]["reject"] == 1
    missing = client.post("/review/confirm", json={**RUS, "term": "ceasefire"}, headers=h)
    assert missing.status_code == 404
    bad_quote = client.post("/review/add", json={**RUS, "actor": "USA", "quote": "not in the text"}, headers=h)
    assert bad_quote.status_code == 422
    unknown = client.post("/review/add", json={**RUS, "actor": "Atlantis", "quote": "Russia demands"}, headers=h)
    assert unknown.status_code == 422
    assert client.post("/review/confirm", json={**RUS, "doc": "nope"}, headers=h).status_code == 404


def test_the_progress_of_a_process_counts_all_its_documents(client: TestClient, store: Store, keys: KeyRing
                                                             ) -> None:
    """A process's progress is out of all its stored documents and positions, not only those the queue's page
    happens to show."""
    store.upsert(review_graph(doc="second-document"))
    assert client.post("/review/confirm", json=RUS, headers={"X-API-Key": keys.add("ana")}).status_code == 201
    queue = client.get("/review/queue", params={"limit": 1}).json()
    assert len(queue["items"]) == 1
    assert queue["processes"] == [{"process": None, "documents": 2, "positions": 6, "reviewed": 1, "added": 0,
                                   "orphaned": 0}]


XSS = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'


def test_review_text_is_escaped_on_every_page(client: TestClient, keys: KeyRing, store: Store) -> None:
    h = {"X-API-Key": keys.add("ana")}
    assert client.post("/review/reject", json={**UKR, "reason": XSS}, headers=h).status_code == 201
    assert client.post("/review/confirm", json={**RUS, "reason": XSS}, headers=h).status_code == 201
    store.upsert(review_graph(version=2))  # the doc changes; then a review of a sentence that is gone
    store.write("upsert_reviews", rows=[{"id": "x1", "doc": DOC, "sentence": 9, "quote": XSS, "actor": "RUS",
                                         "relation": "DEMANDS", "term": "ceasefire", "decision": "add",
                                         "reason": XSS, "reviewer": XSS, "at": "2026-01-01T00:00:00"}])
    for path in (f"/pages/documents/{DOC}", "/pages/review", "/"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert "<script>window.__xss" not in page.text and "<img src=x" not in page.text, path
        assert path == "/" or "&lt;script&gt;window.__xss=1&lt;/script&gt;" in page.text, path
    assert 'id="review-stats"' in client.get("/").text
    review_page = client.get("/pages/review").text
    assert 'id="orphans"' in review_page and 'id="review-stats"' in review_page


def test_the_notebook_client_reads_the_layers(client: TestClient, keys: KeyRing) -> None:
    from app.client import PeaceGraph

    assert client.post("/review/reject", json=UKR, headers={"X-API-Key": keys.add("ana")}).status_code == 201
    pg = PeaceGraph(client=client)
    assert len(pg.document(DOC)["positions"]) == 2 and len(pg.document(DOC, view="extracted")["positions"]) == 3
    assert pg.graph(doc=DOC).number_of_edges() == 2 and pg.graph(doc=DOC, view="extracted").number_of_edges() == 3
    assert [r["actor"] for r in pg.review_queue()] == ["DEU", "RUS"]
    assert pg.review_progress()[0]["reviewed"] == 1
    assert pg.review_stats()["by_decision"]["reject"] == 1
    assert [h["decision"] for h in pg.review_history(**UKR)] == ["reject"]


def test_actor_and_term_positions_in_each_view(client: TestClient, keys: KeyRing) -> None:
    h = {"X-API-Key": keys.add("ana")}
    assert client.post("/review/reject", json=UKR, headers=h).status_code == 201
    assert client.post("/review/edit", json={**DEU, "set": {"relation": "SUPPORTS"}}, headers=h).status_code == 201
    assert client.post("/review/add", json={**DEU, "actor": "USA", "relation": "SUPPORTS", "quote": S_DEU},
                       headers=h).status_code == 201

    def counts(path: str, key: str, **params: str) -> dict[str, dict[str, int]]:
        body = client.get(path, params=params).json()
        groups = body["terms" if "/actors/" in path else "actors"]
        return {g[key]: {r: n for r, n in g["counts"].items() if n} for g in groups}

    assert counts("/actors/UKR/positions", "term") == {}
    assert counts("/actors/UKR/positions", "term", view="extracted") == {"neutral_status": {"REJECTS": 1}}
    assert counts("/actors/DEU/positions", "term") == {"ceasefire": {"SUPPORTS": 1}}
    assert counts("/actors/USA/positions", "term") == {"ceasefire": {"SUPPORTS": 1}}
    assert counts("/actors/USA/positions", "term", relation="OFFERS") == {}
    assert counts("/actors/USA/positions", "term", process="sudan") == {}
    assert counts("/terms/ceasefire/positions", "actor") == {"DEU": {"SUPPORTS": 1}, "USA": {"SUPPORTS": 1}}
    assert counts("/terms/ceasefire/positions", "actor", view="extracted") == {"DEU": {"OFFERS": 1}}
    usa = next(g for g in client.get("/terms/ceasefire/positions").json()["actors"] if g["actor"] == "USA")
    assert usa["name"] == "United States" and usa["sources"][0]["quote"] == S_DEU
    assert usa["sources"][0]["title"] == "Review test rev-1"


def test_a_review_may_name_any_codebook_actor_or_term(client: TestClient, keys: KeyRing, store: Store) -> None:
    """The pickers offer the whole codebook, not only what the stored documents mention: typing "Vatican" finds
    the Holy See though no document names it. The node a review names is made from the codebook and outlives
    the documents that mention it; a name neither the store nor the codebook knows is refused."""
    page = client.get(f"/pages/documents/{DOC}").text
    assert '<option value="VAT">Vatican</option>' in page and '<option value="prisoner_exchange">' in page
    h = {"X-API-Key": keys.add("ana")}
    body = {**DEU, "actor": "Vatican", "relation": "SUPPORTS", "term": "prisoner exchange", "quote": S_DEU}
    r = client.post("/review/add", json=body, headers=h)
    assert r.status_code == 201, r.text
    added = r.json()["position"]
    assert (added["actor"], added["actor_name"], added["term"], added["term_label"]) == (
        "VAT", "Holy See", "prisoner_exchange", "Prisoner exchange")
    assert client.get("/actors/Vatican/positions").json()["actor"]["id"] == "VAT"
    assert ("VAT", "Holy See") in {(n["id"], n["label"]) for n in client.get("/graph").json()["nodes"]}
    mentioning = review_graph(doc="rev-vat")
    mentioning = mentioning.model_copy(update={"actors": [*mentioning.actors, Actor(id="VAT", name="Holy See")]})
    store.upsert(mentioning)
    assert store.delete_document("rev-vat")  # pruning what only rev-vat mentioned spares what a review names
    assert client.get("/actors/VAT/positions").status_code == 200
    for actor, term in (("Atlantis", "ceasefire"), ("Vatican", "free pizza")):
        r = client.post("/review/add", json={**body, "actor": actor, "term": term}, headers=h)
        assert r.status_code == 422 and (actor if actor == "Atlantis" else term) in r.text
