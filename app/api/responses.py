"""The error responses routes declare in OpenAPI, in one place, as the handlers of `app.api.problems` send them.

Why: clients generated from `/openapi.json` (the notebooks') trust it, so a 404 or 503 the API sends must be
listed, with the media type it really has: the JSON API's errors are `application/problem+json` bodies of
`ProblemDetail`; the pages' errors are HTML pages (`problems.wants_html`). FastAPI on its own lists 200 and
a 422 as `application/json` only.

`problems(...)` and `pages(...)` build a `responses=` mapping for the statuses given; `READ`/`PAGE` are what
every API or page route can answer (a bad parameter, a query that failed, the database down or a query over a
limit), applied per router in `app.api.router`; a route adds its own (404, 401 …).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from app.api.problems import MEDIA_TYPE, ProblemDetail

Responses = dict[int | str, dict[str, Any]]

PROBLEM_REF = {"$ref": "#/components/schemas/ProblemDetail"}

# What each status means here, as the handlers and routes send it.
MEANING: dict[int, str] = {
    400: "the body is not valid JSON",
    401: "X-API-Key missing or not a valid key",
    403: "not allowed: a write refused, or reviewing on a server without reviewer keys",
    404: "not found: an unknown actor, term, document or position (named in `detail`)",
    413: "the body is over the size limit",
    415: "a kind of file that is not read",
    422: "invalid request: a parameter or the body does not fit (each listed in `errors`), a date range that "
         "ends before it starts, or a document nothing could be read from",
    429: "busy: too many queries at once; try again",
    500: "a database query failed",
    501: "no extractor installed",
    502: "the URL cannot be fetched",
    503: "the database is unavailable, or a query was stopped at a limit (see Retry-After)",
}


def problems(*statuses: int, **meanings: str) -> Responses:
    """`responses=` for these statuses, each an `application/problem+json` `ProblemDetail`; `meanings`
    (`_404="no such document"`) replaces a status's general description where a route knows better."""
    return {status: {"description": meanings.get(f"_{status}", MEANING[status]),
                     "content": {MEDIA_TYPE: {"schema": PROBLEM_REF}}} for status in statuses}


def pages(*statuses: int) -> Responses:
    """`responses=` for an HTML page's errors: the same statuses, as an HTML page a person can read."""
    return {status: {"description": MEANING[status], "content": {"text/html": {"schema": {"type": "string"}}}}
            for status in statuses}


READ = problems(422, 500, 503)
PAGE = pages(422, 500, 503)
NOT_FOUND = problems(404)
PAGE_NOT_FOUND = pages(404)
WRITE = problems(401)


def install(app: FastAPI) -> None:
    """Generate the schema with `ProblemDetail` among its components (the responses above refer to it)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version, openapi_version=app.openapi_version,
                                 summary=app.summary, description=app.description, routes=app.routes,
                                 tags=app.openapi_tags, servers=app.servers)
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            components["ProblemDetail"] = ProblemDetail.model_json_schema(ref_template="#/components/schemas/{model}")
            for operations in schema["paths"].values():
                for operation in operations.values():
                    _no_invalid_request_without_input(operation)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _no_invalid_request_without_input(operation: dict[str, Any]) -> None:
    """A route that takes no parameter and no body cannot answer 422 (an unknown query parameter is ignored):
    the router-wide `READ` does not list it there."""
    if not operation.get("parameters") and "requestBody" not in operation:
        operation["responses"].pop("422", None)
