"""The coded corpus holds together: every set of the manifest has its texts, its gold rows name real documents
with evidence found in their text, every text is pinned to a source commit, and the scorer reads it."""

from __future__ import annotations

import csv
import re

import pytest

from loaders.codebook import load_codebook
from loaders.corpus import Corpus
from loaders.scoring import Gold, score

CORPUS = Corpus()


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')).strip()


def _pieces(evidence: str) -> list[str]:
    """An evidence quote's verbatim pieces: coders elide with "..." between them."""
    return [p for p in (_collapse(x) for x in re.split(r"\s*(?:\.\.\.|…)\s*", evidence)) if p]


@pytest.mark.parametrize("name", sorted(CORPUS.sets))
def test_every_gold_row_names_a_text_and_quotes_it(name: str) -> None:
    coded = CORPUS.sets[name]
    texts = {d.id: _collapse(d.path.read_text(encoding="utf-8")) for d in coded.documents()}
    assert texts, f"{name}: no texts"
    vocabulary = CORPUS.vocabulary(coded.spec.vocabulary)
    for row in coded.rows:
        assert row["doc"] in texts, f"{name}: {row['doc']} has no text"
        if name != "seeds":  # the seeds' gold (the user's own) paraphrases some of its evidence
            for piece in _pieces(row["evidence"]):
                assert piece in texts[row["doc"]], f"{name}: evidence not in {row['doc']}: {piece!r}"
        if row["relation"] != "GUARANTEES":
            assert vocabulary.key(row) is not None, f"{name}: {row['object']} is not a term of its vocabulary"


@pytest.mark.parametrize("name", sorted(CORPUS.sets))
def test_every_gold_actor_is_a_codebook_actor(name: str) -> None:
    """A gold row whose actor (or beneficiary) the codebook does not know can never be extracted: the model
    learns it as a miss it could not have found, and the actor goes unrecognised in users' documents too."""
    known = set(load_codebook().actors)
    unknown = {actor for row in CORPUS.sets[name].rows
               for actor in (row["actor"], row["object"] if row["relation"] == "GUARANTEES" else row["actor"])
               if actor not in known}
    assert not unknown, f"{name}: gold names actors the codebook lacks: {sorted(unknown)}"


@pytest.mark.parametrize("name", sorted(n for n in CORPUS.sets if n != "seeds"))
def test_every_text_is_pinned_to_a_source_commit(name: str) -> None:
    coded = CORPUS.sets[name]
    with open(coded.texts.parent / "INDEX.tsv", encoding="utf-8", newline="") as fh:
        index = {row["file"].rsplit(".", 1)[0]: row for row in csv.DictReader(fh, delimiter="\t")}
    for document in coded.documents():
        row = index.get(document.id)
        assert row is not None, f"{name}: {document.id} has no INDEX row"
        assert row["source_repo"] and row["source_path"], document.id
        assert re.fullmatch(r"[0-9a-f]{40}", row["source_commit"]), document.id


def test_the_gold_scores_itself_perfectly() -> None:
    """The scorer and the gold agree: predicting exactly the required rows gives F1 1 on every set."""
    for name, coded in CORPUS.sets.items():
        gold = CORPUS.gold(name)
        required = [r for r in coded.rows if not r.get("optional")]
        counts = score(gold, required, CORPUS.vocabulary(coded.spec.vocabulary))["overall"]
        assert counts.fp == 0 and counts.fn == 0 and counts.tp == len(gold.required), name
        assert isinstance(gold, Gold)


def test_no_text_is_in_the_corpus_twice() -> None:
    """The same article from two repositories (or two crawls) would sit in two cross-validation folds, so the
    model would be scored on a text it was trained on. Two texts sharing most of their 12-word runs are the same
    article; a shared background paragraph (wire boilerplate) is well under the bar."""
    runs: dict[str, set[str]] = {}
    for name, coded in sorted(CORPUS.sets.items()):
        for doc in coded.documents():
            words = re.findall(r"\w+", doc.path.read_text(encoding="utf-8").lower())
            runs[f"{name}/{doc.id}"] = {" ".join(words[i:i + 12]) for i in range(max(0, len(words) - 11))}
    holders: dict[str, list[str]] = {}
    for key, found in runs.items():
        for run in found:
            holders.setdefault(run, []).append(key)
    shared: dict[tuple[str, str], int] = {}
    for keys in holders.values():
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                shared[(a, b)] = shared.get((a, b), 0) + 1
    twice = sorted(f"{a} ~ {b}" for (a, b), n in shared.items() if n > 0.7 * max(1, min(len(runs[a]), len(runs[b]))))
    assert not twice, f"the same text twice: {twice}"
