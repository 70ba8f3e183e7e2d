"""Colours and words of the vocabulary (graph/vocabulary.py) as the pages show them: the graph page, its
legend, the matrix, guarantees and timeline pages all take them from here."""

from __future__ import annotations

from graph.vocabulary import ActorKind, EdgeRelation, GuaranteeStatus, Relation

ACTOR_COLOURS: dict[str, str] = {ActorKind.STATE: "#4e79a7", ActorKind.ORGANIZATION: "#f28e2b",
                                 ActorKind.COALITION: "#59a14f", ActorKind.GROUP: "#b07aa1",
                                 ActorKind.ARMED_GROUP: "#e15759", ActorKind.AUTHORITY: "#9c755f"}
TERM_COLOUR = "#f3dc7a"
RELATION_COLOURS: dict[str, str] = {Relation.DEMANDS: "#d62728", Relation.OFFERS: "#2ca02c",
                                    Relation.SUPPORTS: "#1f77b4", Relation.REJECTS: "#222222"}
GUARANTEE_COLOURS: dict[str, str] = {GuaranteeStatus.PROPOSED: "#9467bd", GuaranteeStatus.WILLING: "#17becf",
                                     GuaranteeStatus.DECLINED: "#ff7f0e"}
RELATION_VERBS: dict[str, str] = {r: r.lower() for r in Relation}  # demands, offers, supports, rejects
GUARANTEE_VERBS: dict[str, str] = {GuaranteeStatus.PROPOSED: "is proposed as a guarantor of",
                                   GuaranteeStatus.WILLING: "is willing to guarantee",
                                   GuaranteeStatus.DECLINED: "declines to guarantee"}


def edge_colour(relation: str, status: str | None) -> str:
    if relation == EdgeRelation.GUARANTEES:
        return GUARANTEE_COLOURS.get(status or "", "#9467bd")
    return RELATION_COLOURS.get(relation, "#888888")


def phrase(relation: str | None, status: str | None = None) -> str:
    """The verb a reader understands: 'demands', 'is willing to guarantee' (never 'GUARANTEES')."""
    if relation == EdgeRelation.GUARANTEES:
        return GUARANTEE_VERBS.get(status or "", "guarantees")
    return RELATION_VERBS.get(relation or "", (relation or "").lower())


def legend() -> list[dict[str, str]]:
    """What each colour means, for the page's legend."""
    items = [{"colour": c, "text": f"actor: {k}", "shape": "dot"} for k, c in ACTOR_COLOURS.items()]
    items.append({"colour": TERM_COLOUR, "text": "negotiating term", "shape": "box"})
    items += [{"colour": c, "text": RELATION_VERBS[r], "shape": "line"} for r, c in RELATION_COLOURS.items()]
    items += [{"colour": c, "text": f"guarantee: {s}", "shape": "line"} for s, c in GUARANTEE_COLOURS.items()]
    return items
