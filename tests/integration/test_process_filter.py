"""The `process` filter of every view, query, export and page (both engines): one store holds documents of
two peace processes where the same actors take opposite stances on the same terms, so each filtered answer
can only be right if it kept the one process's edges (and its counts were not read from the aggregates, which
sum every process). The CLI runs on its own embedded store, as a user runs it."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from app.client import PeaceGraph
from graph.backends import open_store
from graph.store import Store
from tests.factories import process_corpus
from tests.integration.conftest import found, make_client, view_data
from tests.integration.test_cli import run_cli

GAZA_DOCS = {"gz-1", "gz-2"}
SUDAN_DOCS = {"sd-1", "sd-2"}


@pytest.fixture
def api(store: Store, data_dir: Path) -> Iterator[TestClient]:
    assert store.upsert_many(process_corpus()).count("loaded") == 5
    with make_client(store, data_dir) as client:
        yield client


def _docs_of(groups: list[dict]) -> set[str]:
    return {s["doc"] for g in groups for s in g["sources"]}


def _counts(groups: list[dict], key: str) -> dict[str, dict[str, int]]:
    return {g[key]: {k.lower(): v for k, v in g["counts"].items() if v} for g in groups}


def test_an_actors_positions_in_one_process(api: TestClient) -> None:
    gaza = api.get("/actors/USA/positions", params={"process": "gaza"}).json()["terms"]
    assert _counts(gaza, "term") == {"ceasefire": {"demands": 1}, "eu_membership": {"rejects": 1}}
    assert _docs_of(gaza) == GAZA_DOCS
    sudan = api.get("/actors/USA/positions", params={"process": "Sudan"}).json()["terms"]  # a name works too
    assert _counts(sudan, "term") == {"ceasefire": {"rejects": 1}, "eu_membership": {"demands": 1}}
    assert _docs_of(sudan) == SUDAN_DOCS
    every = api.get("/actors/USA/positions").json()["terms"]  # no filter: every process, and none
    assert _counts(every, "term")["ceasefire"] == {"demands": 1, "rejects": 1, "supports": 1}
    # with other filters as well: one relation, a date range
    rejects = api.get("/actors/USA/positions", params={"process": "gaza", "relation": "REJECTS"}).json()["terms"]
    assert _counts(rejects, "term") == {"eu_membership": {"rejects": 1}}
    assert api.get("/actors/USA/positions", params={"process": "gaza", "date_from": "2024-03"}).json()["terms"][0][
        "sources"][0]["doc"] == "gz-2"
    assert api.get("/actors/USA/positions", params={"process": "atlantis"}).json()["terms"] == []


def test_a_terms_positions_in_one_process(api: TestClient) -> None:
    sudan = api.get("/terms/ceasefire/positions", params={"process": "sudan"}).json()["actors"]
    assert _counts(sudan, "actor") == {"USA": {"rejects": 1}, "ISR": {"demands": 1}, "DEU": {"rejects": 1}}
    assert _docs_of(sudan) == {"sd-1"}
    gaza = api.get("/terms/ceasefire/positions", params={"process": "gaza", "per_group": 50}).json()["actors"]
    assert _counts(gaza, "actor") == {"USA": {"demands": 1}, "ISR": {"rejects": 1}, "DEU": {"supports": 1}}
    assert _docs_of(gaza) == {"gz-1"}


def test_term_counts_of_one_process(api: TestClient) -> None:
    def counts(params: dict) -> dict[str, tuple[int, int, int, int]]:
        return {t["id"]: (t["demands"], t["offers"], t["supports"], t["rejects"])
                for t in api.get("/terms", params=params).json()}

    assert counts({"process": "gaza"}) == {"ceasefire": (1, 0, 1, 1), "eu_membership": (0, 0, 0, 2)}
    assert counts({"process": "sudan"}) == {"ceasefire": (1, 0, 0, 2), "eu_membership": (2, 0, 0, 0)}
    assert counts({}) == {"ceasefire": (2, 0, 2, 3), "eu_membership": (2, 0, 0, 2)}
    assert counts({"process": "atlantis"}) == {"ceasefire": (0, 0, 0, 0), "eu_membership": (0, 0, 0, 0)}


def test_guarantees_of_one_process(api: TestClient) -> None:
    def pairs(params: dict) -> set[tuple[str, str, str, str]]:
        return {(g["guarantor"], g["beneficiary"], g["status"], g["doc"])
                for g in api.get("/guarantees", params=params).json()}

    assert pairs({"process": "gaza"}) == {("USA", "ISR", "willing", "gz-1")}
    assert pairs({"process": "sudan"}) == {("DEU", "USA", "proposed", "sd-1")}
    assert pairs({"process": "sudan", "guarantor": "Germany"}) == {("DEU", "USA", "proposed", "sd-1")}
    assert pairs({"process": "gaza", "guarantor": "Germany"}) == set()
    assert pairs({}) == {("USA", "ISR", "willing", "gz-1"), ("DEU", "USA", "proposed", "sd-1")}


def _sides(rows: list[dict]) -> set[tuple]:
    return {(r["actor_a"], r["term_a"], r["actor_b"], r["term_b"], r["count_a"], r["count_b"]) for r in rows}


def test_conflicts_within_one_process(api: TestClient) -> None:
    gaza = api.get("/analysis/conflicts", params={"process": "gaza"}).json()
    assert _sides(gaza) == {("USA", "ceasefire", "ISR", "ceasefire", 1, 1),
                            ("DEU", "ceasefire", "ISR", "ceasefire", 1, 1)}
    assert {e["doc"] for r in gaza for e in (*r["evidence_a"], *r["evidence_b"])} == {"gz-1"}
    sudan = api.get("/analysis/conflicts", params={"process": "sudan", "term": "ceasefire"}).json()
    assert _sides(sudan) == {("ISR", "ceasefire", "USA", "ceasefire", 1, 1),
                             ("ISR", "ceasefire", "DEU", "ceasefire", 1, 1)}
    assert {e["doc"] for r in sudan for e in (*r["evidence_a"], *r["evidence_b"])} == {"sd-1"}
    every = _sides(api.get("/analysis/conflicts").json())
    assert ("USA", "ceasefire", "ISR", "ceasefire", 2, 1) in every
    assert ("ISR", "ceasefire", "USA", "ceasefire", 1, 1) in every
    assert api.get("/analysis/conflicts", params={"process": "atlantis"}).json() == []


def test_common_ground_within_one_process(api: TestClient) -> None:
    def ground(params: dict) -> tuple[set[tuple], set[str]]:
        rows = api.get("/analysis/common-ground", params={"a": "USA", "b": "Germany", **params}).json()
        return ({(r["term"], r["stance"], r["count_a"], r["count_b"]) for r in rows},
                {e["doc"] for r in rows for e in (*r["evidence_a"], *r["evidence_b"])})

    assert ground({"process": "gaza"}) == ({("ceasefire", "favour", 1, 1), ("eu_membership", "reject", 1, 1)},
                                           GAZA_DOCS)
    assert ground({"process": "sudan"}) == ({("ceasefire", "reject", 1, 1), ("eu_membership", "favour", 1, 1)},
                                            SUDAN_DOCS)
    rows, docs = ground({})
    assert ("ceasefire", "favour", 2, 1) in rows and ("ceasefire", "reject", 1, 1) in rows and "np-1" in docs
    assert ground({"process": "atlantis"}) == (set(), set())


def test_the_matrix_of_one_process(api: TestClient) -> None:
    def cells(params: dict) -> dict[tuple[str, str], tuple[int, ...]]:
        return {(c["actor"], c["term"]): (c["demands"], c["offers"], c["supports"], c["rejects"], c["total"],
                                          c["documents"])
                for c in api.get("/analysis/matrix", params=params).json()}

    assert cells({"process": "gaza"}) == {("USA", "ceasefire"): (1, 0, 0, 0, 1, 1),
                                          ("ISR", "ceasefire"): (0, 0, 0, 1, 1, 1),
                                          ("DEU", "ceasefire"): (0, 0, 1, 0, 1, 1),
                                          ("USA", "eu_membership"): (0, 0, 0, 1, 1, 1),
                                          ("DEU", "eu_membership"): (0, 0, 0, 1, 1, 1)}
    assert cells({"process": "sudan", "actor": "USA"}) == {("USA", "ceasefire"): (0, 0, 0, 1, 1, 1),
                                                           ("USA", "eu_membership"): (1, 0, 0, 0, 1, 1)}
    assert cells({})[("USA", "ceasefire")] == (1, 0, 1, 1, 3, 3)
    assert cells({"process": "atlantis"}) == {}


def test_the_timeline_of_one_process(api: TestClient) -> None:
    def points(params: dict) -> list[tuple[str, str, str, bool]]:
        return [(p["doc"], p["term"], p["stance"], p["changed"])
                for p in api.get("/analysis/timeline", params={"actor": "USA", **params}).json()]

    assert points({"process": "sudan"}) == [("sd-1", "ceasefire", "reject", False),
                                            ("sd-2", "eu_membership", "favour", False)]
    assert points({"process": "gaza", "term": "ceasefire"}) == [("gz-1", "ceasefire", "favour", False)]
    assert points({"term": "ceasefire"}) == [("gz-1", "ceasefire", "favour", False),
                                             ("sd-1", "ceasefire", "reject", True),
                                             ("np-1", "ceasefire", "favour", True)]


def test_every_export_keeps_one_process(api: TestClient) -> None:
    graphml = api.get("/export/graphml", params={"process": "sudan"})
    assert graphml.status_code == 200
    g = nx.read_graphml(io.BytesIO(graphml.content))
    assert g.number_of_edges() == 6 and {d["doc"] for _, _, d in g.edges(data=True)} == SUDAN_DOCS
    positions = list(csv.DictReader(io.StringIO(api.get("/export/positions.csv", params={"process": "gaza"}).text)))
    assert len(positions) == 5 and {r["doc"] for r in positions} == GAZA_DOCS
    guarantees = list(csv.DictReader(io.StringIO(api.get("/export/guarantees.csv", params={"process": "gaza"}).text)))
    assert [(r["guarantor"], r["beneficiary"], r["doc"]) for r in guarantees] == [("USA", "ISR", "gz-1")]


def test_the_notebook_client_passes_the_process(api: TestClient) -> None:
    pg = PeaceGraph(client=api)
    assert {r["term"] for r in pg.positions("USA", process="gaza")} == {"ceasefire", "eu_membership"}
    assert set(pg.positions("USA", process="gaza", as_frame=True)["doc"]) == GAZA_DOCS
    assert {a["actor"] for a in pg.term_positions("ceasefire", process="sudan")} == {"USA", "ISR", "DEU"}
    assert [g["doc"] for g in pg.guarantees(process="sudan")] == ["sd-1"]
    assert {(c["actor_a"], c["actor_b"]) for c in pg.conflicts(process="sudan")} == {("ISR", "USA"), ("ISR", "DEU")}
    assert {(r["term"], r["stance"]) for r in pg.common_ground("USA", "DEU", process="gaza")} == {
        ("ceasefire", "favour"), ("eu_membership", "reject")}
    frame = pg.matrix(process="sudan", as_frame=True)
    assert len(frame) == 5 and int(frame["total"].sum()) == 5
    assert {p["doc"] for p in pg.timeline("USA", process="gaza")} == GAZA_DOCS
    assert {t["id"]: t["rejects"] for t in pg.terms(process="gaza")} == {"ceasefire": 1, "eu_membership": 2}
    assert {d["doc"] for _, _, d in pg.graph(process="gaza").edges(data=True)} == GAZA_DOCS


# -- pages ---------------------------------------------------------------------------------------------------
def _selected(page: str, value: str) -> bool:
    return f'<option value="{value}" selected>' in page


def test_the_compare_page_in_one_process(api: TestClient) -> None:
    gaza = api.get("/pages/compare", params={"a": "USA", "b": "ISR", "process": "gaza"})
    assert gaza.status_code == 200 and _selected(gaza.text, "gaza")
    assert "United States favours, Israel rejects: Ceasefire" in gaza.text
    assert "Israel favours, United States rejects" not in gaza.text
    sources = re.findall(r'data-sources="([^"]+)"', gaza.text)
    assert sources and all("process=gaza" in s.replace("&amp;", "&") for s in sources)
    # a card's sources, as compare.js loads them, are the process's own
    first = api.get(sources[0].replace("&amp;", "&")).json()
    assert {link["doc"] for link in first["links"]} == {"gz-1"}
    sudan = api.get("/pages/compare", params={"a": "USA", "b": "ISR", "process": "sudan"}).text
    assert "Israel favours, United States rejects: Ceasefire" in sudan
    assert "United States favours, Israel rejects" not in sudan
    both = api.get("/pages/compare", params={"a": "USA", "b": "Germany", "process": "sudan"}).text
    assert "Both reject: Ceasefire" in both and "Both favour: Eu membership" in both
    assert "Both favour: Ceasefire" not in both


def test_the_timeline_page_in_one_process(api: TestClient) -> None:
    page = api.get("/pages/timeline", params={"actor": "USA", "process": "sudan"}).text
    assert _selected(page, "sudan")
    assert "/pages/documents/sd-1" in page and "/pages/documents/sd-2" in page and "gz-1" not in page
    assert "2 positions on 2 terms" in page


def test_the_matrix_and_guarantees_pages_and_their_cells_sources(api: TestClient) -> None:
    page = api.get("/pages/matrix", params={"process": "gaza"}).text
    view = view_data(page)
    assert {label for _, label in view["rows"]} == {"United States", "Israel", "Germany"}
    assert sum(sum(c[2:6]) for c in view["cells"]) == 5 and view["load"]["params"]["process"] == "gaza"
    page = api.get("/pages/guarantees", params={"process": "sudan"}).text
    view = view_data(page)
    assert [g for g, _ in view["rows"]] == ["DEU"] and [b for b, _ in view["cols"]] == ["USA"]
    assert view["load"]["params"]["process"] == "sudan"


def test_links_and_forms_keep_the_process(api: TestClient) -> None:
    for path in ("/pages/graph", "/pages/matrix", "/pages/guarantees", "/pages/compare", "/pages/timeline",
                 "/pages/documents", "/pages/candidates", "/"):
        page = api.get(path, params={"process": "sudan"}).text
        assert _selected(page, "sudan"), path  # the form's process select shows it
        nav = found(r'<nav class="main">(.*?)</nav>', page)
        links = re.findall(r'href="(/pages/[^"]*)"', nav)
        assert len(links) == 8 and all(link.endswith("?process=sudan") for link in links), (path, links)
    for path in ("/pages/graph", "/pages/matrix", "/pages/compare", "/pages/documents", "/"):  # a name, as typed
        assert _selected(api.get(path, params={"process": "Sudan"}).text, "sudan"), path
    graph = api.get("/pages/graph", params={"process": "sudan"}).text  # its export links
    for name in ("graphml", "positions.csv", "guarantees.csv"):
        assert f'href="/export/{name}?process=sudan"' in graph, name
    plain = api.get("/pages/matrix").text
    assert "?process=" not in found(r'<nav class="main">(.*?)</nav>', plain)


def test_the_index_page_counts_one_process(api: TestClient) -> None:
    page = api.get("/", params={"process": "gaza"}).text
    counts = found(r'<p id="counts">(.*?)</p>', page)
    assert "2 documents, 5 positions of 3 actors on 2 terms" in counts
    recent = found(r'<ul id="recent"(.*?)</ul>', page)
    assert "gz-1" in recent and "gz-2" in recent and "sd-1" not in recent and "np-1" not in recent
    assert 'href="/pages/matrix?process=gaza">Stance matrix</a>' in page
    assert 'href="/export/positions.csv?process=gaza"' in page
    assert 'href="/?process=sudan">summary</a>' in page
    sudan = found(r'<p id="counts">(.*?)</p>', api.get("/", params={"process": "sudan"}).text)
    assert "2 documents, 5 positions of 3 actors on 2 terms" in sudan


def test_the_documents_page_offers_the_processes(api: TestClient) -> None:
    page = api.get("/pages/documents", params={"process": "gaza"}).text
    assert _selected(page, "gaza") and '<option value="sudan" >' in page
    assert "/pages/documents/gz-1" in page and "/pages/documents/sd-1" not in page


# -- the CLI -------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def cli_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("process-cli")
    store = open_store(None, data_dir=data_dir)
    store.upsert_many(process_corpus())
    store.close()
    return data_dir


def _rows(result: object) -> list[dict]:
    assert result.returncode == 0, result.stderr  # type: ignore[attr-defined]
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]  # type: ignore[attr-defined]


def test_cli_queries_take_the_process(cli_data: Path) -> None:
    rows = _rows(run_cli(cli_data, "query", "actor_positions", "actor=United States", "process=Gaza"))
    assert {r["doc"] for r in rows} == GAZA_DOCS
    # a query read from the aggregates runs its variant counted from the process's edges
    rows = _rows(run_cli(cli_data, "query", "stance_matrix", "process=sudan"))
    assert {(r["actor"], r["term"], r["rejects"]) for r in rows if r["rejects"]} == {("USA", "ceasefire", 1),
                                                                                  ("DEU", "ceasefire", 1)}
    rows = _rows(run_cli(cli_data, "query", "stance_matrix"))
    assert {(r["actor"], r["term"]): r["total"] for r in rows}[("USA", "ceasefire")] == 3
    rows = _rows(run_cli(cli_data, "query", "guarantees", "process=sudan"))
    assert [(r["guarantor"], r["doc"]) for r in rows] == [("DEU", "sd-1")]


def test_cli_export_takes_the_process(cli_data: Path, tmp_path: Path) -> None:
    for fmt, name in (("json", "g.json"), ("graphml", "g.graphml"), ("csv", "p.csv")):
        result = run_cli(cli_data, "export", str(tmp_path / name), "--format", fmt, "--process", "gaza")
        assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "g.json").read_text())
    assert {link["doc"] for link in data["links"]} == GAZA_DOCS
    g = nx.read_graphml(tmp_path / "g.graphml")
    assert {d["doc"] for _, _, d in g.edges(data=True)} == GAZA_DOCS
    assert {r["doc"] for r in csv.DictReader(io.StringIO((tmp_path / "p.csv").read_text()))} == GAZA_DOCS
