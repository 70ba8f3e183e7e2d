"""`POST /cypher`: read-only Cypher for notebooks, capped in rows and time.

The engine enforces read-only (FalkorDB's GRAPH.RO_QUERY, Neo4j's READ access mode), so a write is refused
by the database itself, not by parsing the text here. The user's own query text is the one place Cypher
comes from outside `queries/`; its values still travel as parameters.
"""

from __future__ import annotations

from fastapi import APIRouter

from app.api.deps import SettingsDep, StoreDep
from app.api.problems import Problem, ProblemDetail
from app.api.schemas import CypherRequest, CypherResult
from graph.errors import QueryError, WriteRefused

router = APIRouter(tags=["cypher"])


@router.post("/cypher", response_model=CypherResult, summary="Run a read-only Cypher query",
             responses={400: {"model": ProblemDetail}, 403: {"model": ProblemDetail}})
def run_cypher(body: CypherRequest, store: StoreDep, settings: SettingsDep) -> dict:
    try:
        rows, truncated = store.read_cypher(body.query, body.params, limit=settings.cypher_row_limit,
                                            timeout_ms=settings.cypher_timeout_ms)
    except WriteRefused as exc:
        raise Problem(403, f"this endpoint is read-only: {exc}", slug="write-refused", title="Write refused") from None
    except QueryError as exc:
        raise Problem(400, f"the query failed: {exc}", slug="bad-query", title="Bad query") from None
    return {"rows": rows, "count": len(rows), "truncated": truncated, "limit": settings.cypher_row_limit}
