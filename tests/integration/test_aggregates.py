"""The Stance and GuaranteeSummary aggregates always say what the evidence edges say: after loads, replacements
(new dates, fewer edges, other cells), forced reloads, deletes, repairs of damaged documents and concurrent
writers. `check_aggregates` recomputes both from every evidence edge in Python and compares property by
property, the sources each Stance keeps (newest first, by class) included.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.backends import open_store
from graph.embedded import wait_exit
from graph.evidence import EVIDENCE_FIELDS
from graph.kept import KEPT_SOURCES
from graph.store import Store, is_consistent
from tests.factories import make_graph
from tests.integration.test_concurrency import assert_same, load_batches, loads, reference, run_together, snapshot

PROJECT = Path(__file__).resolve().parents[2]

RELATIONS = ("DEMANDS", "OFFERS", "SUPPORTS", "REJECTS")
STATUSES = ("proposed", "willing", "declined")


def _read(store: Store, text: str) -> list[dict[str, Any]]:
    return store.read_cypher(text, {}, limit=1_000_000, timeout_ms=60_000)[0]


def _summary(edges: list[dict[str, Any]], kinds: tuple[str, ...], field: str) -> dict[str, Any]:
    """sources, documents, first, last overall and sources, first, last per kind (per status, with documents)."""
    dates = [e["date"] for e in edges if e["date"] is not None]
    out: dict[str, Any] = {"sources": len(edges), "documents": len({e["doc"] for e in edges}),
                           "first": min(dates, default=None), "last": max(dates, default=None)}
    for kind in kinds:
        mine = [e for e in edges if e[field] == kind]
        key = kind.lower()
        kind_dates = [e["date"] for e in mine if e["date"] is not None]
        out[key] = len(mine)
        out[f"{key}_first"] = min(kind_dates, default=None)
        out[f"{key}_last"] = max(kind_dates, default=None)
        if field == "status":
            out[f"{key}_documents"] = len({e["doc"] for e in mine})
    if field == "relation":
        out["favour"] = out["demands"] + out["offers"] + out["supports"]
    return {k: v for k, v in out.items() if v is not None}


def expected_aggregates(store: Store) -> tuple[dict[tuple[str, str], dict], dict[tuple[str, str], dict]]:
    positions = _read(store, "MATCH (a:Actor)-[e:DEMANDS|OFFERS|SUPPORTS|REJECTS]->(t:Term) RETURN a.id AS a, "
                             "t.id AS b, type(e) AS relation, e.doc AS doc, e.date AS date")
    guarantees = _read(store, "MATCH (g:Actor)-[e:GUARANTEES]->(b:Actor) RETURN g.id AS a, b.id AS b, "
                              "e.status AS status, e.doc AS doc, e.date AS date")
    cells: dict[tuple[str, str], list] = defaultdict(list)
    pairs: dict[tuple[str, str], list] = defaultdict(list)
    for e in positions:
        cells[(e["a"], e["b"])].append(e)
    for e in guarantees:
        pairs[(e["a"], e["b"])].append(e)
    kept = _kept_sources(store)
    return ({k: {**_summary(v, RELATIONS, "relation"), **kept[k]} for k, v in cells.items()},
            {k: _summary(v, STATUSES, "status") for k, v in pairs.items()})


def _kept_sources(store: Store) -> dict[tuple[str, str], dict[str, Any]]:
    """Per cell, the sources a Stance keeps (graph/kept.py), as the evidence queries give them (the engine's own
    ORDER BY, nulls where it puts them, the document and speaker joined): per relation and in all, the newest
    KEPT_SOURCES edges' evidence (compared as parsed JSON), order keys and floor."""
    edges = _read(store, "MATCH (a:Actor)-[e:DEMANDS|OFFERS|SUPPORTS|REJECTS]->(t:Term) "
                         "OPTIONAL MATCH (d:Document {id: e.doc}) OPTIONAL MATCH (o:Official {id: e.speaker}) "
                         "WITH a, t, e, d, o ORDER BY e.date DESC, e.doc, e.sentence, type(e) "
                         "RETURN a.id AS a, t.id AS b, type(e) AS relation, e.doc AS doc, d.title AS title, "
                         "d.outlet AS outlet, d.url AS url, coalesce(e.date, d.date) AS date, e.date AS edge_date, "
                         "e.sentence AS sentence, e.quote AS quote, e.speaker AS speaker, o.name AS speaker_name, "
                         "e.confidence AS confidence, e.rule AS rule, e.conditional_on AS conditional_on")
    by_cell: dict[tuple[str, str], list] = defaultdict(list)
    for e in edges:
        by_cell[(e["a"], e["b"])].append(e)
    out = {}
    for cell, es in by_cell.items():
        row: dict[str, Any] = {}
        for cls, mine in [(rel.lower(), [e for e in es if e["relation"] == rel]) for rel in RELATIONS] + [("all", es)]:
            kept = mine[:KEPT_SOURCES]
            row[f"recent_{cls}"] = [{k: e[k] for k in EVIDENCE_FIELDS} for e in kept]
            row[f"{cls}_keys"] = [[e["edge_date"], e["doc"], e["sentence"], e["relation"]] for e in kept]
            if cls != "all" and len(kept) == KEPT_SOURCES and kept[-1]["edge_date"] is not None:
                row[f"{cls}_floor"] = kept[-1]["edge_date"]  # the date a later edge must reach to enter
        out[cell] = row
    return out


