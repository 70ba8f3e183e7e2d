"""Reviewing guarantees on every engine: a review of a guarantee is a Review node of its own, keyed by document,
sentence, guarantor and beneficiary; it shapes the reviewed view (rejected hidden, an edited status shown,
an added guarantee in), outlives `load --force` and a changed extraction, and one whose sentence is gone is
listed as orphaned; unreviewed guarantees join the review queue, ahead of equally confident positions."""

from __future__ import annotations

import json
from pathlib import Path

from app import guarantee_reviewing, reviewing
from app.guarantee_reviewing import GuaranteeEdit
from app.review_corpus import export_reviewed
from graph.review import GuaranteeKey, PositionKey
from graph.store import Store
from graph.vocabulary import EdgeRelation, GuaranteeStatus, ReviewDecision, ReviewView
from tests.review_factories import G_DOC, S_GONE_G, guarantee_graph, review_graph

XSS = '<b onmouseover="x">bold</b>'


def _shown(store: Store, view: ReviewView = ReviewView.REVIEWED) -> dict[tuple[str, str], dict]:
    rows, _ = guarantee_reviewing.document_guarantees(store, G_DOC, view)
    return {(r["guarantor"], r["status"]): r for r in rows}


def _review_everything(store: Store) -> None:
    key = lambda s, g: GuaranteeKey(G_DOC, s, g, "UKR")  # noqa: E731
    guarantee_reviewing.record(store, key(0, "DEU"), ReviewDecision.CONFIRM, "ana")
    guarantee_reviewing.record(store, key(2, "RUS"), ReviewDecision.REJECT, "ana", reason=XSS)
    guarantee_reviewing.record(store, key(1, "USA"), ReviewDecision.EDIT, "ben",
                               edit=GuaranteeEdit(status=GuaranteeStatus.WILLING))
    guarantee_reviewing.record(store, key(3, "Israel"), ReviewDecision.ADD, "ben", quote=S_GONE_G,
                               edit=GuaranteeEdit(status=GuaranteeStatus.WILLING, scope="security guarantees ukraine"))


def test_guarantee_reviews_are_review_nodes_and_shape_each_view(store: Store) -> None:
    store.upsert(guarantee_graph())
    _review_everything(store)
    assert store.counts()["nodes"]["Review"] == 4
    assert reviewing.records(store, None) == []  # not read as reviews of positions
    shown = _shown(store)
    assert set(shown) == {("DEU", "willing"), ("USA", "willing"), ("ISR", "willing")}
    assert shown[("DEU", "willing")]["review_status"] == "confirmed"
    edited = shown[("USA", "willing")]
    assert edited["review_status"] == "edited" and edited["extracted_as"]["status"] == "proposed"
    assert edited["review_key"] == {"doc": G_DOC, "sentence": 1, "guarantor": "USA", "beneficiary": "UKR"}
    added = shown[("ISR", "willing")]
    assert added["review_status"] == "added" and added["guarantor_name"] == "Israel"
    assert added["scope"] == "security_guarantees_ukraine" and added["quote"] == S_GONE_G
    assert set(_shown(store, ReviewView.EXTRACTED)) == {("DEU", "willing"), ("USA", "proposed"),
                                                         ("RUS", "declined")}
    both = guarantee_reviewing.document_guarantees(store, G_DOC, ReviewView.BOTH)[0]
    assert sorted((r["guarantor"], r["status"], r["review_status"]) for r in both) == [
        ("DEU", "willing", "confirmed"), ("ISR", "willing", "added"), ("RUS", "declined", "rejected"),
        ("USA", "proposed", "edited"), ("USA", "willing", "edited")]
    history = guarantee_reviewing.history(store, GuaranteeKey(G_DOC, 2, "RUS", "UKR"))
    assert [(h["reviewer"], h["decision"], h["reason"]) for h in history] == [("ana", "reject", XSS)]


