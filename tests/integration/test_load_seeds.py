"""The seeds through the real extractor into the real embedded store: expected content, and idempotent."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import loaders
from graph.store import Store
from tests.conftest import PROJECT, SEEDS

# Everyone the seeds quote or report, with the actor they speak for (roles come from the text or the codebook).
NAMED_PEOPLE = {
    "Vladimir Putin": "RUS", "Volodymyr Zelensky": "UKR", "Dmitry Peskov": "RUS", "David Arakhamia": "UKR",
    "Sergey Lavrov": "RUS", "Mykhailo Podolyak": "UKR", "Joe Biden": "USA", "Alexander Grushko": "RUS",
    "Donald Trump": "USA", "Steve Witkoff": "USA", "Kirill Dmitriev": "RUS", "Andrei Kortunov": "RUS",
    "Kate Bedingfield": "USA", "Dick Durbin": "USA", "Jim Risch": "USA", "Dominic Raab": "GBR",
    "Olaf Scholz": "DEU", "Steffen Hebestreit": "DEU",
}


def _graphs() -> list:
    items = list(loaders.iter_extract([SEEDS]))
    assert all(i.error is None for i in items), [i.error for i in items]
    return [i.graph for i in items]


def _rows(store: Store, query: str) -> list[dict]:
    return store.read_cypher(query, {}, limit=10_000, timeout_ms=10_000)[0]


def test_seeds_load_with_the_expected_content_and_idempotently(store: Store) -> None:
    graphs = _graphs()
    assert store.upsert_many(graphs).count("loaded") == 5
    counts = store.counts()
    assert counts["nodes"]["Document"] == 5
    assert counts["edges"]["GUARANTEES"] >= 25
    assert sum(counts["edges"].get(r, 0) for r in ("DEMANDS", "OFFERS", "SUPPORTS", "REJECTS")) >= 50

    edges = {(r["a"], r["rel"], r["t"]) for r in _rows(
        store, "MATCH (a:Actor)-[e]->(t:Term) RETURN a.id AS a, type(e) AS rel, t.id AS t")}
    for expected in [("RUS", "DEMANDS", "nato_non_accession"), ("RUS", "DEMANDS", "security_guarantees_russia"),
                     ("UKR", "OFFERS", "neutral_status"), ("RUS", "REJECTS", "peacekeepers_deployment"),
                     ("RUS", "SUPPORTS", "eu_membership"), ("FRA", "REJECTS", "article5_guarantee")]:
        assert expected in edges
    statuses = {(r["g"], r["status"]) for r in _rows(
        store, "MATCH (g:Actor)-[e:GUARANTEES]->(b:Actor {id: 'UKR'}) RETURN g.id AS g, e.status AS status")}
    assert {("ISR", "declined"), ("DEU", "willing"), ("TUR", "proposed")} <= statuses

    people = {r["name"]: (r["actor"], r["role"]) for r in _rows(
        store, "MATCH (o:Official)-[r:REPRESENTS]->(a:Actor) RETURN o.name AS name, a.id AS actor, r.role AS role")}
    for name, actor in NAMED_PEOPLE.items():
        assert people.get(name, (None,))[0] == actor, name
    assert people["Alexander Grushko"][1] == "Deputy Foreign Minister"
    assert people["Steve Witkoff"][1] == "Special Envoy of the US President"

    [evidence] = _rows(store, "MATCH (:Actor {id: 'ISR'})-[e:GUARANTEES {status: 'declined'}]->() "
                              "RETURN e.doc AS doc, e.quote AS quote, e.date AS date, e.rule AS rule")
    assert evidence["doc"] == "004_54d6a3d48c9ecc01" and evidence["date"] == "2022-03-30"
    assert "not in a position to provide a security guarantee" in evidence["quote"] and evidence["rule"]

    assert store.upsert_many(_graphs()).count("unchanged") == 5
    assert store.counts() == counts


def test_cli_load_reports_loaded_unchanged_and_skipped(tmp_path: Path) -> None:
    env = {**os.environ, "PEACEGRAPH_DATA_DIR": str(tmp_path / "data")}
    env.pop("PEACEGRAPH_DB_URL", None)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")

    def load(*paths: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "app.cli", "load", *map(str, paths)], env=env, cwd=PROJECT,
                              capture_output=True, text=True, timeout=300)

    first = load(SEEDS)
    assert first.returncode == 0, first.stderr
    assert "5 loaded, 0 replaced, 0 unchanged, 0 skipped" in first.stdout
    second = load(SEEDS, bad)
    assert second.returncode == 1  # something was skipped
    assert "0 loaded, 0 replaced, 5 unchanged, 1 skipped" in second.stdout
    assert "bad.txt: looks like a binary file" in second.stdout
    assert "Traceback" not in second.stderr


def test_cli_extract_jsonl_is_the_scorers_format(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "app.cli", "extract", str(SEEDS / "004_54d6a3d48c9ecc01.txt"),
                           "--jsonl"], cwd=PROJECT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    import json

    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert rows and all({"doc", "actor", "relation", "object", "status", "quote", "sentence", "speaker",
                         "confidence"} <= set(r) for r in rows)
    assert {"doc": "004_54d6a3d48c9ecc01", "actor": "ISR", "relation": "GUARANTEES", "object": "UKR",
            "status": "declined"}.items() <= next(r for r in rows if r["actor"] == "ISR" and r["status"] ==
                                                   "declined").items()
