"""The read side of the JSON routes at scale (issue 11): what makes them cheap, held by tests on the real app.

Timings are not asserted here (bench/api.py prints them); these tests hold the behaviour each speed-up keeps.
"""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import networkx as nx
from fastapi.testclient import TestClient

from app import export
from app.graphdata import to_networkx
from graph.store import Store
from tests.factories import make_graph

ROOT = Path(__file__).resolve().parents[2]


def test_the_app_freezes_its_start_up_heap_once(data_dir: Path) -> None:
    """After start-up the process's long-lived objects are frozen (gc.freeze), so a request's full collections
    no longer walk them; in a fresh process, as `peacegraph serve` starts, and only once."""
    script = textwrap.dedent(f"""
        import gc
        from fastapi.testclient import TestClient
        from app.main import create_app
        from app.settings import Settings
        from graph.backends import open_store
        calls = []
        freeze = gc.freeze
        gc.freeze = lambda: (calls.append(1), freeze())
        store = open_store(None, data_dir={str(data_dir)!r}, database="freeze_test")
        before = gc.get_freeze_count()
        for _ in range(2):
            with TestClient(create_app(Settings(data_dir={str(data_dir)!r}), store=store)) as client:
                assert client.get("/health").status_code == 200
                frozen = gc.get_freeze_count()
        store.close()
        print(before, frozen, len(calls))
    """)
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    before, frozen, calls = map(int, out.stdout.split())
    assert before == 0
    assert frozen > 10_000  # the app's modules, routes and models
    assert calls == 1  # a second app in the same process does not freeze again


def _networkx_graphml(data: dict[str, Any]) -> bytes:
    """The reference: GraphML as networkx writes it (what /export/graphml sent before its own writer)."""
    g = to_networkx(data)
    clean = nx.MultiDiGraph()
    for node, attrs in g.nodes(data=True):
        clean.add_node(node, **{k: export._scalar(v) for k, v in attrs.items() if v is not None})
    for u, v, key, attrs in g.edges(keys=True, data=True):
        clean.add_edge(u, v, key=key, **{k: export._scalar(x) for k, x in attrs.items() if x is not None})
    out = io.BytesIO()
    # networkx's ElementTree writer, the one `nx.write_graphml` is without lxml (with lxml installed, as
    # trafilatura brings it, `write_graphml` picks a writer that lays out the same XML differently)
    nx.write_graphml_xml(clean, out, encoding="utf-8", named_key_ids=True)
    return out.getvalue()


def _read(graphml: bytes) -> tuple[list, list]:
    g = nx.read_graphml(io.BytesIO(graphml), force_multigraph=True)
    nodes = [(n, sorted(d.items())) for n, d in g.nodes(data=True)]
    edges = [(u, v, k, sorted((name, (type(x).__name__, x)) for name, x in d.items()))
             for u, v, k, d in g.edges(keys=True, data=True)]
    return nodes, edges


def test_graphml_is_the_graph_networkx_wrote(api: TestClient) -> None:
    """The export's own writer gives the graph networkx's writer gave (nodes, edges, keys, typed attributes,
    order), for the API corpus (a quote with markup in it) and for odd data: a repeated edge key, booleans,
    lists, ids that need escaping, a node only an edge names. Integers and floats mixed in one attribute (which
    networkx wrote as two keys of one id, a file it could not read back) are doubles."""
    for params in ({}, {"actor": "Kyiv"}, {"relation": "GUARANTEES"}, {"term": "nato_non_accession"}):
        data = api.get("/graph", params=params).json()
        got = api.get("/export/graphml", params=params).content
        assert got == _networkx_graphml(data).replace(b"True", b"true").replace(b"False", b"false"), params
        assert _read(got) == _read(_networkx_graphml(data)) and _read(got)[1], params
    odd: dict[str, list[dict[str, Any]]] = {
        "nodes": [{"id": 'a"&<b>', "label": "A & B <x>", "flag": True, "tags": ["x", "y"]},
                  {"id": "t", "label": "T", "category": None, "weight": 2}],
        "links": [{"source": 'a"&<b>', "target": "t", "key": "k1", "confidence": 1.0, "quote": "q <1>"},
                  {"source": "t", "target": "u", "key": "k2", "confidence": 0.5, "ok": False},
                  {"source": 'a"&<b>', "target": "t", "key": "k1", "quote": "replaced", "extra": "e"},
                  {"source": 'a"&<b>', "target": "t", "key": "k3", "quote": "tab\tnew\nline"}]}
    assert _read(export.graphml(odd)) == _read(_networkx_graphml(odd))
    odd["links"][0]["confidence"] = 1
    assert [d["confidence"] for _, _, d in nx.read_graphml(io.BytesIO(export.graphml(odd))).edges(data=True)
            if "confidence" in d] == [1.0, 0.5]


