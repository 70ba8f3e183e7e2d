"""Load benchmark: what a user waits for when loading, deleting and restarting, on fresh embedded stores.

    python bench/load.py [--folder-docs 400] [--docs 10000] [--positions-per-doc 20] [--batch 500] [--skip-e2e]

1. End-to-end ingest of a folder, as `peacegraph load` does it (loaders.ingest.ingest_paths: read, extract,
   store), with `--jobs 1` and `--jobs 2`: documents/s and the store's share of the time (target < 20%). The
   folder holds `--folder-docs` articles made from seeds/ (each with its own date in front matter and its own
   closing line, so each is a new document).
2. Batched upsert of a synthetic corpus (`--docs` documents of `--positions-per-doc` positions, 60 actors, 40
   terms; generated batch by batch and not timed): positions/s, a floor of 10,000 positions/s. `--batch`
   documents per upsert_many (default 500): a batch updates the Stance aggregate of every (actor, term) cell
   it touches once, and on FalkorDB each such update re-indexes the node, so the cost per document falls as a
   batch's documents share cells (100 documents touch ~1,300 of the 2,400 cells, 500 nearly all of them).
3. On that store: the time to delete one document (median of 20, target < 200 ms); the time the last process
   takes to close the store (it compacts the append-only file and stops the server); and the time for the
   embedded server to come back after that (it loads the compacted file, target < 10 s).
4. Peak memory of the loader process and of the server.

Prints figures with a met/MISSED verdict; nothing is asserted. On a shared machine the figures are noisy.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.engine import BenchEngine  # noqa: E402
from graph.embedded import EmbeddedServer  # noqa: E402
from graph.model import (  # noqa: E402
    RELATIONS,
    Actor,
    Document,
    DocumentGraph,
    Guarantee,
    Official,
    Position,
    Provenance,
    Term,
)
from graph.vocabulary import GuaranteeStatus  # noqa: E402

TARGET_RATE = 10_000  # positions/s, batched: a floor
TARGET_STORE_SHARE = 0.20
TARGET_DELETE_S = 0.200
TARGET_RESTART_S = 10.0
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
        guarantees=[Guarantee(guarantor=guarantor, beneficiary=beneficiary, status=GuaranteeStatus.PROPOSED,
                              provenance=prov(positions))],
    )


def corpus(docs: int, positions_per_doc: int, batch: int) -> Iterator[list[DocumentGraph]]:
    """The synthetic documents, batch by batch and always the same (seeded): a real load streams its
    documents too, so the loader's peak memory is not inflated by a whole corpus held in memory."""
    rng = random.Random(42)
    for start in range(0, docs, batch):
        yield [synthetic_graph(n, positions_per_doc, rng) for n in range(start, min(start + batch, docs))]


def server_peak_mb(data_dir: Path, pid: int | None = None) -> float:
    """Peak resident memory (VmHWM) of the embedded FalkorDB server of `data_dir` (or of process `pid`), in MB."""
    pid = pid or EmbeddedServer(data_dir).server_pid()
    if pid is None:
        return float("nan")
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid: int | None) -> float:
    """User + system CPU time of process `pid` and of its finished children (the server's append-only file
    rewrites) so far, nan if unknown: with the loader's own, what the batched upsert costs in CPU, a figure
    that other work on a shared machine does not inflate."""
    if pid is None:
        return float("nan")
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def self_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def self_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def make_folder(folder: Path, docs: int) -> None:
    """`docs` articles from the seeds, each with its own front matter date and closing line."""
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(docs):
        year, month, day = 2022 + n % 4, 1 + n % 12, 1 + n % 28
        body = texts[n % len(texts)]
        (folder / f"article_{n:05d}.md").write_text(
            f"---\ntitle: Bench article {n}\noutlet: Bench\ndate: {year}-{month:02d}-{day:02d}\n---\n{body}\n\n"
            f"Reference {n}.\n", encoding="utf-8")


def end_to_end(engine: BenchEngine, folder: Path, jobs: int) -> None:
    from loaders.ingest import ingest_paths

    with tempfile.TemporaryDirectory(prefix="peacegraph-bench-e2e-") as tmp:
        store = engine.open(Path(tmp), "bench_e2e")
        try:
            summary = ingest_paths(store, [folder], jobs=jobs, batch=50)
        finally:
            store.close()
    docs = summary.count("loaded")
    share = summary.store_seconds / summary.seconds if summary.seconds else float("nan")
    print(f"ingest --jobs {jobs}:      {docs / summary.seconds:>10,.1f} documents/s  ({docs} documents in "
          f"{summary.seconds:.1f} s, store {summary.store_seconds:.1f} s = {share:.0%} of it, "
          f"{len(summary.skipped)} skipped)")
    print(f"  target store share < {TARGET_STORE_SHARE:.0%}: {verdict(share < TARGET_STORE_SHARE)} ({share:.0%})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folder-docs", type=int, default=400, help="articles in the end-to-end folder")
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--positions-per-doc", type=int, default=20)
    parser.add_argument("--batch", type=int, default=500, help="documents per upsert_many call")
    parser.add_argument("--skip-e2e", action="store_true", help="only the synthetic store figures")
    parser.add_argument("--url", help="a Neo4j URL (its database is wiped), or `harness`; default: embedded")
    args = parser.parse_args()
    with BenchEngine(args.url, args.docs) as engine:
        print(f"engine: {engine.name}")
        run(args, engine)


