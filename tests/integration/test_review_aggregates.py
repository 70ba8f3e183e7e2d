"""The review layer on the aggregate views (matrix, conflicts, common ground, timeline) through the real app
on both engines: a rejected edge stops counting, an edit counts in its edited cell, an added edge counts, and
`view=extracted` still shows what the extractor stored."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app import reviewing
from app.keys import KeyRing
from graph.model import DocumentGraph
from graph.store import Store
from tests.integration.conftest import make_client
from tests.review_factories import DEU, DOC, S_DEU, S_GONE, S_UKR, UKR, review_graph


@pytest.fixture
def client(store: Store, data_dir: Path, keys: KeyRing) -> Iterator[TestClient]:
    store.upsert(review_graph())
    store.upsert(review_graph(doc="rev-2"))  # the same positions in a second document
    with make_client(store, data_dir, keys_file=keys.path, cache_seconds=0) as c:
        yield c


def _matrix(client: TestClient, **params: str) -> dict[tuple[str, str], tuple[int, int, int, int, int, int]]:
    rows = client.get("/analysis/matrix", params=params).json()
    return {(r["actor"], r["term"]): (r["demands"], r["offers"], r["supports"], r["rejects"], r["total"],
                                      r["documents"]) for r in rows}


def _conflicts(client: TestClient, **params: Any) -> dict[tuple[str, str, str], tuple[int, int, list[str]]]:
    rows = client.get("/analysis/conflicts", params=params).json()
    return {(r["actor_a"], r["actor_b"], r["term_b"]): (r["count_a"], r["count_b"],
                                                        sorted(f"{e['doc']}:{e['quote']}" for e in r["evidence_b"]))
            for r in rows}


def _review(client: TestClient, keys: KeyRing) -> None:
    h = {"X-API-Key": keys.add("ana")}
    assert client.post("/review/reject", json=UKR, headers=h).status_code == 201
    edit = {**DEU, "set": {"relation": "REJECTS", "term": "neutral_status"}}
    assert client.post("/review/edit", json=edit, headers=h).status_code == 201
    add = {"doc": DOC, "sentence": 3, "actor": "USA", "relation": "REJECTS", "term": "neutral_status",
           "quote": S_GONE}
    assert client.post("/review/add", json=add, headers=h).status_code == 201


def test_matrix_in_each_view(client: TestClient, keys: KeyRing) -> None:
    extracted = {("RUS", "neutral_status"): (2, 0, 0, 0, 2, 2), ("UKR", "neutral_status"): (0, 0, 0, 2, 2, 2),
                 ("DEU", "ceasefire"): (0, 2, 0, 0, 2, 2)}
    assert _matrix(client) == extracted
    _review(client, keys)
    assert _matrix(client, view="extracted") == extracted
    assert _matrix(client) == {("RUS", "neutral_status"): (2, 0, 0, 0, 2, 2),
                               ("UKR", "neutral_status"): (0, 0, 0, 1, 1, 1),  # rev-1's rejected
                               ("DEU", "ceasefire"): (0, 1, 0, 0, 1, 1),  # rev-1's moved by the edit
                               ("DEU", "neutral_status"): (0, 0, 0, 1, 1, 1),
                               ("USA", "neutral_status"): (0, 0, 0, 1, 1, 1)}  # added
    assert _matrix(client, view="both")[("DEU", "neutral_status")] == (0, 0, 0, 1, 1, 1)
    assert _matrix(client, view="both")[("UKR", "neutral_status")] == (0, 0, 0, 2, 2, 2)
    assert _matrix(client, actor="USA") == {("USA", "neutral_status"): (0, 0, 0, 1, 1, 1)}
    assert _matrix(client, term="ceasefire") == {("DEU", "ceasefire"): (0, 1, 0, 0, 1, 1)}
    assert _matrix(client, process="sudan") == {}
    usa = next(r for r in client.get("/analysis/matrix", params={"actor": "USA"}).json())
    assert usa["actor_name"] == "United States" and usa["term_label"]


def test_conflicts_in_each_view(client: TestClient, keys: KeyRing) -> None:
    ukr = sorted(f"{d}:{S_UKR}" for d in (DOC, "rev-2"))
    assert _conflicts(client) == {("RUS", "UKR", "neutral_status"): (2, 2, ukr)}
    _review(client, keys)
    assert _conflicts(client, view="extracted") == {("RUS", "UKR", "neutral_status"): (2, 2, ukr)}
    assert _conflicts(client) == {("RUS", "UKR", "neutral_status"): (2, 1, [f"rev-2:{S_UKR}"]),
                                  ("RUS", "DEU", "neutral_status"): (2, 1, [f"{DOC}:{S_DEU}"]),
                                  ("RUS", "USA", "neutral_status"): (2, 1, [f"{DOC}:{S_GONE}"])}
    assert _conflicts(client, term="neutral_status") == _conflicts(client)
    assert _conflicts(client, term="ceasefire") == {}
    assert _conflicts(client, per_side=1)[("RUS", "UKR", "neutral_status")] == (2, 1, [f"rev-2:{S_UKR}"])
    assert _conflicts(client, process="sudan") == {}
    row = next(r for r in client.get("/analysis/conflicts").json() if r["actor_b"] == "USA")
    assert row["actor_b_name"] == "United States" and row["evidence_b"][0]["title"] == "Review test rev-1"


def test_common_ground_and_timeline_in_each_view(client: TestClient, keys: KeyRing) -> None:
    assert client.get("/analysis/common-ground", params={"a": "DEU", "b": "UKR"}).json() == []
    _review(client, keys)
    rows = client.get("/analysis/common-ground", params={"a": "DEU", "b": "UKR"}).json()
    assert [(r["term"], r["stance"], r["count_a"], r["count_b"]) for r in rows] == [("neutral_status", "reject", 1, 1)]
    assert [e["quote"] for e in rows[0]["evidence_a"]] == [S_DEU]
    assert [e["doc"] for e in rows[0]["evidence_b"]] == ["rev-2"]
    assert client.get("/analysis/common-ground", params={"a": "DEU", "b": "UKR", "view": "extracted"}).json() == []
    rows = client.get("/analysis/common-ground", params={"a": "USA", "b": "DEU", "per_side": 1}).json()
    assert [(r["term"], len(r["evidence_a"]), len(r["evidence_b"])) for r in rows] == [("neutral_status", 1, 1)]

    def points(**params: Any) -> list[tuple[str, str, str]]:
        rows = client.get("/analysis/timeline", params={"actor": "DEU", **params}).json()
        return [(p["term"], p["relation"], p["doc"]) for p in rows]

    assert points(view="extracted") == [("ceasefire", "OFFERS", DOC), ("ceasefire", "OFFERS", "rev-2")]
    assert points() == [("ceasefire", "OFFERS", "rev-2"), ("neutral_status", "REJECTS", DOC)]
    assert points(term="neutral_status") == [("neutral_status", "REJECTS", DOC)]
    assert points(skip=1, limit=1) == [("neutral_status", "REJECTS", DOC)]
    assert [p["relation"] for p in client.get("/analysis/timeline", params={"actor": "UKR"}).json()] == ["REJECTS"]
    usa = client.get("/analysis/timeline", params={"actor": "USA"}).json()
    assert [(p["term"], p["stance"], p["quote"], p["label"]) for p in usa] == [
        ("neutral_status", "reject", S_GONE, usa[0]["label"])] and usa[0]["label"]


def test_the_pages_count_the_view(client: TestClient, keys: KeyRing) -> None:
    _review(client, keys)

    def page(path: str, **params: str) -> str:
        r = client.get(path, params=params)
        assert r.status_code == 200, r.text
        return r.text

    def matrix(**params: str) -> dict[str, Any]:
        text = page("/pages/matrix", **params)
        data: dict[str, Any] = json.loads(text.split('id="view-data">')[1].split("</script>")[0])
        return data

    assert ["USA", "United States"] in matrix()["rows"]
    assert ["USA", "United States"] not in matrix(view="extracted")["rows"]
    assert matrix(view="both")["load"]["params"] == {"view": "both"} and matrix()["load"]["params"] == {}
    assert 'value="extracted" selected' in page("/pages/matrix", view="extracted")
    reviewed, extracted = page("/pages/compare", a="RUS", b="USA"), page("/pages/compare", a="RUS", b="USA",
                                                                           view="extracted")
    assert "neutral_status&amp;relation=REJECTS" in reviewed and "relation=REJECTS" not in extracted
    assert "view=extracted" not in reviewed and 'value="extracted" selected' in extracted
    assert S_GONE in page("/pages/timeline", actor="USA")
    assert S_GONE not in page("/pages/timeline", actor="USA", view="extracted")
    assert S_DEU in page("/pages/timeline", actor="DEU", term="neutral_status")


def test_the_queue_puts_positions_in_conflicts_first_among_equal_confidence(store: Store, data_dir: Path,
                                                                            keys: KeyRing) -> None:
    def level(g: DocumentGraph, only: str | None = None) -> DocumentGraph:
        positions = [p.model_copy(update={"provenance": p.provenance.model_copy(update={"confidence": 0.5})})
                     for p in g.positions if only is None or p.actor == only]
        return g.model_copy(update={"positions": positions})

    store.upsert(level(review_graph()))
    store.upsert(level(review_graph(doc="aaa"), only="DEU"))  # sorts first by document
    assert reviewing.in_conflict(store) == ["RUS|neutral_status", "UKR|neutral_status"]
    with make_client(store, data_dir, keys_file=keys.path, cache_seconds=0) as c:
        items = c.get("/review/queue").json()["items"]
    assert [(i["doc"], i["actor"]) for i in items] == [(DOC, "RUS"), (DOC, "UKR"), ("aaa", "DEU"), (DOC, "DEU")]
    assert [i["in_conflict"] for i in items] == [True, True, False, False]


def test_the_notebook_client_reads_the_aggregates_in_each_view(client: TestClient, keys: KeyRing) -> None:
    from app.client import PeaceGraph

    _review(client, keys)
    pg = PeaceGraph(client=client)
    assert {(r["actor"], r["term"]) for r in pg.matrix()} - {(r["actor"], r["term"]) for r in
                                                               pg.matrix(view="extracted")} == {
        ("DEU", "neutral_status"), ("USA", "neutral_status")}
    assert len(pg.conflicts()) == 3 and len(pg.conflicts(view="extracted")) == 1
    assert len(pg.common_ground("DEU", "UKR")) == 1 and pg.common_ground("DEU", "UKR", view="extracted") == []
    assert [p["term"] for p in pg.timeline("DEU", page=1)] == ["ceasefire", "neutral_status"]
    assert [p["term"] for p in pg.timeline("DEU", view="extracted")] == ["ceasefire", "ceasefire"]
    assert [t["term"] for t in pg.positions("USA")] == ["neutral_status"]
    assert pg.positions("USA", view="extracted") == []
