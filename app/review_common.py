"""What the review services of positions (app/reviewing.py) and of guarantees (app/guarantee_reviewing.py)
share: the refusal they raise, the time a review is stamped with, and how a typed actor or term is found."""

from __future__ import annotations

import datetime as dt

from graph.store import Store


class ReviewProblem(ValueError):
    """A review that cannot be recorded: `status` is the HTTP status it means (404: no such document or
    position; 422: a field that does not fit)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def resolve_node(store: Store, kind: str, value: str) -> str:
    """A node id from what was typed (id, name, alias or label, as the API's filters resolve it)."""
    if kind == "actor":
        rows = store.run("resolve_actor", value=value.strip().lower())
    else:
        text = value.strip().lower()
        rows = store.run("resolve_term", value=text, key="_".join(text.replace("-", " ").split()))
    if not rows:
        raise ReviewProblem(422, f"unknown {kind} {value!r}")
    return str(rows[0]["id"])
