"""`peacegraph query`, `export`, `--version` and `extract -` as a user runs them (the real CLI in a
subprocess, on its own embedded store)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from graph.backends import open_store
from tests.factories import api_corpus
from tests.integration.test_cli import run_cli

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory whose embedded store holds the hand-built API corpus."""
    data_dir = tmp_path_factory.mktemp("cli-data")
    store = open_store(None, data_dir=data_dir)
    store.upsert_many(api_corpus())
    store.close()
    return data_dir


def lines(result: subprocess.CompletedProcess[str]) -> list[dict]:
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_query_resolves_names_and_defaults_the_rest(loaded: Path) -> None:
    rows = lines(run_cli(loaded, "query", "guarantees", "beneficiary=Kyiv"))
    assert len(rows) == 4 and {r["beneficiary"] for r in rows} == {"UKR"}
    rows = lines(run_cli(loaded, "query", "actor_positions", "actor=Moscow"))
    assert {r["term"] for r in rows} == {"nato_non_accession", "neutral_status"}
    rows = lines(run_cli(loaded, "query", "term_positions", "term=nato non accession", "relations=rejects"))
    assert {r["actor"] for r in rows} == {"NATO", "UKR"}
    rows = lines(run_cli(loaded, "query", "graph_edges", "actors=Moscow,Kyiv"))
    assert rows and all({r["source"], r["target"]} & {"RUS", "UKR"} for r in rows)
    assert {r["source"] for r in rows} >= {"RUS", "UKR"}


def test_query_names_what_is_missing_or_wrong(loaded: Path) -> None:
    for args, message in ((("actor_positions",), "needs actor="), (("actor_positions", "actor=Atlantis"), "Atlantis"),
                          (("guarantees", "colour=red"), "no parameter 'colour'"),
                          (("upsert_actors",), "read queries only"), (("no_such_query",), "--list")):
        result = run_cli(loaded, "query", *args)
        assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr, args


def test_query_list_shows_read_queries_with_their_parameters(loaded: Path) -> None:
    result = run_cli(loaded, "query", "--list")
    assert result.returncode == 0
    listed = {line.split()[0]: line for line in result.stdout.splitlines() if line and not line.startswith(" ")}
    assert "actor, relations?, date_from?, date_to?, process?, per_group?" in listed["actor_positions"]
    assert {"guarantees", "stance_matrix", "common_ground"} <= set(listed)
    assert not {n for n in listed if n.startswith(("upsert", "document_clear", "document_delete", "reset", "schema"))}


def test_version() -> None:
    result = subprocess.run([sys.executable, "-m", "app.cli", "--version"], capture_output=True, text=True,
                            cwd=PROJECT, timeout=60)
    assert result.returncode == 0 and result.stdout.strip().startswith("peacegraph 0.")


def test_export_writes_graphml_csv_and_json(loaded: Path, tmp_path: Path) -> None:
    result = run_cli(loaded, "export", "--format", "graphml", str(tmp_path / "g.graphml"))
    assert result.returncode == 0, result.stderr
    g = nx.read_graphml(tmp_path / "g.graphml")
    assert g.number_of_edges() == 13 and g.nodes["RUS"]["label"] == "Russia"
    assert run_cli(loaded, "export", "-f", "csv", "--actor", "Kyiv", str(tmp_path / "p.csv")).returncode == 0
    positions = pd.read_csv(tmp_path / "p.csv")
    assert len(positions) == 4 and set(positions["actor"]) == {"UKR"} and positions["quote"].notna().all()
    assert run_cli(loaded, "export", "-f", "csv", "--what", "guarantees", str(tmp_path / "g.csv")).returncode == 0
    assert len(pd.read_csv(tmp_path / "g.csv")) == 4
    result = run_cli(loaded, "export", "-f", "json", "-")
    assert len(json.loads(result.stdout)["links"]) == 13
    bad = run_cli(loaded, "export", "-f", "xlsx", str(tmp_path / "x"))
    assert bad.returncode == 2 and "graphml, csv or json" in bad.stderr


def test_extract_reads_standard_input_and_names_an_empty_folder(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "app.cli", "extract", "--jsonl", "-"], cwd=PROJECT, timeout=120,
                            input="Russia demands that Ukraine stays out of NATO, the Kremlin said.\n",
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in io.StringIO(result.stdout)]
    assert rows and rows[0]["doc"] == "stdin" and rows[0]["actor"] == "RUS"
    (tmp_path / "empty").mkdir()
    result = run_cli(tmp_path / "data", "extract", str(tmp_path / "empty"))
    assert result.returncode == 1 and "holds no" in result.stderr and "empty" in result.stderr
