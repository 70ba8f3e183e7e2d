"""The fast read paths of issue 11 answer exactly what the general queries answer, on both engines: the
unfiltered /guarantees pages found from the documents' order (guarantees_recent), an actor's positions from
its Stance aggregates with the newest sources per term (actor_positions_all), and the JSON routes that shape
their rows themselves instead of having FastAPI validate them (app/api/fast.py)."""

from __future__ import annotations

import hashlib
import html
import json
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import TypeAdapter

from app.api import schemas
from app.api.fast import shape_all
from app.services.document_order import guarantees_page
from graph.store import Store
from graph.vocabulary import Relation
from tests.factories import api_corpus, make_graph


def _guarantee_corpus() -> list:
    """Documents with 0, 1 and several guarantees, on several dates (one undated), so that pages cut
    through documents and dates."""
    graphs = [*api_corpus()]
    for n in range(7):
        graphs.append(make_graph(
            f"g-{n}", date=[None, "2022-03-16", "2023", "2023-05-02", "2024-11", "2022-03-16", "2025-01-01"][n],
            positions=[("RUS", "DEMANDS", "neutral_status", 0)],
            guarantees=[("USA", "UKR", ["proposed", "willing", "declined"][k % 3], k + 1) for k in range(n % 4)]))
    return graphs


def test_unfiltered_guarantee_pages_are_those_of_the_edge_scan(api_store: Store, data_dir) -> None:
    from tests.integration.conftest import make_client

    api_store.upsert_many(_guarantee_corpus())
    scan = api_store.run("guarantees", guarantor=None, beneficiary=None, status=None, date_from=None,
                         date_to=None, process=None, skip=0, limit=5000)
    assert len(scan) == 4 + 0 + 1 + 2 + 3 + 0 + 1 + 2  # api corpus + g-1..g-6
    with make_client(api_store, data_dir) as api:
        for limit in (1, 2, 3, 5, 100):
            for skip in range(0, len(scan) + 2):
                page = api.get("/guarantees", params={"skip": skip, "limit": limit})
                assert page.status_code == 200
                assert page.json() == shape_all(schemas.GuaranteeOut, scan[skip:skip + limit]), (skip, limit)
                kept = guarantees_page(api_store, skip, limit)  # the page came from the kept order
                assert kept is not None and [json.loads(r) for r in kept] == page.json()


def _unfiltered_scan(store: Store) -> list[dict]:
    return shape_all(schemas.GuaranteeOut, store.run("guarantees", guarantor=None, beneficiary=None, status=None,
                                                     date_from=None, date_to=None, process=None, skip=0, limit=5000))


def test_the_kept_document_order_follows_every_write_of_documents(api_store: Store, data_dir) -> None:
    """The unfiltered list is paged from an order of the documents read once per documents version: a load,
    a replacement, a delete and a load that never completed each show at once, as the edge scan has them."""
    from tests.integration.conftest import make_client

    api_store.upsert_many(_guarantee_corpus())
    newest = make_graph("g-newest", date="2026-01-01", positions=[("RUS", "DEMANDS", "neutral_status", 0)],
                        guarantees=[("DEU", "UKR", "willing", 1)])
    with make_client(api_store, data_dir, cache_seconds=0) as api:
        def pages() -> list[list[dict]]:
            return [api.get("/guarantees", params={"skip": skip, "limit": 3}).json() for skip in range(0, 16, 3)]

        def expected() -> list[list[dict]]:
            scan = _unfiltered_scan(api_store)
            return [scan[skip:skip + 3] for skip in range(0, 16, 3)]

        assert pages() == expected()
        api_store.upsert(newest)
        assert pages()[0][0]["guarantor"] == "DEU" and pages() == expected()
        api_store.upsert(newest.model_copy(update={"guarantees": [], "document": newest.document.model_copy(
            update={"sha256": "changed"})}))
        assert pages()[0][0]["guarantor"] != "DEU" and pages() == expected()
        api_store.upsert(newest)
        assert api_store.delete_document("g-newest")
        assert pages() == expected()
        api_store.write("document_begin", rows=[newest.document.model_dump(mode="json")], version="died")
        assert guarantees_page(api_store, 0, 3) is None  # a load that never completed: the queries answer
        assert pages() == expected()
        api_store.upsert(newest)  # repaired
        assert guarantees_page(api_store, 0, 3) is not None and pages() == expected()


