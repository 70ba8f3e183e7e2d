"""The server-rendered views and the exports on the real app and the real embedded store: each shows what
the JSON API answers, escapes document text, and the exports round-trip through networkx and pandas."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import networkx as nx
import pandas as pd
from fastapi.testclient import TestClient

from graph.store import BaseStore
from tests.factories import XSS_QUOTE, make_graph
from tests.integration.conftest import make_client


def view_data(html: str) -> dict:
    block = re.search(r'<script type="application/json" id="view-data">(.*?)</script>', html, re.S)
    assert block, "no data block in the page"
    return json.loads(block.group(1))


def test_guarantees_view_shows_one_chip_per_guarantor_beneficiary_status(api: TestClient) -> None:
    page = api.get("/pages/guarantees").text
    chips = re.findall(r'<button class="chip (\w+)" data-id="([^"]+)"', page)
    api_rows = api.get("/guarantees", params={"limit": 5000}).json()
    assert {(c[1].split("|")[0], c[1].split("|")[2], c[0]) for c in chips} == \
        {(r["guarantor"], r["beneficiary"], r["status"]) for r in api_rows}
    sources = view_data(page)
    assert sum(len(s["items"]) for s in sources.values()) == len(api_rows)
    assert "United States is willing to guarantee Ukraine" in {s["heading"] for s in sources.values()}
    filtered = api.get("/pages/guarantees", params={"actor": "Israel"}).text
    assert re.findall(r'data-id="([^"]+)"', filtered) == ["ISR|GUARANTEES|UKR|declined"]
    assert 'id="empty"' in api.get("/pages/guarantees", params={"status": "willing", "actor": "ISR"}).text


def test_matrix_view_cells_equal_the_analysis_matrix(api: TestClient) -> None:
    page = api.get("/pages/matrix").text
    cells = {m[0]: int(m[1]) for m in re.findall(r'<button class="cell \w+" data-id="([^"]+)" data-total="(\d+)"', page)}
    expected = {f"{r['actor']}|{r['term']}": r["total"] for r in api.get("/analysis/matrix").json()}
    assert cells == expected
    assert 'class="cell mixed" data-id="RUS|neutral_status"' in page  # demands in 2022, rejects in 2023
    assert 'class="cell oppose" data-id="NATO|nato_non_accession"' in page
    sources = view_data(page)  # drawn from the aggregates: each cell's sources are loaded from /graph on a click
    assert set(sources) == set(expected)
    for key, cell in sources.items():
        links = api.get("/graph", params=cell["load"]).json()["links"]
        assert len(links) == expected[key] and {f"{x['source']}|{x['target']}" for x in links} == {key}
    only = api.get("/pages/matrix", params={"actor": "Kyiv", "date_from": "2025"}).text
    assert re.findall(r'data-id="([^"]+)" data-total', only) == ["UKR|eu_membership", "UKR|nato_non_accession"]


def test_compare_view_lists_conflicts_and_common_ground_with_evidence(api: TestClient) -> None:
    page = api.get("/pages/compare", params={"a": "Moscow", "b": "NATO"}).text
    assert "Russia favours, North Atlantic Treaty Organization rejects: Nato non accession" in page
    conflicts = [c for c in api.get("/analysis/conflicts").json() if {c["actor_a"], c["actor_b"]} == {"RUS", "NATO"}]
    assert page.count('class="card clash"') == len(conflicts) == 1
    page = api.get("/pages/compare", params={"a": "RUS", "b": "UKR"}).text
    common = api.get("/analysis/common-ground", params={"a": "RUS", "b": "UKR"}).json()
    assert page.count('class="card common"') == len(common) == 1 and "Both favour: Neutral status" in page
    assert "<script>window.__xss" not in page and "&lt;script&gt;window.__xss=1&lt;/script&gt;" in page
    first = api.get("/pages/compare").text  # no choice: the two busiest actors
    assert '<option value="RUS" selected>' in first and '<option value="UKR" selected>' in first


def test_timeline_view_draws_every_point_and_rings_changes(api: TestClient) -> None:
    page = api.get("/pages/timeline", params={"actor": "Moscow", "term": "neutral status"}).text
    points = api.get("/analysis/timeline", params={"actor": "RUS", "term": "neutral_status"}).json()
    assert len(re.findall(r'<a href="#point-\d+" class="point"', page)) == len(points) == 2
    assert page.count('stroke="#e67e22"') == sum(p["changed"] for p in points) == 1
    assert len(re.findall(r'<tr id="point-\d+">', page)) == 2
    everything = api.get("/pages/timeline", params={"actor": "RUS"}).text
    assert len(re.findall(r'class="point"', everything)) == len(api.get("/analysis/timeline?actor=RUS").json())
    assert 'id="empty"' in api.get("/pages/timeline", params={"actor": "ISR"}).text


def test_documents_view_lists_what_the_api_lists(api: TestClient) -> None:
    page = api.get("/pages/documents").text
    rows = re.findall(r'<a href="/pages/documents/([^"]+)">', page)
    assert rows == [d["id"] for d in api.get("/documents").json()]


def test_document_page_highlights_sentences_and_escapes_the_text(store: BaseStore, data_dir: Path) -> None:
    text = f"Talks resumed. {XSS_QUOTE}. Moscow wants a neutral Ukraine."
    store.upsert_many([make_graph("xss-doc", text=text, quote=XSS_QUOTE,
                                  positions=[("RUS", "DEMANDS", "neutral_status", 1)],
                                  guarantees=[("USA", "UKR", "willing", 1)])])
    with make_client(store, data_dir) as client:
        page = client.get("/pages/documents/xss-doc").text
    assert "<script>window.__xss" not in page and "<img src=x" not in page
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in page
    marks = re.findall(r'<mark id="(s-\d+)" data-items="([^"]+)"><a href="#(p-\d+)"', page)
    assert marks == [("s-1", "p-0 p-1", "p-0")]  # the quote found in the text, both items linked
    assert page.count('href="#s-1" class="to-sentence"') == 2
    assert "Russia demands Neutral status" in page and "United States is willing to guarantee Ukraine" in page


def test_exports_round_trip_through_networkx_and_pandas(api: TestClient, tmp_path: Path) -> None:
    for params in ({}, {"actor": "Kyiv"}, {"relation": "GUARANTEES"}):
        data = api.get("/graph", params=params).json()
        response = api.get("/export/graphml", params=params)
        assert response.status_code == 200 and "graphml" in response.headers["content-type"]
        g = nx.read_graphml(io.BytesIO(response.content))
        assert g.number_of_nodes() == len(data["nodes"]) and g.number_of_edges() == len(data["links"]), params
        assert {d["label"] for _, d in g.nodes(data=True)} == {n["label"] for n in data["nodes"]}
        positions = pd.read_csv(io.StringIO(api.get("/export/positions.csv", params=params).text))
        guarantees = pd.read_csv(io.StringIO(api.get("/export/guarantees.csv", params=params).text))
        assert len(positions) == sum(lk["relation"] != "GUARANTEES" for lk in data["links"])
        assert len(guarantees) == sum(lk["relation"] == "GUARANTEES" for lk in data["links"])
    positions = pd.read_csv(io.StringIO(api.get("/export/positions.csv").text))
    assert {"actor", "relation", "term", "doc", "quote", "speaker_name", "outlet", "date", "confidence"} <= set(positions)
    assert positions["quote"].notna().all() and XSS_QUOTE in set(positions["quote"])
    edge = next(d for _, _, d in g.edges(data=True))
    assert edge["relation"] == "GUARANTEES" and isinstance(edge["confidence"], float)


def test_seeds_graph_draws_at_most_one_edge_per_actor_relation_term(seeded_api: TestClient) -> None:
    page = seeded_api.get("/pages/graph").text
    payload = json.loads(re.search(r'id="graph-data">(.*?)</script>', page, re.S).group(1))
    keys = [(e["from"], e["relation"], e["to"], e["status"]) for e in payload["edges"]]
    assert len(keys) == len(set(keys))
    data = seeded_api.get("/graph").json()
    assert len(data["links"]) > len(keys) and sum(e["count"] for e in payload["edges"]) == len(data["links"])
    for path in ("/pages/guarantees", "/pages/matrix", "/pages/compare", "/pages/timeline", "/pages/documents"):
        assert seeded_api.get(path).status_code == 200, path
    doc = seeded_api.get("/documents").json()[0]["id"]
    page = seeded_api.get(f"/pages/documents/{doc}").text
    assert page.count("<mark id=") > 3
