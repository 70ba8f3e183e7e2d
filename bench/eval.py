"""Extraction quality: F1, precision and recall per set and per kind, scored by the shared scorer.

    python bench/eval.py [--shared ../shared] [-v]

Runs `peacegraph extract --jsonl` on the seeds (gold: SHARED/gold/seeds.jsonl), on the Russia–Ukraine corpora
(SHARED/corpus/{dev,dev2,train1,train2,train3}) and on the other-process corpus (SHARED/corpus/other-dev) and
prints the scorer's table for each: the Russia–Ukraine sets in their pack's terms and folded to the core
vocabulary (`--fold SHARED/spec/core-terms.yaml`), the other processes folded; `-v` lists every miss and false
positive. The project's tests never depend on SHARED: this is a development tool.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=PROJECT.parent / "shared")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    scorer = args.shared / "tools" / "score_positions.py"
    if not scorer.exists():
        print(f"error: no scorer at {scorer} (pass --shared)", file=sys.stderr)
        return 2
    corpus = args.shared / "corpus"
    fold = ["--fold", str(args.shared / "spec" / "core-terms.yaml")]
    sets = [("seeds", PROJECT / "seeds", args.shared / "gold" / "seeds.jsonl", [[], fold])]
    sets += [(f"{name} corpus", corpus / name / "texts", corpus / name / "gold.jsonl", [[], fold])
             for name in ("dev", "dev2", "train1", "train2", "train3")]
    sets += [("other-dev corpus (other processes)", corpus / "other-dev" / "texts", corpus / "other-dev" / "gold.jsonl",
              [fold])]
    cli = [sys.executable, "-m", "app.cli"]
    for name, texts, gold, ways in sets:
        if not gold.exists():
            continue
        with tempfile.NamedTemporaryFile("w+", suffix=".jsonl") as out:
            subprocess.run([*cli, "extract", str(texts), "--jsonl"], stdout=out, check=True, cwd=PROJECT)
            out.flush()
            for way in ways:
                print(f"== {name}{' (folded to core terms)' if way else ''}")
                subprocess.run([sys.executable, str(scorer), str(gold), out.name, *way,
                                *(["-v"] if args.verbose else [])], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
