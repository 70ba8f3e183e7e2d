"""`POST /cypher`: read-only Cypher for notebooks, bounded in rows, time, memory and concurrency.

The engine enforces read-only (FalkorDB's GRAPH.RO_QUERY, Neo4j's READ access mode), so a write is refused
by the database itself, not by parsing the text here. Reading is not harmless either: `LOAD CSV` and plug-in
procedures reach files and the network from inside the database, so those are refused before anything is
sent (`graph.cypher_text`). The store caps rows inside the query and runs it under the time limit; the
engine's memory limits do the rest. At most `cypher_max_concurrent` calls run at once per process, the
others get 429 at once: heavy notebook queries must not hold every worker the rest of the API needs.
Parameters are checked here (names, 64-bit integers, text the engine can take), so a bad one is a 422
rather than an engine error or a silent clamp. The user's own query text is the one place Cypher comes from
outside `queries/`; its values still travel as parameters.
"""

from __future__ import annotations

import math
import threading
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Request

from app.api.deps import SettingsDep, StoreDep, require_api_key
from app.api.problems import Problem
from app.api.responses import problems
from app.api.schemas import CypherRequest, CypherResult
from graph.cypher_text import forbidden_access
from graph.errors import QueryError, QueryLimitExceeded, WriteRefused

router = APIRouter(tags=["cypher"])

INT64 = (-(2**63), 2**63 - 1)


def cypher_key(settings: SettingsDep,
               x_api_key: Annotated[str | None, Header(description="needed when the server has PEACEGRAPH_API_KEY "
                                                                   "set (unless PEACEGRAPH_CYPHER_NEEDS_KEY=false)")]
               = None) -> None:
    """Reading arbitrary Cypher is as sensitive as writing when a key is configured: it needs the key too,
    unless `cypher_needs_key` is off."""
    if settings.cypher_needs_key:
        require_api_key(settings, x_api_key)


async def cypher_slot(request: Request) -> AsyncIterator[None]:
    """One of `cypher_max_concurrent` slots, or 429 at once."""
    state = request.app.state
    gate = getattr(state, "cypher_gate", None)
    if gate is None:
        gate = state.cypher_gate = threading.BoundedSemaphore(state.settings.cypher_max_concurrent)
    if not gate.acquire(blocking=False):
        raise Problem(429, f"the read-only Cypher endpoint is busy ({state.settings.cypher_max_concurrent} queries "
                      "running); try again shortly", slug="cypher-busy", title="Too many Cypher queries",
                      headers={"Retry-After": "1"})
    try:
        yield
    finally:
        gate.release()


def _bad_text(value: str, where: str) -> str | None:
    if "\x00" in value:
        return f"{where} contains a NUL character"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return f"{where} contains a lone UTF-16 surrogate (not valid Unicode text)"
    return None


def parameter_problem(value: Any, where: str) -> str | None:
    """Why a parameter value cannot be sent as it is (None if it can)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        if not INT64[0] <= value <= INT64[1]:
            return f"{where} is {value}, beyond a 64-bit integer"
        return None
    if isinstance(value, float):
        return None if math.isfinite(value) else f"{where} is not a finite number"
    if isinstance(value, str):
        return _bad_text(value, where)
    if isinstance(value, list):
        for i, item in enumerate(value):
            if problem := parameter_problem(item, f"{where}[{i}]"):
                return problem
        return None
    if isinstance(value, dict):
        for key, item in value.items():
            if problem := _name_problem(key, f"a map key in {where}") or parameter_problem(item, f"{where}.{key}"):
                return problem
        return None
    return f"{where} has an unsupported type {type(value).__name__}"


def _name_problem(name: str, what: str) -> str | None:
    if name == "":
        return f"{what} is empty: every name needs at least one character"
    if "`" in name:
        return f"{what} {name!r} contains a backtick"
    return _bad_text(name, f"{what} {name!r}")


def check_request(body: CypherRequest) -> None:
    """422 for parameters the engine cannot take, 403 for file or network access."""
    problems = [p for p in (_bad_text(body.query, "the query"),) if p]
    for name, value in body.params.items():
        problem = _name_problem(name, "parameter name") or parameter_problem(value, f"parameter {name!r}")
        if problem:
            problems.append(problem)
    if problems:
        raise Problem(422, "; ".join(problems), slug="invalid-request", title="Invalid request")
    reason = forbidden_access(body.query)
    if reason:
        raise Problem(403, f"{reason}; this endpoint only reads the graph (file and network access are not "
                      "allowed)", slug="access-refused", title="Access refused")


@router.post("/cypher", response_model=CypherResult, summary="Run a read-only Cypher query",
             dependencies=[Depends(cypher_key), Depends(cypher_slot)],
             responses=problems(400, 401, 403, 422, 429, _400="the body is not JSON, or the statement is not valid "
                                                                   "Cypher or failed",
                                _403="the statement writes, or reaches for files or the network",
                                _422="the body does not fit, or the query was stopped at its time or memory limit"))
def run_cypher(body: CypherRequest, store: StoreDep, settings: SettingsDep) -> dict:
    check_request(body)
    try:
        rows, truncated = store.read_cypher(body.query, body.params, limit=settings.cypher_row_limit,
                                            timeout_ms=settings.cypher_timeout_ms)
    except WriteRefused as exc:
        raise Problem(403, f"this endpoint is read-only: {exc}", slug="write-refused", title="Write refused") from None
    except QueryLimitExceeded as exc:
        raise Problem(422, f"the query was stopped at a limit: {exc} (time limit {settings.cypher_timeout_ms} ms)",
                      slug="query-limit", title="Query over a limit") from None
    except QueryError as exc:
        raise Problem(400, f"the query failed: {exc}", slug="bad-query", title="Bad query") from None
    return {"rows": rows, "count": len(rows), "truncated": truncated, "limit": settings.cypher_row_limit}
