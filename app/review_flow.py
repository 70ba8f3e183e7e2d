"""The review service's flow for either kind of reviewed edge, positions (app/reviewing.py) and guarantees
(app/guarantee_reviewing.py): read a kind's reviews, lay them over its edges, record a review, a review's
history and the orphans.

Why one flow: the two kinds differ in their key, their record, their queries and the names they fill in, not
in how a review is found, anchored, checked, written and read back; a `Kind` names what differs, and each
kind's module keeps only what is its own (its edits, its views, its lists). graph/review.py's `_Kind` is
what laying reviews over edges needs of a kind; this one is what reading and writing them needs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic

from app.review_common import ReviewProblem
from app.services import per_stamp
from graph.review import DocumentOverlay, Entry, K, R, latest_first, normalise
from graph.store import Store
from graph.vocabulary import ReviewView

Row = dict[str, Any]


@dataclass(frozen=True)
class Kind(Generic[K, R]):
    """What the flow needs of a kind: its record model, the queries of its reviews (with their extra
    parameters) and of its edges, its overlay (graph/review.py), how its rows get their names, what it is
    called in a refusal, and the row a review call answers when the reviews hide the edge."""

    model: type[R]
    reviews_query: str
    reviews_params: dict[str, Any]
    edges_query: str
    overlay: Callable[..., DocumentOverlay[K]]
    fill: Callable[[Store, list[Row]], list[Row]]
    noun: str
    hidden: Callable[[K], Row]


@dataclass
class Overlays(Generic[K]):
    """Documents with the reviews of one kind laid over its edges."""

    documents: dict[str, Row] = field(default_factory=dict)
    by_doc: dict[str, DocumentOverlay[K]] = field(default_factory=dict)

    def orphans(self) -> list[Any]:
        return [r for o in self.by_doc.values() for r in o.orphans]

    def reviewed(self, reviews: Iterable[Any]) -> set[K]:
        """The keys some review names or is anchored at: not for the queue."""
        return {r.key for r in reviews} | {k for o in self.by_doc.values() for k in o.anchored.values()}

    def decided(self) -> int:
        """Extracted edges with a review."""
        return sum(1 for o in self.by_doc.values() for e in o.entries if e.latest is not None and e.extracted)

    def shown(self, view: ReviewView) -> Iterator[tuple[str, Row, Entry[K]]]:
        """Each reviewed document's entries shown in `view`, with the document's metadata."""
        for doc, result in self.by_doc.items():
            meta = self.documents.get(doc) or {}
            for e in result.entries:
                if e.shown_in(view):
                    yield doc, meta, e


def records(kind: Kind[K, R], store: Store, docs: Sequence[str] | None) -> list[R]:
    """Stored reviews of a kind of some documents (all of them for None), oldest first."""
    rows = store.run(kind.reviews_query, docs=list(docs) if docs is not None else None, **kind.reviews_params)
    return [kind.model.model_validate({k: v for k, v in r.items() if v is not None}) for r in rows]


def reviewed(kind: Kind[K, R], store: Store) -> tuple[list[R], Overlays[K]]:
    """Every stored review of a kind, oldest first, and the overlays of the documents they review: what the
    reviewed view of any read lays over the extracted edges. Kept per write stamp (app/services/per_stamp.py),
    since it reads every review and every reviewed document's text and edges; shared, so not to be changed
    (the review queue, which adds documents to its overlays, makes its own)."""
    def make() -> tuple[list[R], Overlays[K]]:
        reviews = records(kind, store, None)
        return reviews, overlays(kind, store, [], reviews)

    return per_stamp.kept(store, ("reviewed", kind.noun), make)


def overlays(kind: Kind[K, R], store: Store, docs: Sequence[str], reviews: Iterable[R] | None = None
             ) -> Overlays[K]:
    """The overlay of each document named (and of every document any review in `reviews` names; the
    documents' own reviews when `reviews` is None)."""
    docs = list(dict.fromkeys(docs))
    found: list[R] = list(reviews) if reviews is not None else records(kind, store, docs)
    docs = list(dict.fromkeys([*docs, *(r.doc for r in found)]))
    out: Overlays[K] = Overlays({d["id"]: d for d in store.run("review_documents", ids=docs)} if docs else {})
    edges: dict[str, list[Row]] = {}
    for e in store.run(kind.edges_query, ids=docs) if docs else []:
        edges.setdefault(e["doc"], []).append(e)
    by_doc: dict[str, list[R]] = {}
    for r in found:
        by_doc.setdefault(r.doc, []).append(r)
    for doc in docs:
        meta = out.documents.get(doc)
        out.by_doc[doc] = kind.overlay(doc, edges.get(doc, []), by_doc.get(doc, []), (meta or {}).get("text"),
                                       exists=meta is not None)
    return out


def in_view(kind: Kind[K, R], store: Store, doc: str, view: ReviewView) -> tuple[list[Row], list[R]]:
    """A document's edges of a kind in a view (each with `review_key` and `review_status`), and its orphaned
    reviews of that kind."""
    result = overlays(kind, store, [doc]).by_doc[doc]
    return kind.fill(store, result.view(view)), result.orphans


def history(kind: Kind[K, R], store: Store, key: K) -> list[Row]:
    """Every review of an edge, latest first, each saying whether it is orphaned."""
    result = overlays(kind, store, [key.doc]).by_doc[key.doc]
    applies = [r for r in records(kind, store, [key.doc]) if result.anchored.get(r.id) == key or
               (r.id not in result.anchored and r.key == key)]
    return [{**r.model_dump(mode="json"), "orphaned": r.id not in result.anchored} for r in latest_first(applies)]


# -- recording a review: each kind's `record` takes these steps, with its own fields between them ------------
def current(kind: Kind[K, R], store: Store, doc: str) -> Overlays[K]:
    """The document's overlay before the review; 404 when there is no such document."""
    found = overlays(kind, store, [doc])
    if doc not in found.documents:
        raise ReviewProblem(404, f"document {doc!r} not found")
    return found


def quoted(kind: Kind[K, R], found: Overlays[K], doc: str, quote: str | None) -> str:
    """The evidence of an added edge as stored; 422 unless it is in the document's text."""
    text = normalise(found.documents[doc].get("text"))
    quote = normalise(quote)
    if not quote or quote not in text:
        raise ReviewProblem(422, f"the quote of an added {kind.noun} must be found in the document's text")
    return quote[:1000]


def entry(found: Overlays[K], key: K, missing: str) -> Entry[K]:
    """The edge a review of an existing one is about; 404 (`missing`) when the document has none such."""
    got = next((e for e in found.by_doc[key.doc].entries if e.key == key), None)
    if got is None:
        raise ReviewProblem(404, missing)
    return got


def stored(kind: Kind[K, R], store: Store, key: K, review: R) -> tuple[R, Row]:
    """Write the review of the edge `key`; the review and the edge as it stands after it."""
    written = store.write("upsert_reviews", rows=[review.stored()])
    if not written or not written[0].get("count"):
        raise ReviewProblem(404, f"document {review.doc!r} not found")
    after = overlays(kind, store, [review.doc]).by_doc[review.doc]
    shown = [e for e in after.entries if e.key == key]
    return review, kind.fill(store, [e.out() for e in shown])[-1] if shown else kind.hidden(key)


def total_after(rows: list[Row], out: list[Row], made: list[Row]) -> list[Row]:
    """Graph rows with the reviews applied (`out`: the query's rows left, `made`: the reviews' own), each with
    the query's count of matching edges less those the reviews hid, plus their own."""
    total = next((r["total"] for r in rows if r.get("total") is not None), None)
    if total is not None:
        total = max(0, int(total) - (len(rows) - len(out)) + len(made))
        for r in (*out, *made):
            r["total"] = total
    return out + made
