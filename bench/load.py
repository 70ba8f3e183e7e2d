"""Load benchmark: batched upsert vs one query per position, on a fresh embedded store.

    python bench/load.py [--docs 5000] [--positions-per-doc 20] [--single-sample 3000]

Prints positions/s for the batched upsert (`Store.upsert_many`), positions/s for one `upsert_positions`
round trip per position (measured on a sample, since the whole corpus would take minutes), their ratio, and
peak memory of this process (ru_maxrss) and of the FalkorDB server (VmHWM). Targets: >= 10,000 positions/s
batched, >= 20x the per-position loop, < 500 MB peak.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.embedded import EmbeddedServer  # noqa: E402
from graph.model import (  # noqa: E402
    RELATIONS, Actor, Document, DocumentGraph, Guarantee, Official, Position, Provenance, Term,
)
from graph.rows import _edge_props  # noqa: E402
from graph.store import open_store  # noqa: E402

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


def server_peak_mb(data_dir: Path) -> float:
    pid = EmbeddedServer(data_dir).server_pid()
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--positions-per-doc", type=int, default=20)
    parser.add_argument("--batch", type=int, default=100, help="documents per upsert_many call")
    parser.add_argument("--single-sample", type=int, default=3000, help="positions for the one-query-each loop")
    args = parser.parse_args()

    rng = random.Random(42)
    t0 = time.perf_counter()
    graphs = [synthetic_graph(n, args.positions_per_doc, rng) for n in range(args.docs)]
    total = sum(len(g.positions) for g in graphs)
    print(f"corpus: {len(graphs):,} documents, {total:,} positions (built in {time.perf_counter() - t0:.1f} s)")

    with tempfile.TemporaryDirectory(prefix="peacegraph-bench-") as tmp:
        data_dir = Path(tmp)
        store = open_store(None, data_dir=data_dir, database="bench")
        try:
            t0 = time.perf_counter()
            for i in range(0, len(graphs), args.batch):
                store.upsert_many(graphs[i:i + args.batch])
            batched_s = time.perf_counter() - t0
            batched_rate = total / batched_s
            counts = store.counts()
            assert counts["nodes"]["Document"] == args.docs, counts
            print(f"batched upsert:      {batched_rate:>10,.0f} positions/s  ({total:,} in {batched_s:.1f} s, "
                  f"{args.batch} documents per batch; edges now {sum(counts['edges'].values()):,})")

            sample = [p for g in graphs[: args.single_sample // args.positions_per_doc + 1] for p in g.positions]
            sample = sample[: args.single_sample]
            t0 = time.perf_counter()
            for p in sample:
                store.write("upsert_positions", rows=[{"actor": p.actor, "relation": p.relation, "term": p.term,
                                                       "doc": p.provenance.doc, "sentence": p.provenance.sentence,
                                                       "props": _edge_props(p.provenance)}])
            single_s = time.perf_counter() - t0
            single_rate = len(sample) / single_s
            print(f"one query/position:  {single_rate:>10,.0f} positions/s  ({len(sample):,} sampled in "
                  f"{single_s:.1f} s)")
            print(f"ratio:               {batched_rate / single_rate:>10.1f} x")
            print(f"peak memory:         {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:>10.0f} MB "
                  f"(this process, ru_maxrss, incl. the in-memory corpus); "
                  f"FalkorDB server {server_peak_mb(data_dir):.0f} MB (VmHWM)")
        finally:
            store.close()


if __name__ == "__main__":
    main()
