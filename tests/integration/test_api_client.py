"""The notebook client against the real app (Starlette's TestClient is an httpx.Client: no server, no mock)."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest
from fastapi.testclient import TestClient

from app.client import PeaceGraph, PeaceGraphError
from graph.store import Store
from tests.integration.conftest import API_KEY


@pytest.fixture
def pg(api: TestClient) -> PeaceGraph:
    return PeaceGraph(client=api)


def test_lists_of_dicts_and_frames(pg: PeaceGraph) -> None:
    rows = pg.guarantees(beneficiary="Kyiv")
    assert isinstance(rows, list) and {r["guarantor"] for r in rows} == {"DEU", "ISR", "USA"}
    frame = pg.guarantees(beneficiary="Kyiv", as_frame=True)
    assert isinstance(frame, pd.DataFrame) and len(frame) == len(rows)
    assert frame.loc[frame.guarantor == "ISR", "status"].tolist() == ["declined"]
    matrix = pg.frame("matrix")
    pivot = matrix.pivot(index="actor", columns="term", values="total").fillna(0)
    assert pivot.loc["RUS", "nato_non_accession"] == 2


def test_grouped_results_flatten_to_one_row_per_source(pg: PeaceGraph) -> None:
    terms = pg.positions("Russia")
    assert {t["term"] for t in terms} == {"nato_non_accession", "neutral_status"}
    frame = pg.positions("Russia", as_frame=True)
    assert len(frame) == sum(len(t["sources"]) for t in terms) == 4
    assert set(frame.columns) >= {"term", "relation", "doc", "quote", "title", "speaker_name"}
    who = pg.term_positions("nato_non_accession", relation="REJECTS", as_frame=True)
    assert sorted(who["actor"]) == ["NATO", "UKR"]
    conflicts = pg.conflicts(term="nato_non_accession", as_frame=True)
    assert set(conflicts["actor_b"]) == {"NATO", "UKR"} and "quote_a" in conflicts.columns
    ground = pg.common_ground("RUS", "UKR")
    assert ground[0]["term"] == "neutral_status"


def test_graph_is_a_multidigraph(pg: PeaceGraph) -> None:
    g = pg.graph(actor="Kyiv", relation="GUARANTEES")
    assert isinstance(g, nx.MultiDiGraph)
    assert {(u, v, d["status"]) for u, v, d in g.edges(data=True)} == {
        ("DEU", "UKR", "willing"), ("ISR", "UKR", "declined"), ("USA", "UKR", "proposed"), ("USA", "UKR", "willing")}


def test_errors_are_raised_with_the_problem_detail(pg: PeaceGraph) -> None:
    with pytest.raises(PeaceGraphError) as err:
        pg.positions("Atlantis")
    assert err.value.status == 404 and "'Atlantis'" in str(err.value)
    with pytest.raises(PeaceGraphError) as err:
        pg.cypher("CREATE (:Actor {id: 'X'})")
    assert err.value.status == 403
    assert pg.cypher("MATCH (a:Actor {id: $id}) RETURN a.name AS name", {"id": "RUS"}) == [{"name": "Russia"}]
    with pytest.raises(ValueError):
        pg.frame("close")


def test_writes_with_the_key(keyed_api: TestClient, api_store: Store) -> None:
    with pytest.raises(PeaceGraphError) as err:
        PeaceGraph(client=keyed_api).delete_document("api-2")
    assert err.value.status == 401
    PeaceGraph(client=keyed_api, api_key=API_KEY).delete_document("api-2")
    assert [d["id"] for d in PeaceGraph(client=keyed_api).documents()] == ["api-3", "api-1"]
