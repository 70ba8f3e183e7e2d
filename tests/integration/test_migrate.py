"""The stored-format version and `peacegraph db migrate` (graph/format.py), on both engines.

An old store is made as an older peacegraph left it: a backup of a fresh load with what that version did not
write taken out, restored. Format 0: no version node, Stance nodes without their kept sources (graph/kept.py).
Format 1: GUARANTEES edges without their rendered row (graph/evidence.py), documents without their
guarantees' rows and no documents version (app/services/document_order.py). The service refuses it, naming the
command; the migration brings back exactly what the fresh load wrote, and the service answers as it did.
"""

from __future__ import annotations

import json
from collections.abc import Callable
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
from tests.integration.test_read_paths import _guarantee_corpus

LISTED = {f"recent_{c}" for c in LISTS} | {f"{c}_keys" for c in LISTS}  # on every Stance
KEPT = LISTED | {f"{c}_floor" for c in CLASSES}  # a floor only where a list is full


def stances(store: Store) -> list[dict]:
    """Every Stance node's properties, in a stable order."""
    rows = [r["props"] for r in store.run("backup_nodes") if list(r["labels"]) == ["Stance"]]
    return sorted(rows, key=lambda p: (p["actor"], p["term"]))


def _rewrite(store: Store, tmp_path: Path, change: Callable[[list[dict]], list[dict]]) -> None:
    """The store backed up, its items changed by `change`, restored."""
    backup(store, tmp_path / "fresh.jsonl")
    lines = (tmp_path / "fresh.jsonl").read_text(encoding="utf-8").splitlines()
    header, items = json.loads(lines[0]), change([json.loads(line) for line in lines[1:]])
    header["nodes"], header["edges"] = sum("node" in i for i in items), sum("edge" in i for i in items)
    (tmp_path / "old.jsonl").write_text("\n".join(json.dumps(x) for x in [header, *items]) + "\n", encoding="utf-8")
    restore(store, tmp_path / "old.jsonl")


def _without(props: dict, keys: set[str]) -> dict:
    return {k: v for k, v in props.items() if k not in keys}


def make_old(store: Store, tmp_path: Path) -> None:
    """The store as a peacegraph before stored-format versions and kept sources left it."""
    def change(items: list[dict]) -> list[dict]:
        items = [i for i in items if i.get("node", {}).get("label") != "StoreFormat"]
        for i in items:
            if i.get("node", {}).get("label") == "Stance":
                i["node"]["props"] = _without(i["node"]["props"], KEPT)
        return items

    _rewrite(store, tmp_path, change)


def make_format_1(store: Store, tmp_path: Path) -> None:
    """The store as a peacegraph of stored format 1 left one it had migrated from a store older still: no
    rendered row on its GUARANTEES edges, no list of them on its documents, no documents version."""
    def change(items: list[dict]) -> list[dict]:
        items = [i for i in items if i.get("node", {}).get("label") != "DocumentsVersion"]
        for i in items:
            node, edge = i.get("node", {}), i.get("edge", {})
            if node.get("label") == "StoreFormat":
                node["props"]["version"] = 1
            elif node.get("label") == "Document":
                node["props"] = _without(node["props"], {"guarantee_evidence"})
            elif edge.get("type") == "GUARANTEES":
                edge["props"] = _without(edge["props"], {"evidence"})
        return items

    _rewrite(store, tmp_path, change)


def everything(store: Store) -> tuple[list, list]:
    """Every node and edge with its properties, in a stable order; the documents version's token (a new one
    at each write of documents) as whether there is one."""
    nodes = [(r["labels"], {k: (v is not None) if k == "token" else v for k, v in r["props"].items()})
             for r in store.run("backup_nodes")]
    edges = [(r["type"], r["a"], r["b"], r["props"]) for r in store.run("backup_edges")]
    return sorted(nodes, key=repr), sorted(edges, key=repr)


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
    assert migrate(store).cells == unkept
    assert stored_version(store) == FORMAT_VERSION and store.run("stance_cells_unkept") == []
    assert stances(store) == fresh
    check(store)
    assert migrate(store).cells == 0 and stances(store) == fresh


def settings_of(store: Store, engine: str, request: pytest.FixtureRequest, data_dir: Path) -> Settings:
    """Settings that open the test's store, as the service opens its own (and checks its format)."""
    if engine == "falkordb":
        assert isinstance(store, FalkorStore)
        return Settings(data_dir=data_dir, db_name=store.graph_name, cache_seconds=0)
    info = request.getfixturevalue("neo4j_server_info")
    return Settings(data_dir=data_dir, db_url=info.url, db_user=info.user, db_password=info.password,
                    db_name=info.database, cache_seconds=0)


GUARANTEE_URLS = ["/guarantees", "/guarantees?limit=3", "/guarantees?skip=2&limit=4", "/guarantees?skip=9",
                  "/guarantees?beneficiary=Kyiv", "/guarantees?guarantor=USA&status=willing&limit=2&skip=1",
                  "/guarantees?date_from=2023", "/guarantees?view=extracted", "/documents/g-3"]


def test_a_format_1_store_is_refused_until_migrated_then_answers_as_a_fresh_load(
        store: Store, engine: str, request: pytest.FixtureRequest, data_dir: Path, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from app.services.document_order import guarantees_page

    store.upsert_many(_guarantee_corpus())
    fresh = everything(store)
    pages = [(skip, limit) for limit in (1, 3, 100) for skip in range(0, 12)]
    kept = [guarantees_page(store, skip, limit) for skip, limit in pages]
    assert all(k is not None for k in kept) and any(kept)
    settings = settings_of(store, engine, request, data_dir)
    with TestClient(create_app(settings)) as api:
        answers = {u: api.get(u).json() for u in GUARANTEE_URLS}
    assert all(answers.values())

    make_format_1(store, tmp_path)
    assert stored_version(store) == 1 and everything(store) != fresh
    with pytest.raises(StoreTooOld, match="peacegraph db migrate"):
        check(store)
    with TestClient(create_app(settings)) as api:
        refused = api.get("/guarantees")
        assert refused.status_code == 503 and refused.json()["type"] == "/problems/store-format"
        assert "peacegraph db migrate" in refused.json()["detail"]

        done = migrate(store)
        assert done.cells == 0 and done.guarantees == sum(e[0] == "GUARANTEES" for e in fresh[1]) > 0
        assert done.documents == sum(n[0] == ["Document"] for n in fresh[0])
        assert stored_version(store) == FORMAT_VERSION and everything(store) == fresh
        assert {u: api.get(u).json() for u in GUARANTEE_URLS} == answers
    assert [guarantees_page(store, skip, limit) for skip, limit in pages] == kept
    again = migrate(store)
    assert (again.cells, again.guarantees, again.documents) == (0, 0, 0) and everything(store) == fresh


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
    assert f"stored format 0 → {FORMAT_VERSION}" in first.stdout and " 0 Stance" not in first.stdout
    again = run_cli(data_dir, "db", "migrate")
    assert again.returncode == 0 and f"stored format {FORMAT_VERSION} → {FORMAT_VERSION}: 0 Stance" in again.stdout
