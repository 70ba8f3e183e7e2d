"""FalkorDB backend: the embedded server (default) or an external one at falkordb://host:port.

Reads go through GRAPH.RO_QUERY, which the engine itself refuses to use for writes. A connection error on
the embedded server triggers one restart and one retry: the server may have been killed, and its
append-only file brings the data back.

Reads send GRAPH.RO_QUERY … --compact themselves and decode the compact reply straight into records
(`_decode`): the client's `QueryResult` turns every cell into a Python object through a per-cell dispatch and
`to_plain` then walks it again, which was most of a read's CPU in the API. Scalars, lists and maps are decoded
inline; nodes, edges, paths and the rarer types (points, vectors, temporal values) go through the client's
own `parse_scalar` and `to_plain`, so every value comes back exactly as through `Graph.ro_query`
(tests/integration/test_falkor_reply.py compares both paths). Writes still use the client's `Graph.query`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import redis
from falkordb import Edge, FalkorDB, Node, Path as FalkorPath
from falkordb.exceptions import SchemaVersionMismatchException
from falkordb.helpers import stringify_param_value
from falkordb.query_result import parse_scalar

import queries
from graph import locks
from graph.embedded import NO_RETRY, EmbeddedServer
from graph.errors import ConfigurationError, QueryError, StoreUnavailable, UnknownQuery, WriteRefused
from graph.store import BaseStore, Health, Record, Writer, redact

log = logging.getLogger(__name__)
T = TypeVar("T")

_CONNECTION_ERRORS = (redis.ConnectionError, redis.TimeoutError, FileNotFoundError, ConnectionRefusedError,
                      redis.BusyLoadingError)


# Compact result-set value types (falkordb.query_result.ResultSetScalarTypes) decoded inline by `_decode`.
_NULL, _STRING, _INTEGER, _BOOLEAN, _DOUBLE, _ARRAY, _MAP = 1, 2, 3, 4, 5, 6, 10


def params_header(params: dict[str, Any] | None) -> str:
    """The `CYPHER k=v …` prefix exactly as `falkordb.Graph._build_params_header` writes it."""
    if params is None:
        return ""
    if not isinstance(params, dict):
        raise TypeError("'params' must be a dict")
    parts = ["CYPHER "]
    for key, value in params.items():
        key_str = key.decode() if isinstance(key, bytes) else str(key)
        if key_str == "":
            raise ValueError("Cypher parameter name cannot be empty")
        if "`" in key_str:
            raise ValueError(f"Cypher parameter name cannot contain a backtick: {key_str!r} (FalkorDB does not "
                             "support escaped backticks in identifiers)")
        parts.append(f"`{key_str}`={stringify_param_value(value)} ")
    return "".join(parts)


def to_plain(value: Any) -> Any:
    """Engine objects → plain JSON-able values, the same shape the Neo4j backend returns."""
    if isinstance(value, Node):
        return {"labels": list(value.labels or []), "properties": dict(value.properties)}
    if isinstance(value, Edge):
        return {"type": value.relation, "properties": dict(value.properties)}
    if isinstance(value, FalkorPath):
        return {"nodes": [to_plain(n) for n in value.nodes()], "edges": [to_plain(e) for e in value.edges()]}
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


class FalkorStore(BaseStore):
    backend = "falkordb"

    def __init__(self, url: str, graph: str, connect: Callable[[], FalkorDB], server: EmbeddedServer | None = None):
        self.url = redact(url)
        self.graph_name = graph
        self._connect = connect
        self._server = server
        self._db: FalkorDB | None = None
        self._schema_done = False
        self._guard(lambda: self._ensure_schema())

    # -- construction ---------------------------------------------------------------------------------------
    @classmethod
    def embedded(cls, data_dir: Path, *, graph: str, module_args: Sequence[str] = ()) -> FalkorStore:
        server = EmbeddedServer(data_dir, module_args=module_args)
        socket = server.acquire()
        try:
            return cls(f"embedded:{server.dir.parent}", graph,
                       lambda: FalkorDB(unix_socket_path=str(socket), retry=NO_RETRY), server)
        except BaseException:
            server.release()
            raise

    @classmethod
    def external(cls, url: str, *, graph: str, password: str | None = None) -> FalkorStore:
        try:
            parts = urlsplit(url)
            host, port = parts.hostname, parts.port or 6379
        except ValueError:  # a bad port or bracket; the parser's message may quote the URL, so it is not shown
            raise ConfigurationError(
                f"malformed FalkorDB URL {redact(url)!r}: use falkordb://[user:password@]host:port") from None
        if not host:
            raise ConfigurationError(f"FalkorDB URL {redact(url)!r} needs a host: falkordb://host:port")
        secret = parts.password or password
        return cls(url, graph, lambda: FalkorDB(host=host, port=port, username=parts.username, password=secret,
                                                socket_connect_timeout=5, retry=NO_RETRY))

    # -- plumbing -------------------------------------------------------------------------------------------
    @property
    def _graph(self):
        if self._db is None:
            self._db = self._connect()
        return self._db.select_graph(self.graph_name)

    def _guard(self, action: Callable[[], T]) -> T:
        """Run `action`, turning engine errors into typed ones; restart a dead embedded server once."""
        for attempt in (1, 2):
            try:
                return action()
            except _CONNECTION_ERRORS as exc:
                self._db = None
                if self._server is None or attempt == 2:
                    raise StoreUnavailable(f"cannot reach FalkorDB at {self.url}: {exc}") from exc
                log.warning("embedded FalkorDB unreachable (%s); restarting it", exc)
                self._server.ensure_running()
                self._schema_done = False
                self._ensure_schema()
            except redis.ResponseError as exc:
                message = str(exc)
                if "read-only" in message or "RO_QUERY" in message:
                    raise WriteRefused(f"write refused on a read-only query: {message}") from exc
                raise QueryError(message) from exc
        raise AssertionError("unreachable")  # pragma: no cover

    def _ensure_schema(self) -> None:
        if self._schema_done:
            return
        for stmt in queries.statements(queries.load("schema", "falkordb").text):
            try:
                self._graph.query(stmt)
            except redis.ResponseError as exc:
                if "already indexed" not in str(exc):
                    raise
        self._schema_done = True

    @staticmethod
    def _records(result) -> list[Record]:
        """Records of a client `QueryResult` (the write path, and the reference the reply tests compare with)."""
        header = [h[1] for h in result.header]
        return [dict(zip(header, (to_plain(v) for v in row), strict=True)) for row in result.result_set]

    def _ro_query(self, text: str, params: dict[str, Any] | None, timeout: int | None = None) -> list[Record]:
        """GRAPH.RO_QUERY with the compact reply, decoded by `_decode`: the same command, parameter header and
        error handling as `Graph.ro_query`, without building a `QueryResult`."""
        command: list[Any] = ["GRAPH.RO_QUERY", self.graph_name, params_header(params) + text, "--compact"]
        if isinstance(timeout, int):
            command.extend(["timeout", timeout])
        elif timeout is not None:
            raise Exception("Timeout argument must be a positive integer")  # what the client raises
        if self._db is None:
            self._db = self._connect()
        db = self._db
        return self._decode(db.execute_command(*command), lambda: db.select_graph(self.graph_name))

    @staticmethod
    def _decode(response: list[Any], graph: Callable[[], Any]) -> list[Record]:
        """Records of a compact GRAPH.(RO_)QUERY reply: `[stats]` or `[header, rows, stats]`, each cell a
        `[type, value]` pair. Errors are raised as `QueryResult` raises them. `graph()` gives a client `Graph`
        for the cells decoded by the client (nodes, edges, paths …); one per reply, made on first need, as
        the old path had one per query (its schema cache is fetched fresh, so a graph reset elsewhere never
        leaves stale label or property names)."""
        first = response[0]
        if isinstance(first, redis.ResponseError):
            if str(first) == "version mismatch":
                raise SchemaVersionMismatchException(response[1])
            raise first
        if isinstance(response[-1], redis.ResponseError):
            raise response[-1]
        if len(response) == 1 or not first:
            return []
        header = [h[1] for h in first]
        client_graph: list[Any] = []

        def other(cell: list[Any]) -> Any:
            if not client_graph:
                client_graph.append(graph())
            return to_plain(parse_scalar(cell, client_graph[0]))

        def value(cell: list[Any]) -> Any:
            kind, v = cell
            if kind == _STRING:
                return v if type(v) is str else other(cell)
            if kind == _NULL:
                return None
            if kind == _INTEGER:
                return v if type(v) is int else int(v)
            if kind == _DOUBLE:
                return float(v)
            if kind == _BOOLEAN:
                return (v.decode() if isinstance(v, bytes) else v) == "true"
            if kind == _ARRAY:
                return [value(c) for c in v]
            if kind == _MAP:
                return {(k if isinstance(k, str) else k.decode() if isinstance(k, bytes) else str(k)): value(c)
                        for k, c in zip(v[::2], v[1::2])}
            return other(cell)

        records = []
        append = records.append
        for row in response[1]:
            out = []
            put = out.append
            for cell in row:
                kind, v = cell
                # the common cells inline: strings and integers as they come, null, doubles
                if kind == _STRING and type(v) is str:
                    put(v)
                elif kind == _NULL:
                    put(None)
                elif kind == _INTEGER and type(v) is int:
                    put(v)
                elif kind == _DOUBLE:
                    put(float(v))
                else:
                    put(value(cell))
            append(dict(zip(header, out, strict=True)))
        return records

    @staticmethod
    def _query(name: str) -> str:
        try:
            return queries.load(name, "falkordb").text
        except queries.UnknownQueryName as exc:
            raise UnknownQuery(str(exc)) from exc

    # -- Store ----------------------------------------------------------------------------------------------
    def run(self, query_name: str, **params: Any) -> list[Record]:
        text = self._query(query_name)
        return self._guard(lambda: self._ro_query(text, params))

    def write(self, query_name: str, **params: Any) -> list[Record]:
        text = self._query(query_name)
        return self._guard(lambda: self._records(self._graph.query(text, params)))

    def _exclusive(self, work: Callable[[Writer], T]) -> T:
        """Hold the graph's write lock (graph/locks.py) while `work` runs its queries one by one."""

        def held() -> T:
            if self._db is None:
                self._db = self._connect()
            return locks.locked(self._db.connection, self.graph_name, lambda lock: work(_LockedWriter(self, lock)))

        return self._guard(held)

    def read_cypher(self, text: str, params: dict[str, Any], *, limit: int, timeout_ms: int) -> tuple[list[Record], bool]:
        records = self._guard(lambda: self._ro_query(text, params, timeout=timeout_ms))
        return records[:limit], len(records) > limit

    def health(self) -> Health:
        def probe() -> Health:
            db = self._db or self._connect()
            self._db = db
            modules = db.connection.execute_command("MODULE", "LIST")
            version = "?"
            for module in modules:
                fields = {(k.decode() if isinstance(k, bytes) else k): v for k, v in zip(module[::2], module[1::2])}
                name = fields.get("name")
                if (name.decode() if isinstance(name, bytes) else name) == "graph":
                    ver = int(fields.get("ver", 0))
                    version = f"{ver // 10000}.{ver // 100 % 100}.{ver % 100}"
            redis_version = db.connection.info("server").get("redis_version", "?")
            return Health(self.backend, self.url, f"FalkorDB {version} (redis {redis_version})")

        return self._guard(probe)

    def reset(self) -> None:
        def drop() -> None:
            try:
                self._graph.delete()
            except redis.ResponseError as exc:
                if "empty key" not in str(exc) and "Invalid graph operation on empty key" not in str(exc):
                    raise
            self._schema_done = False
            self._ensure_schema()

        self._guard(drop)

    def close(self) -> None:
        if self._db is not None:
            try:
                self._db.connection.close()
            except Exception:  # noqa: BLE001 - closing a dead connection is not an error worth raising
                pass
            self._db = None
        if self._server is not None:
            self._server.release()
            self._server = None


class _LockedWriter:
    """Runs a lock holder's queries, extending the lock's lease after each one."""

    def __init__(self, store: FalkorStore, lock: locks.WriteLock) -> None:
        self._store = store
        self._lock = lock

    def run(self, query_name: str, **params: Any) -> list[Record]:
        records = self._store.write(query_name, **params)
        self._lock.refresh()
        return records