def _parsed(stance: dict[str, Any]) -> dict[str, Any]:
    """A Stance's kept sources and keys as parsed JSON."""
    return {k: [json.loads(x) for x in v] if k.startswith("recent_") or k.endswith("_keys") else v
            for k, v in stance.items()}


def stored_aggregates(store: Store) -> tuple[dict[tuple[str, str], dict], dict[tuple[str, str], dict]]:
    stances = _read(store, "MATCH (s:Stance) RETURN properties(s) AS p")
    summaries = _read(store, "MATCH (s:GuaranteeSummary) RETURN properties(s) AS p")

    def strip(p: dict[str, Any], *keys: str) -> dict[str, Any]:
        return {k: v for k, v in p.items() if k not in keys and v is not None}

    stance_map = {(r["p"]["actor"], r["p"]["term"]): _parsed(strip(r["p"], "actor", "term")) for r in stances}
    pair_map = {(r["p"]["guarantor"], r["p"]["beneficiary"]): strip(r["p"], "guarantor", "beneficiary")
                for r in summaries}
    assert len(stance_map) == len(stances) and len(pair_map) == len(summaries), "duplicate aggregate nodes"
    return stance_map, pair_map


def assert_no_duplicate_evidence(store: Store) -> None:
    """Evidence edges are created, not merged: each (type, ends, doc, sentence) and each document's MENTIONS of
    a node must still be there once."""
    edges = _read(store, "MATCH (a)-[e:DEMANDS|OFFERS|SUPPORTS|REJECTS|GUARANTEES]->(b) RETURN type(e) AS t, "
                         "a.id AS a, b.id AS b, e.doc AS doc, e.sentence AS sentence")
    keys = [(e["t"], e["a"], e["b"], e["doc"], e["sentence"]) for e in edges]
    assert len(keys) == len(set(keys)), f"duplicate evidence edges: {sorted(k for k in keys if keys.count(k) > 1)[:5]}"
    mentions = _read(store, "MATCH (d:Document)-[:MENTIONS]->(n) RETURN d.id AS d, labels(n)[0] AS l, n.id AS n")
    mentioned = [(m["d"], m["l"], m["n"]) for m in mentions]
    assert len(mentioned) == len(set(mentioned)), "duplicate MENTIONS edges"


def check_aggregates(store: Store) -> None:
    want_cells, want_pairs = expected_aggregates(store)
    got_cells, got_pairs = stored_aggregates(store)
    assert got_cells == want_cells
    assert got_pairs == want_pairs
    assert_no_duplicate_evidence(store)


def doc(name: str, date: str | None, positions: list, guarantees: list | None = None, text: str = "") -> Any:
    return make_graph(name, date=date, positions=positions, text=text or f"{name} {date} {positions}",
                      guarantees=guarantees if guarantees is not None else [("USA", "UKR", "proposed", 9)])


