"""The review layer: analysts' decisions about positions and guarantees, kept apart from what the extractor
stored.

A review record names the position it is about by a stable key — document, sentence index, actor, relation,
term — or the guarantee it is about by document, sentence index, guarantor and beneficiary (the store keeps
one GUARANTEES edge per guarantor, beneficiary and sentence, so the status, which an edit may change, is not
part of the key), and carries the sentence's quote, so that it can be matched again after the document is
loaded anew: `load --force` and a changed extractor rewrite a document's edges, never its reviews. `overlay`
(positions) and `guarantee_overlay` (guarantees) lay a document's reviews over its current edges, in pure
Python (both engines give the same answer):

- each review is *anchored*: at its sentence when an edge there still has its quote, at another sentence when
  an edge there has it (the document changed around it), at its own sentence when the quote is still in the
  text; otherwise it is *orphaned* (listed, never silently dropped, and never applied);
- per key the latest anchored review decides (by time, then id); every review stays in the history;
- confirm keeps an edge, reject hides it, edit replaces its actor, relation, term or conditions (a guarantee's
  guarantor, beneficiary, status or scope), add creates
  an edge the extractor missed; a confirmed or edited edge the extractor no longer finds stays too (the
  analyst's word wins over a new extraction).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from graph.vocabulary import GuaranteeStatus, Relation, ReviewDecision, ReviewSubject, ReviewView

Row = dict[str, Any]
POSITION_FIELDS = ("actor", "relation", "term")
GUARANTEE_FIELDS = ("guarantor", "beneficiary", "status", "scope")


@dataclass(frozen=True, order=True)
class PositionKey:
    """A position's identity for reviewing: the same across loads of the same document and extractor versions
    as long as the sentence keeps its index (and found again by its quote when it does not)."""

    doc: str
    sentence: int
    actor: str
    relation: str
    term: str

    @classmethod
    def of(cls, row: Mapping[str, Any]) -> PositionKey:
        return cls(str(row["doc"]), int(row.get("sentence") or 0), str(row["actor"]), str(row["relation"]),
                   str(row["term"]))

    def as_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "sentence": self.sentence, "actor": self.actor, "relation": self.relation,
                "term": self.term}


class ReviewRecord(BaseModel):
    """One stored decision (a Review node). `new_*` hold an edit's changed fields; `conditional_on` and
    `confidence` are the extracted edge's when it was reviewed (for the agreement figures)."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1, max_length=64)
    doc: str = Field(min_length=1, max_length=200)
    sentence: int = Field(ge=0)
    quote: str = Field(min_length=1)
    actor: str = Field(min_length=1, max_length=200)
    relation: Relation
    term: str = Field(min_length=1, max_length=200)
    decision: ReviewDecision
    reason: str | None = Field(default=None, max_length=2000)
    reviewer: str = Field(min_length=1, max_length=100)
    at: str = Field(min_length=1)  # ISO 8601 UTC with microseconds: sorts as text
    new_actor: str | None = None
    new_relation: Relation | None = None
    new_term: str | None = None
    new_conditional_on: list[str] | None = None
    conditional_on: list[str] | None = None
    confidence: float | None = None

    @property
    def key(self) -> PositionKey:
        return PositionKey(self.doc, self.sentence, self.actor, str(self.relation), self.term)

    def stored(self) -> Row:
        """The node's properties: no nulls and no empty lists (Neo4j stores neither)."""
        return {k: (str(v) if k in ("relation", "decision", "new_relation") else v)
                for k, v in self.model_dump().items() if v is not None and v != []}


