"""Reviews as training data on every engine: `export_reviewed` writes a corpus the corpus reader and the scorer
take (reviewed rows required, unreviewed optional, rejected left out), and `import_gold` reads gold back as
reviews; `peacegraph keys` and `peacegraph review export|import` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from app import guarantee_reviewing, reviewing
from app.review_corpus import export_reviewed, import_gold, read_gold
from graph.backends import open_store
from graph.review import PositionKey
from graph.store import Store
from graph.vocabulary import ReviewDecision, ReviewView
from loaders.corpus import Corpus
from loaders.scoring import score
from tests.integration.test_cli import run_cli
from tests.review_factories import DOC, G_DOC, S_DEU, S_GONE_G, guarantee_graph, review_graph


def _review(store: Store) -> None:
    reviewing.record(store, PositionKey(DOC, 0, "RUS", "DEMANDS", "neutral_status"), ReviewDecision.CONFIRM, "ana")
    reviewing.record(store, PositionKey(DOC, 1, "UKR", "REJECTS", "neutral_status"), ReviewDecision.REJECT, "ana")
    reviewing.record(store, PositionKey(DOC, 2, "USA", "SUPPORTS", "ceasefire"), ReviewDecision.ADD, "ana",
                     quote=S_DEU)


def test_export_writes_a_corpus_the_reader_and_scorer_take(store: Store, tmp_path: Path) -> None:
    store.upsert_many([review_graph(), review_graph(doc="rev-untouched")])
    _review(store)
    report = export_reviewed(store, tmp_path / "out")
    assert report.documents == 1 and report.required == 2 and report.optional == 1
    corpus = Corpus(tmp_path / "out")
    assert list(corpus.sets) == ["reviewed-core"]
    coded = corpus.sets["reviewed-core"]
    assert [d.id for d in coded.documents()] == [DOC]
    text = (coded.texts / f"{DOC}.txt").read_text()
    rows = coded.rows
    assert {(r["actor"], r["relation"], r["object"], r["optional"]) for r in rows} == {
        ("RUS", "DEMANDS", "neutral_status", False), ("USA", "SUPPORTS", "ceasefire", False),
        ("DEU", "OFFERS", "ceasefire", True)}
    assert all(r["evidence"] in text and len(r["evidence"]) <= 200 for r in rows)
    gold = corpus.gold("reviewed-core")
    assert gold.docs() == {DOC}
    perfect = score(gold, [r for r in rows if not r["optional"]], corpus.core_vocabulary)["overall"]
    assert (perfect.tp, perfect.fp, perfect.fn) == (2, 0, 0)  # ceasefire is core; neutral_status folds or drops
    extracted = [{"doc": DOC, "actor": p["actor"], "relation": p["relation"], "object": p["term"]}
                 for p in reviewing.document_positions(store, DOC, ReviewView.EXTRACTED)[0]]
    measured = score(gold, extracted, corpus.core_vocabulary)["overall"]
    assert measured.fn >= 1  # the added position was missed by the extractor


def test_import_reads_gold_as_reviews(store: Store, tmp_path: Path) -> None:
    store.upsert(review_graph())
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(r) for r in [
        {"doc": DOC, "actor": "RUS", "relation": "DEMANDS", "object": "neutral_status", "optional": False,
         "evidence": "Russia demands that Ukraine stay neutral"},
        {"doc": DOC, "actor": "USA", "relation": "SUPPORTS", "object": "ceasefire", "optional": False,
         "evidence": "Washington also supports a ceasefire"},
        {"doc": DOC, "actor": "DEU", "relation": "GUARANTEES", "object": "UKR", "status": "willing"},
        {"doc": "elsewhere", "actor": "RUS", "relation": "DEMANDS", "object": "ceasefire", "evidence": "x"}]) + "\n")
    report = import_gold(store, read_gold(gold), "import:gold.jsonl", "gold.jsonl")
    assert (report.confirmed, report.added, report.rejected) == (1, 1, 2)
    assert len(report.skipped) == 2  # the guarantee row (its guarantee is not in the document), the unknown document
    shown = {(p["actor"], p["relation"], p["term"]): p for p in reviewing.document_positions(
        store, DOC, ReviewView.REVIEWED)[0]}
    assert set(shown) == {("RUS", "DEMANDS", "neutral_status"), ("USA", "SUPPORTS", "ceasefire")}
    assert shown[("USA", "SUPPORTS", "ceasefire")]["sentence"] == 3
    again = import_gold(store, read_gold(gold), "import:gold.jsonl", "gold.jsonl")
    assert (again.confirmed, again.added, again.rejected, again.unchanged) == (0, 0, 0, 4)


def test_imported_reviews_name_codebook_nodes_no_document_mentions(store: Store, tmp_path: Path) -> None:
    """Gold coded elsewhere may name a party or term none of the stored documents mentions: the added position
    still shows the codebook's name and label, and its nodes are kept like those of a review made in the app."""
    store.upsert(review_graph())
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc": DOC, "actor": "VAT", "relation": "SUPPORTS", "object": "prisoner_exchange",
                                "optional": False, "evidence": "Washington also supports a ceasefire"}) + "\n")
    assert import_gold(store, read_gold(gold), "import:gold.jsonl", "gold.jsonl").added == 1
    shown = [p for p in reviewing.document_positions(store, DOC, ReviewView.REVIEWED)[0] if p["actor"] == "VAT"]
    assert [(p["actor_name"], p["term_label"]) for p in shown] == [("Holy See", "Prisoner exchange")]