def test_aggregates_follow_loads_replacements_and_deletes(store: Store) -> None:
    store.upsert_many([
        doc("a", "2022-03-16", [("RUS", "DEMANDS", "neutral_status", 0), ("RUS", "DEMANDS", "neutral_status", 1),
                                ("UKR", "REJECTS", "neutral_status", 2)]),
        doc("b", "2023", [("RUS", "REJECTS", "neutral_status", 0), ("UKR", "OFFERS", "neutral_status", 1)],
            [("DEU", "UKR", "willing", 3), ("USA", "UKR", "declined", 4)]),
        doc("c", None, [("RUS", "SUPPORTS", "ceasefire", 0)], []),
    ])
    check_aggregates(store)
    # the newest source of RUS/neutral_status goes: its last date must move back
    store.upsert(doc("b", "2021-05", [("UKR", "OFFERS", "neutral_status", 1)], [("USA", "UKR", "willing", 2)],
                     text="b v2"))
    check_aggregates(store)
    # the oldest goes, a new cell appears, a date-less document gains a date
    store.upsert(doc("a", "2024-01-01", [("RUS", "OFFERS", "eu_membership", 0)], text="a v2"))
    store.upsert(doc("c", "2020", [("RUS", "SUPPORTS", "ceasefire", 0), ("NATO", "REJECTS", "ceasefire", 1)], [],
                     text="c v2"))
    check_aggregates(store)
    store.upsert_many([doc("d", "2025", [("RUS", "OFFERS", "eu_membership", 3)])], force=True)
    store.upsert_many([doc("d", "2025", [("RUS", "OFFERS", "eu_membership", 3)])], force=True)
    check_aggregates(store)
    for name in ("b", "d", "a"):
        assert store.delete_document(name)
        check_aggregates(store)
    assert store.delete_document("c")
    assert stored_aggregates(store) == ({}, {})


def test_aggregates_are_repaired_with_a_damaged_or_half_loaded_document(store: Store) -> None:
    graphs = [doc(f"r{i}", f"2024-0{i + 1}", [("RUS", "DEMANDS", "neutral_status", i), ("UKR", "REJECTS",
                                                                                         "neutral_status", i)])
              for i in range(3)]
    store.upsert_many(graphs)
    store.write("document_clear", ids=["r1"])  # edges lost behind the store's back
    # a load that died here
    store.write("document_begin", rows=[graphs[2].document.model_dump(mode="json")], version="t")
    assert store.upsert_many(graphs).outcomes == {"r0": "unchanged", "r1": "replaced", "r2": "replaced"}
    check_aggregates(store)
    store.write("document_clear", ids=["r0"])
    assert store.delete_document("r0")
    check_aggregates(store)


@pytest.fixture
def shared_graph(server_store: Store, data_dir: Path) -> Iterator[Callable[..., Store]]:
    """Connections to one fresh graph of the session's server (`connect("_x")`: to a second one); the graphs are
    dropped afterwards."""
    name = f"agg_{uuid.uuid4().hex[:10]}"
    opened: dict[str, list[Store]] = {}

    def connect(suffix: str = "") -> Store:
        store = open_store(None, data_dir=data_dir, database=name + suffix)
        opened.setdefault(suffix, []).append(store)
        return store

    yield connect
    for stores in opened.values():
        stores[0].reset()
        for s in stores:
            s.close()


def test_aggregates_stay_right_with_concurrent_writers(shared_graph: Callable[[], Store]) -> None:
    a, b, c = shared_graph(), shared_graph(), shared_graph()
    v1, v2 = loads(12, 1), loads(12, 2)

    def delete_some() -> None:
        for i in range(0, 12, 3):
            c.delete_document(f"load-{i}")

    for _ in range(3):
        run_together(lambda: load_batches(a, v1, 2), lambda: load_batches(b, v2, 3), delete_some)
        check_aggregates(a)


WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from graph.backends import open_store
    from tests.integration.test_concurrency import load_batches, loads
    data_dir, graph, job, barrier, writers = sys.argv[1], sys.argv[2], sys.argv[3], Path(sys.argv[4]), int(sys.argv[5])
    store = open_store(None, data_dir=data_dir, database=graph)
    (barrier / job.replace(":", "-")).touch()  # ready; all start together once every writer is
    while len(list(barrier.iterdir())) < writers:
        time.sleep(0.002)
    try:
        for round in range(3):
            if job == "delete":  # a third of the documents, every round: the others are never deleted
                for i in range(0, 24, 3):
                    store.delete_document(f"load-{i}")
            else:  # version (1 or 2, or 0 for one then the other, round by round), batch
                version, batch = (int(x) for x in job.split(":"))
                load_batches(store, loads(24, version or 1 + round % 2), batch)
    finally:
        store.close()
    """
)


def run_writers(data_dir: Path, graph: str, barrier: Path, *jobs: str) -> None:
    """The jobs of WRITER in processes of their own, started at the same moment."""
    barrier.mkdir()
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(data_dir), graph, job, str(barrier), str(len(jobs))],
                              env=env, cwd=PROJECT, stderr=subprocess.PIPE, text=True) for job in jobs]
    for p in procs:
        _, stderr = p.communicate(timeout=300)
        assert p.returncode == 0, stderr


def test_writers_in_separate_processes_leave_right_aggregates_and_no_duplicates(
        shared_graph: Callable[..., Store], data_dir: Path, tmp_path: Path) -> None:
    """Processes writing one graph at once. First two load the same new documents (batches of 2 and 3): each
    document is written once, no evidence edge twice. Then one loads the second version, one the first and
    then the second, one deletes some documents: every document ends complete as exactly one of its versions
    (equal to a clean load of that version), or is gone if it was deleted. After each, the aggregates equal what
    the edges say."""
    store = shared_graph()
    name = store.graph_name  # type: ignore[attr-defined]  # a FalkorStore: the graph the processes open
    run_writers(data_dir, name, tmp_path / "new", "1:2", "1:3")
    check_aggregates(store)
    assert_same(snapshot(store), reference(lambda: shared_graph("_ref1"), loads(24, 1)))
    run_writers(data_dir, name, tmp_path / "mixed", "2:3", "0:2", "delete")
    check_aggregates(store)
    states = store.run("document_states", ids=[f"load-{i}" for i in range(24)])
    # the deleted third may or may not be there (its last write may be a load or a delete); the rest must be.
    # (The deleter once took every document in turn: when its last round came after the loads, nothing was left.)
    assert {f"load-{i}" for i in range(24) if i % 3} <= {s["id"] for s in states}
    assert all(is_consistent(s) for s in states)
    by_sha = {g.document.sha256: g for g in (*loads(24, 1), *loads(24, 2))}
    winners = [by_sha[s["sha256"]] for s in sorted(states, key=lambda s: s["id"])]
    assert_same(snapshot(store), reference(lambda: shared_graph("_ref2"), winners))


def test_a_write_cut_by_a_server_crash_starts_over_without_duplicates(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The embedded server dies right after it ran (and logged) a batch's position edges, before their reply was
    read: the store restarts it and runs the whole write again (the half-written documents are repaired), never
    the one query again, which would create every edge of the batch twice."""
    from graph.backends.falkor import FalkorStore, _LockedWriter

    store = open_store(None, data_dir=tmp_path)
    assert isinstance(store, FalkorStore) and store._server is not None
    real_send = _LockedWriter.send
    killed: list[int] = []

    def send_then_die(writer: _LockedWriter, query_name: str, **params: Any) -> None:
        real_send(writer, query_name, **params)
        if query_name == "upsert_positions" and not killed:
            assert writer._pipe is not None
            writer._pipe.read_response()  # the server has run the edges' query; its reply is never seen
            writer._pending -= 1
            pid = store._server.server_pid()  # type: ignore[union-attr]
            assert pid is not None
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)
            assert wait_exit(pid, 15)

    monkeypatch.setattr(_LockedWriter, "send", send_then_die)
    try:
        graphs = loads(6, 1)
        report = store.upsert_many(graphs)  # the write that starts over finds the documents half-written
        assert len(report.outcomes) == 6 and set(report.outcomes.values()) <= {"loaded", "replaced"}
        assert killed, "the crash did not happen"
        check_aggregates(store)
        assert all(is_consistent(s) for s in store.run("document_states", ids=[g.document.id for g in graphs]))
    finally:
        store.close()