@dataclass(frozen=True, order=True)
class GuaranteeKey:
    """A guarantee's identity for reviewing: document, sentence index, guarantor and beneficiary (the store
    keeps one GUARANTEES edge per such four), the same across loads as long as the sentence keeps its index (and
    found again by its quote when it does not). Its status is what a review may change, so it is no part of it."""

    doc: str
    sentence: int
    guarantor: str
    beneficiary: str

    @classmethod
    def of(cls, row: Mapping[str, Any]) -> GuaranteeKey:
        return cls(str(row["doc"]), int(row.get("sentence") or 0), str(row["guarantor"]), str(row["beneficiary"]))

    def as_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "sentence": self.sentence, "guarantor": self.guarantor,
                "beneficiary": self.beneficiary}


class GuaranteeReviewRecord(BaseModel):
    """One stored decision about a guarantee (a Review node with `subject` guarantee). `status` and `scope`
    are the edge's when it was reviewed (for an add: the added guarantee's); `new_*` hold an edit's changed
    fields; `confidence` is the extracted edge's."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1, max_length=64)
    subject: ReviewSubject = ReviewSubject.GUARANTEE
    doc: str = Field(min_length=1, max_length=200)
    sentence: int = Field(ge=0)
    quote: str = Field(min_length=1)
    guarantor: str = Field(min_length=1, max_length=200)
    beneficiary: str = Field(min_length=1, max_length=200)
    status: GuaranteeStatus
    scope: str | None = None
    decision: ReviewDecision
    reason: str | None = Field(default=None, max_length=2000)
    reviewer: str = Field(min_length=1, max_length=100)
    at: str = Field(min_length=1)
    new_guarantor: str | None = None
    new_beneficiary: str | None = None
    new_status: GuaranteeStatus | None = None
    new_scope: str | None = None
    confidence: float | None = None

    @property
    def key(self) -> GuaranteeKey:
        return GuaranteeKey(self.doc, self.sentence, self.guarantor, self.beneficiary)

    def stored(self) -> Row:
        """The node's properties: no nulls (Neo4j stores none), enums as their strings."""
        return {k: (str(v) if k in ("subject", "status", "decision", "new_status") else v)
                for k, v in self.model_dump().items() if v is not None}


AnyReview = ReviewRecord | GuaranteeReviewRecord
K = TypeVar("K", PositionKey, GuaranteeKey)


def normalise(text: str | None) -> str:
    return " ".join((text or "").split())


@dataclass
class Entry(Generic[K]):
    """A position (or a guarantee) as a view shows it: its fields, which layers hold it (`extracted`: the
    extractor stored it; `reviewed`: the reviewed graph holds it), its review status and the latest review."""

    row: Row
    key: K
    status: str  # unreviewed | confirmed | rejected | edited | added
    extracted: bool
    reviewed: bool
    latest: AnyReview | None = None

    def out(self) -> Row:
        latest = self.latest
        return {**self.row, "review_key": self.key.as_dict(), "review_status": self.status,
                "layer": "both" if self.extracted and self.reviewed else "extracted" if self.extracted
                else "reviewed",
                "review": None if latest is None else {"decision": str(latest.decision), "reviewer": latest.reviewer,
                                                        "at": latest.at, "reason": latest.reason, "id": latest.id}}

    def shown_in(self, view: ReviewView) -> bool:
        return view == ReviewView.BOTH or (self.extracted if view == ReviewView.EXTRACTED else self.reviewed)


@dataclass
class DocumentOverlay(Generic[K]):
    entries: list[Entry[K]] = field(default_factory=list)
    orphans: list[Any] = field(default_factory=list)  # ReviewRecord (positions) or GuaranteeReviewRecord
    anchored: dict[str, K] = field(default_factory=dict)  # review id -> the key it applies to

    def view(self, view: ReviewView) -> list[Row]:
        return [e.out() for e in self.entries if e.shown_in(view)]


_STATUS = {ReviewDecision.CONFIRM: "confirmed", ReviewDecision.REJECT: "rejected", ReviewDecision.EDIT: "edited",
           ReviewDecision.ADD: "added"}


R = TypeVar("R", ReviewRecord, GuaranteeReviewRecord)


