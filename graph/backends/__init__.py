"""The engines behind the `Store` protocol (graph/store.py), and `open_store`, which picks one by URL.

The backends are imported when a URL names them, so that a process on one engine never loads the other's
driver."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from graph.errors import ConfigurationError
from graph.records import redact

if TYPE_CHECKING:
    from graph.embedded import ServerLimits
    from graph.store import Store

DEFAULT_GRAPH = "peacegraph"


def open_store(
    url: str | None = None,
    *,
    data_dir: Path = Path("data"),
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
    module_args: Sequence[str] = (),
    limits: ServerLimits | None = None,
) -> Store:
    """Open the store a URL names: unset or `embedded[:PATH]` (default), `falkordb://host:port`, or
    `bolt://`, `neo4j://`, `neo4j+s://` (and the +ssc variants) for Neo4j."""
    url = (url or "").strip() or "embedded"
    scheme = url.split(":", 1)[0].lower()
    if scheme == "embedded":
        from graph.backends.falkor import FalkorStore

        path = url.split(":", 1)[1] if ":" in url else ""
        return FalkorStore.embedded(Path(path) if path else data_dir, graph=database or DEFAULT_GRAPH,
                                    module_args=module_args, limits=limits)
    if scheme in ("falkordb", "redis", "falkordb+unix", "unix"):
        from graph.backends.falkor import FalkorStore

        return FalkorStore.external(url, graph=database or DEFAULT_GRAPH, password=password, limits=limits)
    if scheme in ("bolt", "neo4j", "bolt+s", "neo4j+s", "bolt+ssc", "neo4j+ssc"):
        from graph.backends.neo4j import Neo4jStore

        return Neo4jStore(url, user=user, password=password, database=database)
    raise ConfigurationError(
        f"unknown database URL scheme {scheme!r} in {redact(url)!r}: use embedded[:PATH], falkordb://host:port, "
        "bolt://, neo4j:// or neo4j+s://"
    )
