"""API benchmark: latency under concurrent clients on a synthetic store, and the graph page build time.

    python bench/api.py [--docs 10000] [--positions-per-doc 20] [--clients 32] [--requests 3000] [--workers 1]
                        [--cache-seconds 2] [--data-dir DIR]

Builds a synthetic store (bench/load.py's generator: 10,000 documents, ~200,000 positions, 10,000
guarantees) in a temporary data directory, serves the real app (`app.main:create_app`, opening its store from
settings as `peacegraph serve` does) with uvicorn in a subprocess on 127.0.0.1, and sends a bounded number of
requests per endpoint from `--clients` concurrent httpx clients. Prints p50/p95/p99 latency and requests/s for
`/guarantees`, `/actors/{actor}/positions` and `/graph`, then the time to build the graph page for 2,000
edges (in process, stage by stage, and over HTTP). Targets: p95 < 50 ms for the first two, graph page for
2,000 edges in < 1 s. Nothing is asserted: the figures are printed with a met/MISSED verdict. Run it with
`--cache-seconds 0` too, to see what the database answers cost without the server's response cache.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from app.settings import Settings  # noqa: E402
from bench.load import ACTORS, TERMS, corpus  # noqa: E402
from graph.store import open_store  # noqa: E402

GRAPH_NAME = "bench_api"
TARGET_P95_MS = 50.0
TARGET_PAGE_S = 1.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_store(data_dir: Path, docs: int, per_doc: int, batch: int = 100) -> None:
    store = open_store(None, data_dir=data_dir, database=GRAPH_NAME)
    try:
        store.reset()
        t0 = time.perf_counter()
        for graphs in corpus(docs, per_doc, batch):
            store.upsert_many(graphs)
        counts = store.counts()
        edges = counts["edges"]
        positions = sum(edges.get(r, 0) for r in ("DEMANDS", "OFFERS", "SUPPORTS", "REJECTS"))
        print(f"store: {counts['nodes'].get('Document', 0):,} documents, {positions:,} positions, "
              f"{edges.get('GUARANTEES', 0):,} guarantees (loaded in {time.perf_counter() - t0:.1f} s)")
    finally:
        store.close()


def start_server(data_dir: Path, port: int, workers: int, cache_seconds: float) -> subprocess.Popen:
    env = {**os.environ, "PEACEGRAPH_DATA_DIR": str(data_dir), "PEACEGRAPH_DB_NAME": GRAPH_NAME,
           "PEACEGRAPH_DB_URL": "embedded", "PEACEGRAPH_CACHE_SECONDS": str(cache_seconds)}
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "app.main:create_app", "--host", "127.0.0.1",
           "--port", str(port), "--log-level", "warning", "--no-access-log", "--workers", str(workers)]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env)
    for _ in range(600):  # bounded wait for start-up
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        time.sleep(0.1)
    proc.terminate()
    raise SystemExit("server did not come up")


async def hammer(base: str, make_url: Callable[[random.Random], str], clients: int, total: int) -> dict[str, float]:
    """`total` GETs from `clients` concurrent tasks sharing one connection pool; latency per request."""
    latencies: list[float] = []
    errors = 0
    remaining = total
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        for _ in range(min(clients, 20)):  # warm-up, not measured
            await client.get(make_url(random.Random(0)))

        async def worker(seed: int) -> None:
            nonlocal remaining, errors
            rng = random.Random(seed)
            while remaining > 0:
                remaining -= 1
                url = make_url(rng)
                t0 = time.perf_counter()
                response = await client.get(url)
                latencies.append(time.perf_counter() - t0)
                if response.status_code != 200:
                    errors += 1

        t0 = time.perf_counter()
        await asyncio.gather(*(worker(i) for i in range(clients)))
        elapsed = time.perf_counter() - t0
    q = statistics.quantiles(latencies, n=100, method="inclusive")
    return {"p50": q[49] * 1000, "p95": q[94] * 1000, "p99": q[98] * 1000, "rps": len(latencies) / elapsed,
            "n": len(latencies), "errors": errors}


def page_build(data_dir: Path, edges: int) -> None:
    """Build the graph page for `edges` edges in process, stage by stage (query, networkx + layout + pyvis +
    template), on the same store."""
    from app.graphdata import GraphFilter, fetch
    from app.viz import render_graph_page

    store = open_store(None, data_dir=data_dir, database=GRAPH_NAME)
    try:
        f = GraphFilter(actors=[ACTORS[1].id], limit=edges)
        fetch(store, f)  # warm-up
        t0 = time.perf_counter()
        data = fetch(store, f)
        t1 = time.perf_counter()
        html = render_graph_page(data, form={"actor": [], "term": [], "relation": []},
                                 choices={"actors": [], "terms": [], "documents": [], "relations": [], "statuses": []})
        t2 = time.perf_counter()
    finally:
        store.close()
    total = t2 - t0
    print(f"graph page, {len(data['links']):,} edges / {len(data['nodes'])} nodes (in process): query {t1 - t0:.3f} s "
          f"+ networkx/layout/pyvis/html {t2 - t1:.3f} s = {total:.3f} s, {len(html) / 1e6:.1f} MB "
          f"[target < {TARGET_PAGE_S:.0f} s: {'met' if total < TARGET_PAGE_S else 'MISSED'}]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--positions-per-doc", type=int, default=20)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--requests", type=int, default=3000, help="requests per endpoint")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--cache-seconds", type=float, default=Settings().cache_seconds,
                        help="the server's GET response cache (0 = off: every request queries the database)")
    parser.add_argument("--data-dir", type=Path, help="reuse a store built before (skips loading if present)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="peacegraph-bench-api-") as tmp:
        data_dir = args.data_dir or Path(tmp)
        marker = data_dir / f".{GRAPH_NAME}-{args.docs}-{args.positions_per_doc}"
        if not marker.exists():
            build_store(data_dir, args.docs, args.positions_per_doc)
            marker.touch()
        keeper = open_store(None, data_dir=data_dir, database=GRAPH_NAME)  # holds the embedded server up
        port = free_port()
        server = start_server(data_dir, port, args.workers, args.cache_seconds)
        base = f"http://127.0.0.1:{port}"
        try:
            actor_ids = [a.id for a in ACTORS]
            term_ids = [t.id for t in TERMS]
            endpoints: list[tuple[str, Callable[[random.Random], str], bool]] = [
                ("/guarantees", lambda r: "/guarantees", True),
                ("/guarantees?guarantor=…", lambda r: f"/guarantees?guarantor={r.choice(actor_ids)}", True),
                ("/actors/{actor}/positions", lambda r: f"/actors/{r.choice(actor_ids)}/positions", True),
                ("/graph?actor=…&term=…", lambda r: f"/graph?actor={r.choice(actor_ids)}&term={r.choice(term_ids)}",
                 False),
                ("/graph?actor=…&limit=500", lambda r: f"/graph?actor={r.choice(actor_ids)}&limit=500", False),
            ]
            print(f"{args.clients} concurrent clients, {args.requests:,} requests per endpoint, "
                  f"{args.workers} uvicorn worker(s), response cache {args.cache_seconds:g} s, {os.cpu_count()} cores")
            for name, make_url, targeted in endpoints:
                stats = asyncio.run(hammer(base, make_url, args.clients, args.requests))
                verdict = ""
                if targeted:
                    verdict = f"  [p95 target < {TARGET_P95_MS:.0f} ms: {'met' if stats['p95'] < TARGET_P95_MS else 'MISSED'}]"
                print(f"{name:<28} p50 {stats['p50']:7.1f} ms  p95 {stats['p95']:7.1f} ms  p99 {stats['p99']:7.1f} ms  "
                      f"{stats['rps']:7.0f} req/s  ({stats['n']} requests, {stats['errors']} errors){verdict}")
            t0 = time.perf_counter()
            response = httpx.get(f"{base}/pages/graph?actor={actor_ids[1]}&limit=2000", timeout=60)
            elapsed = time.perf_counter() - t0
            print(f"graph page, 2,000 edges over HTTP: {elapsed:.3f} s (status {response.status_code}, "
                  f"{len(response.content) / 1e6:.1f} MB)")
        finally:
            server.terminate()
            server.wait(30)
        page_build(data_dir, 2000)
        keeper.close()


if __name__ == "__main__":
    main()
