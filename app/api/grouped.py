"""An actor's positions grouped by term, and a term's grouped by actor, as extracted: one reading for both, since
they differ only in which end is asked and how a group is shaped.

The kept sources are spliced in as stored where the aggregates answer (app/services/positions.py), else the
groups are read from the edges."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pydantic_core import to_json

from app.api.fast import FastJSON, RawJSON, kept_groups, shape, shape_all
from app.api.schemas import ActorRef, ActorStance, Evidence, RelationCounts, TermRef, TermStance
from app.services.positions import Own, from_edges, positions
from graph.store import Store
from graph.vocabulary import Relation


@dataclass(frozen=True)
class Grouping:
    asked: Own  # the end the request names: "actor" or "term" (also the answer's key for it)
    groups: str  # the answer's key for the groups: "terms" or "actors"
    ref: type[BaseModel]
    group: Callable[[dict[str, Any]], dict[str, Any]]  # one group (a kept row or an edges' group), shaped


BY_ACTOR = Grouping("actor", "terms", ActorRef, lambda r: shape(TermStance, r))
BY_TERM = Grouping("term", "actors", TermRef, lambda r: shape(ActorStance, {**r, "name": r["actor_name"]}))


def extracted_groups(g: Grouping, ref: str, store: Store, relation: list[Relation] | None, date_from: str | None,
                     date_to: str | None, per_group: int, process: str | None) -> FastJSON | RawJSON:
    found = positions(store, g.asked, ref, relation, date_from, date_to, per_group, process)
    if found.kept is not None:
        encoded = kept_groups(found.kept, g.group, relation, per_group)
        if encoded is not None:
            return RawJSON(b'{"' + g.asked.encode() + b'":' + to_json(shape(g.ref, found.ref)) + b',"'
                           + g.groups.encode() + b'":[' + b",".join(encoded) + b"]}")
    return FastJSON({g.asked: shape(g.ref, found.ref),
                     g.groups: groups_from_edges(g, store, found.ref["id"], relation, date_from, date_to, per_group,
                                                 process)})


def groups_from_edges(g: Grouping, store: Store, ref: str, relation: list[Relation] | None, date_from: str | None,
                      date_to: str | None, per_group: int, process: str | None = None) -> list[dict]:
    """The groups read from the edges, shaped."""
    return [{**g.group(group), "counts": shape(RelationCounts, group["counts"]),
             "sources": shape_all(Evidence, group["sources"])}
            for group in from_edges(store, g.asked, ref, relation, date_from, date_to, per_group, process)]
