"""Turn what a user typed into node ids: `Kyiv` → UKR, `russia` → RUS, `nato non accession` → nato_non_accession.

Resolution runs named queries against the Actor and Term nodes themselves (ids, names, aliases, labels), so
an analyst's codebook additions work in the API without code changes; a name once resolved is kept until the
store is next written (app/services/per_stamp.py). An unknown value is a `NotFound`
naming it (a 404 in the API, an `error:` line in the CLI).
"""

from __future__ import annotations

import re
from typing import Any

from app.services import per_stamp
from app.services.errors import InvalidRequest, NotFound
from graph.store import Store

_NON_WORD = re.compile(r"[\s\-]+")


def resolve_actor(store: Store, value: str) -> dict[str, Any]:
    """The actor (id, name, kind) that `value` names by id, name or alias, any case (kept per write stamp)."""
    text = value.strip().lower()

    def find() -> dict[str, Any]:
        rows = store.run("resolve_actor", value=text)
        if not rows:
            raise NotFound("actor", value)
        return rows[0]

    return dict(per_stamp.kept(store, ("actor", text), find))


def resolve_term(store: Store, value: str) -> dict[str, Any]:
    """The term (id, label, category) that `value` names by id (spaces read as underscores) or label (kept
    per write stamp)."""
    text = value.strip().lower()

    def find() -> dict[str, Any]:
        rows = store.run("resolve_term", value=text, key=_NON_WORD.sub("_", text))
        if not rows:
            raise NotFound("term", value)
        return rows[0]

    return dict(per_stamp.kept(store, ("term", text), find))


def resolve_actors(store: Store, values: list[str] | None) -> list[str] | None:
    return None if not values else list(dict.fromkeys(resolve_actor(store, v)["id"] for v in values))


def resolve_terms(store: Store, values: list[str] | None) -> list[str] | None:
    return None if not values else list(dict.fromkeys(resolve_term(store, v)["id"] for v in values))


_PROCESS_SEPARATORS = re.compile(r"[\s\-–—/]+")


def resolve_process_param(value: str | None) -> str | None:
    """A process filter as typed to a process pack's id: `Russia–Ukraine`, `russia ukraine` → russia_ukraine;
    empty means no filter."""
    if value is None or not value.strip():
        return None
    return _PROCESS_SEPARATORS.sub("_", value.strip().lower())


def check_range(date_from: str | None, date_to: str | None) -> None:
    """A range that ends before it starts is a caller's mistake worth naming, not an empty result."""
    if date_from and date_to and date_from > date_to and not date_from.startswith(date_to):
        raise InvalidRequest(f"date_from {date_from!r} is after date_to {date_to!r}")