def latest_first(reviews: Iterable[R]) -> list[R]:
    return sorted(reviews, key=lambda r: (r.at, r.id), reverse=True)


def _anchor(review: AnyReview, quotes: dict[int, set[str]], sentence_of: dict[str, int], text: str,
            exists: bool) -> int | None:
    """The sentence a review applies to now, or None when its sentence is gone (an orphan)."""
    if not exists:
        return None
    quote = normalise(review.quote)
    if quote in quotes.get(review.sentence, set()):
        return review.sentence
    if quote in sentence_of:
        return sentence_of[quote]
    if quote and quote in text:
        return review.sentence
    return None


def _from_review(review: ReviewRecord, key: PositionKey) -> Row:
    """An edge the extractor does not hold (now), as the review describes it."""
    return {"doc": key.doc, "sentence": key.sentence, "actor": key.actor, "relation": key.relation,
            "term": key.term, "quote": review.quote, "confidence": review.confidence,
            "conditional_on": review.conditional_on or [], "rule": "review"}


def _edited(row: Row, review: ReviewRecord) -> Row:
    out = dict(row)
    if review.new_actor:
        out["actor"], out["actor_name"] = review.new_actor, None
    if review.new_relation:
        out["relation"] = str(review.new_relation)
    if review.new_term:
        out["term"], out["term_label"] = review.new_term, None
    if review.new_conditional_on is not None:
        out["conditional_on"] = review.new_conditional_on
    out["extracted_as"] = {k: row.get(k) for k in POSITION_FIELDS}
    return out


@dataclass(frozen=True)
class _Kind(Generic[K, R]):
    """What the overlay needs to know of a kind of edge: its key from a row and from an anchored review, the
    edge a review describes when the extractor holds none, and an edge as an edit changes it."""

    key_of: Callable[[Mapping[str, Any]], K]
    review_key: Callable[[str, int, R], K]
    from_review: Callable[[R, K], Row]
    edited: Callable[[Row, R], Row]


def _from_guarantee_review(review: GuaranteeReviewRecord, key: GuaranteeKey) -> Row:
    return {"doc": key.doc, "sentence": key.sentence, "guarantor": key.guarantor, "beneficiary": key.beneficiary,
            "status": str(review.status), "scope": review.scope, "quote": review.quote,
            "confidence": review.confidence, "rule": "review"}


def _edited_guarantee(row: Row, review: GuaranteeReviewRecord) -> Row:
    out = dict(row)
    if review.new_guarantor:
        out["guarantor"], out["guarantor_name"] = review.new_guarantor, None
    if review.new_beneficiary:
        out["beneficiary"], out["beneficiary_name"] = review.new_beneficiary, None
    if review.new_status:
        out["status"] = str(review.new_status)
    if review.new_scope:
        out["scope"] = review.new_scope
    out["extracted_as"] = {k: row.get(k) for k in GUARANTEE_FIELDS}
    return out


_POSITIONS: _Kind[PositionKey, ReviewRecord] = _Kind(
    PositionKey.of, lambda doc, sentence, r: PositionKey(doc, sentence, r.actor, str(r.relation), r.term),
    _from_review, _edited)
_GUARANTEES: _Kind[GuaranteeKey, GuaranteeReviewRecord] = _Kind(
    GuaranteeKey.of, lambda doc, sentence, r: GuaranteeKey(doc, sentence, r.guarantor, r.beneficiary),
    _from_guarantee_review, _edited_guarantee)


def overlay(doc: str, extracted: Iterable[Mapping[str, Any]], reviews: Iterable[ReviewRecord], text: str | None,
            *, exists: bool = True) -> DocumentOverlay[PositionKey]:
    """The document's positions with its reviews applied (see the module's docstring)."""
    return _overlay(_POSITIONS, doc, extracted, reviews, text, exists)


