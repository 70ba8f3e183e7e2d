"""FalkorDB backend: the embedded server (default) or an external one at falkordb://host:port.

Reads go through GRAPH.RO_QUERY, which the engine itself refuses to use for writes. A connection error on
the embedded server triggers one restart and one retry of the app's own queries: the server may have been
killed, and its append-only file brings the data back. A user's query (`read_cypher`) is never sent twice:
if the server went away while running it, it may be what killed it; the server is restarted and the caller
told. Every read has a time limit (named reads `query_timeout_ms`, a user's query its own; writes have none,
see `ServerLimits`), and a user's query runs inside `CALL { … } RETURN * LIMIT $n`, so the engine stops at the row cap
instead of building every row.

Reads send GRAPH.RO_QUERY … --compact themselves and decode the compact reply straight into records
(`_decode`): the client's `QueryResult` turns every cell into a Python object through a per-cell dispatch and
`to_plain` then walks it again, which was most of a read's CPU in the API. Scalars, lists and maps are decoded
inline; nodes, edges, paths and the rarer types (points, vectors, temporal values) go through the client's
own `parse_scalar` and `to_plain`, so every value comes back exactly as through `Graph.ro_query`
(tests/integration/test_falkor_reply.py compares both paths). Writes still use the client's `Graph.query`.

A named query that declares `// scalar reply:` (queries/__init__.py: its columns are strings, integers and
nulls, plus the floats and booleans it names) is read in the plain reply form instead (`_ro_query_plain`):
each cell arrives as its bare value, not as a `[type, value]` pair, so the reply costs about a fifth of the
compact one to receive (hiredis built three objects per cell there: 2,400 matrix rows took 8 ms of CPU to
receive and 4 ms to decode, 1.5 ms plain), and the declaration restores the types the plain form gives as text.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, TypeVar
from urllib.parse import urlsplit

import redis
from falkordb import Edge, FalkorDB, Node
from falkordb import Path as FalkorPath
from falkordb.exceptions import SchemaVersionMismatchException
from falkordb.helpers import stringify_param_value
from falkordb.query_result import parse_scalar

import queries
from graph import locks
from graph.cypher_text import code_view, return_columns
from graph.embedded import NO_RETRY, EmbeddedServer, ServerLimits
from graph.errors import (
    ConfigurationError,
    QueryError,
    QueryLimitExceeded,
    StoreBusy,
    StoreUnavailable,
    UnknownQuery,
    WriteRefused,
)
from graph.records import Health, Record, Writer, redact
from graph.store import BaseStore

log = logging.getLogger(__name__)
T = TypeVar("T")

_CONNECTION_ERRORS = (redis.ConnectionError, redis.TimeoutError, FileNotFoundError, ConnectionRefusedError,
                      redis.BusyLoadingError)


ROW_LIMIT_PARAM = "peacegraph_row_limit"
# The wrapper around a user's statement: constant text, the cap travels as a parameter.
_CAPPED_HEAD, _CAPPED_TAIL = "CALL {\n", "\n}\nRETURN * LIMIT $" + ROW_LIMIT_PARAM
_LIMIT_MESSAGES = {
    "Query timed out": "the query ran over its time limit",
    "Query's mem consumption exceeded capacity": "the query needed more memory than a query may use",
}


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
        parts.append(f"`{key_str}`={literal(value)} ")
    header = "".join(parts)
    # FalkorDB reads the command as a C string: a NUL character (from a URL's %00) ended the query mid-literal,
    # a syntax error (500) instead of "no such actor". It cannot store one either, so a NUL is written and
    # matched as U+FFFD, the replacement character; one scan of the header, in C.
    return header.replace("\x00", "\ufffd") if "\x00" in header else header


_MAP_KEYS: dict[str, str] = {}  # map keys already checked, as they are written: `key`:


def _map_key(key: Any) -> str:
    written = _MAP_KEYS.get(key) if type(key) is str else None
    if written is None:
        key_str = key.decode() if isinstance(key, bytes) else str(key)
        if key_str == "" or "`" in key_str:
            return stringify_param_value({key: None})  # raises the client's own ValueError
        written = f"`{key_str}`:"
        if type(key) is str and len(_MAP_KEYS) < 4096:
            _MAP_KEYS[key] = written
    return written


def literal(value: Any) -> str:
    """`falkordb.helpers.stringify_param_value`, the same text for every value, about three times faster on
    the plain types that a batch's rows are made of (str, int, float, bool, None, list, tuple, dict): a write's
    parameters run to half a megabyte, and the client's per-value dispatch was a fifth of a batched load.
    Strings are escaped exactly as the client does (backslash, then double quote); anything else (str
    subclasses, bytes, other types) goes through the client's own function."""
    kind = type(value)
    if kind is str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"' if value else '""'
    if value is None:
        return "null"
    if kind is int or kind is float or kind is bool:
        return str(value)
    if kind is list or kind is tuple:  # the scalars of a list inline, as in a map below
        items = []
        for v in value:
            vkind = type(v)
            if vkind is str:
                items.append('"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"' if v else '""')
            elif v is None:
                items.append("null")
            elif vkind is int or vkind is float or vkind is bool:
                items.append(str(v))
            else:
                items.append(literal(v))
        return "[" + ",".join(items) + "]"
    if kind is dict:
        parts = []
        keys = _MAP_KEYS
        for k, v in value.items():
            key = keys.get(k) if type(k) is str else None
            if key is None:
                key = _map_key(k)
            vkind = type(v)  # the scalars of a row inline, as above: a function call per value was most of it
            if vkind is str:
                parts.append(key + ('"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"' if v else '""'))
            elif v is None:
                parts.append(key + "null")
            elif vkind is int or vkind is float or vkind is bool:
                parts.append(key + str(v))
            else:
                parts.append(key + literal(v))
        return "{" + ",".join(parts) + "}"
    return str(stringify_param_value(value))


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


