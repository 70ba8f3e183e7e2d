"""Query parameters shared by several routers, validated before any query runs.

Dates are partial ISO strings (YYYY, YYYY-MM, YYYY-MM-DD) checked by the same validator as the graph model,
so a date the API accepts is one the store can hold; relation names are case-insensitive.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Query
from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints, WithJsonSchema

from app.api.dates import BODY_DATE_SCHEMA, EMPTY_FIELD, FILTER_DATE_SCHEMA, ascii_iso, empty_none
from app.services.resolve import resolve_process_param
from graph.model import PartialDate
from graph.vocabulary import EdgeRelation, GuaranteeStatus, Relation, ReviewView


def _upper(value: object) -> object:
    return value.strip().upper() if isinstance(value, str) else value


def _lower(value: object) -> object:
    """A blank value is left as it is, for `_blank_none` to refuse (it is not an empty field)."""
    return value.strip().lower() if isinstance(value, str) and value.strip() else value


def _blank_none(value: object) -> object:
    """An empty form field (`status=`) means "no filter", as an HTML form sends it (the schema says so:
    `dates.EMPTY_FIELD`; a blank one is refused, as the schema refuses it)."""
    return None if value == "" else value


RelationParam = Annotated[Relation, BeforeValidator(_upper)]
EdgeRelationParam = Annotated[EdgeRelation, BeforeValidator(_upper)]
Status = Annotated[GuaranteeStatus, BeforeValidator(_lower)]
OptionalStatus = Annotated[GuaranteeStatus | None, BeforeValidator(_blank_none), BeforeValidator(_lower)]

# Declared as what is taken (app/api/dates.py): a full ISO date, YYYY or YYYY-MM (a real one), or, as a
# filter, empty.
ApiDate = Annotated[PartialDate, AfterValidator(ascii_iso), WithJsonSchema(FILTER_DATE_SCHEMA)]
BodyDate = Annotated[PartialDate, AfterValidator(ascii_iso), WithJsonSchema(BODY_DATE_SCHEMA)]
DateFrom = Annotated[ApiDate | None, BeforeValidator(empty_none), Query(
    description="earliest date, partial ISO (2022, 2022-03, 2022-03-16)", examples=["2022-03"])]
DateTo = Annotated[ApiDate | None, BeforeValidator(empty_none), Query(
    description="latest date, partial ISO; 2022-03 includes all of March", examples=["2022-12"])]
Confidence = Annotated[float, Field(ge=0.0, le=1.0)]
MinConfidence = Annotated[Confidence | None, BeforeValidator(_blank_none), WithJsonSchema(
    {"anyOf": [{"type": "number", "minimum": 0.0, "maximum": 1.0}, EMPTY_FIELD]}), Query(
    description="only edges whose confidence (the stance model's calibrated probability: of edges "
                                "at 0.8 or more, about nine in ten are right) reaches this; default: the "
                                "service's PEACEGRAPH_MIN_CONFIDENCE (0, every stored edge, unless set)")]
Relations = Annotated[list[RelationParam] | None,
                      Query(alias="relation", description="keep these relations (repeatable)")]
Skip = Annotated[int, Query(ge=0, le=1_000_000, description="rows to skip (paging)")]
Limit = Annotated[int, Query(ge=1, le=5000, description="rows to return at most")]
# The length bound sits on the string itself: on the optional as a whole it was applied to the None that an
# empty `process=` becomes (a 500).
Process = Annotated[Annotated[str, StringConstraints(max_length=100)] | None, BeforeValidator(resolve_process_param),
                    Query(description="only what documents about this peace process say (a process pack's id or "
                                      "name: `sudan`, `Russia–Ukraine`); absent or empty: every process",
                          examples=["gaza"])]
PerGroup = Annotated[int, Query(ge=1, le=1000, description="sources to list per term (or actor) at most, newest first")]


# The review layer's views (graph/review.py): what the extractor stored, the graph as reviewed, or both.
ViewParam = Annotated[ReviewView, Query(description="reviewed (default): rejected edges left out, edits applied, "
                                                    "added edges in; extracted: as the extractor stored them; "
                                                    "both: every edge with its review status")]
