"""Hot JSON routes answer with rows already in their response model's shape, serialised in one pass.

Why: FastAPI validates a route's return value against its `response_model` (building one pydantic object per
row, then dumping them again) before encoding it; on a page of 100 guarantees or an actor's 200 sources that
was most of the ~4 ms of Python a request cost, and under 32 clients the one API process is CPU-bound. The
rows come from our own queries, so `shape` builds each response dict straight from the model's field list
(same keys, same order, same defaults, extra keys dropped, as `extra="ignore"` did), and `FastJSON` encodes it
with pydantic-core's Rust serialiser. A route that returns a `Response` is not validated by FastAPI, while
its `response_model` still documents the schema in OpenAPI. Evidence rendered when its edge was written
(graph/evidence.py) is spliced in as it is stored (`RawJSON`, `spliced`, `with_sources`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from fastapi.responses import Response
from pydantic import BaseModel
from pydantic_core import to_json

from graph.kept import newest_sources
from graph.model import RELATIONS

Row = dict[str, Any]


class FastJSON(Response):
    """`application/json` from plain dicts, lists and scalars (pydantic-core's serialiser, UTF-8 as is)."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return to_json(content)


@cache
def fields(model: type[BaseModel]) -> tuple[tuple[str, ...], tuple[Any, ...], bool]:
    """The names and defaults of `model`'s fields, in declaration order (a required field's default is None:
    our queries always return it), and whether any default is a list (to be copied, not shared)."""
    names, defaults = [], []
    for name, info in model.model_fields.items():
        names.append(name)
        defaults.append(None if info.is_required() else info.get_default(call_default_factory=True))
    return tuple(names), tuple(defaults), any(isinstance(d, list) for d in defaults)


def shape(model: type[BaseModel], row: Row) -> Row:
    """`row` as `model(**row).model_dump()` would give it for flat models: the model's keys only, in order,
    a missing key as its default (a fresh list for list defaults)."""
    names, defaults, lists = fields(model)
    if lists:
        return {n: row.get(n, list(d) if isinstance(d, list) else d) for n, d in zip(names, defaults, strict=True)}
    return dict(zip(names, map(row.get, names, defaults), strict=True))


def shape_all(model: type[BaseModel], rows: Iterable[Row]) -> list[Row]:
    names, defaults, lists = fields(model)
    if lists:
        return [shape(model, r) for r in rows]
    return [dict(zip(names, map(r.get, names, defaults), strict=True)) for r in rows]


class RawJSON(Response):
    """`application/json` already encoded (`spliced`): the body is sent as given."""

    media_type = "application/json"


def spliced(items: Iterable[str]) -> bytes:
    """A JSON array of JSON texts rendered when their edges were written (graph/evidence.py), joined without
    parsing them: they are pydantic-core's output for the response model's own keys, as FastJSON's are."""
    return ("[" + ",".join(items) + "]").encode()


def with_sources(head: Row, sources: list[str]) -> bytes:
    """`head` encoded with a last key `sources` holding already-encoded evidence (a model whose `sources`
    field comes last, as TermStance and ActorStance do)."""
    return to_json(head)[:-1] + b',"sources":' + spliced(sources) + b"}"


def counts(row: Row) -> Row:
    """RelationCounts from an aggregate's `demands` … `rejects` (a missing count is 0)."""
    return {rel: row.get(rel.lower()) or 0 for rel in RELATIONS}


def kept_groups(rows: Iterable[Row], head: Callable[[Row], Row], relations: Iterable[str] | None,
                per_group: int) -> list[bytes] | None:
    """Encoded groups (a term of an actor, an actor of a term) from Stance rows with their kept sources
    (graph/kept.py): `head(row)`, the counts of `relations` (all when None; a group without any is left out,
    as the edge queries leave it out) and the newest `per_group` sources of those relations, from a row's one
    `recent` list (actor_stance_recent) or from its lists per relation (actor_stance_sources). None when a
    row's lists are unknown (a cell a running load has counted and not yet given its lists: FalkorDB does not
    run a load's queries as one transaction): the caller then asks the edges."""
    wanted = {str(r) for r in relations} if relations else set(RELATIONS)
    classes = [r.lower() for r in RELATIONS if r in wanted]
    out = []
    for row in rows:
        if "recent" in row:
            sources = None if row["recent"] is None else row["recent"][:per_group]
        else:
            sources = newest_sources(row, per_group, classes)
        if sources is None:
            return None
        group_counts = {rel: n if rel in wanted else 0 for rel, n in counts(row).items()}
        if any(group_counts.values()):
            out.append(with_sources({**head(row), "counts": group_counts}, sources))
    return out
