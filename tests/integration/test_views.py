"""The server-rendered views and the exports on the real app and the real embedded store: each shows what
the JSON API answers, escapes document text, and the exports round-trip through networkx and pandas."""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

import networkx as nx
import pandas as pd
from fastapi.testclient import TestClient

from graph.store import Store
from tests.factories import XSS_QUOTE, make_graph
from tests.integration.conftest import found, make_client, view_data


def chips_of(view: dict) -> dict[tuple[str, str, str], int]:
    """The guarantees page's chips as views.js draws them: (guarantor, beneficiary, status) -> sources."""
    return {(view["rows"][c[0]][0], view["cols"][c[1]][0], c[2]): c[3] for c in view["chips"]}


def cells_of(view: dict) -> dict[str, int]:
    """The matrix page's cells as views.js draws them: 'actor|term' -> sources."""
    return {f"{view['rows'][c[0]][0]}|{view['cols'][c[1]][0]}": sum(c[2:6]) for c in view["cells"]}


def load(api: TestClient, view: dict, **params: object) -> list[dict]:
    """The sources views.js loads for a clicked chip or cell (its page's filters and the chip's own)."""
    answer = api.get(view["load"]["path"], params={**view["load"]["params"], **params, "limit": view["load"]["limit"]})
    assert answer.status_code == 200, answer.text
    data = answer.json()
    return data if isinstance(data, list) else data["links"]


def test_guarantees_view_shows_one_chip_per_guarantor_beneficiary_status(api: TestClient) -> None:
    page = api.get("/pages/guarantees").text
    assert "<table" not in page  # the table is drawn by views.js from the data block
    view = view_data(page)
    api_rows = api.get("/guarantees", params={"limit": 5000}).json()
    expected: dict[tuple[str, str, str], int] = {}
    for r in api_rows:
        key = (r["guarantor"], r["beneficiary"], r["status"])
        expected[key] = expected.get(key, 0) + 1
    assert chips_of(view) == expected  # every guarantee counted, from the aggregates
    assert dict(view["rows"])["USA"] == "United States" and view["verbs"]["willing"] == "is willing to guarantee"
    for (g, b, status), count in expected.items():  # a click loads exactly the chip's sources
        rows = load(api, view, guarantor=g, beneficiary=b, status=status)
        assert len(rows) == count
        assert {(r["guarantor"], r["beneficiary"], r["status"]) for r in rows} == {(g, b, status)}
    filtered = view_data(api.get("/pages/guarantees", params={"actor": "Israel"}).text)
    assert list(chips_of(filtered)) == [("ISR", "UKR", "declined")]
    assert 'id="empty"' in api.get("/pages/guarantees", params={"status": "willing", "actor": "ISR"}).text
    willing = view_data(api.get("/pages/guarantees", params={"status": "willing"}).text)
    assert chips_of(willing) == {k: n for k, n in expected.items() if k[2] == "willing"}


def test_guarantees_view_with_dates_or_a_document_counts_the_edges_and_loads_within_them(api: TestClient) -> None:
    view = view_data(api.get("/pages/guarantees", params={"date_from": "2023"}).text)
    assert chips_of(view) == {("USA", "UKR", "willing"): 1}
    assert view["load"] == {"path": "/guarantees", "params": {"date_from": "2023"}, "limit": 500}
    assert len(load(api, view, guarantor="USA", beneficiary="UKR", status="willing")) == 1
    one = view_data(api.get("/pages/guarantees", params={"doc": "api-1"}).text)
    assert chips_of(one) == {("DEU", "UKR", "willing"): 1, ("ISR", "UKR", "declined"): 1,
                             ("USA", "UKR", "proposed"): 1}
    links = load(api, one, actor="USA", status="proposed")  # views.js keeps the links of the chip's pair
    assert [(x["source"], x["target"], x["doc"]) for x in links] == [("USA", "UKR", "api-1")]


def test_matrix_view_cells_equal_the_analysis_matrix(api: TestClient) -> None:
    page = api.get("/pages/matrix").text
    assert "<table" not in page  # the table is drawn by views.js from the data block
    view = view_data(page)
    expected = {f"{r['actor']}|{r['term']}": r["total"] for r in api.get("/analysis/matrix").json()}
    assert cells_of(view) == expected
    mixed = next(c for c in view["cells"]
                 if (view["rows"][c[0]][0], view["cols"][c[1]][0]) == ("RUS", "neutral_status"))
    assert mixed[2] == 1 and mixed[5] == 1  # demands in 2022, rejects in 2023: mixed
    for key in expected:  # a click loads the cell's sources from /graph
        actor, term = key.split("|")
        links = load(api, view, actor=actor, term=term)
        assert len(links) == expected[key] and {f"{x['source']}|{x['target']}" for x in links} == {key}
    only = view_data(api.get("/pages/matrix", params={"actor": "Kyiv", "date_from": "2025"}).text)
    assert list(cells_of(only)) == ["UKR|eu_membership", "UKR|nato_non_accession"]
    assert only["load"]["params"]["date_from"] == "2025"
    assert len(load(api, only, actor="UKR", term="eu_membership")) == 1


