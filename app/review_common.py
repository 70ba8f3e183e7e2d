"""What the review services of positions (app/reviewing.py) and of guarantees (app/guarantee_reviewing.py)
share: the refusal they raise, the time a review is stamped with, and how a typed actor or term is found."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from app.services.errors import NotFound
from app.services.resolve import resolve_actor, resolve_term
from app.settings import get_settings
from graph.store import Store
from loaders.codebook import Codebook, load_codebook


class ReviewProblem(ValueError):
    """A review that cannot be recorded: `status` is the HTTP status it means (404: no such document or
    position; 422: a field that does not fit)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def resolve_node(store: Store, kind: str, value: str, codebook: Codebook | None = None) -> str:
    """A node id from what was typed (id, name, alias or label): a stored node as the API's filters resolve it,
    else an entry of the codebook (by default the service's: `PEACEGRAPH_CODEBOOK` over the built-in one), so a
    reviewer can name a party or term no stored document mentions yet. Either way the node is kept for the
    review (`keep_nodes`)."""
    try:
        found = str((resolve_actor if kind == "actor" else resolve_term)(store, value)["id"])
    except NotFound:
        cb = codebook or load_codebook(get_settings().codebook)
        entry = cb.find_actor(value) if kind == "actor" else cb.find_term(value)
        if entry is None:
            raise ReviewProblem(422, f"unknown {kind} {value!r}: neither a stored {kind} nor one of the "
                                     f"codebook's") from None
        found = entry.id
    keep_nodes(store, **{f"{kind}s": [found]}, codebook=codebook)
    return found


def keep_nodes(store: Store, actors: Iterable[str] = (), terms: Iterable[str] = (),
               codebook: Codebook | None = None) -> None:
    """Make sure the actors and terms reviews name are nodes that pruning spares (queries/upsert_reviewed_actors):
    a review may name what no document mentions, and a document that mentioned it may be deleted later. A new
    node takes its name and kind (label and category) from the codebook; an id the codebook lacks gets none."""
    actors, terms = sorted(set(actors)), sorted(set(terms))
    if not actors and not terms:
        return
    cb = codebook or load_codebook(get_settings().codebook)
    if actors:
        store.write("upsert_reviewed_actors", rows=[_actor_row(cb, a) for a in actors])
    if terms:
        store.write("upsert_reviewed_terms", rows=[_term_row(cb, t) for t in terms])


def _actor_row(cb: Codebook, actor: str) -> dict[str, object]:
    if actor not in cb.actors:
        return {"id": actor, "name": None, "kind": None, "aliases": []}
    return cb.actor_node(actor).model_dump(mode="json")


def _term_row(cb: Codebook, term: str) -> dict[str, object]:
    if term not in cb.terms:
        return {"id": term, "label": None, "category": None, "definition": None, "opposite": None}
    return cb.term_node(term).model_dump(mode="json")
