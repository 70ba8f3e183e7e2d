"""Query parameters shared by several routers, validated before any query runs.

Dates are partial ISO strings (YYYY, YYYY-MM, YYYY-MM-DD) checked by the same validator as the graph model,
so a date the API accepts is one the store can hold; relation names are case-insensitive.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from fastapi import Query
from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints, WithJsonSchema

from app.api.problems import Problem
from app.api.resolve import resolve_process_param
from graph.model import PartialDate
from graph.vocabulary import ReviewView

RelationName = Literal["DEMANDS", "OFFERS", "SUPPORTS", "REJECTS"]
EdgeRelationName = Literal["DEMANDS", "OFFERS", "SUPPORTS", "REJECTS", "GUARANTEES"]
StatusName = Literal["proposed", "willing", "declined"]
FAVOUR = ("DEMANDS", "OFFERS", "SUPPORTS")


def _upper(value: object) -> object:
    return value.strip().upper() if isinstance(value, str) else value


def _lower(value: object) -> object:
    return value.strip().lower() if isinstance(value, str) else value


def _blank_none(value: object) -> object:
    """An empty form field (`status=`) means "no filter", as an HTML form sends it."""
    return None if isinstance(value, str) and not value.strip() else value


Relation = Annotated[RelationName, BeforeValidator(_upper)]
EdgeRelation = Annotated[EdgeRelationName, BeforeValidator(_upper)]
Status = Annotated[StatusName, BeforeValidator(_lower)]
OptionalStatus = Annotated[StatusName | None, BeforeValidator(_blank_none), BeforeValidator(_lower)]

# A year the store's dates can hold (0001-9999: `format: date` alone would allow 0000), alone, with a month,
# or in a full date.
YEAR = "(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})"
PARTIAL_DATE_PATTERN = f"^{YEAR}(-(0[1-9]|1[0-2]))?$"
DATE_ALTERNATIVES: list[dict[str, Any]] = [{"type": "string", "format": "date", "pattern": f"^{YEAR}-"},
                                           {"type": "string", "pattern": PARTIAL_DATE_PATTERN}]
DATE_SCHEMA: dict[str, Any] = {"anyOf": [
    *DATE_ALTERNATIVES,
    {"type": "string", "maxLength": 0, "description": "empty: no filter, as a form sends an empty field"}]}
_ASCII_ISO = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


def _empty_none(value: object) -> object:
    """An empty date field (`date_from=`) means "no filter", as an HTML form sends it."""
    return None if value == "" else value


def _ascii_iso(value: str) -> str:
    """The store's date check also takes other scripts' digits and a trailing newline (its `\\d` and `$`);
    the API takes exactly what `DATE_SCHEMA` declares, so that a generated client's check and the server's
    agree."""
    if not _ASCII_ISO.fullmatch(value):
        raise ValueError(f"date {value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return value


# Declared as what is taken: a full ISO date, YYYY or YYYY-MM (a real one), or (a query filter) empty.
ApiDate = Annotated[PartialDate, AfterValidator(_ascii_iso), WithJsonSchema(DATE_SCHEMA)]
BodyDate = Annotated[PartialDate, AfterValidator(_ascii_iso), WithJsonSchema({"anyOf": DATE_ALTERNATIVES})]
DateFrom = Annotated[ApiDate | None, BeforeValidator(_empty_none), Query(
    description="earliest date, partial ISO (2022, 2022-03, 2022-03-16)", examples=["2022-03"])]
DateTo = Annotated[ApiDate | None, BeforeValidator(_empty_none), Query(
    description="latest date, partial ISO; 2022-03 includes all of March", examples=["2022-12"])]
Confidence = Annotated[float, Field(ge=0.0, le=1.0)]
MinConfidence = Annotated[Confidence | None, BeforeValidator(_blank_none), Query(
    description="only edges whose confidence (the stance model's calibrated probability: of edges "
                                "at 0.8 or more, about nine in ten are right) reaches this; default: the "
                                "service's PEACEGRAPH_MIN_CONFIDENCE (0, every stored edge, unless set)")]
Relations = Annotated[list[Relation] | None, Query(alias="relation", description="keep these relations (repeatable)")]
Skip = Annotated[int, Query(ge=0, le=1_000_000, description="rows to skip (paging)")]
Limit = Annotated[int, Query(ge=1, le=5000, description="rows to return at most")]
# The length bound sits on the string itself: on the optional as a whole it was applied to the None that an
# empty `process=` becomes (a 500).
Process = Annotated[Annotated[str, StringConstraints(max_length=100)] | None, BeforeValidator(resolve_process_param),
                    Query(description="only what documents about this peace process say (a process pack's id or "
                                      "name: `sudan`, `Russia–Ukraine`); absent or empty: every process",
                          examples=["gaza"])]
PerGroup = Annotated[int, Query(ge=1, le=1000, description="sources to list per term (or actor) at most, newest first")]


def check_range(date_from: str | None, date_to: str | None) -> None:
    """A range that ends before it starts is a caller's mistake worth naming, not an empty result."""
    if date_from and date_to and date_from > date_to and not date_from.startswith(date_to):
        raise Problem(422, f"date_from {date_from!r} is after date_to {date_to!r}", slug="invalid-request",
                      title="Invalid request")


# The review layer's views (graph/review.py): what the extractor stored, the graph as reviewed, or both.
ViewParam = Annotated[ReviewView, Query(description="reviewed (default): rejected edges left out, edits applied, "
                                                    "added edges in; extracted: as the extractor stored them; "
                                                    "both: every edge with its review status")]
