"""The HTML pages on the real app: offline assets, escaped document text, big graphs without physics."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from graph.backends import open_store
from graph.store import Store
from tests.conftest import Neo4jServer
from tests.factories import XSS_QUOTE, dense_corpus, make_graph
from tests.integration.conftest import make_client

EXTERNAL = re.compile(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)


def payload_of(html: str) -> dict:
    block = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    assert block, "no graph data block in the page"
    return json.loads(block.group(1))


def assets_of(html: str) -> list[str]:
    found = re.findall(r"""<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*["']([^"']+)""", html, re.I)
    return [a for a in found if not a.startswith("data:")]


def test_graph_page_has_no_external_resources_and_serves_its_own(api: TestClient) -> None:
    page = api.get("/pages/graph")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert not EXTERNAL.search(page.text)
    assets = assets_of(page.text)
    assert "/static/vis/vis-network.min.js" in assets and "/static/app/graph.js" in assets
    for asset in assets:
        response = api.get(asset)
        assert response.status_code == 200, asset
        if asset.endswith(".js"):
            assert not EXTERNAL.search(response.text)


def test_graph_page_escapes_document_text(api: TestClient) -> None:
    page = api.get("/pages/graph", params={"doc": "api-3"}).text
    assert "<script>window.__xss" not in page and "<img src=x" not in page
    payload = payload_of(page)
    quotes = [s["quote"] for src in payload["sources"].values() for s in src["items"]]
    assert XSS_QUOTE in quotes  # intact as data; graph.js and panel.js show it as text nodes
    assert any(XSS_QUOTE[:40] in e["title"] for e in payload["edges"])


def grouped_keys(data: dict) -> set[tuple]:
    return {(lk["source"], lk["relation"], lk["target"], lk["status"] if lk["relation"] == "GUARANTEES" else None)
            for lk in data["links"]}


def test_graph_page_draws_one_edge_per_actor_relation_term_with_all_sources(api: TestClient) -> None:
    for params in ({}, {"actor": "Kyiv"}, {"relation": "GUARANTEES"}, {"date_from": "2023"}):
        data = api.get("/graph", params=params).json()
        payload = payload_of(api.get("/pages/graph", params=params).text)
        drawn = {(e["from"], e["relation"], e["to"], e["status"]) for e in payload["edges"]}
        assert len(payload["edges"]) == len(drawn) == len(grouped_keys(data)), params
        assert drawn == grouped_keys(data)
        assert sum(e["count"] for e in payload["edges"]) == len(data["links"])
        assert sum(len(s["items"]) for s in payload["sources"].values()) == len(data["links"])
        assert {n["id"] for n in payload["nodes"]} == {n["id"] for n in data["nodes"]}
    payload = payload_of(api.get("/pages/graph").text)
    twice = [e for e in payload["edges"]
             if (e["from"], e["relation"], e["to"]) == ("RUS", "DEMANDS", "nato_non_accession")]
    assert len(twice) == 1 and twice[0]["count"] == 2
    assert twice[0]["width"] > next(e for e in payload["edges"] if e["count"] == 1)["width"]


def test_graph_page_styles_and_human_labels(api: TestClient) -> None:
    payload = payload_of(api.get("/pages/graph").text)
    colours = {(e["relation"], e["color"]["color"]) for e in payload["edges"]}
    assert ("DEMANDS", "#d62728") in colours and ("REJECTS", "#222222") in colours
    declined = [e for e in payload["edges"] if e["from"] == "ISR"]
    assert declined and all(e["dashes"] for e in declined)
    nodes = {n["id"]: n for n in payload["nodes"]}
    assert nodes["NATO"]["color"] != nodes["RUS"]["color"] and nodes["neutral_status"]["shape"] == "box"
    assert payload["options"]["physics"]["enabled"] is False  # the layout is computed on the server
    titles = " ".join([e["title"] for e in payload["edges"]] + [s["heading"] for s in payload["sources"].values()])
    assert "Russia demands Nato non accession" in titles and "Israel declines to guarantee Ukraine" in titles
    for raw in ("nato_non_accession", "neutral_status", "GUARANTEES", "DEMANDS", " RUS ", " UKR"):
        assert raw not in titles, raw


def test_graph_layout_is_the_same_on_every_load(api: TestClient) -> None:
    first = {n["id"]: (n["x"], n["y"]) for n in payload_of(api.get("/pages/graph").text)["nodes"]}
    second = {n["id"]: (n["x"], n["y"]) for n in payload_of(api.get("/pages/graph?limit=1999").text)["nodes"]}
    assert first == second and len(first) > 5
    assert len({(round(x), round(y)) for x, y in first.values()}) == len(first)


def test_graph_page_filters_form_and_legend(api: TestClient) -> None:
    page = api.get("/pages/graph", params={"actor": "Kyiv", "relation": "GUARANTEES", "date_from": ""}).text
    assert '<option value="UKR" selected>' in page
    assert 'value="GUARANTEES" checked' in page
    assert "guarantee: declined" in page and "actor: organization" in page


def test_big_graph_draws_grouped_edges_on_a_precomputed_layout(store: Store, data_dir: Path) -> None:
    store.upsert_many(dense_corpus(5))
    with make_client(store, data_dir) as client:
        data = client.get("/graph").json()
        assert len(data["links"]) == 600
        payload = payload_of(client.get("/pages/graph").text)
    assert len(payload["edges"]) == 120 and {e["count"] for e in payload["edges"]} == {5}
    assert payload["options"]["physics"]["enabled"] is False
    assert all(isinstance(n.get("x"), float) and isinstance(n.get("y"), float) for n in payload["nodes"])
    assert len({(round(n["x"]), round(n["y"])) for n in payload["nodes"]}) == len(payload["nodes"])


def test_empty_results_and_an_empty_store_say_so(api: TestClient, server_store: Store, data_dir: Path) -> None:
    page = api.get("/pages/graph", params={"date_from": "2030"}).text
    assert 'id="empty"' in page and "Nothing matches these filters" in page and 'id="mynetwork"' not in page
    empty = open_store(None, data_dir=data_dir, database=f"t_empty_{uuid.uuid4().hex[:8]}")
    try:
        with make_client(empty, data_dir) as client:
            for path in ("/pages/graph", "/"):
                page = client.get(path).text
                assert "The store is empty" in page and str(data_dir.resolve()) in page, path
    finally:
        empty.close()


def test_unknown_actor_on_a_page_is_an_html_404_and_stays_json_in_the_api(api: TestClient) -> None:
    for path in ("/pages/graph?actor=Atlantis", "/pages/matrix?actor=Atlantis", "/pages/timeline?actor=Atlantis",
                 "/pages/documents/no-such-doc", "/pages/no-such-page"):
        page = api.get(path)
        assert page.status_code == 404 and page.headers["content-type"].startswith("text/html"), path
        assert "<h1>404" in page.text and "Back to the start page" in page.text
    assert "actor &#39;Atlantis&#39; not found" in api.get("/pages/graph?actor=Atlantis").text
    bad = api.get("/pages/graph?date_from=yesterday")
    assert bad.status_code == 422 and bad.headers["content-type"].startswith("text/html")
    api_answer = api.get("/actors/Atlantis")
    assert api_answer.status_code == 404 and api_answer.headers["content-type"] == "application/problem+json"


def test_index_page_lists_the_documents_it_counts(api: TestClient) -> None:
    page = api.get("/")
    assert page.status_code == 200
    assert '<form class="filters" method="get" action="/pages/graph">' in page.text
    for name in ("actor", "term", "relation", "date_from", "date_to", "doc"):
        assert f'name="{name}"' in page.text
    assert '<option value="api-1"' in page.text and not EXTERNAL.search(page.text)
    assert "3 documents" in page.text
    recent = re.search(r'<ul id="recent".*?</ul>', page.text, re.S)
    assert recent and len(re.findall(r'href="/pages/documents/api-\d"', recent.group(0))) == 3
    for view in ("/pages/guarantees", "/pages/matrix", "/pages/compare", "/pages/timeline", "/pages/documents"):
        assert f'href="{view}"' in page.text


def test_docs_work_offline(api: TestClient) -> None:
    for path in ("/docs", "/redoc"):
        page = api.get(path)
        assert page.status_code == 200 and not EXTERNAL.search(page.text), path
        for asset in assets_of(page.text):
            assert api.get(asset).status_code == 200, asset
    assert "fonts.googleapis" not in api.get("/redoc").text


def test_the_graph_page_form_offers_the_review_layer_and_keeps_the_choice(api: TestClient) -> None:
    page = api.get("/pages/graph", params={"view": "extracted"})
    assert page.status_code == 200
    assert re.search(r'<select name="view">.*?<option value="extracted" selected>', page.text, re.S)


def _another_connection(store: Store, engine: str, data_dir: Path, request: pytest.FixtureRequest) -> Store:
    """A store object of its own on the same graph, as another worker or a `peacegraph load` would have."""
    if engine == "falkordb":
        return open_store(None, data_dir=data_dir, database=store.graph_name)  # type: ignore[attr-defined]
    server: Neo4jServer = request.getfixturevalue("neo4j_server_info")
    return server.open()


def test_page_forms_show_what_a_write_by_another_connection_added(store: Store, engine: str, data_dir: Path,
                                                                   request: pytest.FixtureRequest) -> None:
    """The forms' lists are kept per write stamp (app/services/per_stamp.py): after a document is loaded through
    another connection to the store, the next page's forms offer its actor, term, document and process. The
    response cache is off, so only the lists' own keeping is tested."""
    store.upsert_many([make_graph("form-1", positions=[("RUS", "DEMANDS", "neutral_status", 0)], guarantees=[])])
    added = make_graph("form-2", date="2023-05-01", positions=[("ISR", "OFFERS", "ceasefire", 0)], guarantees=[])
    added = added.model_copy(update={"document": added.document.model_copy(update={"process": "gaza"})})
    with make_client(store, data_dir, cache_seconds=0) as client:
        for path in ("/pages/graph", "/pages/guarantees", "/"):
            page = client.get(path).text
            assert '<option value="RUS"' in page and '<option value="form-1"' in page, path
            assert '<option value="ISR"' not in page and '<option value="form-2"' not in page, path
            assert '<option value="ceasefire"' not in page and '<option value="gaza"' not in page, path
        other = _another_connection(store, engine, data_dir, request)
        try:
            other.upsert_many([added])
        finally:
            other.close()
        for path in ("/pages/graph", "/"):
            page = client.get(path).text
            assert '<option value="ISR"' in page and '<option value="form-2"' in page, path
            assert '<option value="ceasefire"' in page and '<option value="gaza"' in page, path
        page = client.get("/pages/guarantees").text
        assert '<option value="ISR"' in page and '<option value="form-2"' in page
        timeline = client.get("/pages/timeline", params={"actor": "RUS"}).text
        assert '<option value="ISR"' in timeline and '<option value="gaza"' in timeline
