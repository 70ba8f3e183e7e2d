"""Reviews teach the extractor: the seeds, extracted for real, reviewed by importing their coded gold, exported
as a corpus, and `make train`'s trainer (`python -m loaders.training train --corpus OUT`) learns from it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from app.review_corpus import export_reviewed, import_gold, read_gold
from graph.store import Store
from loaders.corpus import DEFAULT_CORPUS, Corpus
from loaders.ingest import ingest_paths
from tests.conftest import PROJECT, SEEDS


def test_gold_import_export_train_round_trip(falkordb_store: Store, tmp_path: Path) -> None:
    assert ingest_paths(falkordb_store, [SEEDS]).count("loaded") == 5
    seeds_gold = read_gold(DEFAULT_CORPUS / "seeds" / "gold.jsonl")
    report = import_gold(falkordb_store, seeds_gold, "coder", "gold.jsonl")
    assert report.confirmed and report.added and report.rejected
    out = tmp_path / "reviewed"
    exported = export_reviewed(falkordb_store, out)
    assert exported.documents == 5 and list(exported.sets) == ["reviewed-pack"]

    corpus = Corpus(out)
    ours, theirs = corpus.gold("reviewed-pack"), Corpus().gold("seeds")
    wanted = {k for k, kind in theirs.required.items() if kind == "stance"}
    assert wanted <= set(ours.required)  # every coded stance came back as a reviewed (required) row

    model = tmp_path / "stance.pkl"
    trained = subprocess.run([sys.executable, "-m", "loaders.training", "train", "--corpus", str(out), "--out",
                              str(model), "--folds", "2"], cwd=PROJECT, capture_output=True, text=True, timeout=600)
    assert trained.returncode == 0, trained.stderr[-2000:]
    assert json.loads(trained.stdout.strip().splitlines()[-1])["documents"] == {"reviewed-pack": 5}
    assert model.stat().st_size > 0