def test_recent_guarantees_query_orders_like_the_edge_scan(api_store: Store) -> None:
    api_store.upsert_many(_guarantee_corpus())
    scan = api_store.run("guarantees", guarantor=None, beneficiary=None, status=None, date_from=None,
                         date_to=None, process=None, skip=0, limit=5000)
    for skip, limit in ((0, 3), (2, 4), (5, 5)):
        page = api_store.run("guarantees_recent", upto=skip + limit, skip=skip, limit=limit)
        assert [json.loads(r["evidence"]) for r in page] == shape_all(schemas.GuaranteeOut, scan[skip:skip + limit])


@pytest.mark.parametrize("per_group", [1, 2, 5])
def test_actor_positions_from_aggregates_equal_the_edge_count(api_store: Store, per_group: int) -> None:
    api_store.upsert_many(_guarantee_corpus())
    for actor in ("RUS", "UKR", "NATO", "USA"):
        everything = api_store.run("actor_positions", actor=actor, relations=None, date_from=None, date_to=None,
                                   process=None, per_group=per_group)
        assert api_store.run("actor_positions_all", actor=actor, per_term=per_group) == everything, actor
    assert api_store.run("actor_positions_all", actor="RUS", per_term=5)  # the comparison proved something


@pytest.mark.parametrize("per_group", [1, 2, 5])
def test_term_positions_from_aggregates_equal_the_edge_count(api_store: Store, per_group: int) -> None:
    api_store.upsert_many(_guarantee_corpus())
    for term in ("neutral_status", "nato_non_accession", "eu_membership"):
        everything = api_store.run("term_positions", term=term, relations=None, date_from=None, date_to=None,
                                   process=None, per_group=per_group)
        assert everything and api_store.run("term_positions_all", term=term, per_actor=per_group) == everything


def test_positions_filtered_count_only_the_filtered_edges(api: TestClient) -> None:
    full = {t["term"]: t for t in api.get("/actors/RUS/positions").json()["terms"]}
    assert full["neutral_status"]["counts"] == {"DEMANDS": 1, "OFFERS": 0, "SUPPORTS": 0, "REJECTS": 1}
    rejects = {t["term"]: t for t in api.get("/actors/RUS/positions", params={"relation": "rejects"}).json()["terms"]}
    assert set(rejects) == {"neutral_status"}
    assert rejects["neutral_status"]["counts"] == {"DEMANDS": 0, "OFFERS": 0, "SUPPORTS": 0, "REJECTS": 1}
    dated = {t["term"]: t for t in api.get("/actors/RUS/positions", params={"date_to": "2022"}).json()["terms"]}
    assert dated["neutral_status"]["counts"]["REJECTS"] == 0 and dated["neutral_status"]["counts"]["DEMANDS"] == 1


@pytest.mark.parametrize(("url", "model"), [
    ("/guarantees", list[schemas.GuaranteeOut]),
    ("/guarantees?beneficiary=Kyiv&status=willing", list[schemas.GuaranteeOut]),
    ("/actors/RUS/positions", schemas.ActorPositions),
    ("/actors/Kyiv/positions?relation=offers&per_group=1", schemas.ActorPositions),
    ("/terms/nato_non_accession/positions", schemas.TermPositions),
    ("/analysis/conflicts", list[schemas.Conflict]),
    ("/analysis/common-ground?a=RUS&b=UKR", list[schemas.CommonGround]),
    ("/analysis/matrix", list[schemas.MatrixCell]),
    ("/analysis/timeline?actor=RUS", list[schemas.TimelinePoint]),
    ("/documents", list[schemas.DocumentSummary]),
    ("/documents/api-1", schemas.DocumentDetail),
    ("/graph?actor=RUS", schemas.GraphData),
])
def test_shaped_responses_are_what_the_response_model_would_give(api: TestClient, url: str, model: Any) -> None:
    """Backward compatibility of the routes that skip FastAPI's validation: the JSON is unchanged by a round
    trip through the declared response model (same keys, defaults, nesting and values)."""
    response = api.get(url)
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    body = response.json()
    assert body, url
    adapter: TypeAdapter[Any] = TypeAdapter(model)
    assert adapter.dump_python(adapter.validate_python(body), mode="json") == body


