"""Load benchmark: batched upsert vs one query per position, on a fresh embedded store.

    python bench/load.py [--docs 5000] [--positions-per-doc 20] [--single-sample 3000] [--url URL|harness]

Prints positions/s for the batched upsert (`Store.upsert_many`, documents generated batch by batch and not
timed), positions/s for one `upsert_positions` round trip per position (measured on a sample, since the whole
corpus would take minutes), their ratio, the peak memory of each process (the loader's ru_maxrss, the FalkorDB
server's VmHWM) and their sum, and a met/MISSED verdict per target: >= 10,000 positions/s batched, >= 20x the
per-position loop, < 500 MB peak memory (the sum of both processes).

`--url bolt://…` runs the same on a Neo4j 5 server (PEACEGRAPH_DB_USER / _PASSWORD; its database is WIPED
first); `--url harness` starts the test suite's Neo4j harness (tests/neo4j_server, Java + Maven) for the run,
and its server memory is then the JVM's VmHWM.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.engine import BenchEngine  # noqa: E402
from graph.embedded import EmbeddedServer  # noqa: E402
from graph.model import (  # noqa: E402
    RELATIONS, Actor, Document, DocumentGraph, Guarantee, Official, Position, Provenance, Term,
)
from graph.rows import _edge_props  # noqa: E402

TARGET_RATE = 10_000  # positions/s, batched
TARGET_RATIO = 20  # batched / one query per position
TARGET_PEAK_MB = 500

ACTORS = [Actor(id=f"A{i:03d}", name=f"Actor {i}") for i in range(60)]
TERMS = [Term(id=f"term_{i:02d}", label=f"Term {i}") for i in range(40)]
OFFICIALS = [Official(id=f"official-{i}", name=f"Official {i}", role="Minister", represents=ACTORS[i % 60].id)
             for i in range(120)]


def synthetic_graph(n: int, positions: int, rng: random.Random) -> DocumentGraph:
    doc = f"doc-{n:06d}"
    official = OFFICIALS[n % len(OFFICIALS)]
    edges = rng.sample([(a, r, t) for a in range(12) for r in range(4) for t in range(10)], positions)
    actor_ix = rng.sample(range(len(ACTORS)), 12)
    term_ix = rng.sample(range(len(TERMS)), 10)
    actors = {ACTORS[actor_ix[a]] .id: ACTORS[actor_ix[a]] for a, _, _ in edges}
    actors[official.represents] = next(a for a in ACTORS if a.id == official.represents)
    terms = {TERMS[term_ix[t]].id: TERMS[term_ix[t]] for _, _, t in edges}

    def prov(i: int) -> Provenance:
        return Provenance(doc=doc, sentence=i, quote=f"synthetic sentence {i} of {doc}", speaker=official.id,
                          date="2025-01-01", confidence=0.8, rule="bench")

    pos = [Position(actor=ACTORS[actor_ix[a]].id, relation=RELATIONS[r], term=TERMS[term_ix[t]].id,
                    provenance=prov(i)) for i, (a, r, t) in enumerate(edges)]
    guarantor, beneficiary = list(actors)[:2]
    return DocumentGraph(
        document=Document(id=doc, title=f"Synthetic {n}", outlet="Bench", date="2025-01-01",
                          sha256=hashlib.sha256(doc.encode()).hexdigest()),
        actors=list(actors.values()), officials=[official], terms=list(terms.values()), positions=pos,
        guarantees=[Guarantee(guarantor=guarantor, beneficiary=beneficiary, status="proposed",
                              provenance=prov(positions))],
    )


def server_peak_mb(data_dir: Path, pid: int | None = None) -> float:
    """Peak resident memory (VmHWM) of the embedded FalkorDB server of `data_dir` (or of process `pid`), in MB."""
    pid = pid or EmbeddedServer(data_dir).server_pid()
    if pid is None:
        return float("nan")
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def self_peak_mb() -> float:
    """Peak resident memory of this process (ru_maxrss is in KB on Linux), in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def corpus(docs: int, positions_per_doc: int, batch: int) -> Iterator[list[DocumentGraph]]:
    """The synthetic documents, batch by batch and always the same (seeded): a real load streams its
    documents too, so the loader's peak memory is not inflated by a whole corpus held in memory."""
    rng = random.Random(42)
    for start in range(0, docs, batch):
        yield [synthetic_graph(n, positions_per_doc, rng) for n in range(start, min(start + batch, docs))]


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--positions-per-doc", type=int, default=20)
    parser.add_argument("--batch", type=int, default=100, help="documents per upsert_many call")
    parser.add_argument("--single-sample", type=int, default=3000, help="positions for the one-query-each loop")
    parser.add_argument("--url", help="a Neo4j URL (its database is wiped), or `harness`; default: embedded")
    args = parser.parse_args()

    baseline_mb = self_peak_mb()
    with tempfile.TemporaryDirectory(prefix="peacegraph-bench-") as tmp, BenchEngine(args.url) as engine:
        data_dir = Path(tmp)
        store = engine.open(data_dir, "bench")
        try:
            total = built_s = batched_s = 0.0
            t_built = time.perf_counter()
            for graphs in corpus(args.docs, args.positions_per_doc, args.batch):
                t0 = time.perf_counter()
                built_s += t0 - t_built
                store.upsert_many(graphs)
                t_built = time.perf_counter()
                batched_s += t_built - t0
                total += sum(len(g.positions) for g in graphs)
            batched_rate = total / batched_s
            counts = store.counts()
            assert counts["nodes"]["Document"] == args.docs, counts
            print(f"corpus:              {args.docs:,} synthetic documents, {int(total):,} positions "
                  f"(generated batch by batch, {built_s:.1f} s, not timed)")
            print(f"batched upsert:      {batched_rate:>10,.0f} positions/s  ({int(total):,} in {batched_s:.1f} s, "
                  f"{args.batch} documents per upsert_many; edges now {sum(counts['edges'].values()):,})")

            # One upsert_positions round trip per position, on the loaded graph. The documents get a new id so
            # that every query creates its edge, as the batched load did (re-merging an existing edge is not
            # the same work).
            sample_docs = args.single_sample // args.positions_per_doc + 1
            first = next(corpus(sample_docs, args.positions_per_doc, sample_docs))
            sample = [p for g in first for p in g.positions][: args.single_sample]
            t0 = time.perf_counter()
            for p in sample:
                store.write("upsert_positions", rows=[{"actor": p.actor, "relation": p.relation, "term": p.term,
                                                       "doc": f"{p.provenance.doc}-single",
                                                       "sentence": p.provenance.sentence,
                                                       "props": _edge_props(p.provenance)}])
            single_s = time.perf_counter() - t0
            single_rate = len(sample) / single_s
            ratio = batched_rate / single_rate
            print(f"one query/position:  {single_rate:>10,.0f} positions/s  ({len(sample):,} sampled in "
                  f"{single_s:.1f} s, new edges)")
            print(f"ratio:               {ratio:>10.1f} x")
            server_mb = server_peak_mb(data_dir, engine.server_pid) if engine.local else float("nan")
        finally:
            store.close()
    loader_mb = self_peak_mb()
    combined_mb = loader_mb + server_mb
    print(f"peak memory, loader: {loader_mb:>10.0f} MB  (this Python process, ru_maxrss; {baseline_mb:.0f} MB of "
          f"it is the interpreter and libraries before loading)")
    print(f"peak memory, server: {server_mb:>10.0f} MB  ({engine.name}, VmHWM)")
    print(f"peak memory, both:   {combined_mb:>10.0f} MB  (sum of the two peaks: an upper bound)")
    print(f"target >= {TARGET_RATE:,} positions/s batched: {verdict(batched_rate >= TARGET_RATE)} "
          f"({batched_rate:,.0f})")
    print(f"target >= {TARGET_RATIO} x the per-position loop:  {verdict(ratio >= TARGET_RATIO)} ({ratio:.1f} x)")
    print(f"target < {TARGET_PEAK_MB} MB peak memory (both):    {verdict(combined_mb < TARGET_PEAK_MB)} "
          f"({combined_mb:.0f} MB)")


if __name__ == "__main__":
    main()
