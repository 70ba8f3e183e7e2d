"""The stored-format version and `peacegraph db migrate` (graph/format.py), on both engines.

An old store is made as an older peacegraph left it: a backup of a fresh load with its version node dropped
and its Stance nodes' kept sources (graph/kept.py) taken out, restored. The service refuses it, naming the
command; the migration brings back exactly the Stance nodes of the fresh load.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.main import create_app
from app.settings import Settings
from graph.backends.falkor import FalkorStore
from graph.backup import backup, restore
from graph.errors import StoreTooOld
from graph.format import FORMAT_VERSION, check, migrate, stored_version
from graph.kept import CLASSES, LISTS
from graph.store import Store
from tests.factories import api_corpus, make_graph
from tests.integration.test_cli import run_cli

LISTED = {f"recent_{c}" for c in LISTS} | {f"{c}_keys" for c in LISTS}  # on every Stance
KEPT = LISTED | {f"{c}_floor" for c in CLASSES}  # a floor only where a list is full


def stances(store: Store) -> list[dict]:
    """Every Stance node's properties, in a stable order."""
    rows = [r["props"] for r in store.run("backup_nodes") if list(r["labels"]) == ["Stance"]]
    return sorted(rows, key=lambda p: (p["actor"], p["term"]))


def make_old(store: Store, tmp_path: Path) -> None:
    """The store as a peacegraph before stored-format versions and kept sources left it."""
    backup(store, tmp_path / "fresh.jsonl")
    lines = (tmp_path / "fresh.jsonl").read_text(encoding="utf-8").splitlines()
    header, items = json.loads(lines[0]), [json.loads(line) for line in lines[1:]]
    items = [i for i in items if i.get("node", {}).get("label") != "StoreFormat"]
    for i in items:
        if i.get("node", {}).get("label") == "Stance":
            i["node"]["props"] = {k: v for k, v in i["node"]["props"].items() if k not in KEPT}
    header["nodes"] = sum("node" in i for i in items)
    (tmp_path / "old.jsonl").write_text("\n".join(json.dumps(x) for x in [header, *items]) + "\n", encoding="utf-8")
    restore(store, tmp_path / "old.jsonl")


def test_an_old_store_is_refused_until_migrated_then_holds_what_a_fresh_load_holds(store: Store,
                                                                                   tmp_path: Path) -> None:
    assert stored_version(store) == FORMAT_VERSION  # empty: nothing to migrate
    store.upsert_many(api_corpus())
    assert store.run("store_format") == [{"version": FORMAT_VERSION, "documents": True}]  # the first load stamps
    fresh = stances(store)
    assert fresh and all(p.keys() >= LISTED for p in fresh)

    make_old(store, tmp_path)
    assert stored_version(store) == 0 and not any(KEPT & p.keys() for p in stances(store))
    with pytest.raises(StoreTooOld, match="peacegraph db migrate"):
        check(store)
    store.upsert(make_graph("later", date="2024-01-02"))  # a load into an old store leaves it old
    assert stored_version(store) == 0
    store.delete_document("later")

    unkept = len(store.run("stance_cells_unkept"))  # the load above re-read the cells it touched
    assert 0 < unkept <= len(fresh)
    assert migrate(store) == unkept
    assert stored_version(store) == FORMAT_VERSION and store.run("stance_cells_unkept") == []
    assert stances(store) == fresh
    check(store)
    assert migrate(store) == 0 and stances(store) == fresh


def test_the_service_answers_503_naming_migrate_and_recovers_without_a_restart(falkordb_store: Store,
                                                                                 data_dir: Path,
                                                                                 tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    falkordb_store.upsert_many(api_corpus())
    make_old(falkordb_store, tmp_path)
    assert isinstance(falkordb_store, FalkorStore)
    settings = Settings(data_dir=data_dir, db_name=falkordb_store.graph_name)
    with TestClient(create_app(settings)) as api:
        refused = api.get("/actors/RUS/positions")
        assert refused.status_code == 503 and refused.json()["type"] == "/problems/store-format"
        assert "peacegraph db migrate" in refused.json()["detail"]
        assert api.get("/pages/matrix").status_code == 503
        migrate(falkordb_store)
        answered = api.get("/actors/RUS/positions")
        assert answered.status_code == 200 and answered.json()["actor"]["id"] == "RUS"


def test_db_migrate_command(tmp_path: Path) -> None:
    from graph.backends import open_store

    data_dir = tmp_path / "data"
    store = open_store(None, data_dir=data_dir)
    try:
        store.upsert_many(api_corpus())
        make_old(store, tmp_path)
    finally:
        store.close()
    first = run_cli(data_dir, "db", "migrate")
    assert first.returncode == 0, first.stderr
    assert "stored format 0 → 1" in first.stdout and " 0 Stance" not in first.stdout
    again = run_cli(data_dir, "db", "migrate")
    assert again.returncode == 0 and "stored format 1 → 1: 0 Stance" in again.stdout