def test_graphml_leaves_out_what_xml_cannot_hold() -> None:
    """A control character in a quote (XML 1.0 has no way to write it) is dropped: the file still parses."""
    data = {"nodes": [{"id": "a", "label": "A\x0b"}, {"id": "b", "label": "B"}],
            "links": [{"source": "a", "target": "b", "key": "k", "quote": "bell\x07 and form feed\x0c"}]}
    g = nx.read_graphml(io.BytesIO(export.graphml(data)))
    assert g.nodes["a"]["label"] == "A"
    assert next(iter(g.edges(data=True)))[2]["quote"] == "bell and form feed"


def _turning_corpus() -> list:
    """RUS turning for and against neutral status and NATO non-accession over several documents and dates,
    with ties inside one sentence (two relations of one sentence), so that pages cut through turns."""
    graphs = []
    for n in range(6):
        relations = ["DEMANDS", "REJECTS", "SUPPORTS"]
        graphs.append(make_graph(
            f"turn-{n}", date=f"202{n % 4}-0{n % 9 + 1}-01",
            positions=[("RUS", relations[(n + k) % 3], term, k) for k, term in
                       enumerate(("neutral_status", "nato_non_accession", "neutral_status"))]
            + [("RUS", "OFFERS", "neutral_status", 1)],
            guarantees=[]))
    return graphs


def test_timeline_pages_are_slices_of_the_whole_timeline(api_store: Store, data_dir: Path) -> None:
    """Every page (skip, limit) is that slice of the whole timeline, `changed` included: the point before a
    page still decides whether its first point is a turn."""
    from tests.integration.conftest import make_client

    api_store.upsert_many(_turning_corpus())
    with make_client(api_store, data_dir) as api:
        for term in (None, "neutral_status"):
            params = {"actor": "Russia"} | ({"term": term} if term else {})
            whole = api.get("/analysis/timeline", params=params).json()
            assert len(whole) > 12 and sum(p["changed"] for p in whole) >= 4
            assert whole == api.get("/analysis/timeline", params={**params, "limit": 20_000}).json()
            keys = [(p["term"], p["date"], p["doc"], p["sentence"], p["relation"]) for p in whole]
            assert keys == sorted(keys) and len(set(keys)) == len(keys)
            for limit in (1, 2, 5):
                for skip in range(len(whole) + 2):
                    page = api.get("/analysis/timeline", params={**params, "skip": skip, "limit": limit})
                    assert page.status_code == 200
                    assert page.json() == whole[skip:skip + limit], (term, skip, limit)
        assert api.get("/analysis/timeline", params={"actor": "RUS", "limit": 0}).status_code == 422
        assert api.get("/analysis/timeline", params={"actor": "RUS", "limit": 20_001}).status_code == 422


def test_timeline_answers_a_thousand_points_by_default_and_the_client_reads_them_all(
        api_store: Store, data_dir: Path) -> None:
    """An actor with 1,203 points: the API answers the first 1,000 unless asked for more; the notebook
    client pages through to every point."""
    from app.client import PeaceGraph
    from tests.integration.conftest import make_client

    api_store.upsert_many([make_graph(f"many-{d}", date=f"2024-01-{d + 1:02d}", guarantees=[],
                                      positions=[("RUS", ("DEMANDS", "REJECTS")[s % 2], "neutral_status", s)
                                                 for s in range(401)]) for d in range(3)])
    with make_client(api_store, data_dir) as api:
        whole = api.get("/analysis/timeline", params={"actor": "RUS", "limit": 5000}).json()
        assert len(whole) == 1203 + 4  # and the API corpus's own points of RUS
        assert api.get("/analysis/timeline", params={"actor": "RUS"}).json() == whole[:1000]
        pg = PeaceGraph(client=api)
        assert pg.timeline("Moscow", page=500) == whole
        assert pg.timeline("RUS", "neutral status", as_frame=True)["changed"].sum() > 1000
