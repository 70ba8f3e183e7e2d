"""Extraction quality: F1, precision and recall per set and per kind, scored by the shared scorer.

    python bench/eval.py [--shared ../shared] [-v]

Runs `peacegraph extract --jsonl` on the seeds (gold: SHARED/gold/seeds.jsonl) and on the development corpus
(SHARED/corpus/dev/texts, gold SHARED/corpus/dev/gold.jsonl) and prints the scorer's table for each; `-v` lists
every miss and false positive. The project's tests never depend on SHARED: this is a development tool.
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
    sets = [("seeds", PROJECT / "seeds", args.shared / "gold" / "seeds.jsonl"),
            ("dev corpus", args.shared / "corpus" / "dev" / "texts", args.shared / "corpus" / "dev" / "gold.jsonl")]
    cli = [sys.executable, "-m", "app.cli"]
    for name, texts, gold in sets:
        with tempfile.NamedTemporaryFile("w+", suffix=".jsonl") as out:
            subprocess.run([*cli, "extract", str(texts), "--jsonl"], stdout=out, check=True, cwd=PROJECT)
            out.flush()
            print(f"== {name}")
            subprocess.run([sys.executable, str(scorer), str(gold), out.name, *(["-v"] if args.verbose else [])],
                           check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
