"""The pydantic model of the position graph.

A `DocumentGraph` is the only thing loaders hand to the store: everything one document yields, already
consistent (every position points at an actor and a term that the same bundle carries), so the store can
write it without looking anything up.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from graph.vocabulary import ActorKind, GuaranteeStatus, Relation

RELATIONS: tuple[Relation, ...] = tuple(Relation)
GUARANTEE_STATUSES: tuple[GuaranteeStatus, ...] = tuple(GuaranteeStatus)
ACTOR_KINDS: tuple[str, ...] = tuple(ActorKind)

Id = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
# Integers both engines store (64-bit) and a browser's JSON reads exactly (2^53 - 1): sentence indexes, offsets
# and counts are far below it, so a larger one is bad input, refused here rather than by a driver mid-load.
MAX_STORED_INT = 2**53 - 1
StoredInt = Annotated[int, Field(ge=0, le=MAX_STORED_INT)]

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _check_partial_date(value: str) -> str:
    """Accept YYYY, YYYY-MM or YYYY-MM-DD: news metadata is often only approximate, and ISO strings of
    mixed precision still sort and compare correctly as text in both database engines."""
    match = _PARTIAL_DATE.match(value)
    if not match:
        raise ValueError(f"date {value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise ValueError(f"date {value!r} is not a real date: {exc}") from None
    return value


PartialDate = Annotated[str, AfterValidator(_check_partial_date)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Actor(_Model):
    id: Id
    name: str = Field(min_length=1)
    kind: ActorKind = ActorKind.STATE
    aliases: list[str] = Field(default_factory=list)


class Official(_Model):
    id: Id
    name: str = Field(min_length=1)
    role: str | None = None
    represents: Id


class Term(_Model):
    id: Id
    label: str = Field(min_length=1)
    category: str | None = None
    definition: str | None = None
    opposite: Id | None = None  # the term meaning the same thing negated: favouring one conflicts with the other
    core: Id | None = None  # a process pack's term: its parent in the core vocabulary


class Document(_Model):
    id: Id
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    date: PartialDate | None = None
    language: str | None = None
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    text: str | None = None
    # Where the document came from, so a quote can be traced back: a file name, a URL or "<dump>, row N"; the
    # MIME type of what was read; where its title, outlet, author and URL came from ("page metadata", "front
    # matter", "meta.yaml + PDF info" …) and where its date came from ("inferred" when read from the text).
    source: str | None = None
    content_type: str | None = None
    meta_origin: str | None = None
    date_origin: str | None = None
    process: Id | None = None  # the peace process it is about (a process pack's id); None: none detected
    # actors the codebook does not know, found when the document was loaded (loaders/unknown_actors.py): name,
    # kind and number of mentions, in three lists of one length
    unknown_names: list[str] = Field(default_factory=list)
    unknown_kinds: list[str] = Field(default_factory=list)
    unknown_counts: list[StoredInt] = Field(default_factory=list)


class Provenance(_Model):
    """Where an edge comes from: enough to show the reader the sentence and who said it."""

    doc: Id
    sentence: StoredInt
    span: tuple[StoredInt, StoredInt] | None = None
    quote: str = Field(min_length=1)
    speaker: Id | None = None
    date: PartialDate | None = None
    confidence: float = Field(ge=0.0, le=1.0)
    rule: str = Field(min_length=1)
    conditional_on: list[Id] = Field(default_factory=list)
    slot: Id | None = None  # the actor the term is about, where the text names it (whose forces, the mediator)

    @model_validator(mode="after")
    def _span_ordered(self) -> Provenance:
        if self.span is not None and not (0 <= self.span[0] <= self.span[1]):
            raise ValueError(f"span {self.span} must be (start, end) with 0 <= start <= end")
        return self


class Position(_Model):
    actor: Id
    relation: Relation
    term: Id
    provenance: Provenance


class Guarantee(_Model):
    guarantor: Id
    beneficiary: Id
    status: GuaranteeStatus
    scope: Id | None = None
    proposed_by: Id | None = None
    provenance: Provenance


class DocumentGraph(_Model):
    """All one document yields. Validated as a whole so the store never writes a dangling edge."""

    document: Document
    actors: list[Actor] = Field(default_factory=list)
    officials: list[Official] = Field(default_factory=list)
    terms: list[Term] = Field(default_factory=list)
    positions: list[Position] = Field(default_factory=list)
    guarantees: list[Guarantee] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> DocumentGraph:
        actor_ids = {a.id for a in self.actors}
        term_ids = {t.id for t in self.terms}
        official_ids = {o.id for o in self.officials}
        problems: list[str] = []

        def need(kind: str, value: str | None, known: set[str], where: str) -> None:
            if value is not None and value not in known:
                problems.append(f"{where}: unknown {kind} {value!r}")

        for o in self.officials:
            need("actor", o.represents, actor_ids, f"official {o.id}")
        edges: list[tuple[str, Provenance]] = []
        for i, p in enumerate(self.positions):
            need("actor", p.actor, actor_ids, f"positions[{i}]")
            need("term", p.term, term_ids, f"positions[{i}]")
            edges.append((f"positions[{i}]", p.provenance))
        for i, g in enumerate(self.guarantees):
            for field in (g.guarantor, g.beneficiary, g.proposed_by):
                need("actor", field, actor_ids, f"guarantees[{i}]")
            need("term", g.scope, term_ids, f"guarantees[{i}]")
            edges.append((f"guarantees[{i}]", g.provenance))
        for where, prov in edges:
            if prov.doc != self.document.id:
                problems.append(f"{where}: provenance doc {prov.doc!r} is not {self.document.id!r}")
            need("official", prov.speaker, official_ids, where)
            for term in prov.conditional_on:
                need("term", term, term_ids, f"{where}.conditional_on")
        for kind, ids in (("actor", [a.id for a in self.actors]), ("official", [o.id for o in self.officials]),
                          ("term", [t.id for t in self.terms])):
            dupes = sorted(i for i, n in Counter(ids).items() if n > 1)
            if dupes:
                problems.append(f"duplicate {kind} ids: {dupes}")
        if problems:
            raise ValueError("; ".join(problems))
        return self