def _in_order(records: list[Record], columns: list[str]) -> list[Record]:
    """Records with their keys in the statement's own column order (the wrapper's `RETURN *` sorts them)."""
    if not records:
        return records
    keys = list(records[0])
    order = [c for c in columns if c in records[0]] + [k for k in keys if k not in columns]
    if order == keys:
        return records
    return [{k: r[k] for k in order} for r in records]


class FalkorStore(BaseStore):
    backend = "falkordb"

    def __init__(self, url: str, graph: str, connect: Callable[[], FalkorDB], server: EmbeddedServer | None = None,
                 limits: ServerLimits | None = None):
        self.url = redact(url)
        self.graph_name = graph
        self._connect = connect
        self._server = server
        self.limits = limits or (server.limits if server is not None else ServerLimits())
        self._db: FalkorDB | None = None
        self._schema_done = False
        self._guard(lambda: self._ensure_schema())

    # -- construction ---------------------------------------------------------------------------------------
    @classmethod
    def embedded(cls, data_dir: Path, *, graph: str, module_args: Sequence[str] = (),
                 limits: ServerLimits | None = None) -> FalkorStore:
        server = EmbeddedServer(data_dir, module_args=module_args, limits=limits)
        socket = server.acquire()
        deadline = server.limits.reply_deadline()  # a hung server times out and is restarted (ensure_running)
        try:
            return cls(f"embedded:{server.dir.parent}", graph,
                       lambda: FalkorDB(unix_socket_path=str(socket), retry=NO_RETRY, socket_timeout=deadline),
                       server)
        except BaseException:
            server.release()
            raise

    @classmethod
    def external(cls, url: str, *, graph: str, password: str | None = None,
                 limits: ServerLimits | None = None) -> FalkorStore:
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
                                                socket_connect_timeout=5, retry=NO_RETRY), limits=limits)

    # -- plumbing -------------------------------------------------------------------------------------------
    @property
    def _graph(self):
        if self._db is None:
            self._db = self._connect()
        return self._db.select_graph(self.graph_name)

    def _guard(self, action: Callable[[], T], *, retry: bool = True) -> T:
        """Run `action`, turning engine errors into typed ones; restart a dead embedded server. The action is
        run again after a restart only when `retry` is set (the app's own queries) or when the server was
        already down before it was sent."""
        for attempt in (1, 2):
            running = self._server.server_pid() if self._server is not None and not retry else None
            try:
                return action()
            except _CONNECTION_ERRORS as exc:
                self._db = None
                if self._server is None or attempt == 2:
                    hint = (" (the server ran out of memory: raise PEACEGRAPH_DB_MEMORY_MB)"
                            if self._server is not None and self._server.died_of_memory() else "")
                    raise StoreUnavailable(f"cannot reach FalkorDB at {self.url}: {exc}{hint}") from exc
                if running is not None and self._server.server_pid() != running:
                    self._after_crash(running)
                log.warning("embedded FalkorDB unreachable (%s); restarting it", exc)
                self._restart()
            except redis.ResponseError as exc:
                raise self._typed(exc) from exc
        raise AssertionError("unreachable")  # pragma: no cover

    def _restart(self) -> None:
        assert self._server is not None
        self._server.ensure_running()
        self._schema_done = False
        self._ensure_schema()

    def _after_crash(self, pid: int) -> None:
        """The server died while running a user's query: restart it, and raise instead of sending it again.
        The restart runs in the background (replaying the data may take a while): the caller is answered at
        once, and the store's next call waits for the server if it is not up yet."""
        server = self._server
        assert server is not None
        out_of_memory = server.died_of_memory(pid)
        self._schema_done = False

        def restart() -> None:
            try:
                server.ensure_running()
            except StoreUnavailable as exc:
                log.warning("could not restart the embedded FalkorDB after a crash: %s", exc)

        threading.Thread(target=restart, name="falkordb-restart", daemon=True).start()
        if out_of_memory:
            raise QueryLimitExceeded("the query needed more memory than the database server may use "
                                     "(PEACEGRAPH_DB_MEMORY_MB); the server is being restarted, and the query was "
                                     "not run again")
        raise StoreUnavailable("the database server stopped while running this query; it is being restarted, and "
                               "the query was not run again")

    @staticmethod
    def _typed(exc: redis.ResponseError) -> QueryError | StoreUnavailable:
        message = str(exc)
        if "read-only" in message or "RO_QUERY" in message:
            return WriteRefused(f"write refused on a read-only query: {message}")
        for needle, meaning in _LIMIT_MESSAGES.items():
            if needle in message:
                return QueryLimitExceeded(f"{meaning} ({message})")
        if "Max pending queries exceeded" in message:
            return StoreBusy(f"the database is busy: {message}")
        return QueryError(message)

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

    def _ro_query_plain(self, text: str, params: dict[str, Any] | None, reply: queries.ScalarReply,
                        timeout: int | None = None) -> list[Record]:
        """GRAPH.RO_QUERY with the plain (non-compact) reply, for a query declaring `// scalar reply:`."""
        command: list[Any] = ["GRAPH.RO_QUERY", self.graph_name, params_header(params) + text]
        if timeout is not None:
            command.extend(["timeout", timeout])
        if self._db is None:
            self._db = self._connect()
        return self._decode_plain(self._db.execute_command(*command), reply)

    @staticmethod
    def _decode_plain(response: list[Any], reply: queries.ScalarReply) -> list[Record]:
        """Records of a plain reply `[header, rows, stats]` (or `[stats]`) whose cells are bare strings, integers
        and nulls; the declared float and boolean columns, which come as text, are converted as `_decode` does.
        A first row holding anything else (a node, an array: the declaration is wrong) is an error, not a guess."""
        first = response[0]
        if isinstance(first, redis.ResponseError):
            raise first
        if isinstance(response[-1], redis.ResponseError):
            raise response[-1]
        if len(response) == 1 or not first:
            return []
        header = [h if isinstance(h, str) else h.decode() for h in first]
        rows = response[1]
        if rows and not all(v is None or type(v) is str or type(v) is int for v in rows[0]):
            raise QueryError(f"a query declaring '// scalar reply:' returned other values: {rows[0]!r}")
        records = [dict(zip(header, row, strict=True)) for row in rows]
        for column in reply.floats:
            if column in header:
                for r in records:
                    v = r[column]
                    if type(v) is str:  # a stored integer stays one, as in the compact reply
                        r[column] = float(v)
        for column in reply.booleans:
            if column in header:
                for r in records:
                    v = r[column]
                    if type(v) is str:
                        r[column] = v == "true"
        return records

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
                        for k, c in zip(v[::2], v[1::2], strict=False)}
            return other(cell)

        records: list[Any] = []
        append = records.append
        for row in response[1]:
            out: list[Any] = []
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
            return queries.load(name, "falkordb").statement
        except queries.UnknownQueryName as exc:
            raise UnknownQuery(str(exc)) from exc

    # -- Store ----------------------------------------------------------------------------------------------
    def run(self, query_name: str, **params: Any) -> list[Record]:
        text = self._query(query_name)
        timeout = self.limits.query_timeout_ms
        reply = queries.load(query_name, "falkordb").scalar_reply
        if reply is not None:
            return self._guard(lambda: self._ro_query_plain(text, params, reply, timeout=timeout))
        return self._guard(lambda: self._ro_query(text, params, timeout=timeout))

    def write(self, query_name: str, **params: Any) -> list[Record]:
        text = self._query(query_name)

        def query() -> list[Record]:
            records = self._rw_query(text, params)
            self._bump()
            return records

        return self._guard(query)

    def _bump(self) -> None:
        if self._db is None:
            self._db = self._connect()
        locks.bump(self._db.connection, self.graph_name)

    def write_stamp(self) -> bytes | None:
        """The graph's write stamp (graph/locks.py): one GET, about as cheap as a round trip gets."""
        def get() -> bytes | None:
            if self._db is None:
                self._db = self._connect()
            return self._db.connection.get(locks.stamp_key(self.graph_name))

        return self._guard(get)

    def _rw_query(self, text: str, params: dict[str, Any]) -> list[Record]:
        """GRAPH.QUERY with the compact reply decoded by `_decode`, as `_ro_query` does for reads: the client's
        `Graph.query` built the parameters and the records value by value, a third of a batched load's time."""
        if self._db is None:
            self._db = self._connect()
        db = self._db
        reply = db.execute_command("GRAPH.QUERY", self.graph_name, params_header(params) + text, "--compact")
        return self._decode(reply, lambda: db.select_graph(self.graph_name))

    def exclusive(self, work: Callable[[Writer], T]) -> T:
        """Hold the graph's write lock (graph/locks.py) while `work` runs its queries one by one. If the embedded
        server dies under a query, it is restarted and `work` runs again from the start under the same lock
        (re-taken if the restart lost it), never the one query again: a write creates edges and adds to the
        aggregates, so only a whole write, which reads the documents' state afresh, is safe to repeat."""

        def held() -> T:
            if self._db is None:
                self._db = self._connect()

            def attempt(writer: _LockedWriter) -> T:
                try:
                    result = work(writer)
                    writer.sync()
                    return result
                finally:
                    writer.close()

            def under_lock(lock: locks.WriteLock) -> T:
                try:
                    return attempt(_LockedWriter(self, lock))
                except _ServerRestarted:
                    lock.keep()
                    return attempt(_LockedWriter(self, lock, restarted=True))

            return locks.locked(self._db.connection, self.graph_name, under_lock)

        return self._guard(held)

    def read_cypher(self, text: str, params: dict[str, Any], *, limit: int,
                    timeout_ms: int) -> tuple[list[Record], bool]:
        """A user's read-only statement, at most `limit` rows (plus one, to tell that there were more) made by
        the engine. A statement that cannot be wrapped (a bare `CALL proc()`, unbalanced braces) runs as it
        is, still under the time and memory limits, and its rows are cut here."""
        timeout = timeout_ms
        records: list[Record] | None = None
        body = text.strip().rstrip(";").rstrip()
        if code_view(body).balanced:
            capped = {**params, ROW_LIMIT_PARAM: limit + 1}
            try:
                records = self._guard(lambda: self._ro_query(_CAPPED_HEAD + body + _CAPPED_TAIL, capped,
                                                             timeout=timeout), retry=False)
            except (QueryLimitExceeded, StoreUnavailable, WriteRefused):
                raise
            except QueryError:
                records = None  # the wrapper did not fit this statement; its own error, if any, comes next
            else:
                records = _in_order(records, return_columns(body))
        if records is None:
            records = self._guard(lambda: self._ro_query(text, params, timeout=timeout), retry=False)
        return records[:limit], len(records) > limit

    def health(self) -> Health:
        def probe() -> Health:
            db = self._db or self._connect()
            self._db = db
            modules = db.connection.execute_command("MODULE", "LIST")
            version = "?"
            for module in modules:
                fields = {(k.decode() if isinstance(k, bytes) else k): v
                          for k, v in zip(module[::2], module[1::2], strict=False)}
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
            self._bump()

        self._guard(drop)

    def close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(Exception):  # closing a dead connection is not an error worth raising
                self._db.connection.close()
            self._db = None
        if self._server is not None:
            self._server.release()
            self._server = None


