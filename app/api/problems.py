"""Errors as RFC 9457 problem details (`application/problem+json`: type, title, status, detail).

Every error the API returns has this one shape, whether it comes from a route (`Problem`), from request
validation, from Starlette (404 for an unknown path, 405), from a service's domain errors (`NotFound`,
`InvalidRequest`: services know no HTTP) or from the store's typed errors, so a client needs one error
handler. Store errors map by meaning: the database down is 503, a refused write 403, a failed named query 500
(a bug of ours, not the caller's).
"""

from __future__ import annotations

import functools
import logging
import re
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from app.services.errors import InvalidRequest, NotFound
from graph.errors import (
    ConfigurationError,
    QueryError,
    QueryLimitExceeded,
    StoreTooOld,
    StoreUnavailable,
    UnknownQuery,
    WriteRefused,
)

log = logging.getLogger(__name__)

MEDIA_TYPE = "application/problem+json"


class ProblemDetail(BaseModel):
    """The body of every error response (documented in OpenAPI for each route)."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    errors: list[dict[str, Any]] | None = None


class Problem(Exception):
    """Raised by routes for an expected failure; turned into a problem-details response."""

    def __init__(self, status: int, detail: str, *, slug: str | None = None, title: str | None = None,
                 errors: list[dict[str, Any]] | None = None, headers: dict[str, str] | None = None):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.title = title or HTTPStatus(status).phrase
        self.type = f"/problems/{slug}" if slug else "about:blank"
        self.errors = errors
        self.headers = headers


def _encodable(value: Any) -> Any:
    """Text the response can carry: a lone surrogate echoed from the request becomes a visible escape."""
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    if isinstance(value, dict):
        return {_encodable(k): _encodable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_encodable(v) for v in value]
    return value


def problem_response(request: Request, status: int, detail: str | None, *, type_: str = "about:blank",
                     title: str | None = None, errors: list[dict[str, Any]] | None = None,
                     headers: dict[str, str] | None = None) -> Response:
    detail, errors = _encodable(detail), _encodable(errors)
    if wants_html(request):
        from app.templating import render  # the pages' templates; only needed for a page's error

        html = render("error.html", page=None, status=status, title=title or HTTPStatus(status).phrase,
                      detail=detail, errors=errors, path=request.url.path)
        return HTMLResponse(html, status_code=status, headers=headers)
    body = ProblemDetail(type=type_, title=title or HTTPStatus(status).phrase, status=status, detail=detail,
                         instance=request.url.path, errors=errors)
    return JSONResponse(body.model_dump(exclude_none=True), status_code=status, media_type=MEDIA_TYPE,
                        headers=headers)


def wants_html(request: Request) -> bool:
    """Errors of the HTML pages (`/` and `/pages/...`) are HTML pages a person can read; the API's stay JSON."""
    path = request.url.path
    return path == "/" or path == "/pages" or path.startswith("/pages/")


