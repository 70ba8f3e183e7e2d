"""Neo4j 5 backend through the official driver.

Reads run in READ access mode: the named queries as auto-commit reads (one round trip each; on other servers
that speak Bolt, managed read transactions), user-supplied Cypher in a managed read transaction with its time
limit. A batch of writes runs in one managed write transaction, so a Neo4j load is atomic per batch.
User-supplied Cypher is EXPLAINed first and refused unless the planner says it only reads: READ access mode
alone is not enforced by every server.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar
from urllib.parse import unquote

import neo4j
from neo4j import GraphDatabase
from neo4j import exceptions as neo4j_errors
from neo4j.graph import Node, Path, Relationship

import queries
from graph.errors import QueryError, QueryLimitExceeded, StoreUnavailable, UnknownQuery, WriteRefused
from graph.records import Health, Record, Writer, redact
from graph.store import BaseStore

# Neo4j's status codes for a query stopped at a limit (time, memory): the same 422 as on FalkorDB
_LIMIT_CODES = ("TransactionTimedOut", "TransactionTimedOutClientConfiguration", "MemoryPoolOutOfMemoryError",
                "TransactionOutOfMemoryError", "Terminated")
T = TypeVar("T")
WRITER = "writer"  # the StoreLock node every writer takes

# (redacted URL, database) pairs whose schema this process has created already.
_SCHEMA_READY: set[tuple[str, str | None]] = set()


_SCALARS = frozenset((str, int, float, bool, type(None)))


def to_plain(value: Any) -> Any:
    """Driver objects → the same plain shapes the FalkorDB backend returns."""
    if type(value) in _SCALARS:  # nearly every cell: answered before the isinstance checks below
        return value
    if isinstance(value, Node):
        return {"labels": sorted(value.labels), "properties": dict(value)}
    if isinstance(value, Relationship):
        return {"type": value.type, "properties": dict(value)}
    if isinstance(value, Path):
        return {"nodes": [to_plain(n) for n in value.nodes], "edges": [to_plain(r) for r in value.relationships]}
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def _record(record: neo4j.Record) -> Record:
    return {key: value if type(value) in _SCALARS else to_plain(value)
            for key, value in zip(record.keys(), record.values(), strict=True)}


# A read whose rows are more than this is streamed record by record (a backup's every node and edge): as one
# list it would be held whole in the server's heap.
_COLLECT_MAX_ROWS = 50_000


def _collected(text: str, columns: Sequence[str]) -> str:
    """`text` as a subquery whose rows come back as one list of lists (`columns` in order), in one record.

    The driver handles each record of a reply in Python (a message read, a Record built, its values hydrated):
    about 25 µs a record, so the 2,400 rows of the stance matrix cost 60-70 ms on the client where the server
    spent 20-40 ms; one record of 2,400 lists is decoded by the packstream codec alone, in ~1 ms. `collect`
    keeps the subquery's row order (its ORDER BY), and a query without rows gives one empty list."""
    keys = ", ".join("`" + c.replace("`", "``") + "`" for c in columns)
    return f"CALL {{\n{text}\n}}\nRETURN collect([{keys}]) AS rows"


def _split_userinfo(url: str) -> tuple[str, str | None, str | None]:
    """`bolt://user:password@host` → (`bolt://host`, user, password). The driver refuses a URL with userinfo and
    quotes the whole URL, password included, in its error; credentials given this way are used instead."""
    scheme, sep, rest = url.partition("://")
    end = min((i for i in (rest.find(c) for c in "/?#") if i >= 0), default=len(rest))
    userinfo, at, hostport = rest[:end].rpartition("@")
    if not sep or not at:
        return url, None, None
    user, _, password = userinfo.partition(":")
    return f"{scheme}://{hostport}{rest[end:]}", unquote(user) or None, unquote(password) or None