def test_guarantee_reviews_survive_a_forced_reload_and_a_changed_extraction(store: Store) -> None:
    store.upsert(guarantee_graph())
    _review_everything(store)
    before = _shown(store)
    assert store.upsert_many([guarantee_graph()], force=True).outcomes[G_DOC] == "replaced"
    assert _shown(store) == before
    store.upsert(guarantee_graph(version=2))  # a new sentence first, the sentence of the added one gone
    after = _shown(store)
    assert set(after) == {("DEU", "willing"), ("USA", "willing")}  # RUS still rejected, ISR orphaned
    assert after[("USA", "willing")]["sentence"] == 2 and after[("USA", "willing")]["review_status"] == "edited"
    assert after[("DEU", "willing")]["review_key"]["sentence"] == 1  # found again by its quote
    orphans = reviewing.orphans(store)
    assert [(o["subject"], o["guarantor"], o["decision"], o["quote"]) for o in orphans] == [
        ("guarantee", "ISR", "add", S_GONE_G)]
    assert guarantee_reviewing.document_guarantees(store, G_DOC, ReviewView.REVIEWED)[1][0].guarantor == "ISR"
    history = guarantee_reviewing.history(store, GuaranteeKey(G_DOC, 3, "RUS", "UKR"))  # its new index
    assert [h["decision"] for h in history] == ["reject"] and not history[0]["orphaned"]


def test_deleting_a_document_orphans_the_reviews_of_its_guarantees(store: Store) -> None:
    store.upsert(guarantee_graph())
    guarantee_reviewing.record(store, GuaranteeKey(G_DOC, 0, "DEU", "UKR"), ReviewDecision.CONFIRM, "ana")
    assert store.delete_document(G_DOC)
    assert [(o["doc"], o["subject"]) for o in reviewing.orphans(store)] == [(G_DOC, "guarantee")]


def test_the_queue_weighs_guarantees_like_conflicts(store: Store) -> None:
    """Lowest confidence first; at equal confidence a guarantee goes before a position in no conflict
    (DEU's guarantee and DEU's offer are both 0.6, and the offer's document sorts first)."""
    store.upsert(review_graph())
    store.upsert(guarantee_graph())
    queued = reviewing.queue(store, 10)
    order = [(i["subject"], i["confidence"], i.get("actor") or i.get("guarantor")) for i in queued["items"]]
    assert order == [("position", 0.4, "UKR"), ("guarantee", 0.5, "USA"), ("guarantee", 0.6, "DEU"),
                     ("position", 0.6, "DEU"), ("position", 0.9, "RUS"), ("guarantee", 0.9, "RUS")]
    assert queued["items"][1]["review_key"] == {"doc": G_DOC, "sentence": 1, "guarantor": "USA",
                                                "beneficiary": "UKR"}
    guarantee_reviewing.record(store, GuaranteeKey(G_DOC, 1, "USA", "UKR"), ReviewDecision.REJECT, "ana")
    reviewing.record(store, PositionKey("rev-1", 1, "UKR", "REJECTS", "neutral_status"), ReviewDecision.CONFIRM,
                     "ana")
    then = reviewing.queue(store, 3)
    assert [(i["subject"], i["confidence"]) for i in then["items"]] == [("guarantee", 0.6), ("position", 0.6),
                                                                        ("position", 0.9)]
    progress = {d["doc"]: d for d in then["documents"]}
    assert progress[G_DOC]["guarantees"] == 3 and progress[G_DOC]["guarantees_reviewed"] == 1
    assert progress["rev-1"]["reviewed"] == 1 and progress["rev-1"]["guarantees"] == 0


def test_the_training_export_gives_guarantees_as_reviewed(store: Store, tmp_path: Path) -> None:
    """Exported guarantees stay optional rows, as reviewed: a rejected one left out, an edited status applied."""
    store.upsert(guarantee_graph())
    reviewing.record(store, PositionKey(G_DOC, 0, "DEU", "SUPPORTS", "security_guarantees_ukraine"),
                     ReviewDecision.ADD, "ana", quote="Germany is willing to guarantee")
    guarantee_reviewing.record(store, GuaranteeKey(G_DOC, 2, "RUS", "UKR"), ReviewDecision.REJECT, "ana")
    guarantee_reviewing.record(store, GuaranteeKey(G_DOC, 1, "USA", "UKR"), ReviewDecision.EDIT, "ana",
                               edit=GuaranteeEdit(status=GuaranteeStatus.WILLING))
    export_reviewed(store, tmp_path)
    rows = [json.loads(line) for line in (tmp_path / "core" / "gold.jsonl").read_text().splitlines()]
    guarantees = [(r["actor"], r["status"], r["object"], r["optional"]) for r in rows
                  if r["relation"] == EdgeRelation.GUARANTEES]
    assert sorted(guarantees) == [("DEU", "willing", "UKR", True), ("USA", "willing", "UKR", True)]
