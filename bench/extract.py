"""Extraction benchmark: documents per second and peak memory, one process and several.

    python bench/extract.py [--docs 200] [--words 1000] [--jobs 2] [--real FOLDER]

Builds a corpus of `--docs` articles of about `--words` words each from the sentences of seeds/ (shuffled, so
every document differs and every rule is exercised), writes them to a temporary folder, and times the real
`loaders.iter_extract` over it — reading, cleaning and extracting, as `peacegraph extract` does — first in
this process, then with `--jobs` worker processes. Every sentence of that corpus is negotiation text, so every
sentence is parsed: the worst case. Target: >= 10 documents/s on one core, peak memory < 500 MB. `--real`
times a folder of real articles too (e.g. the development corpus), where most sentences hold no position and
are never parsed.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import loaders
from loaders.sentences import split_sentences

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def corpus(folder: Path, docs: int, words: int, rng: random.Random) -> int:
    sentences = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sentences += [text[s:e] for s, e in split_sentences(text) if len(text[s:e].split()) > 4]
    total = 0
    for n in range(docs):
        body, count = [], 0
        while count < words:
            sentence = rng.choice(sentences)
            body.append(sentence)
            count += len(sentence.split())
        paragraphs = ["\n".join(body[i:i + 3]) for i in range(0, len(body), 3)]
        (folder / f"bench-{n:05d}.txt").write_text(f"---\ntitle: Bench {n}\ndate: 2025-01-01\n---\n"
                                                   + "\n\n".join(paragraphs), encoding="utf-8")
        total += count
    return total


def run(folder: Path, jobs: int) -> tuple[float, float, int, int]:
    t0, c0 = time.perf_counter(), time.process_time()
    docs = positions = 0
    for item in loaders.iter_extract([folder], jobs=jobs):
        if item.graph is None:
            raise SystemExit(f"unexpected error: {item.error}")
        docs += 1
        positions += len(item.graph.positions) + len(item.graph.guarantees)
    return time.perf_counter() - t0, time.process_time() - c0, docs, positions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--real", type=Path, help="a folder of real articles to time as well")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="peacegraph-bench-extract-") as tmp:
        folder = Path(tmp)
        words = corpus(folder, args.docs, args.words, random.Random(7))
        print(f"corpus: {args.docs:,} documents, {words / args.docs:,.0f} words each on average")
        loaders.RuleExtractor()  # compile the codebook once, outside the timing (as a long-running loader does)
        from loaders.parse import pipeline
        pipeline()  # and load the English pipeline once
        for jobs in (1, args.jobs):
            seconds, cpu, docs, found = run(folder, jobs)
            rate = docs / seconds
            line = (f"jobs={jobs}: {rate:8,.1f} documents/s wall  ({docs:,} in {seconds:.1f} s, {found:,} positions "
                    "and guarantees)")
            if jobs == 1:  # on a shared machine CPU time is the steadier measure of one core's rate
                cpu_rate = docs / cpu
                line += (f"; {cpu_rate:,.1f} documents/s of CPU time ({1000 * cpu / docs:.1f} ms each); "
                         f"target >= 10/s on one core: {'met' if max(rate, cpu_rate) >= 10 else 'MISSED'}")
            print(line)
        if args.real is not None:
            seconds, cpu, docs, found = run(args.real, 1)
            words_real = sum(len(p.read_text(encoding="utf-8").split()) for p in args.real.glob("*.txt"))
            print(f"real articles ({args.real}): {docs / seconds:,.1f} documents/s wall, {docs / cpu:,.1f} of CPU "
                  f"time ({docs} documents, {words_real / max(docs, 1):,.0f} words each, {found} positions)")
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak memory: {own:,.0f} MB (this process), {children:,.0f} MB (largest worker)")


if __name__ == "__main__":
    main()
