"""The confidence filter: /graph, its page and its exports keep only edges whose confidence (the stance model's
calibrated probability) reaches `min_confidence`; the service's default comes from PEACEGRAPH_MIN_CONFIDENCE."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from graph.store import Store
from tests.factories import make_graph
from tests.integration.conftest import make_client

LOW, MID, HIGH = 0.35, 0.6, 0.92


def _corpus():
    graph = make_graph("conf-1", positions=[("RUS", "DEMANDS", "neutral_status", 0),
                                            ("UKR", "OFFERS", "neutral_status", 1),
                                            ("UKR", "DEMANDS", "eu_membership", 2)],
                       guarantees=[("USA", "UKR", "willing", 3)])
    for edge, confidence in zip([*graph.positions, *graph.guarantees], (LOW, MID, HIGH, HIGH), strict=True):
        edge.provenance.confidence = confidence
    return [graph]


@pytest.fixture
def conf_store(store: Store) -> Store:
    store.upsert_many(_corpus())
    return store


def _confidences(client, **params) -> list[float]:
    data = client.get("/graph", params=params).json()
    return sorted(link["confidence"] for link in data["links"])


def test_min_confidence_keeps_the_edges_that_reach_it(conf_store: Store, data_dir: Path) -> None:
    with make_client(conf_store, data_dir) as api:
        assert _confidences(api) == [LOW, MID, HIGH, HIGH]
        assert _confidences(api, min_confidence=0.5) == [MID, HIGH, HIGH]
        assert _confidences(api, min_confidence=0.8) == [HIGH, HIGH]
        assert _confidences(api, min_confidence=0.8, actor="UKR") == [HIGH, HIGH]
        assert _confidences(api, min_confidence=0.5, term="neutral_status") == [MID]
        assert _confidences(api, min_confidence=0.5, doc="conf-1") == [MID, HIGH, HIGH]
        graph = nx.node_link_graph(api.get("/graph", params={"min_confidence": 0.8}).json(), edges="links")
        assert ("RUS", "neutral_status") not in graph.edges()
        csv = api.get("/export/positions.csv", params={"min_confidence": 0.8}).text
        assert "eu_membership" in csv and "neutral_status" not in csv
        assert _confidences(api, min_confidence="") == [LOW, MID, HIGH, HIGH]  # an empty form field: no floor
        for bad in ("1.5", "-0.1", "high"):
            response = api.get("/graph", params={"min_confidence": bad})
            assert response.status_code == 422 and "min_confidence" in response.text


def test_the_service_default_applies_and_a_request_may_lower_it(conf_store: Store, data_dir: Path) -> None:
    with make_client(conf_store, data_dir, min_confidence=0.5) as api:
        assert _confidences(api) == [MID, HIGH, HIGH]
        assert _confidences(api, min_confidence=0) == [LOW, MID, HIGH, HIGH]
        page = api.get("/pages/graph")
        assert page.status_code == 200 and 'name="min_confidence"' in page.text
        assert "neutral_status" in page.text


def _view(page_html: str) -> dict:
    import json
    import re

    found = re.search(r'<script type="application/json" id="view-data">(.*?)</script>', page_html, re.S)
    assert found, "the page carries its view data"
    return json.loads(found.group(1))


def test_the_matrix_and_guarantees_pages_apply_the_floor(conf_store: Store, data_dir: Path) -> None:
    """Without a filter these pages read the aggregates, which count every edge: a floor must make them read
    the edges, and the sources a click loads must keep the floor."""
    with make_client(conf_store, data_dir) as api:
        everything = _view(api.get("/pages/matrix").text)
        assert "RUS" in [actor for actor, _ in everything["rows"]]
        confident = _view(api.get("/pages/matrix", params={"min_confidence": 0.8}).text)
        assert [actor for actor, _ in confident["rows"]] == ["UKR"]
        assert confident["load"]["params"]["min_confidence"] == 0.8
        assert _view(api.get("/pages/guarantees", params={"min_confidence": 0.95}).text)["chips"] == []
        kept = _view(api.get("/pages/guarantees", params={"min_confidence": 0.9}).text)
        assert len(kept["chips"]) == 1 and kept["load"]["params"]["min_confidence"] == 0.9