class Neo4jStore(BaseStore):
    backend = "neo4j"

    def __init__(self, url: str, *, user: str | None, password: str | None, database: str | None,
                 schema: bool = True) -> None:
        """`schema=False` is for servers that speak Bolt but are not Neo4j (the embedded FalkorDB's Bolt port in
        the smoke test, which calls itself Neo4j): no constraints (no Neo4j DDL there), and the reads as
        managed transactions with their rows streamed (no subqueries there, and an auto-commit query runs on
        its default graph, not on the session's database)."""
        self.url = redact(url)
        self.database = database
        url, url_user, url_password = _split_userinfo(url)
        user, password = user or url_user, password or url_password
        auth = (user or "neo4j", password or "") if (user or password) else None
        try:
            # Notifications off: Neo4j warns, in the log of every process, about each property key a query names
            # that no node has yet (`url` on documents without one) — normal for this data model, not news.
            self._driver = GraphDatabase.driver(url, auth=auth, connection_timeout=5, max_transaction_retry_time=10,
                                                notifications_min_severity="OFF")
        except (ValueError, neo4j_errors.ConfigurationError) as exc:
            raise StoreUnavailable(f"bad Neo4j URL {self.url}: {exc}") from exc
        # query text → its columns, learnt from its first run; later runs fetch the rows as one record
        # (_collected). Only on Neo4j itself: other servers that speak Bolt may lack subqueries, and FalkorDB's
        # Bolt port runs an auto-commit query on its default graph, not on the session's database.
        self._columns: dict[str, tuple[str, ...]] = {}
        self._neo4j_itself = False
        try:
            self._guard(lambda: self._driver.verify_connectivity())
            agent = self._guard(lambda: self._driver.get_server_info()).agent or ""
            self._neo4j_itself = schema and agent.startswith("Neo4j/")  # FalkorDB's Bolt port says "Neo4j/5.13.0"
            if schema:
                self._ensure_schema()
        except BaseException:
            _SCHEMA_READY.discard((self.url, self.database))
            self._driver.close()
            raise

    def _guard(self, action: Callable[[], T]) -> T:
        try:
            return action()
        except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, OSError) as exc:
            raise StoreUnavailable(f"cannot reach Neo4j at {self.url}: {exc}") from exc
        except neo4j_errors.AuthError as exc:
            raise StoreUnavailable(f"Neo4j at {self.url} refused the credentials: {exc.message}") from exc
        except neo4j_errors.ClientError as exc:
            code = exc.code or ""
            if "AccessMode" in code or "ForbiddenDueToTransactionType" in code:
                raise WriteRefused(f"write refused in read mode: {exc.message}") from exc
            if any(limit in code for limit in _LIMIT_CODES):
                raise QueryLimitExceeded(f"{code}: {exc.message}") from exc
            raise QueryError(f"{code}: {exc.message}") from exc
        except neo4j_errors.Neo4jError as exc:
            if any(limit in (exc.code or "") for limit in _LIMIT_CODES):
                raise QueryLimitExceeded(f"{exc.code}: {exc.message}") from exc
            raise QueryError(f"{exc.code}: {exc.message}") from exc

    def _session(self, mode: str):
        return self._driver.session(database=self.database, default_access_mode=mode)

    @staticmethod
    def _query(name: str) -> str:
        try:
            return queries.load(name, "neo4j").statement
        except queries.UnknownQueryName as exc:
            raise UnknownQuery(str(exc)) from exc

    def _ensure_schema(self) -> None:
        """Create the constraints and indexes (all `IF NOT EXISTS`) once per server and database in a process:
        each statement is a schema transaction of its own, and a test suite or a CLI opens stores often."""
        key = (self.url, self.database)
        if key in _SCHEMA_READY:
            return
        _SCHEMA_READY.add(key)  # taken back by __init__ when a statement fails
        with self._session(neo4j.WRITE_ACCESS) as session:
            for stmt in queries.statements(queries.load("schema", "neo4j").text):
                self._guard(lambda s=stmt: session.run(s).consume())  # type: ignore[misc]

    # -- Store ----------------------------------------------------------------------------------------------
    def run(self, query_name: str, **params: Any) -> list[Record]:
        text = self._query(query_name)
        columns = self._columns.get(text)

        def work(session: neo4j.Session | neo4j.ManagedTransaction) -> list[Record]:
            if columns is None:
                result = session.run(text, params)
                records = [_record(r) for r in result]
                if self._neo4j_itself and len(records) <= _COLLECT_MAX_ROWS:
                    self._columns[text] = tuple(result.keys())
                return records
            rows = session.run(_collected(text, columns), params).single(strict=True)[0]
            if len(rows) > _COLLECT_MAX_ROWS:  # a whole-store read (a backup): streamed from now on
                self._columns.pop(text, None)
            return [{key: value if type(value) in _SCALARS else to_plain(value)
                     for key, value in zip(columns, row, strict=True)} for row in rows]

        if not self._neo4j_itself:
            with self._session(neo4j.READ_ACCESS) as session:
                return self._guard(lambda: session.execute_read(work))
        return self._guard(lambda: self._auto_read(work))

    def _auto_read(self, work: Callable[[neo4j.Session], T]) -> T:
        """`work` as an auto-commit read: one round trip (RUN and PULL sent together) where a managed
        transaction takes two (BEGIN, RUN, PULL, then COMMIT). Measured on a local Neo4j 5, a one-row read
        cost 0.3 ms of the API's CPU and 0.2-0.4 ms of the server's this way against 0.5 and 0.35-0.7 managed,
        and the API's reads are one query each. The driver retries only managed transactions, so a transient
        error (a lock, a leader switch, a connection the server dropped) is retried here, twice at most."""
        for attempt in range(3):
            try:
                with self._session(neo4j.READ_ACCESS) as session:
                    return work(session)
            except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
                if attempt == 2 or not exc.is_retryable():
                    raise
                time.sleep(0.05 * 2 ** attempt)
        raise AssertionError("unreachable")

    def write(self, query_name: str, **params: Any) -> list[Record]:
        return self.exclusive(lambda w: w.run(query_name, **params))

    def exclusive(self, work: Callable[[Writer], T]) -> T:
        """One write transaction that first sets the StoreLock node (queries/store_lock.cypher), so writers
        run one after another, and gives it a new write stamp, which readers see change when the transaction
        commits; the driver may retry `work` from the start on a transient error."""
        lock = self._query("store_lock")

        def tx_work(tx) -> T:
            tx.run(lock, {"name": WRITER}).consume()
            return work(_TxWriter(self, tx))

        with self._session(neo4j.WRITE_ACCESS) as session:
            return self._guard(lambda: session.execute_write(tx_work))

    def write_stamp(self) -> str | None:
        """The StoreLock node's stamp (queries/write_stamp.cypher): one read by unique index."""
        rows = self.run("write_stamp", name=WRITER)
        return rows[0]["stamp"] if rows else None

    def read_cypher(self, text: str, params: dict[str, Any], *, limit: int,
                    timeout_ms: int) -> tuple[list[Record], bool]:
        def work(tx) -> tuple[list[Record], bool]:
            plan = tx.run("EXPLAIN " + text, params).consume()
            if plan.query_type not in ("r", None):
                raise WriteRefused(f"only read queries are allowed here (this one is of type {plan.query_type!r})")
            result = tx.run(text, params)
            records: list[Record] = []
            for record in result:
                if len(records) == limit:
                    return records, True
                records.append(_record(record))
            return records, False

        with self._session(neo4j.READ_ACCESS) as session:
            return self._guard(lambda: session.execute_read(neo4j.unit_of_work(timeout=timeout_ms / 1000)(work)))

    def health(self) -> Health:
        info = self._guard(lambda: self._driver.get_server_info())
        return Health(self.backend, self.url, info.agent or "Neo4j")

    def reset(self) -> None:
        """Everything deleted, the StoreLock node with it, which the next write (store_lock.cypher) makes
        again with a fresh stamp: so the stamp after a reset is never one seen before it."""
        def work(w: Writer) -> None:
            w.send("reset")
            w.send("store_lock", name=WRITER)

        self.exclusive(work)

    def close(self) -> None:
        self._driver.close()


class _TxWriter:
    """Runs a writer's queries inside its transaction."""

    def __init__(self, store: Neo4jStore, tx) -> None:
        self._store = store
        self._tx = tx

    def run(self, query_name: str, **params: Any) -> list[Record]:
        return [_record(r) for r in self._tx.run(self._store._query(query_name), params)]

    def send(self, query_name: str, **params: Any) -> None:
        self._tx.run(self._store._query(query_name), params).consume()