def test_compare_page_finds_a_clash_beyond_the_first_page_of_conflicts(api_store: Store, data_dir) -> None:
    """The compare page pairs only the two actors' cells: it once filtered the first 100 conflicts of the whole
    store, so a pair further down the list showed no clash at all."""
    from graph.model import Actor, Document, DocumentGraph, Position, Provenance, Term
    from tests.integration.conftest import make_client

    actors = [Actor(id=f"F{i:02d}", name=f"Favours {i}") for i in range(12)] + \
             [Actor(id=f"R{i:02d}", name=f"Rejects {i}") for i in range(12)]
    positions = [Position(actor=a.id, relation=Relation.DEMANDS if a.id[0] == "F" else Relation.REJECTS,
                          term="ceasefire",
                          provenance=Provenance(doc="many", sentence=n, quote=f"quote of {a.id}", date="2024-01-02",
                                                 confidence=0.9, rule="test"))
                 for n, a in enumerate(actors)]
    api_store.upsert_many([DocumentGraph(document=Document(id="many", title="Many", text="many actors",
                                                           sha256=hashlib.sha256(b"many actors").hexdigest()),
                                         actors=actors, terms=[Term(id="ceasefire", label="Ceasefire")],
                                         positions=positions)])
    assert len(api_store.run("conflict_cells", term="ceasefire")) == 24
    with make_client(api_store, data_dir) as api:
        assert len(api.get("/analysis/conflicts", params={"term": "ceasefire", "limit": 5000}).json()) == 144
        page = api.get("/pages/compare", params={"a": "F11", "b": "R11"}).text
        assert "Favours 11 favours, Rejects 11 rejects: Ceasefire" in page
        # the card's quotes, loaded from /graph when it is opened (compare.js)
        urls = [html.unescape(u) for u in re.findall(r'data-sources="([^"]+)"', page)]
        quotes = [x["quote"] for u in urls for x in api.get(u).json()["links"]]
    assert quotes == ["quote of F11", "quote of R11"]


def _dated_corpus() -> list:
    """The API corpus and documents sharing dates, with several edges per document and sentence."""
    graphs = [*api_corpus()]
    for n in range(6):
        graphs.append(make_graph(
            f"d-{n}", date=["2022-03-16", "2024-11", "2024-11", "2025-01-01", "2023", "2024-11"][n],
            positions=[("RUS", "DEMANDS", "neutral_status", 0), ("UKR", "REJECTS", "neutral_status", 0),
                       ("USA", "SUPPORTS", "ceasefire", n)][: n % 3 + 1],
            guarantees=[("USA", "UKR", "willing", 7)] * (n % 2)))
    return graphs


def _doc_order(row: dict) -> tuple:
    return (row["date"], "".join(chr(0x10FFFF - ord(c)) for c in row["doc"]), -row["sentence"])


@pytest.mark.parametrize("relations", [None, ["GUARANTEES"], ["DEMANDS", "OFFERS", "SUPPORTS", "REJECTS"],
                                       ["REJECTS", "GUARANTEES", "SUPPORTS", "OFFERS", "DEMANDS"], ["DEMANDS"]])
def test_unfiltered_graph_takes_the_newest_documents_edges(api_store: Store, relations) -> None:
    from app.graphdata import GraphFilter, fetch

    api_store.upsert_many(_dated_corpus())
    base = dict(actors=None, terms=None, relations=relations, statuses=None, date_from=None, date_to=None, doc=None,
                process=None, min_confidence=None)
    everything = api_store.run("graph_edges", **base, limit=5000)
    key = ("source", "target", "relation", "doc", "sentence", "status")
    assert fetch(api_store, GraphFilter(relations=relations, limit=5000))["links"] == \
        fetch(api_store, GraphFilter(relations=relations, limit=len(everything)))["links"]
    full = fetch(api_store, GraphFilter(relations=relations, limit=5000))
    assert sorted(tuple(link[k] for k in key) for link in full["links"]) == \
        sorted(tuple(r[k] for k in key) for r in everything)
    assert full["graph"]["total"] == len(everything) and not full["graph"]["truncated"]
    for limit in (1, 3, len(everything) - 1):
        cut = fetch(api_store, GraphFilter(relations=relations, limit=limit))
        assert cut["graph"]["total"] == len(everything) and cut["graph"]["truncated"]
        kept = cut["links"]
        assert len(kept) == limit
        # the newest: no edge left out is newer (by date, then document) than an edge kept
        left_out = [r for r in everything if tuple(r[k] for k in key) not in {tuple(x[k] for k in key) for x in kept}]
        assert max(_doc_order(r)[:2] for r in left_out) <= min(_doc_order(r)[:2] for r in kept)


