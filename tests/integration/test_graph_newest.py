"""An actor's or a term's newest edges (`/graph?actor`, `?term`, the pages and exports) are the first `limit` of
all its edges in the order of graph_edges, and `total` counts all of them, though the queries no longer sort
and count every edge (app/graphdata.py: ORDER BY … LIMIT, the total from the aggregates or a count query).

The store spreads an actor's edges over six years, with an undated document (which sorts first), guarantees it
gives, receives and that pass between two named actors, and several edges of one date, so that the page ends
inside a date, inside a year and past the newest documents."""

from __future__ import annotations

from typing import Any

import pytest

from app.graphdata import GraphFilter, fetch
from graph.store import Store
from tests.factories import make_graph

TERMS = ("ceasefire", "eu_membership", "nato_non_accession", "neutral_status", "security_guarantees_ukraine")


def _corpus() -> list:
    graphs = []
    for year in range(2019, 2025):
        for month in (3, 9):
            n = (year - 2019) * 2 + month // 9
            positions = [("RUS", "DEMANDS", TERMS[(n + i) % 5], i) for i in range(3)]
            positions += [("UKR", "REJECTS", TERMS[n % 5], 3), ("USA", "SUPPORTS", TERMS[(n + 2) % 5], 4)]
            guarantees = [("USA", "RUS", "proposed", 5)] if n % 3 == 0 else [("RUS", "UKR", "willing", 5)]
            graphs.append(make_graph(f"d{year}-{month:02d}", date=f"{year}-{month:02d}-01", positions=positions,
                                     guarantees=guarantees))
    graphs.append(make_graph("d-undated", date=None, positions=[("RUS", "OFFERS", "ceasefire", 0)],
                             guarantees=[("UKR", "RUS", "declined", 1)]))
    graphs.append(make_graph("d-same-day", date="2024-09-01",
                             positions=[("RUS", "REJECTS", "neutral_status", 0), ("RUS", "OFFERS", "ceasefire", 1)],
                             guarantees=[]))
    return graphs


def _key(link: dict[str, Any]) -> tuple:
    return link["source"], link["relation"], link["target"], link["doc"], link["sentence"]


def _in_order(rows: list[dict[str, Any]]) -> list[tuple]:
    """The edges in graph_edges' order, sorted here: date newest first (undated before all), then source,
    target, document, sentence."""
    ordered = sorted(rows, key=lambda r: (r["source"], r["target"], r["doc"], r["sentence"]))
    ordered.sort(key=lambda r: (r["date"] is None, r["date"] or ""), reverse=True)
    return [_key(r) for r in ordered]


CASES = [
    dict(actors=["RUS"], limit=4),
    dict(actors=["RUS"], limit=17),
    dict(actors=["RUS"], relations=["GUARANTEES"], limit=3),
    dict(actors=["RUS", "UKR"], limit=9),
    dict(actors=["RUS"], terms=["ceasefire", "neutral_status"], limit=5),
    dict(actors=["RUS"], date_from="2021", date_to="2023", limit=4),
    dict(actors=["RUS"], statuses=["willing"], limit=6),
    dict(terms=["neutral_status"], limit=3),
    dict(terms=["ceasefire", "eu_membership"], relations=["DEMANDS", "OFFERS"], limit=7),
    dict(terms=["ceasefire"], date_to="2022", limit=2),
    dict(actors=["RUS"], limit=500),
]


@pytest.mark.parametrize("filters", CASES, ids=lambda f: "-".join(f"{k}={v}" for k, v in f.items()))
def test_newest_edges_and_total_of_actors_and_terms(store: Store, filters: dict[str, Any]) -> None:
    store.upsert_many(_corpus())
    f = GraphFilter(**filters)
    params = {k: getattr(f, k) for k in ("actors", "terms", "relations", "statuses", "date_from", "date_to", "doc",
                                         "process", "min_confidence")}
    want = _in_order(store.run("graph_edges", **params, limit=5000))  # the generic query: every edge, by a scan
    assert len(want) > 2, "the case must select several edges"

    data = fetch(store, f)

    assert [_key(link) for link in data["links"]] == want[:f.limit]
    assert data["graph"]["total"] == len(want)
    assert data["graph"]["truncated"] == (len(want) > f.limit)


def test_the_undated_document_comes_first_then_the_newest(store: Store) -> None:
    store.upsert_many(_corpus())

    data = fetch(store, GraphFilter(actors=["RUS"], limit=4))

    assert [_key(link) for link in data["links"]] == [
        ("RUS", "OFFERS", "ceasefire", "d-undated", 0),
        ("UKR", "GUARANTEES", "RUS", "d-undated", 1),
        ("RUS", "GUARANTEES", "UKR", "d2024-09", 5),  # "UKR" sorts before the lower-case term ids
        ("RUS", "OFFERS", "ceasefire", "d-same-day", 1),
    ]
    assert data["graph"]["total"] == 12 * 3 + 12 + 2 + 2