def guarantee_overlay(doc: str, extracted: Iterable[Mapping[str, Any]], reviews: Iterable[GuaranteeReviewRecord],
                      text: str | None, *, exists: bool = True) -> DocumentOverlay[GuaranteeKey]:
    """The document's guarantees with their reviews applied, as `overlay` does for positions: rows of
    queries/review_guarantee_edges.cypher (doc, sentence, guarantor, beneficiary, status, scope, quote …)."""
    return _overlay(_GUARANTEES, doc, extracted, reviews, text, exists)


def _overlay(kind: _Kind[K, R], doc: str, extracted: Iterable[Mapping[str, Any]], reviews: Iterable[R],
             text: str | None, exists: bool) -> DocumentOverlay[K]:
    rows = [dict(r, doc=doc) for r in extracted]
    quotes: dict[int, set[str]] = {}
    sentence_of: dict[str, int] = {}
    for r in rows:
        q = normalise(r.get("quote"))
        quotes.setdefault(int(r.get("sentence") or 0), set()).add(q)
        sentence_of.setdefault(q, int(r.get("sentence") or 0))
    flat = normalise(text)
    result: DocumentOverlay[K] = DocumentOverlay()
    by_key: dict[K, list[R]] = {}
    for review in reviews:
        sentence = _anchor(review, quotes, sentence_of, flat, exists)
        if sentence is None:
            result.orphans.append(review)
            continue
        key = kind.review_key(doc, sentence, review)
        result.anchored[review.id] = key
        by_key.setdefault(key, []).append(review)
    latest = {k: latest_first(v)[0] for k, v in by_key.items()}
    seen: set[K] = set()
    for row in rows:
        key = kind.key_of(row)
        if key in seen:
            continue
        seen.add(key)
        result.entries.extend(_entries(kind, row, key, latest.get(key), extracted=True))
    for key, review in sorted(latest.items()):
        if key not in seen:
            result.entries.extend(_entries(kind, kind.from_review(review, key), key, review, extracted=False))
    result.entries.sort(key=lambda e: (e.key.sentence, not e.extracted, e.key))
    return result


def _entries(kind: _Kind[K, R], row: Row, key: K, review: R | None, *, extracted: bool) -> list[Entry[K]]:
    if review is None:
        return [Entry(row, key, "unreviewed", extracted=True, reviewed=True)]
    decision = review.decision
    if decision == ReviewDecision.REJECT:
        return [Entry(row, key, "rejected", extracted=extracted, reviewed=False, latest=review)] if extracted else []
    if decision == ReviewDecision.EDIT:
        out = [Entry(kind.edited(row, review), key, "edited", extracted=False, reviewed=True, latest=review)]
        if extracted:
            out.insert(0, Entry(row, key, "edited", extracted=True, reviewed=False, latest=review))
        return out
    status = _STATUS[decision] if not extracted or decision != ReviewDecision.ADD else "confirmed"
    return [Entry(row, key, status, extracted=extracted, reviewed=True, latest=review)]


@dataclass
class Agreement:
    """The extractor measured against the reviews: an extracted edge confirmed is right, one rejected or
    edited is wrong, and an edited, added or kept-but-no-longer-extracted edge is one it missed."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @classmethod
    def of(cls, results: Iterable[DocumentOverlay]) -> Agreement:
        agreement = cls()
        for result in results:
            agreement.add(result)
        return agreement

    def figures(self) -> dict[str, Any]:
        return {"true_positives": self.true_positives, "false_positives": self.false_positives,
                "false_negatives": self.false_negatives, "precision": self.precision, "recall": self.recall}

    def add(self, result: DocumentOverlay) -> None:
        for e in result.entries:
            if e.latest is None:
                continue
            if e.extracted:
                if e.status == "confirmed":
                    self.true_positives += 1
                elif e.status in ("rejected", "edited"):
                    self.false_positives += 1
            elif e.reviewed:
                self.false_negatives += 1

    @property
    def precision(self) -> float | None:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else None

    @property
    def recall(self) -> float | None:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else None
