"""The API over the seed documents, extracted by the real extractor and loaded as `peacegraph demo` does.

Assertions follow the gold annotations robustly ("ISR is among the declined guarantors of Ukraine"), not
exact totals that depend on extractor tuning.
"""

from __future__ import annotations

import json

import networkx as nx
from fastapi.testclient import TestClient

from tests.integration.conftest import found

DOC = {"000": "000_5ee0413d6bcc8bc2", "002": "002_36fd84bcfc448f3a", "003": "003_58d77938dd17124f",
       "004": "004_54d6a3d48c9ecc01"}
PROPOSED = {"USA", "GBR", "FRA", "TUR", "CAN", "POL"}


def test_who_guarantees_ukraines_security(seeded_api: TestClient) -> None:
    rows = seeded_api.get("/guarantees", params={"beneficiary": "Ukraine", "limit": 1000}).json()
    in_004 = [r for r in rows if r["doc"] == DOC["004"]]
    by_status: dict[str, set[str]] = {}
    for r in in_004:
        by_status.setdefault(r["status"], set()).add(r["guarantor"])
    assert "ISR" in by_status.get("declined", set()), by_status
    assert "DEU" in by_status.get("willing", set()), by_status
    assert "ISR" not in by_status.get("willing", set()) and "DEU" not in by_status.get("declined", set())
    assert len(PROPOSED & by_status.get("proposed", set())) >= 4, by_status
    isr = next(r for r in in_004 if r["guarantor"] == "ISR" and r["status"] == "declined")
    assert isr["title"].startswith("Ukraine's NATO-style security guarantee")
    assert isr["outlet"] == "The Wall Street Journal"
    assert isr["quote"] and isr["date"].startswith("2022-03")
    declined = seeded_api.get("/guarantees", params={"status": "declined", "beneficiary": "UKR"}).json()
    assert "ISR" in {r["guarantor"] for r in declined}
    assert all(r["status"] == "declined" for r in declined)


def test_russias_demands(seeded_api: TestClient) -> None:
    data = seeded_api.get("/actors/russia/positions", params={"relation": "DEMANDS"}).json()
    assert data["actor"]["id"] == "RUS"
    terms = {t["term"]: t for t in data["terms"]}
    assert "nato_non_accession" in terms and "security_guarantees_russia" in terms
    docs = {s["doc"] for s in terms["nato_non_accession"]["sources"]}
    assert len(docs & {DOC["000"], DOC["002"], DOC["003"]}) >= 2, docs
    assert all(s["relation"] == "DEMANDS" and s["quote"] and s["title"] for t in terms.values() for s in t["sources"])


def test_conflicts_on_nato_non_accession(seeded_api: TestClient) -> None:
    rows = seeded_api.get("/analysis/conflicts", params={"term": "nato non accession"}).json()
    against_russia = {r["actor_b"] for r in rows if r["actor_a"] == "RUS" and r["term_a"] == "nato_non_accession"}
    assert against_russia & {"NATO", "UKR"}, rows
    for r in rows:
        assert r["evidence_a"] and r["evidence_b"]
        assert "nato_non_accession" in (r["term_a"], r["term_b"])


def test_common_ground_between_russia_and_ukraine(seeded_api: TestClient) -> None:
    rows = seeded_api.get("/analysis/common-ground", params={"a": "Moscow", "b": "Kyiv"}).json()
    assert ("neutral_status", "favour") in {(r["term"], r["stance"]) for r in rows}
    neutral = next(r for r in rows if r["term"] == "neutral_status" and r["stance"] == "favour")
    assert neutral["a"] == "RUS" and neutral["b"] == "UKR" and neutral["evidence_a"] and neutral["evidence_b"]


def test_stance_matrix(seeded_api: TestClient) -> None:
    cells = {(c["actor"], c["term"]): c for c in seeded_api.get("/analysis/matrix").json()}
    rus = cells[("RUS", "nato_non_accession")]
    assert rus["demands"] >= 1 and rus["documents"] >= 2 and rus["total"] >= rus["demands"]
    for c in cells.values():
        assert c["total"] == c["demands"] + c["offers"] + c["supports"] + c["rejects"]
        assert 1 <= c["documents"] <= c["total"]


def test_aliases_resolve_on_the_seeded_vocabulary(seeded_api: TestClient) -> None:
    assert seeded_api.get("/actors/Kyiv/positions").json()["actor"]["id"] == "UKR"
    assert seeded_api.get("/terms/Ukraine stays out of NATO/positions").json()["term"]["id"] == "nato_non_accession"
    body = seeded_api.get("/actors/Ruritania/positions").json()
    assert body["status"] == 404 and "'Ruritania'" in body["detail"]


def test_graph_matches_the_page(seeded_api: TestClient) -> None:
    for params in ({}, {"actor": "RUS"}, {"relation": "GUARANTEES"}, {"doc": DOC["004"]}):
        data = seeded_api.get("/graph", params=params).json()
        g = nx.node_link_graph(data, edges="links")
        assert g.number_of_edges() == len(data["links"]) > 0
        page = seeded_api.get("/pages/graph", params=params)
        assert page.status_code == 200
        payload = json.loads(found(r'<script type="application/json" id="graph-data">(.*?)</script>', page.text))
        # One arrow per (actor, relation, term) or (guarantor, beneficiary, status), carrying all its sources.
        groups = {(u, d["relation"], v, d["status"] if d["relation"] == "GUARANTEES" else None)
                  for u, v, d in g.edges(data=True)}
        assert len(payload["edges"]) == len(groups) and sum(e["count"] for e in payload["edges"]) == g.number_of_edges()
        assert {n["id"] for n in payload["nodes"]} == set(g.nodes)
