"""The HTML pages on the real app: offline assets, escaped document text, big graphs without physics."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
from fastapi.testclient import TestClient

from graph.store import BaseStore
from tests.factories import XSS_QUOTE, dense_corpus
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
    tips = [e["title"] for e in payload_of(page)["edges"]]
    assert any(XSS_QUOTE in t for t in tips)  # intact as data; graph.js shows it as a text node


def test_graph_page_edges_equal_graph_endpoint_and_carry_styles(api: TestClient) -> None:
    for params in ({}, {"actor": "Kyiv"}, {"relation": "GUARANTEES"}, {"date_from": "2023"}):
        data = api.get("/graph", params=params).json()
        payload = payload_of(api.get("/pages/graph", params=params).text)
        assert len(payload["edges"]) == len(data["links"]) == nx.node_link_graph(data, edges="links").number_of_edges()
    payload = payload_of(api.get("/pages/graph").text)
    colours = {(e["relation"], e["color"]) for e in payload["edges"]}
    assert ("DEMANDS", "#d62728") in colours and ("REJECTS", "#222222") in colours
    declined = [e for e in payload["edges"] if e["from"] == "ISR"]
    assert declined and all(e["dashes"] for e in declined)
    nodes = {n["id"]: n for n in payload["nodes"]}
    assert nodes["NATO"]["color"] != nodes["RUS"]["color"] and nodes["neutral_status"]["shape"] == "box"
    assert payload["options"]["physics"]["enabled"] is True  # a small graph settles with physics


def test_graph_page_filters_form_and_legend(api: TestClient) -> None:
    page = api.get("/pages/graph", params={"actor": "Kyiv", "relation": "GUARANTEES", "date_from": ""}).text
    assert '<option value="UKR" selected>' in page
    assert 'value="GUARANTEES" checked' in page
    assert "GUARANTEES (declined)" in page and "actor: organization" in page


def test_big_graph_opens_without_physics_on_a_precomputed_layout(store: BaseStore, data_dir: Path) -> None:
    store.upsert_many(dense_corpus(5))
    with make_client(store, data_dir) as client:
        data = client.get("/graph").json()
        assert len(data["links"]) == 600
        payload = payload_of(client.get("/pages/graph").text)
    assert len(payload["edges"]) == 600
    assert payload["options"]["physics"]["enabled"] is False
    assert all(isinstance(n.get("x"), float) and isinstance(n.get("y"), float) for n in payload["nodes"])
    assert len({(round(n["x"]), round(n["y"])) for n in payload["nodes"]}) == len(payload["nodes"])


def test_index_page_is_a_filter_form_for_the_graph_page(api: TestClient) -> None:
    page = api.get("/")
    assert page.status_code == 200
    assert '<form class="filters" method="get" action="/pages/graph">' in page.text
    for name in ("actor", "term", "relation", "date_from", "date_to", "doc"):
        assert f'name="{name}"' in page.text
    assert '<option value="api-1"' in page.text and not EXTERNAL.search(page.text)


def test_docs_work_offline(api: TestClient) -> None:
    for path in ("/docs", "/redoc"):
        page = api.get(path)
        assert page.status_code == 200 and not EXTERNAL.search(page.text), path
        for asset in assets_of(page.text):
            assert api.get(asset).status_code == 200, asset
    assert "fonts.googleapis" not in api.get("/redoc").text