# A lock holder extends its lease after a query once this long has passed since the last extension: a round
# trip per query cost more than the small queries of a batch, and the lease (locks.LEASE_SECONDS) is far longer.
REFRESH_EVERY_S = 5.0


class _ServerRestarted(Exception):
    """The embedded server died under a lock holder's query and was restarted: its write starts over."""


class _LockedWriter:
    """Runs a lock holder's queries, extending the lock's lease after them (at most every REFRESH_EVERY_S).

    Queries given to `send` go out on a connection of their own without waiting for their replies: the server
    runs one while the writer builds the next one's parameter text (store.Writer). The replies are read, and
    the first error raised, before the next `run` (on another connection, so only once the sent queries have
    run) and at the end of the write; a write that fails still waits for what it sent before it lets the lock
    go. The queries of a failed write that come after the failing one have run: a write leaves its documents
    incomplete until its last query, so what they wrote is repaired when the documents are loaded again."""

    def __init__(self, store: FalkorStore, lock: locks.WriteLock, *, restarted: bool = False) -> None:
        self._store = store
        self._lock = lock
        self._refreshed = time.monotonic()
        self._restarted = restarted  # a write starts over once; a second death is reported
        self._pool: redis.ConnectionPool | None = None
        self._pipe: redis.connection.Connection | None = None  # the connection of the sent queries
        self._pending = 0  # sent queries whose replies are not read yet

    def run(self, query_name: str, **params: Any) -> list[Record]:
        self.sync()
        store = self._store
        text = store._query(query_name)
        try:
            records = store._guard(lambda: store._rw_query(text, params), retry=False)
        except StoreUnavailable as exc:
            self._start_over(exc)
        self._refresh()
        return records

    def send(self, query_name: str, **params: Any) -> None:
        store = self._store
        command = ("GRAPH.QUERY", store.graph_name, params_header(params) + store._query(query_name), "--compact")
        try:
            if self._pipe is None:
                if store._db is None:
                    store._db = store._connect()
                self._pool = store._db.connection.connection_pool
                self._pipe = self._pool.get_connection()
            self._pipe.send_command(*command)
        except _CONNECTION_ERRORS as exc:
            self._lost(exc)
        self._pending += 1

    def sync(self) -> None:
        """Read the replies of the queries sent so far; raise the first error among them."""
        if not self._pending:
            return
        try:
            errors = self._drain()
        except _CONNECTION_ERRORS as exc:
            self._lost(exc)
        self._refresh()
        if errors:
            raise self._store._typed(errors[0]) from errors[0]

    def close(self) -> None:
        """Give the connection back, having waited for what was sent (a write that failed did not read it)."""
        pipe, pool = self._pipe, self._pool
        if pipe is None or pool is None:
            return
        try:
            self._drain()
        except _CONNECTION_ERRORS:
            pipe.disconnect()
        self._pipe = self._pool = None
        self._pending = 0
        pool.release(pipe)

    def _drain(self) -> list[redis.ResponseError]:
        """Read the pending replies; the errors among them (a broken connection raises)."""
        assert self._pipe is not None
        errors: list[redis.ResponseError] = []
        while self._pending:
            try:
                self._pipe.read_response()
            except redis.ResponseError as exc:
                errors.append(exc)
            self._pending -= 1
        return errors

    def _lost(self, exc: BaseException) -> NoReturn:
        """The connection of the sent queries broke: whether they ran is unknown, so the write starts over."""
        if self._pipe is not None and self._pool is not None:
            self._pipe.disconnect()
            self._pool.release(self._pipe)
        self._pipe = self._pool = None
        self._pending = 0
        self._store._db = None
        self._start_over(StoreUnavailable(f"cannot reach FalkorDB at {self._store.url}: {exc}"))

    def _start_over(self, exc: StoreUnavailable) -> NoReturn:
        store = self._store
        if store._server is None or self._restarted:
            raise exc
        self._restarted = True
        store._restart()  # the server is back (with what it had acknowledged): the caller starts over
        raise _ServerRestarted() from None

    def _refresh(self) -> None:
        now = time.monotonic()
        if now - self._refreshed > REFRESH_EVERY_S:
            self._lock.refresh()
            self._refreshed = now
