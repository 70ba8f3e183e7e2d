"""`db backup` → reset → `db restore` gives back every document, edge, aggregate and review, on every engine,
and a backup of one engine restores into the other."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app import reviewing
from graph.backup import FORMAT, VERSION, BackupError, backup, read, restore
from graph.review import PositionKey
from graph.store import Store
from graph.vocabulary import ReviewDecision, ReviewView
from tests.factories import api_corpus
from tests.integration.test_cli import run_cli
from tests.integration.test_concurrency import assert_same, snapshot
from tests.review_factories import DOC, review_graph


def without_lock(snap: tuple[list[str], list[str]]) -> tuple[list[str], list[str]]:
    """A snapshot without Neo4j's StoreLock node: the lock and write stamp are bookkeeping, not data, and every
    write (the restore too) gives the stamp a new value."""
    return [n for n in snap[0] if not n.startswith("['StoreLock']")], snap[1]


def _fill(store: Store) -> None:
    store.upsert_many([*api_corpus(), review_graph()])
    reviewing.record(store, PositionKey(DOC, 1, "UKR", "REJECTS", "neutral_status"), ReviewDecision.REJECT, "ana",
                     reason="old")


@pytest.mark.parametrize("name", ["store.jsonl", "store.jsonl.gz"])
def test_backup_reset_restore_round_trip(store: Store, tmp_path: Path, name: str) -> None:
    _fill(store)
    before = without_lock(snapshot(store))
    shown = reviewing.document_positions(store, DOC, ReviewView.REVIEWED)[0]
    done = backup(store, tmp_path / name)
    counts = store.counts()  # the store's own lock node (Neo4j) is not data and is not backed up
    assert done == {"nodes": sum(counts["nodes"].values()), "edges": sum(counts["edges"].values())}
    store.reset()
    assert not any(store.counts()["nodes"].values())
    assert restore(store, tmp_path / name) == done
    assert_same(without_lock(snapshot(store)), before)
    assert reviewing.document_positions(store, DOC, ReviewView.REVIEWED)[0] == shown
    store.upsert_many([review_graph()], force=True)  # the restored store takes loads as before
    assert len(reviewing.records(store, [DOC])) == 1


@pytest.mark.neo4j
def test_a_backup_restores_into_the_other_engine(falkordb_store: Store, neo4j_store: Store,
                                                tmp_path: Path) -> None:
    _fill(falkordb_store)
    backup(falkordb_store, tmp_path / "f.jsonl")
    restore(neo4j_store, tmp_path / "f.jsonl")
    assert_same(without_lock(snapshot(neo4j_store)), without_lock(snapshot(falkordb_store)))


def test_bad_backups_are_refused_before_anything_is_deleted(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"format": "something else"}\n')
    with pytest.raises(BackupError):
        read(bad)
    data = tmp_path / "data"
    refused = run_cli(data, "db", "restore", str(bad), "--yes")
    assert refused.returncode != 0 and "not a peacegraph backup" in refused.stderr
    header = json.dumps({"format": FORMAT, "version": VERSION, "nodes": 1, "edges": 0}) + "\n"
    broken = tmp_path / "broken.jsonl"
    for line, says in (("{node\n", ":2: not JSON"), ("5\n", ":2: not a JSON object")):
        broken.write_text(header + line)
        with pytest.raises(BackupError, match=says):
            read(broken)


def test_backup_and_restore_commands(tmp_path: Path) -> None:
    data = tmp_path / "data"
    from graph.backends import open_store

    store = open_store(None, data_dir=data)
    try:
        _fill(store)
        before = snapshot(store)
    finally:
        store.close()
    path = tmp_path / "b.jsonl.gz"
    made = run_cli(data, "db", "backup", str(path))
    assert made.returncode == 0, made.stderr
    assert run_cli(data, "db", "restore", str(path)).returncode != 0  # the store holds data: --yes needed
    done = run_cli(data, "db", "restore", str(path), "--yes")
    assert done.returncode == 0, done.stderr
    store = open_store(None, data_dir=data)
    try:
        assert_same(snapshot(store), before)
    finally:
        store.close()