def compare_cards(page: str, kind: str) -> list[str]:
    return re.findall(rf'<details class="card {kind}">(.*?)</details>', page, re.S)


def test_compare_view_lists_conflicts_and_common_ground_and_loads_their_evidence(api: TestClient) -> None:
    page = api.get("/pages/compare", params={"a": "Moscow", "b": "NATO"}).text
    assert "Russia favours, North Atlantic Treaty Organization rejects: Nato non accession" in page
    conflicts = [c for c in api.get("/analysis/conflicts").json() if {c["actor_a"], c["actor_b"]} == {"RUS", "NATO"}]
    cards = compare_cards(page, "clash")
    assert len(cards) == len(conflicts) == 1
    sides = re.findall(r'data-sources="([^"]+)" data-actor="([^"]+)" data-count="(\d+)"', cards[0])
    assert [(who, int(n)) for _, who, n in sides] == [("Russia", conflicts[0]["count_a"]),
                                                      ("North Atlantic Treaty Organization", conflicts[0]["count_b"])]
    for url, _, n in sides:  # what compare.js loads when the card is opened: the side's own sources
        links = api.get(html.unescape(url)).json()["links"]
        assert len(links) == int(n)
    rus = api.get(html.unescape(sides[0][0])).json()["links"]
    assert {(x["source"], x["relation"], x["target"]) for x in rus} == {("RUS", "DEMANDS", "nato_non_accession")}
    assert "<blockquote>" not in page  # no quote is rendered up front
    page = api.get("/pages/compare", params={"a": "RUS", "b": "UKR"}).text
    common = api.get("/analysis/common-ground", params={"a": "RUS", "b": "UKR"}).json()
    assert len(compare_cards(page, "common")) == len(common) == 1 and "Both favour: Neutral status" in page
    first = api.get("/pages/compare").text  # no choice: the two busiest actors
    assert '<option value="RUS" selected>' in first and '<option value="UKR" selected>' in first


def test_compare_view_evidence_keeps_hostile_text_as_data(store: Store, data_dir: Path) -> None:
    store.upsert_many([make_graph("hostile", quote=XSS_QUOTE, positions=[("RUS", "DEMANDS", "ceasefire", 0),
                                                                         ("UKR", "REJECTS", "ceasefire", 1)],
                                  guarantees=[])])
    with make_client(store, data_dir) as client:
        page = client.get("/pages/compare", params={"a": "RUS", "b": "UKR"}).text
        assert "<script>window.__xss" not in page and "<img src=x" not in page
        urls = re.findall(r'data-sources="([^"]+)"', page)
        assert len(urls) == 2
        quotes = [x["quote"] for u in urls for x in client.get(html.unescape(u)).json()["links"]]
    assert quotes == [XSS_QUOTE, XSS_QUOTE]  # intact as JSON data; compare.js writes it as text


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


def test_document_page_highlights_sentences_and_escapes_the_text(store: Store, data_dir: Path) -> None:
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
    assert {"actor", "relation", "term", "doc", "quote", "speaker_name", "outlet", "date", "confidence"} <= \
        set(positions)
    assert positions["quote"].notna().all() and XSS_QUOTE in set(positions["quote"])
    edge = next(d for _, _, d in g.edges(data=True))
    assert edge["relation"] == "GUARANTEES" and isinstance(edge["confidence"], float)


def test_seeds_graph_draws_at_most_one_edge_per_actor_relation_term(seeded_api: TestClient) -> None:
    page = seeded_api.get("/pages/graph").text
    payload = json.loads(found(r'id="graph-data">(.*?)</script>', page))
    keys = [(e["from"], e["relation"], e["to"], e["status"]) for e in payload["edges"]]
    assert len(keys) == len(set(keys))
    data = seeded_api.get("/graph").json()
    assert len(data["links"]) > len(keys) and sum(e["count"] for e in payload["edges"]) == len(data["links"])
    for path in ("/pages/guarantees", "/pages/matrix", "/pages/compare", "/pages/timeline", "/pages/documents"):
        assert seeded_api.get(path).status_code == 200, path
    doc = seeded_api.get("/documents").json()[0]["id"]
    page = seeded_api.get(f"/pages/documents/{doc}").text
    assert page.count("<mark id=") > 3