def _many_sources_corpus() -> list:
    """Cells with more sources than a Stance keeps, on shared and missing dates, several edges a sentence."""
    graphs = [*api_corpus()]
    for n in range(9):
        graphs.append(make_graph(
            f"m-{n}", date=[None, "2022-03-16", "2023", "2023", "2024-11", "2022-03-16", "2025-01-01", "2021",
                            "2024-11"][n],
            positions=[("RUS", "DEMANDS", "neutral_status", 0), ("RUS", ["REJECTS", "OFFERS"][n % 2],
                                                                  "neutral_status", 1),
                       ("UKR", "REJECTS", "neutral_status", 0), ("UKR", "SUPPORTS", "eu_membership", n)],
            guarantees=[("USA", "UKR", "willing", n)]))
    graphs.append(make_graph("m-tie", date="2024-11", positions=[  # two relations of a cell in one sentence
        ("RUS", "REJECTS", "neutral_status", 2), ("RUS", "DEMANDS", "neutral_status", 2),
        ("UKR", "SUPPORTS", "neutral_status", 2), ("UKR", "REJECTS", "neutral_status", 2)]))
    return graphs


@pytest.mark.parametrize("per_group", [1, 3, 5, 7])
@pytest.mark.parametrize("relations", [None, [Relation.REJECTS], [Relation.DEMANDS, Relation.OFFERS],
                                       [Relation.SUPPORTS]])
def test_positions_from_kept_sources_equal_those_from_the_edges(api_store: Store, data_dir, per_group: int,
                                                                relations: list[Relation] | None) -> None:
    """The routes read the sources kept on the Stance aggregates (per_group up to KEPT_SOURCES, any relation
    filter, no dates) and answer what the edge queries answer."""
    from app.api.grouped import BY_ACTOR, BY_TERM, groups_from_edges
    from tests.integration.conftest import make_client

    api_store.upsert_many(_many_sources_corpus())
    params = {"per_group": per_group, **({"relation": relations} if relations else {})}
    shown = []
    with make_client(api_store, data_dir, cache_seconds=0) as api:
        for actor in ("RUS", "UKR", "USA"):
            got = api.get(f"/actors/{actor}/positions", params=params)
            assert got.status_code == 200
            expected = groups_from_edges(BY_ACTOR, api_store, actor, relations, None, None, per_group)
            assert got.json()["terms"] == expected, actor
            shown += got.json()["terms"]
        for term in ("neutral_status", "eu_membership", "nato_non_accession"):
            got = api.get(f"/terms/{term}/positions", params=params)
            assert got.status_code == 200
            expected = groups_from_edges(BY_TERM, api_store, term, relations, None, None, per_group)
            assert got.json()["actors"] == expected, term
    assert max(len(g["sources"]) for g in shown) >= min(per_group, 4)  # the comparisons saw sources


def test_guarantees_from_rendered_evidence_equal_the_general_query(api_store: Store, data_dir) -> None:
    from tests.integration.conftest import make_client

    api_store.upsert_many(_many_sources_corpus())
    with make_client(api_store, data_dir) as api:
        cases: list[dict[str, Any]] = [{"beneficiary": "Kyiv"}, {"guarantor": "USA", "status": "willing", "limit": 3,
                                                                 "skip": 2}, {"date_from": "2023"}, {}]
        for params in cases:
            rows = api_store.run("guarantees", guarantor=None, beneficiary=None, status=None, date_from=None,
                                 date_to=None, process=None, skip=0, limit=5000)
            got = api.get("/guarantees", params=params)
            assert got.status_code == 200 and got.json(), params
            want = [r for r in shape_all(schemas.GuaranteeOut, rows)
                    if r["beneficiary"] == "UKR" and (r["guarantor"] == "USA" or "guarantor" not in params)
                    and (r["status"] == "willing" or "status" not in params)
                    and ((r["date"] or "") >= "2023" or "date_from" not in params)]
            if params:
                skip = params.get("skip", 0)
                assert got.json() == want[skip:skip + params.get("limit", 100)], params


