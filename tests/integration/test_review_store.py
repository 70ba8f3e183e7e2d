"""The review layer on every engine: reviews are their own nodes, outlive `load --force` and a changed
extraction (a rejected edge stays hidden, an added one stays, an edit wins), and one whose sentence is gone is
listed as orphaned."""

from __future__ import annotations

from app import reviewing
from graph.review import PositionKey
from graph.store import Store
from graph.vocabulary import Relation, ReviewDecision, ReviewView
from tests.review_factories import DOC, S_DEU, S_GONE, review_graph


def _shown(store: Store, view: ReviewView = ReviewView.REVIEWED) -> dict[tuple[str, str, str], dict]:
    rows, _ = reviewing.document_positions(store, DOC, view)
    return {(r["actor"], r["relation"], r["term"]): r for r in rows}


def _review_everything(store: Store) -> None:
    key = lambda s, a, r, t: PositionKey(DOC, s, a, r, t)  # noqa: E731
    reviewing.record(store, key(0, "RUS", "DEMANDS", "neutral_status"), ReviewDecision.CONFIRM, "ana")
    reviewing.record(store, key(1, "UKR", "REJECTS", "neutral_status"), ReviewDecision.REJECT, "ana",
                     reason="it is <b>Kyiv's</b> old stance")
    reviewing.record(store, key(2, "DEU", "OFFERS", "ceasefire"), ReviewDecision.EDIT, "ben",
                     edit=reviewing.Edit(relation=Relation.SUPPORTS))
    reviewing.record(store, key(2, "Washington", "SUPPORTS", "ceasefire"), ReviewDecision.ADD, "ben", quote=S_DEU)
    reviewing.record(store, key(3, "USA", "SUPPORTS", "ceasefire"), ReviewDecision.ADD, "ben", quote=S_GONE)


def test_reviews_are_nodes_of_their_own_and_shape_the_reviewed_view(store: Store) -> None:
    store.upsert(review_graph())
    _review_everything(store)
    assert store.counts()["nodes"]["Review"] == 5
    shown = _shown(store)
    assert ("UKR", "REJECTS", "neutral_status") not in shown  # rejected: hidden
    assert shown[("RUS", "DEMANDS", "neutral_status")]["review_status"] == "confirmed"
    assert ("DEU", "OFFERS", "ceasefire") not in shown  # edited: the edit wins
    edited = shown[("DEU", "SUPPORTS", "ceasefire")]
    assert edited["review_status"] == "edited" and edited["extracted_as"]["relation"] == "OFFERS"
    assert shown[("USA", "SUPPORTS", "ceasefire")]["review_status"] == "added"  # "Washington" resolved to USA
    assert shown[("USA", "SUPPORTS", "ceasefire")]["actor_name"] == "United States"
    extracted = _shown(store, ReviewView.EXTRACTED)
    assert set(extracted) == {("RUS", "DEMANDS", "neutral_status"), ("UKR", "REJECTS", "neutral_status"),
                              ("DEU", "OFFERS", "ceasefire")}
    both = reviewing.document_positions(store, DOC, ReviewView.BOTH)[0]
    assert len(both) == 6  # three extracted (one of them superseded by its edit), the edit, two added


def test_reviews_survive_a_forced_reload_and_a_changed_extraction(store: Store) -> None:
    store.upsert(review_graph())
    _review_everything(store)
    before = _shown(store)
    assert store.upsert_many([review_graph()], force=True).outcomes[DOC] == "replaced"
    assert _shown(store) == before
    store.upsert(review_graph(version=2))  # a new sentence first, the reviewed extra sentence gone
    after = _shown(store)
    assert ("UKR", "REJECTS", "neutral_status") not in after
    assert after[("RUS", "DEMANDS", "neutral_status")]["sentence"] == 1  # found again by its quote
    assert ("DEU", "SUPPORTS", "ceasefire") in after and ("DEU", "OFFERS", "ceasefire") not in after
    assert after[("USA", "SUPPORTS", "ceasefire")]["sentence"] == 3
    assert len(after) == 3
    orphans = reviewing.orphans(store)
    assert [(o["actor"], o["quote"]) for o in orphans] == [("USA", S_GONE)]
    assert reviewing.stats(store)["orphaned"] == 1


def test_the_latest_review_decides_and_history_keeps_both(store: Store) -> None:
    store.upsert(review_graph())
    key = PositionKey(DOC, 1, "UKR", "REJECTS", "neutral_status")
    reviewing.record(store, key, ReviewDecision.REJECT, "ana", reason="wrong")
    reviewing.record(store, key, ReviewDecision.CONFIRM, "ben")
    assert _shown(store)[("UKR", "REJECTS", "neutral_status")]["review_status"] == "confirmed"
    history = reviewing.history(store, key)
    assert [(h["reviewer"], h["decision"]) for h in history] == [("ben", "confirm"), ("ana", "reject")]
    stats = reviewing.stats(store)
    assert stats["reviews"] == 2 and stats["by_reviewer"] == {"ana": 1, "ben": 1}
    assert stats["precision"] == 1.0


def test_deleting_a_document_orphans_its_reviews(store: Store) -> None:
    store.upsert(review_graph())
    reviewing.record(store, PositionKey(DOC, 0, "RUS", "DEMANDS", "neutral_status"), ReviewDecision.CONFIRM, "ana")
    assert store.delete_document(DOC)
    assert [o["doc"] for o in reviewing.orphans(store)] == [DOC]


def test_queue_is_unreviewed_lowest_confidence_first(store: Store) -> None:
    store.upsert(review_graph())
    first = reviewing.queue(store, 10)
    assert [i["confidence"] for i in first["items"]] == [0.4, 0.6, 0.9]
    reviewing.record(store, PositionKey(DOC, 1, "UKR", "REJECTS", "neutral_status"), ReviewDecision.REJECT, "ana")
    then = reviewing.queue(store, 10)
    assert [i["actor"] for i in then["items"]] == ["DEU", "RUS"]
    assert then["documents"] == [{"doc": DOC, "title": "Review test rev-1", "process": None, "positions": 3,
                                  "reviewed": 1, "guarantees": 0, "guarantees_reviewed": 0, "added": 0,
                                  "orphaned": 0}]


def test_a_review_found_again_after_a_change_keeps_its_position_out_of_the_queue(store: Store) -> None:
    store.upsert(review_graph())
    reviewing.record(store, PositionKey(DOC, 0, "RUS", "DEMANDS", "neutral_status"), ReviewDecision.CONFIRM, "ana")
    store.upsert(review_graph(version=2))  # RUS's sentence is now sentence 1
    queued = reviewing.queue(store, 10)
    assert [i["actor"] for i in queued["items"]] == ["UKR", "DEU"]
    assert queued["documents"][0]["reviewed"] == 1