def test_kept_sources_follow_a_cell_larger_than_what_it_keeps(store: Store) -> None:
    """A cell with more edges than a Stance keeps: documents older than its kept sources leave them as they
    are, newer ones enter, removals of kept ones bring older ones back (a re-read), for each relation."""
    dates = [f"2022-0{m}" for m in range(1, 10)]
    store.upsert_many([doc(f"k{i}", date, [("RUS", "DEMANDS", "neutral_status", 0),
                                           ("RUS", "REJECTS" if i % 2 else "OFFERS", "neutral_status", 1)], [])
                       for i, date in enumerate(dates)])
    check_aggregates(store)
    kept = stored_aggregates(store)[0][("RUS", "neutral_status")]
    assert len(kept["recent_demands"]) == KEPT_SOURCES and kept["demands_keys"][-1][0] == "2022-05"
    store.upsert(doc("old", "2019", [("RUS", "DEMANDS", "neutral_status", 0), ("RUS", "REJECTS", "neutral_status", 1)],
                     []))  # below the DEMANDS floor, but the REJECTS list (4 edges) was not full
    check_aggregates(store)
    store.upsert(doc("older", "2018", [("RUS", "SUPPORTS", "neutral_status", 0)], []))  # below both floors
    check_aggregates(store)
    store.upsert(doc("new", "2024", [("RUS", "OFFERS", "neutral_status", 3)], []))
    check_aggregates(store)
    assert store.delete_document("new") and store.delete_document("k8")  # kept sources go
    check_aggregates(store)
    store.upsert(doc("k7", "2017", [("RUS", "DEMANDS", "neutral_status", 0)], [], text="k7 moved back"))
    check_aggregates(store)
    store.upsert(doc("undated", None, [("RUS", "REJECTS", "neutral_status", 0)], []))
    check_aggregates(store)
    # one sentence holding two relations of the cell (as extraction can give): ordered by relation
    store.upsert(doc("tie", "2026", [("RUS", "REJECTS", "neutral_status", 4), ("RUS", "DEMANDS", "neutral_status", 4),
                                     ("RUS", "SUPPORTS", "neutral_status", 4)], []))
    check_aggregates(store)
    assert [e["relation"] for e in stored_aggregates(store)[0][("RUS", "neutral_status")]["recent_all"][1:4]] == \
        ["DEMANDS", "REJECTS", "SUPPORTS"]
    assert store.delete_document("tie")
    check_aggregates(store)
    assert store.delete_document("undated")
    check_aggregates(store)
    assert stored_aggregates(store)[0][("RUS", "neutral_status")]["recent_demands"][0]["doc"] == "k6"


def test_a_batch_write_leaves_the_cycle_collector_as_it_found_it(store: Store,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """upsert_many switches Python's cycle collector off while it writes (graph/store.py): it must be back on
    afterwards, also when the write fails, and stay off for a caller that had switched it off."""
    import gc

    assert gc.isenabled()
    store.upsert(doc("gc-1", "2024", [("RUS", "DEMANDS", "neutral_status", 0)]))
    assert gc.isenabled()
    from graph import rows

    def broken(*args: object) -> None:
        raise RuntimeError("a write that fails half-way")

    with monkeypatch.context() as m:
        m.setattr(rows, "upsert_steps", broken)
        with pytest.raises(RuntimeError):
            store.upsert(doc("gc-2", "2024", [("RUS", "DEMANDS", "neutral_status", 0)]))
    assert gc.isenabled()
    gc.disable()
    try:
        store.upsert(doc("gc-3", "2024", [("RUS", "DEMANDS", "neutral_status", 0)]))
        assert not gc.isenabled()
    finally:
        gc.enable()
