"""Documents of several peace processes in one store: the process each is given, the process filter of the
API, the exports and the pages, the index page's process list, and the candidate actors (both engines). The
texts in tests/data/processes are written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.candidates import candidate_rows, yaml_snippet
from graph.store import Store
from loaders.ingest import ingest_paths

DATA = Path(__file__).resolve().parent.parent / "data" / "processes"


@pytest.fixture
def loaded(api: TestClient, api_store: Store) -> TestClient:
    summary = ingest_paths(api_store, [DATA])
    assert summary.count("loaded") == 3, summary.as_dict()
    return api


def test_each_document_is_stored_with_its_process(loaded: TestClient, api_store: Store) -> None:
    docs = {d["id"]: d["process"] for d in loaded.get("/documents").json() if not d["id"].startswith("api-")}
    assert docs == {"gaza_talks": "gaza", "sudan_truce": "sudan", "kyiv_terms": "russia_ukraine"}
    processes = {r["process"]: (r["documents"], r["positions"]) for r in api_store.run("processes")}
    assert {"gaza", "sudan", "russia_ukraine"} <= set(processes)
    assert all(processes[p][0] == 1 and processes[p][1] > 0 for p in ("gaza", "sudan"))


def test_the_process_filter_keeps_one_process(loaded: TestClient) -> None:
    assert [d["id"] for d in loaded.get("/documents", params={"process": "sudan"}).json()] == ["sudan_truce"]
    graph = loaded.get("/graph", params={"process": "gaza"}).json()
    assert graph["links"] and {link["doc"] for link in graph["links"]} == {"gaza_talks"}
    actors = {n["id"] for n in graph["nodes"] if n["type"] == "Actor"}
    assert {"HAMAS", "ISR"} <= actors and not actors & {"RSF", "SAF", "RUS"}
    sudan = loaded.get("/graph", params={"process": "Sudan"}).json()  # a name works as well as an id
    assert {link["doc"] for link in sudan["links"]} == {"sudan_truce"}
    assert ("RSF", "ceasefire") in {(link["source"], link["target"]) for link in sudan["links"]}
    csv = loaded.get("/export/positions.csv", params={"process": "gaza"}).text
    assert "gaza_talks" in csv and "sudan_truce" not in csv and "kyiv_terms" not in csv
    matrix = loaded.get("/pages/matrix", params={"process": "sudan"})
    assert matrix.status_code == 200 and '<option value="sudan" selected>' in matrix.text


def test_the_index_page_lists_the_processes_with_their_counts(loaded: TestClient) -> None:
    page = loaded.get("/").text
    assert 'id="processes"' in page
    for name, pid in (("Gaza", "gaza"), ("Sudan", "sudan"), ("Russia–Ukraine", "russia_ukraine")):
        assert f'href="/pages/graph?process={pid}">{name}</a>' in page


def test_a_positions_slot_is_stored_and_shown(loaded: TestClient) -> None:
    doc = loaded.get("/documents/gaza_talks").json()
    slots = {(p["actor"], p["term"], p["slot"]) for p in doc["positions"]}
    assert ("QAT", "mediation", "QAT") in slots and ("ISR", "disarmament", "HAMAS") in slots


def test_unknown_groups_are_offered_as_candidate_actors(loaded: TestClient, api_store: Store) -> None:
    rows = candidate_rows(api_store, None, 20)
    names = {r["name"]: r for r in rows}
    assert "Tamazuj Liberation Movement" in names and "Saraya Quds Brigades" in names
    assert names["Tamazuj Liberation Movement"]["processes"] == ["sudan"]
    assert "Hamas" not in names and "Rapid Support Forces" not in names  # known actors are never offered
    assert [r["name"] for r in candidate_rows(api_store, "gaza", 20)] == ["Saraya Quds Brigades"] or \
        "Tamazuj Liberation Movement" not in [r["name"] for r in candidate_rows(api_store, "gaza", 20)]
    snippet = yaml_snippet([names["Tamazuj Liberation Movement"]], "sudan")
    assert "pack: sudan" in snippet and "TLM:" in snippet and "kind: armed_group" in snippet
    assert "name: Tamazuj Liberation Movement" in snippet
    page = loaded.get("/pages/candidates", params={"process": "sudan"}).text
    assert "Tamazuj Liberation Movement" in page and "Saraya Quds Brigades" not in page and "pack: sudan" in page


def test_an_upload_names_its_process(api: TestClient) -> None:
    body = {"text": "The two sides agreed to a ceasefire, the mediators said.", "title": "Truce", "process": "sudan"}
    assert api.post("/documents", json={**body, "id": "named-process"}).status_code in (200, 201)
    assert api.get("/documents/named-process").json()["process"] == "sudan"
    refused = api.post("/documents", json={**body, "id": "no-such-process", "process": "atlantis"})
    assert refused.status_code == 422 and "unknown process 'atlantis'" in refused.text