def test_import_reads_gold_guarantees_as_reviews(store: Store, tmp_path: Path) -> None:
    """Gold guarantee rows are reviews too: one the extractor found with the same status is confirmed, with
    another status edited to the gold's, one it missed added on its evidence's sentence, and one the gold does
    not hold rejected; a second import changes nothing."""
    store.upsert(guarantee_graph())
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(r) for r in [
        {"doc": G_DOC, "actor": "DEU", "relation": "GUARANTEES", "object": "UKR", "status": "willing",
         "optional": False, "evidence": "Germany is willing to guarantee"},
        {"doc": G_DOC, "actor": "USA", "relation": "GUARANTEES", "object": "UKR", "status": "willing",
         "optional": False, "evidence": "proposed the United States as a guarantor"},
        {"doc": G_DOC, "actor": "ISR", "relation": "GUARANTEES", "object": "UKR", "status": "proposed",
         "optional": False, "evidence": S_GONE_G},
        {"doc": G_DOC, "actor": "FRA", "relation": "GUARANTEES", "object": "UKR", "status": "willing",
         "optional": False, "evidence": "not in the text"}]) + "\n")
    report = import_gold(store, read_gold(gold), "import:gold.jsonl", "gold.jsonl")
    assert (report.confirmed, report.edited, report.added, report.rejected) == (1, 1, 1, 1)
    assert len(report.skipped) == 1  # France's evidence is not in the text
    shown = {(g["guarantor"], g["status"]): g for g in guarantee_reviewing.document_guarantees(
        store, G_DOC, ReviewView.REVIEWED)[0]}
    assert set(shown) == {("DEU", "willing"), ("USA", "willing"), ("ISR", "proposed")}
    assert shown[("ISR", "proposed")]["sentence"] == 3
    again = import_gold(store, read_gold(gold), "import:gold.jsonl", "gold.jsonl")
    assert (again.confirmed, again.edited, again.added, again.rejected, again.unchanged) == (0, 0, 0, 0, 4)


def test_keys_and_review_commands(tmp_path: Path) -> None:
    data = tmp_path / "data"
    made = run_cli(data, "keys", "add", "ana")
    assert made.returncode == 0, made.stderr
    key = made.stdout.strip()
    assert key.startswith("pgk_") and key not in (data / "api-keys.json").read_text()
    assert run_cli(data, "keys", "add", "ana").returncode != 0  # taken
    assert run_cli(data, "keys", "revoke", "ana").returncode == 0
    listed = json.loads(run_cli(data, "keys", "list", "--json").stdout)
    assert [(k["name"], k["revoked"] is not None) for k in listed] == [("ana", True)]

    store = open_store(None, data_dir=data)
    try:
        store.upsert(review_graph())
        _review(store)
    finally:
        store.close()
    exported = run_cli(data, "review", "export", str(tmp_path / "out"))
    assert exported.returncode == 0, exported.stderr
    assert "1 documents, 2 reviewed rows" in exported.stdout
    gold = tmp_path / "out" / "core" / "gold.jsonl"
    assert len(read_gold(gold)) == 3
    imported = run_cli(data, "review", "import", str(gold), "--reviewer", "coder")
    assert imported.returncode == 0, imported.stderr
    assert "confirmed 0, edited 0, added 0, rejected 0, unchanged 3" in imported.stdout  # its own export: nothing new
    stats = json.loads(run_cli(data, "review", "stats").stdout)
    assert stats["reviews"] == 3 and stats["by_reviewer"] == {"ana": 3}
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n")
    refused = run_cli(data, "review", "import", str(bad))
    assert refused.returncode != 0 and "bad.jsonl:1" in refused.stderr
