"""`peacegraph db backup PATH` / `db restore PATH`: the whole store — documents, edges, aggregates and reviews —
as a JSON Lines file any engine can read back.

A backup is engine-neutral: every node with its label and properties, every edge with its type, properties
and the label and id of both ends (queries/backup_*.cypher), read while the service runs. Restoring empties
the store and writes the nodes, then the edges, in batches under the store's write lock
(queries/restore_*.cypher), so a FalkorDB backup restores into Neo4j and back. The first line says what the
file is and how many nodes and edges it holds, and restoring checks both counts.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from graph.jsonl import json_objects
from graph.records import Writer
from graph.store import Store

FORMAT = "peacegraph-backup"
VERSION = 1
BATCH = 2000


class BackupError(ValueError):
    """A file that is not a backup, or one that did not restore whole."""


@contextmanager
def _open(path: Path, mode: str, *, gz: bool | None = None) -> Iterator[IO[str]]:
    opener: Any = gzip.open if (path.suffix == ".gz" if gz is None else gz) else open
    with opener(path, mode + "t", encoding="utf-8") as f:
        yield f


def backup(store: Store, path: Path) -> dict[str, int]:
    """Write the store to `path` (gzip when it ends in .gz); the numbers of nodes and edges written."""
    nodes = store.run("backup_nodes")
    edges = store.run("backup_edges")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    with _open(tmp, "w", gz=path.suffix == ".gz") as f:
        f.write(json.dumps({"format": FORMAT, "version": VERSION, "backend": store.backend, "nodes": len(nodes),
                            "edges": len(edges)}) + "\n")
        for n in nodes:
            labels = [str(label) for label in n["labels"]]
            if len(labels) != 1:
                raise BackupError(f"a node with labels {labels}: a backup holds one label a node")
            f.write(json.dumps({"node": {"label": labels[0], "props": n["props"]}}, ensure_ascii=False) + "\n")
        for e in edges:
            f.write(json.dumps({"edge": e}, ensure_ascii=False) + "\n")
    tmp.replace(path)
    return {"nodes": len(nodes), "edges": len(edges)}


def read(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """The header, nodes and edges of a backup file."""
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    with _open(path, "r") as f:
        try:
            header = json.loads(f.readline() or "null")
        except json.JSONDecodeError:
            header = None
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            raise BackupError(f"{path} is not a peacegraph backup")
        if header.get("version") != VERSION:
            raise BackupError(f"{path}: backup version {header.get('version')} is not {VERSION}")
        for item in json_objects(f, path, first=2, error=BackupError):
            if "node" in item:
                nodes.append(item["node"])
            elif "edge" in item:
                edges.append(item["edge"])
    if (len(nodes), len(edges)) != (header.get("nodes"), header.get("edges")):
        raise BackupError(f"{path} is incomplete: {len(nodes)} nodes and {len(edges)} edges, its header says "
                          f"{header.get('nodes')} and {header.get('edges')}")
    return header, nodes, edges


def restore(store: Store, path: Path) -> dict[str, int]:
    """Replace the store's content by the backup's; the numbers of nodes and edges restored."""
    _, nodes, edges = read(path)
    store.reset()

    def work(w: Writer) -> dict[str, int]:
        for start in range(0, len(nodes), BATCH):
            w.run("restore_nodes", rows=nodes[start:start + BATCH])
        made = 0
        for start in range(0, len(edges), BATCH):
            rows = w.run("restore_edges", rows=edges[start:start + BATCH])
            made += int(rows[0]["count"]) if rows else 0
        return {"nodes": len(nodes), "edges": made}

    done = store.exclusive(work)
    counts = store.counts()
    if sum(counts["nodes"].values()) != len(nodes) or done["edges"] != len(edges):
        raise BackupError(f"the restore is incomplete: {sum(counts['nodes'].values())} of {len(nodes)} nodes and "
                          f"{done['edges']} of {len(edges)} edges (a label or type this version does not know?)")
    return done
