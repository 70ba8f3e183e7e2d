"""The project's one vocabulary: relations, guarantee statuses, actor kinds, stance classes and mention kinds.

Every layer speaks it — the extractor (`loaders/`), the model and the store (`graph/`), the API and the pages
(`app/`) — so a relation is spelled once. The members are `StrEnum`s: they compare equal to their plain
strings, which is what the database, the JSON API and the codebook YAML hold.
"""

from __future__ import annotations

from enum import StrEnum


class Relation(StrEnum):
    """A stance of an actor on a term (GUARANTEES is a relation between actors, see GuaranteeStatus)."""

    DEMANDS = "DEMANDS"
    OFFERS = "OFFERS"
    SUPPORTS = "SUPPORTS"
    REJECTS = "REJECTS"


class EdgeRelation(StrEnum):
    """The relation an edge of the graph carries: a position's (Relation), or GUARANTEES, from a guarantor to
    the party it would protect (with a GuaranteeStatus)."""

    DEMANDS = "DEMANDS"
    OFFERS = "OFFERS"
    SUPPORTS = "SUPPORTS"
    REJECTS = "REJECTS"
    GUARANTEES = "GUARANTEES"


class StanceClass(StrEnum):
    """What a stance predicate says before it meets a term: a relation, or FAVOUR, resolved per term through
    who concedes and who benefits (OFFERS, DEMANDS or SUPPORTS)."""

    DEMANDS = "DEMANDS"
    OFFERS = "OFFERS"
    SUPPORTS = "SUPPORTS"
    REJECTS = "REJECTS"
    FAVOUR = "FAVOUR"


class GuaranteeStatus(StrEnum):
    """proposed: named as guarantor by someone else; willing: says so itself; declined: refuses the role."""

    PROPOSED = "proposed"
    WILLING = "willing"
    DECLINED = "declined"


class ActorKind(StrEnum):
    STATE = "state"
    ORGANIZATION = "organization"
    COALITION = "coalition"
    GROUP = "group"
    ARMED_GROUP = "armed_group"  # a non-state party to a conflict: Hamas, the RSF, M23, the ELN (or one side's army)
    AUTHORITY = "authority"  # de facto authorities of a territory (the Nagorno-Karabakh authorities)

    @classmethod
    def of(cls, kind: str) -> ActorKind:
        """A codebook entry's kind; one the graph has no kind for (an analyst's own word) is a group."""
        return cls(kind) if kind in tuple(cls) else cls.GROUP


class MentionKind(StrEnum):
    """What a span of a document was found to be (loaders.mentions)."""

    ACTOR = "actor"
    OFFICIAL = "official"
    OFFICIAL_ANAPHORA = "official_anaphora"
    FIRST_PERSON = "first_person"
    PLURAL_ANAPHORA = "plural_anaphora"
    TERM = "term"
    TERM_ANAPHORA = "term_anaphora"
    TERM_LIST_ANAPHORA = "term_list_anaphora"
    SPEECH = "speech"
    PASSIVE_ATTRIBUTION = "passive_attribution"
    GUARANTEE_CUE = "guarantee_cue"
    NAMED_GUARANTOR = "named_guarantor"
    GROUP = "group"
    SPECULATION = "speculation"


FAVOUR = (Relation.DEMANDS, Relation.OFFERS, Relation.SUPPORTS)  # in this order where a list is shown or keyed
FAVOUR_RELATIONS = frozenset(FAVOUR)
HOLDER_KINDS = frozenset({MentionKind.ACTOR, MentionKind.OFFICIAL, MentionKind.OFFICIAL_ANAPHORA,
                          MentionKind.FIRST_PERSON, MentionKind.PLURAL_ANAPHORA})


class ReviewDecision(StrEnum):
    """What an analyst said about a position or a guarantee (graph/review.py): it is right, wrong, right once
    changed, or missing (added on a sentence)."""

    CONFIRM = "confirm"
    REJECT = "reject"
    EDIT = "edit"
    ADD = "add"


class ReviewSubject(StrEnum):
    """What a review is about: a position (a stance edge on a term) or a guarantee (a GUARANTEES edge between
    actors). A Review node of a position carries no subject (those written before guarantees were reviewable
    have none either)."""

    POSITION = "position"
    GUARANTEE = "guarantee"


class ReviewView(StrEnum):
    """Which layer a read shows: what the extractor stored, the graph as reviewed (rejected edges hidden, edits
    applied, added edges shown), or both (every row, each with its review status)."""

    EXTRACTED = "extracted"
    REVIEWED = "reviewed"
    BOTH = "both"