def _location(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("query", "path", "header", "body", "cookie"):
        kind = {"query": "query parameter", "path": "path parameter", "header": "header", "body": "body",
                "cookie": "cookie"}[parts[0]]
        rest = ".".join(parts[1:])
        return f"{kind} {rest!r}" if rest else kind
    return ".".join(parts) or "request"


def _validation_message(error: dict[str, Any]) -> str:
    message = str(error.get("msg", "invalid value"))
    return message.removeprefix("Value error, ")


METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def allowed_methods(request: Request) -> list[str] | None:
    """Every method the request's path answers to, or None where that is not known.

    Why: Starlette's 405 names only the methods of the first route whose path matched, and `/documents/{id}`
    is two routes (GET and DELETE): a client reading `Allow` must see both. The methods are those the schema
    lists for the path, with OpenAPI's rule that a concrete path (`/documents/file`, POST) wins over a
    templated one (`/documents/{doc_id}`); a path outside the schema (a page, the docs) takes those of the
    routes that match it. A mount (static files) matches every method, so it says nothing: its own `Allow`
    stands."""
    path, root = request.scope["path"], request.scope.get("root_path", "")
    path = path.removeprefix(root) if root and path.startswith(root + "/") else path
    documented = [(template.count("{"), operations) for template, operations in request.app.openapi()["paths"].items()
                  if _template_regex(template).fullmatch(path)]
    if documented:
        fewest = min(params for params, _ in documented)
        return sorted({method.upper() for params, operations in documented if params == fewest
                       for method in operations if method.upper() in METHODS})
    allowed = [method for method in METHODS
               if any(route.matches({**request.scope, "method": method})[0] == Match.FULL
                      for route in request.app.router.routes)]
    return allowed if 0 < len(allowed) < len(METHODS) else None


@functools.cache
def _template_regex(template: str) -> re.Pattern[str]:
    """`/documents/{doc_id}` as a pattern of the paths it names (a parameter is one segment)."""
    return re.compile(re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)))


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into problem details."""

    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> Response:
        return problem_response(request, exc.status, exc.detail, type_=exc.type, title=exc.title, errors=exc.errors,
                                headers=exc.headers)

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc: NotFound) -> Response:
        return problem_response(request, 404, str(exc), type_=f"/problems/unknown-{exc.what.replace(' ', '-')}",
                                title=f"Unknown {exc.what}")

    @app.exception_handler(InvalidRequest)
    async def _invalid_request(request: Request, exc: InvalidRequest) -> Response:
        return problem_response(request, 422, str(exc), type_="/problems/invalid-request", title="Invalid request")

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = [{"location": _location(e.get("loc", ())), "message": _validation_message(e),
                   "input": e.get("input") if isinstance(e.get("input"), str | int | float | None) else None}
                  for e in exc.errors()]
        detail = "; ".join(f"{e['location']}: {e['message']}" for e in errors)
        return problem_response(request, 422, detail, type_="/problems/invalid-request", title="Invalid request",
                                errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        headers = getattr(exc, "headers", None)
        allowed = allowed_methods(request) if exc.status_code == 405 else None
        if allowed:
            headers = {**(headers or {}), "Allow": ", ".join(allowed)}
        return problem_response(request, exc.status_code, str(exc.detail) if exc.detail else None,
                                headers=headers)

    @app.exception_handler(StoreUnavailable)
    async def _unavailable(request: Request, exc: StoreUnavailable) -> Response:
        return problem_response(request, 503, str(exc), type_="/problems/store-unavailable",
                                title="Database unavailable", headers={"Retry-After": "5"})

    @app.exception_handler(StoreTooOld)
    async def _too_old(request: Request, exc: StoreTooOld) -> Response:
        return problem_response(request, 503, str(exc), type_="/problems/store-format",
                                title="Database in an older format")

    @app.exception_handler(WriteRefused)
    async def _refused(request: Request, exc: WriteRefused) -> Response:
        return problem_response(request, 403, str(exc), type_="/problems/write-refused", title="Write refused")

    @app.exception_handler(QueryLimitExceeded)
    async def _limit(request: Request, exc: QueryLimitExceeded) -> Response:
        log.error("query over a limit on %s: %s", request.url.path, exc)
        return problem_response(request, 503, f"the database stopped this request's query at a limit: {exc}",
                                type_="/problems/query-limit", title="Query over a limit",
                                headers={"Retry-After": "5"})

    @app.exception_handler(QueryError)
    async def _query(request: Request, exc: QueryError) -> Response:
        log.error("query failed on %s: %s", request.url.path, exc)
        return problem_response(request, 500, f"a database query failed: {exc}", type_="/problems/query-failed",
                                title="Query failed")

    @app.exception_handler(UnknownQuery)
    @app.exception_handler(ConfigurationError)
    async def _internal(request: Request, exc: Exception) -> Response:
        log.error("internal error on %s: %s", request.url.path, exc)
        return problem_response(request, 500, str(exc))