def run(args: argparse.Namespace, engine: BenchEngine) -> None:
    baseline_mb = self_peak_mb()
    if not args.skip_e2e:
        with tempfile.TemporaryDirectory(prefix="peacegraph-bench-folder-") as tmp:
            folder = Path(tmp) / "articles"
            make_folder(folder, args.folder_docs)
            for jobs in (1, 2):
                end_to_end(engine, folder, jobs)

    with tempfile.TemporaryDirectory(prefix="peacegraph-bench-") as tmp:
        data_dir = Path(tmp)
        store = engine.open(data_dir, "bench")
        server = (EmbeddedServer(data_dir).server_pid() if engine.url is None else engine.server_pid) \
            if engine.local else None
        try:
            total = built_s = batched_s = cpu_s = 0.0
            server_cpu0 = cpu_seconds(server)
            t_built = time.perf_counter()
            for graphs in corpus(args.docs, args.positions_per_doc, args.batch):
                t0, c0 = time.perf_counter(), self_cpu_seconds()
                built_s += t0 - t_built
                store.upsert_many(graphs)
                t_built = time.perf_counter()
                batched_s += t_built - t0
                cpu_s += self_cpu_seconds() - c0
                total += sum(len(g.positions) for g in graphs)
            batched_rate = total / batched_s
            server_cpu_s = cpu_seconds(server) - server_cpu0
            counts = store.counts()
            assert counts["nodes"]["Document"] == args.docs, counts
            print(f"corpus:              {args.docs:,} synthetic documents, {int(total):,} positions "
                  f"(generated batch by batch, {built_s:.1f} s, not timed)")
            print(f"batched upsert:      {batched_rate:>10,.0f} positions/s  ({int(total):,} in {batched_s:.1f} s, "
                  f"{args.batch} documents per upsert_many, aggregates included; edges now "
                  f"{sum(counts['edges'].values()):,})")
            print(f"  CPU time:          {cpu_s:>10.1f} s loader + {server_cpu_s:.1f} s server = "
                  f"{total / (cpu_s + server_cpu_s):,.0f} positions per CPU second (the loader prepares a query "
                  "while the server runs the one before: on two idle cores the rate is above this)")
            deletes = []
            for n in range(0, args.docs, max(1, args.docs // 20))[:20]:
                t0 = time.perf_counter()
                assert store.delete_document(f"doc-{n:06d}")
                deletes.append(time.perf_counter() - t0)
            delete_s = statistics.median(deletes)
            print(f"delete one document: {delete_s * 1000:>10.1f} ms median  (max {max(deletes) * 1000:.1f} ms, "
                  f"{len(deletes)} documents of {args.positions_per_doc} positions)")
            server_mb = server_peak_mb(data_dir, engine.server_pid) if engine.local else float("nan")
        finally:
            t0 = time.perf_counter()
            store.close()  # the last user: the append-only file is compacted, the server shuts down
            close_s = time.perf_counter() - t0
        print(f"close after load:    {close_s:>10.1f} s  (the last user closes: append-only file compacted, "
              "server stopped)")
        t0 = time.perf_counter()
        reopened = engine.open(data_dir, "bench", wipe=False)
        try:
            reopened.run("document_states", ids=["doc-000001"])
            restart_s = time.perf_counter() - t0
        finally:
            reopened.close()
        print(f"restart after load:  {restart_s:>10.1f} s  (server started again on the compacted file, first answer)")
    loader_mb = self_peak_mb()
    combined_mb = loader_mb + server_mb
    print(f"peak memory, loader: {loader_mb:>10.0f} MB  (this Python process, ru_maxrss; {baseline_mb:.0f} MB of "
          f"it is the interpreter and libraries before loading)")
    print(f"peak memory, server: {server_mb:>10.0f} MB  ({engine.name}, VmHWM)")
    print(f"target >= {TARGET_RATE:,} positions/s batched (floor): {verdict(batched_rate >= TARGET_RATE)} "
          f"({batched_rate:,.0f})")
    print(f"target delete one document < {TARGET_DELETE_S * 1000:.0f} ms:  {verdict(delete_s < TARGET_DELETE_S)} "
          f"({delete_s * 1000:.1f} ms)")
    print(f"target restart < {TARGET_RESTART_S:.0f} s:                 {verdict(restart_s < TARGET_RESTART_S)} "
          f"({restart_s:.1f} s)")
    print(f"target < {TARGET_PEAK_MB} MB peak memory (both):    {verdict(combined_mb < TARGET_PEAK_MB)} "
          f"({combined_mb:.0f} MB)")


if __name__ == "__main__":
    main()
