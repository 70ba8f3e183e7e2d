"""How the API declares the dates it takes, so that the OpenAPI schema says exactly what is accepted.

Why: dates are partial ISO strings (YYYY, YYYY-MM, YYYY-MM-DD) checked by the graph model's validator, and
were declared as free strings, so a client generated from the schema sent strings that were then refused.
Now the schema lists a full ISO date (`format: date`), a year or a year and month (a pattern), and for a
query filter the empty string (no filter, as a form sends an empty field); `ascii_iso` refuses what the
model's validator lets through but the schema does not (other scripts' digits, a trailing newline).
"""

from __future__ import annotations

import re
from typing import Any

# A year the store's dates can hold (0001-9999: `format: date` alone would allow 0000), alone, with a month,
# or in a full date.
YEAR = "(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})"
PARTIAL_DATE_PATTERN = f"^{YEAR}(-(0[1-9]|1[0-2]))?$"
DATE_ALTERNATIVES: list[dict[str, Any]] = [{"type": "string", "format": "date", "pattern": f"^{YEAR}-"},
                                           {"type": "string", "pattern": PARTIAL_DATE_PATTERN}]
# A filter's empty field (`date_from=`, `status=`, `min_confidence=`) is no filter, as a form sends it.
EMPTY_FIELD: dict[str, Any] = {"type": "string", "maxLength": 0, "description": "empty: no filter"}
BODY_DATE_SCHEMA: dict[str, Any] = {"anyOf": DATE_ALTERNATIVES}
FILTER_DATE_SCHEMA: dict[str, Any] = {"anyOf": [*DATE_ALTERNATIVES, EMPTY_FIELD]}
_ASCII_ISO = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


def empty_none(value: object) -> object:
    """An empty date field (`date_from=`) means "no filter", as an HTML form sends it; a blank one is refused
    as the schema refuses it."""
    return None if value == "" else value


def ascii_iso(value: str) -> str:
    """The model's date check also takes other scripts' digits and a trailing newline (its `\\d` and `$`):
    refused here, so that a generated client's check and the server's agree."""
    if not _ASCII_ISO.fullmatch(value):
        raise ValueError(f"date {value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return value