def test_cells_whose_kept_sources_are_unknown_are_read_from_the_edges(
        store: Store, data_dir, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stance aggregates without their kept sources, as a running load leaves the cells it has counted and not
    yet given their lists (FalkorDB does not run a load's queries as one transaction): the routes take the
    edge queries; a later write fills the lists in, and the answers stay the same."""
    from graph import store as store_module
    from tests.integration.conftest import make_client

    class NoKeptSources(store_module.KeptSources):
        def finish(self, run: object) -> None:
            pass

    urls = ["/actors/RUS/positions", "/terms/neutral_status/positions"]
    with monkeypatch.context() as in_flight:
        in_flight.setattr(store_module, "KeptSources", NoKeptSources)
        store.upsert_many(_many_sources_corpus())
    assert store.run("actor_stance_sources", actor="RUS")[0]["recent_demands"] is None
    with make_client(store, data_dir, cache_seconds=0) as api:
        before = {u: api.get(u).json() for u in urls}
        assert all(before.values())
        store.upsert(make_graph("later", date="2020", positions=[("RUS", "DEMANDS", "neutral_status", 0)]))
        cells = {r["term"]: r for r in store.run("actor_stance_sources", actor="RUS")}
        assert cells["neutral_status"]["recent_demands"] and cells["nato_non_accession"]["recent_demands"] is None
        after = {u: api.get(u).json() for u in urls}
    # the 2020 source is too old to be shown among the newest: only the counts change
    assert [t["sources"] for t in after["/actors/RUS/positions"]["terms"]] == \
        [t["sources"] for t in before["/actors/RUS/positions"]["terms"]]
    assert [a["sources"] for a in after["/terms/neutral_status/positions"]["actors"]] == \
        [a["sources"] for a in before["/terms/neutral_status/positions"]["actors"]]
    assert after["/actors/RUS/positions"] != before["/actors/RUS/positions"]


@pytest.mark.parametrize("per_side", [1, 5])
def test_conflicts_and_common_ground_from_kept_sources_equal_those_from_the_edges(store: Store, data_dir,
                                                                                  per_side: int) -> None:
    """Up to KEPT_SOURCES a side, conflicts and common ground read the sources kept on the Stance aggregates; a
    side of KEPT_SOURCES + 1 reads the edges: its first `per_side` sources must be the same."""
    from graph.kept import KEPT_SOURCES
    from tests.integration.conftest import make_client

    store.upsert_many([*_many_sources_corpus(), make_graph(
        "agree", date="2024-02", positions=[("UKR", "DEMANDS", "neutral_status", 0),
                                             ("RUS", "REJECTS", "eu_membership", 1),
                                             ("UKR", "REJECTS", "eu_membership", 2)])])

    def cut(rows: list[dict]) -> list[dict]:
        return [{**r, "evidence_a": r["evidence_a"][:per_side], "evidence_b": r["evidence_b"][:per_side]} for r in rows]

    with make_client(store, data_dir, cache_seconds=0) as api:
        for url in ("/analysis/conflicts", "/analysis/conflicts?term=neutral_status",
                    "/analysis/common-ground?a=RUS&b=UKR", "/analysis/common-ground?a=UKR&b=RUS"):
            joint = "&" if "?" in url else "?"
            kept = api.get(f"{url}{joint}per_side={per_side}")
            edges = api.get(f"{url}{joint}per_side={KEPT_SOURCES + 1}")
            assert kept.status_code == edges.status_code == 200
            assert kept.json() and kept.json() == cut(edges.json()), url
            assert any(len(r["evidence_a"]) == per_side for r in kept.json())


def test_compare_rows_without_sources_are_the_rows_with_sources_less_their_evidence(store: Store) -> None:
    """The compare page asks for conflicts and common ground with no sources (`per_side=0`; a card loads its
    sentences when opened): the rows, names and counts are those of the JSON routes, with no evidence read."""
    from app.services import analysis

    store.upsert_many([*_many_sources_corpus(), make_graph(
        "agree", date="2024-02", positions=[("UKR", "DEMANDS", "neutral_status", 0),
                                             ("RUS", "REJECTS", "eu_membership", 1),
                                             ("UKR", "REJECTS", "eu_membership", 2)])])

    def bare(rows: list[dict]) -> list[dict]:
        return [{**r, "evidence_a": [], "evidence_b": []} for r in rows]

    for a, b in (("RUS", "UKR"), ("UKR", "RUS")):
        for term in (None, "neutral_status"):
            full = analysis.conflicts_between(store, a, b, term=term, per_side=5)
            assert full and any(r["actor_a_name"] and r["term_a_label"] for r in full)
            assert analysis.conflicts_between(store, a, b, term=term, per_side=0) == bare(full)
        full = analysis.common_ground_rows(store, a=a, b=b, per_side=5)
        assert full and all(r["evidence_a"] for r in full)
        assert analysis.common_ground_rows(store, a=a, b=b, per_side=0) == bare(full)
