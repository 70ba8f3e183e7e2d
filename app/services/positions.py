"""An actor's positions grouped by term, and a term's grouped by actor: one pair of reads for both.

Two reads answer: the Stance aggregates with the sources they keep (graph/kept.py), when no date or process
filter asks for the edges themselves and no more sources are wanted than a Stance keeps; else the edges,
grouped. The API encodes the kept sources as they are stored (app/api/fast.py `kept_groups`), and asks the
edges when a kept list is unknown (a cell a running load has counted and not yet given its lists: FalkorDB
does not run a load's queries as one transaction).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from app.api import evidence
from app.services.resolve import check_range, resolve_actor, resolve_term
from graph.kept import KEPT_SOURCES, kept_list
from graph.store import Store
from graph.vocabulary import Relation

Row = dict[str, Any]
Own = Literal["actor", "term"]


@dataclass(frozen=True)
class Reads:
    """The named queries of one side: the kept lists merged or one of them, the filtered edges, the edges
    under the aggregates' counts (and its per-group parameter); the group key and the fields a group heads
    with."""

    kept_lists: str
    kept_one: str
    edges: str
    edges_all: str
    per_group: str
    other: str
    head: tuple[str, ...]


READS: dict[Own, Reads] = {
    "actor": Reads("actor_stance_sources", "actor_stance_recent", "actor_positions", "actor_positions_all",
                   "per_term", "term", ("term", "label", "category")),
    "term": Reads("term_stance_sources", "term_stance_recent", "term_positions", "term_positions_all",
                  "per_actor", "actor", ("actor", "actor_name", "kind")),
}


@dataclass(frozen=True)
class Positions:
    """Whose positions (`ref`: the resolved actor or term) and, when the aggregates can answer, their Stance
    rows with the kept source lists (`kept`; None: read the edges with `from_edges`)."""

    ref: Row
    kept: list[Row] | None


def positions(store: Store, own: Own, value: str, relation: Sequence[Relation] | None, date_from: str | None,
              date_to: str | None, per_group: int, process: str | None) -> Positions:
    """`value` as typed (an actor's id, name or alias; a term's id or label)."""
    check_range(date_from, date_to)
    ref = resolve_actor(store, value) if own == "actor" else resolve_term(store, value)
    if date_from or date_to or process or per_group > KEPT_SOURCES:  # the aggregates sum every process
        return Positions(ref, None)
    reads, single = READS[own], kept_list(relation)
    if single is None:  # every list of the cell, to merge
        return Positions(ref, store.run(reads.kept_lists, **{own: ref["id"]}))
    return Positions(ref, store.run(reads.kept_one, **{own: ref["id"]}, list=single))


def from_edges(store: Store, own: Own, id_: str, relation: Sequence[Relation] | None, date_from: str | None,
               date_to: str | None, per_group: int, process: str | None = None) -> list[Row]:
    """The groups (an actor's terms, a term's actors) read from the edges, each with its counts per relation
    and its newest `per_group` sources: for dates, more sources than a Stance keeps, one process, or a kept
    list that is unknown."""
    reads = READS[own]
    if relation or date_from or date_to or process:  # counts of the filtered edges
        rows = store.run(reads.edges, **{own: id_}, relations=relation, date_from=date_from, date_to=date_to,
                         process=process, per_group=per_group)
    else:  # counts from the Stance aggregates, the newest sources per group from the edges
        rows = store.run(reads.edges_all, **{own: id_, reads.per_group: per_group})
    return evidence.grouped(rows, reads.other, reads.head)
