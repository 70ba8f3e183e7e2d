"""API benchmark: every read endpoint and page, one client and 32 concurrent clients, on a synthetic store.

    python bench/api.py [--docs 10000] [--positions-per-doc 20] [--clients 1 32] [--duration 4] [--workers 1]
                        [--cache-seconds 0] [--client python|wrk] [--data-dir DIR] [--only SUBSTRING ...] [--targeted]
                        [--url embedded|harness|bolt://…] [--summary FILE]

Every read endpoint of the API and the pages is loaded with varied parameters (actors, terms, documents,
pages, filters drawn at random from 1,000 URLs per endpoint), so that a cache could not answer most requests;
by default the server's response cache is off (`--cache-seconds 0`), so every request queries the database.
Targets: one client, p95 < 100 ms on every endpoint up to 10,000 documents (< 250 ms beyond); 32 clients,
>= 300 requests/s with p95 < 200 ms on `/guarantees` and `/actors/{actor}/positions`. With `--summary` the
figures also go to a JSON file, from which bench/scaling.py makes its table over engines and sizes.

Builds a synthetic store (bench/load.py's generator: 10,000 documents, ~200,000 positions, 10,000
guarantees) in a temporary data directory, serves the real app (`app.main:create_app`, opening its store from
settings as `peacegraph serve` does) with uvicorn in a subprocess on 127.0.0.1, and loads each endpoint for
`--duration` seconds from `--clients` concurrent keep-alive connections. Prints p50/p95/p99 latency,
requests/s and the CPU time each request cost the API process(es), the database server and the load generator
(from /proc: a figure that holds on a shared machine, where latency and throughput depend on the neighbours;
two cores divided by the sum is the throughput an idle machine could reach), once per `--cache-seconds`
value, then the time to build the graph page for 2,000 edges in process, stage by stage. Nothing is asserted:
the figures are printed with a met/MISSED verdict.

The load generator shares the machine with the server, so its own CPU counts: the default is a lean Python
client (raw HTTP/1.1 over uvloop streams, keep-alive, no HTTP library; it drives ~18,000 req/s from cache on
2 cores, where httpx managed ~500); `--client wrk` uses Debian's `wrk` when installed. The output names the one
used and whether the response cache was on.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from bench.engine import BenchEngine  # noqa: E402
from bench.load import ACTORS, TERMS, corpus, server_peak_mb  # noqa: E402
from graph.store import Store  # noqa: E402

GRAPH_NAME = "bench_api"
TARGET_P95_MS = 100.0  # one client, every endpoint, up to 10,000 documents
TARGET_P95_LARGE_MS = 250.0  # one client, every endpoint, at 100,000 documents
TARGET_P95_MANY_MS = 200.0  # 32 clients, /guarantees and /actors/{actor}/positions
TARGET_RPS_MANY = 300.0
TARGET_PAGE_S = 1.0
# Before each endpoint's measured concurrent load, the same load unmeasured: a JVM server (Neo4j) compiles its
# hot paths for the first seconds of a new query mix (the first endpoint measured 120 requests/s and 1.2 s p95
# while the next ones, the same shape, made 230-330), and a long-running server is measured in its steady state.
WARM_LOAD_S = 2.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_store(engine: BenchEngine, data_dir: Path, docs: int, per_doc: int, batch: int = 500) -> float:
    """Load the synthetic corpus (`batch` documents per upsert_many, as bench/load.py); the seconds it took."""
    store = engine.open(data_dir, GRAPH_NAME)
    try:
        store.reset()
        t0 = time.perf_counter()
        for graphs in corpus(docs, per_doc, batch):
            store.upsert_many(graphs)
        load_s = time.perf_counter() - t0
        counts = store.counts()
        edges = counts["edges"]
        positions = sum(edges.get(r, 0) for r in ("DEMANDS", "OFFERS", "SUPPORTS", "REJECTS"))
        print(f"store: {counts['nodes'].get('Document', 0):,} documents, {positions:,} positions, "
              f"{edges.get('GUARANTEES', 0):,} guarantees (loaded in {load_s:.1f} s)")
    finally:
        store.close()
    return load_s


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def start_server(engine: BenchEngine, data_dir: Path, port: int, workers: int,
                 cache_seconds: float) -> subprocess.Popen:
    env = {**os.environ, **engine.settings_env(data_dir, GRAPH_NAME), "PEACEGRAPH_CACHE_SECONDS": str(cache_seconds)}
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


WRK_SCRIPT = """
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
math.randomseed(os.time())
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %d %d %d %d %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def summarise(latencies_s: list[float], elapsed_s: float, errors: int) -> dict[str, float]:
    q = statistics.quantiles(latencies_s, n=100, method="inclusive")
    return {"p50": q[49] * 1000, "p95": q[94] * 1000, "p99": q[98] * 1000, "rps": len(latencies_s) / elapsed_s,
            "n": len(latencies_s), "errors": errors}


def run_wrk(base: str, paths: list[str], clients: int, duration: float) -> dict[str, float]:
    """`wrk` with one thread and `clients` keep-alive connections, each request a random path of `paths`;
    latency percentiles from wrk's own histogram; non-2xx/3xx answers and socket errors count as errors."""
    with tempfile.TemporaryDirectory(prefix="peacegraph-wrk-") as tmp:
        script, path_file = Path(tmp, "bench.lua"), Path(tmp, "paths.txt")
        script.write_text(WRK_SCRIPT)
        path_file.write_text("\n".join(paths) + "\n")
        out = subprocess.run(["wrk", "-t1", f"-c{clients}", f"-d{max(1, round(duration))}s", "--timeout", "30s",
                              "-s", str(script), base], capture_output=True, text=True,
                             env={**os.environ, "BENCH_PATHS": str(path_file)}, check=True).stdout
    line = next(row for row in out.splitlines() if row.startswith("BENCH "))
    n, dur_us, p50, p95, p99, *errs = (int(x) for x in line.split()[1:])
    return {"p50": p50 / 1000, "p95": p95 / 1000, "p99": p99 / 1000, "rps": n / (dur_us / 1e6), "n": n,
            "errors": sum(errs)}


async def _python_load(host: str, port: int, paths: list[str], clients: int, duration: float) -> dict[str, float]:
    """`clients` keep-alive HTTP/1.1 connections, each sending GETs back to back for `duration` seconds."""
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + duration

    async def worker(seed: int) -> None:
        nonlocal errors
        rng = random.Random(seed)
        reader, writer = await asyncio.open_connection(host, port)
        try:
            while time.perf_counter() < deadline:
                request = f"GET {rng.choice(paths)} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
                t0 = time.perf_counter()
                writer.write(request)
                head = await reader.readuntil(b"\r\n\r\n")
                status = int(head[9:12])
                length = None
                chunked = False
                for line in head.split(b"\r\n")[1:]:
                    name, _, value = line.partition(b":")
                    name = name.strip().lower()
                    if name == b"content-length":
                        length = int(value)
                    elif name == b"transfer-encoding" and b"chunked" in value.lower():
                        chunked = True
                if chunked:
                    while True:
                        size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
                        await reader.readexactly(size + 2)
                        if size == 0:
                            break
                else:
                    await reader.readexactly(length or 0)
                latencies.append(time.perf_counter() - t0)
                if status != 200:
                    errors += 1
        finally:
            writer.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(worker(i) for i in range(clients)))
    return summarise(latencies, time.perf_counter() - t0, errors)


def run_python(base: str, paths: list[str], clients: int, duration: float) -> dict[str, float]:
    url = httpx.URL(base)
    load = _python_load(url.host, url.port or 80, paths, clients, duration)
    try:
        import uvloop
    except ImportError:  # pragma: no cover - uvloop comes with uvicorn[standard]
        return asyncio.run(load)
    return uvloop.run(load)


def warm_up(base: str, paths: list[str]) -> None:
    """A few requests per endpoint before measuring (connections, query plans, the first cache fill); the
    concurrent loads also get WARM_LOAD_S of load first."""
    with httpx.Client(base_url=base, timeout=60) as client:
        for path in paths[:20]:
            client.get(path)


def page_build(engine: BenchEngine, data_dir: Path, edges: int) -> None:
    """Build the graph page for `edges` edges in process, stage by stage (query, networkx + layout + pyvis +
    template), on the same store."""
    from app.graphdata import GraphFilter, fetch
    from app.viz import render_graph_page

    store = engine.open(data_dir, GRAPH_NAME, wipe=False)
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


TICK_S = 1 / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    """`pid` and its descendants (uvicorn's worker processes), from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(parents.get(p, []))
    return out


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time used so far by these processes (those still running)."""
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) * TICK_S
    return total


def choose_client(wanted: str) -> tuple[str, Callable[[str, list[str], int, float], dict[str, float]], str]:
    """The load generator. The default is the lean Python client: on this app's mixed loads (cache hits in
    ~1 ms, misses in ~100 ms) wrk 4.1's percentiles contradicted its own throughput (p95 100 ms at 21,800
    req/s from 32 connections, where Little's law allows a mean of 1.5 ms), while the Python client's agreed."""
    if wanted == "wrk":
        if shutil.which("wrk") is None:
            raise SystemExit("--client wrk: wrk is not installed (Debian: apt-get install wrk)")
        return "wrk", run_wrk, "wrk (C), 1 thread (its percentiles are doubtful on mixed hit/miss loads)"
    return "python", run_python, "Python asyncio raw HTTP/1.1 client (uvloop, no HTTP library) in the bench process"


def endpoints(docs: int) -> list[tuple[str, Callable[[random.Random], str], bool]]:
    """(name, a URL maker drawing varied parameters, whether the 32-client target applies)."""
    actors = [a.id for a in ACTORS]
    terms = [t.id for t in TERMS]
    statuses = ["proposed", "willing", "declined"]

    def doc(r: random.Random) -> str:
        return f"doc-{r.randrange(docs):06d}"

    return [
        ("/guarantees", lambda r: f"/guarantees?skip={r.randrange(0, 2000, 100)}&limit=100", True),
        ("/guarantees?guarantor&status", lambda r: f"/guarantees?guarantor={r.choice(actors)}"
                                                   f"&status={r.choice(statuses)}", True),
        ("/guarantees?beneficiary", lambda r: f"/guarantees?beneficiary={r.choice(actors)}", True),
        ("/actors/{actor}/positions", lambda r: f"/actors/{r.choice(actors)}/positions", True),
        ("/actors/{a}/positions?relation", lambda r: f"/actors/{r.choice(actors)}/positions?relation="
                                                     f"{r.choice(RELATION_NAMES)}", True),
        ("/actors", lambda r: "/actors", False),
        ("/actors/{actor}", lambda r: f"/actors/{r.choice(actors)}", False),
        ("/officials", lambda r: "/officials", False),
        ("/terms", lambda r: "/terms", False),
        ("/terms/{term}/positions", lambda r: f"/terms/{r.choice(terms)}/positions", False),
        ("/analysis/conflicts", lambda r: f"/analysis/conflicts?skip={r.randrange(0, 5000, 100)}", False),
        ("/analysis/conflicts?term", lambda r: f"/analysis/conflicts?term={r.choice(terms)}", False),
        ("/analysis/common-ground", lambda r: f"/analysis/common-ground?a={r.choice(actors)}&b={r.choice(actors)}",
         False),
        ("/analysis/matrix", lambda r: "/analysis/matrix", False),
        ("/analysis/matrix?actor", lambda r: f"/analysis/matrix?actor={r.choice(actors)}&actor={r.choice(actors)}",
         False),
        ("/analysis/timeline?actor&term", lambda r: f"/analysis/timeline?actor={r.choice(actors)}"
                                                    f"&term={r.choice(terms)}", False),
        ("/analysis/timeline?actor", lambda r: f"/analysis/timeline?actor={r.choice(actors)}", False),
        ("/documents", lambda r: f"/documents?skip={r.randrange(0, docs - 50, 50)}&limit=50", False),
        ("/documents/{id}", lambda r: f"/documents/{doc(r)}", False),
        ("/graph?actor&limit=200", lambda r: f"/graph?actor={r.choice(actors)}&limit=200", False),
        ("/graph?term&limit=200", lambda r: f"/graph?term={r.choice(terms)}&limit=200", False),
        ("/graph?actor&term", lambda r: f"/graph?actor={r.choice(actors)}&term={r.choice(terms)}", False),
        ("/graph?doc", lambda r: f"/graph?doc={doc(r)}", False),
        ("/pages/graph?actor&limit=200", lambda r: f"/pages/graph?actor={r.choice(actors)}&limit=200", False),
        ("/pages/graph?doc", lambda r: f"/pages/graph?doc={doc(r)}", False),
        ("/pages/guarantees", lambda r: "/pages/guarantees", False),
        ("/pages/guarantees?actor", lambda r: f"/pages/guarantees?actor={r.choice(actors)}", False),
        ("/pages/matrix", lambda r: "/pages/matrix", False),
        ("/pages/matrix?actor", lambda r: f"/pages/matrix?actor={r.choice(actors)}", False),
        ("/pages/compare", lambda r: f"/pages/compare?a={r.choice(actors)}&b={r.choice(actors)}", False),
        ("/pages/timeline", lambda r: f"/pages/timeline?actor={r.choice(actors)}&term={r.choice(terms)}", False),
        ("/pages/documents", lambda r: f"/pages/documents?skip={r.randrange(0, docs - 50, 50)}", False),
        ("/pages/documents/{id}", lambda r: f"/pages/documents/{doc(r)}", False),
        ("/graph (no filter)", lambda r: f"/graph?limit={r.choice((100, 200, 500))}", False),
        ("/export/positions.csv?actor", lambda r: f"/export/positions.csv?actor={r.choice(actors)}&limit=500",
         False),
        ("/export/guarantees.csv?actor", lambda r: f"/export/guarantees.csv?actor={r.choice(actors)}&limit=500",
         False),
        ("/export/graphml?term", lambda r: f"/export/graphml?term={r.choice(terms)}&limit=500", False),
        ("/ (index page)", lambda r: "/", False),
        ("/health", lambda r: "/health", False),
    ]


RELATION_NAMES = ["DEMANDS", "OFFERS", "SUPPORTS", "REJECTS"]


def engine_pid(engine: BenchEngine, data_dir: Path) -> int | None:
    """The database server's pid when it runs here (the embedded FalkorDB, or the Neo4j harness)."""
    if engine.url is None:
        from graph.embedded import EmbeddedServer

        return EmbeddedServer(data_dir).server_pid()
    return engine.server_pid


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--positions-per-doc", type=int, default=20)
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 32])
    parser.add_argument("--duration", type=float, default=4.0, help="seconds of load per endpoint")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--cache-seconds", type=float, nargs="+", default=[0.0],
                        help="the server's GET response cache, one run per value (default 0 = off: every request "
                             "queries the database)")
    parser.add_argument("--client", choices=("python", "wrk"), default="python",
                        help="load generator: the lean Python client, or wrk if installed")
    parser.add_argument("--data-dir", type=Path, help="reuse a store built before (skips loading if present)")
    parser.add_argument("--only", nargs="+", help="only the endpoints whose name contains one of these")
    parser.add_argument("--url", help="a Neo4j URL (its database is wiped), or `harness`; default: embedded")
    parser.add_argument("--targeted", action="store_true",
                        help="only the endpoints with the 32-client target (/guarantees, /actors/{actor}/positions)")
    parser.add_argument("--summary", type=Path,
                        help="also write the figures as JSON to this file (bench/scaling.py reads them)")
    parser.add_argument("--reuse", action="store_true",
                        help="with a Neo4j URL: keep its database when it already holds --docs documents (a store "
                             "loaded by an earlier run), instead of wiping and loading it again")
    args = parser.parse_args()
    _, load, client_note = choose_client(args.client)

    with tempfile.TemporaryDirectory(prefix="peacegraph-bench-api-") as tmp, BenchEngine(args.url, args.docs) as engine:
        data_dir = args.data_dir or Path(tmp)
        marker = data_dir / f".{GRAPH_NAME}-{args.docs}-{args.positions_per_doc}"
        target_p95 = TARGET_P95_MS if args.docs <= 10_000 else TARGET_P95_LARGE_MS
        summary: dict[str, Any] = {"engine": engine.name, "docs": args.docs, "load_s": None, "p95": {},
                                   "load_average": [load_average()], "cores": os.cpu_count()}
        print(f"load average at the start: {load_average()} ({os.cpu_count()} cores)")
        # Held open from before the load: a server stopped after it replays its whole append-only file.
        keeper = engine.open(data_dir, GRAPH_NAME, wipe=False)
        if engine.url and args.reuse and keeper.counts()["nodes"].get("Document", 0) == args.docs:
            print(f"store: reusing the {args.docs:,} documents already at {engine.url}")
        elif not marker.exists() or engine.url:
            summary["load_s"] = build_store(engine, data_dir, args.docs, args.positions_per_doc)
            marker.touch()
        summary["disk_mb"] = engine.store_disk_mb(data_dir)
        summary["memory_mb"] = engine.server_rss_mb(data_dir)
        print(f"engine: {engine.name}")
        print(f"store size: {summary['disk_mb']:,.0f} MB on disk, server resident memory {summary['memory_mb']:,.0f} "
              "MB (after the load)")
        chosen = [e for e in endpoints(args.docs) if (not args.only or any(o in e[0] for o in args.only))
                  and (e[2] or not args.targeted)]
        print(f"load generator: {client_note}; {args.duration:g} s per endpoint and client count (concurrent "
              f"loads after {WARM_LOAD_S:g} s unmeasured), {args.workers} uvicorn worker(s), {os.cpu_count()} cores")
        missed: list[str] = []
        for cache_seconds in args.cache_seconds:
            port = free_port()
            server = start_server(engine, data_dir, port, args.workers, cache_seconds)
            base = f"http://127.0.0.1:{port}"
            try:
                cache = f"ON, {cache_seconds:g} s" if cache_seconds > 0 else "OFF (every request queries the database)"
                print(f"-- response cache {cache}")
                for clients in args.clients:
                    print(f"-- {clients} client(s)")
                    for name, make_url, targeted in chosen:
                        rng = random.Random(0)
                        paths = [make_url(rng) for _ in range(1000)]
                        warm_up(base, paths)
                        if clients > 1:  # steady state: the same load, unmeasured, for a moment first
                            load(base, paths, clients, WARM_LOAD_S)
                        api_pids = _children(server.pid)
                        db_pids = [p for p in [engine_pid(engine, data_dir)] if p]
                        cpu0 = (cpu_seconds(api_pids), cpu_seconds(db_pids), time.process_time())
                        stats = load(base, paths, clients, args.duration)
                        n = max(stats["n"], 1)
                        cpu1 = (cpu_seconds(api_pids), cpu_seconds(db_pids), time.process_time())
                        cpu = [(after - before) * 1000 / n for before, after in zip(cpu0, cpu1, strict=True)]
                        verdict = ""
                        if clients == 1:
                            ok = stats["p95"] < target_p95
                            verdict = f"  [p95 < {target_p95:.0f} ms: {'met' if ok else 'MISSED'}]"
                            if cache_seconds <= 0:
                                summary["p95"][name] = stats["p95"]
                                summary.setdefault("cpu_ms", {})[name] = [round(c, 1) for c in cpu[:2]]
                        elif targeted and cache_seconds <= 0:
                            summary.setdefault("many", {})[name] = {"clients": clients, "p95": stats["p95"],
                                                                    "rps": stats["rps"], "workers": args.workers,
                                                                    "cpu_ms": [round(c, 1) for c in cpu[:2]]}
                        if clients > 1 and targeted:
                            ok = stats["p95"] < TARGET_P95_MANY_MS and stats["rps"] >= TARGET_RPS_MANY
                            verdict = (f"  [>= {TARGET_RPS_MANY:.0f} req/s, p95 < {TARGET_P95_MANY_MS:.0f} ms: "
                                       f"{'met' if ok else 'MISSED'}]")
                        elif clients > 1:
                            ok = True
                        if not ok and cache_seconds <= 0:
                            missed.append(f"{name} ({clients} client(s))")
                        print(f"{name:<34} p50 {stats['p50']:7.1f} ms  p95 {stats['p95']:7.1f} ms  p99 "
                              f"{stats['p99']:7.1f} ms  {stats['rps']:7.0f} req/s  ({stats['n']} requests, "
                              f"{stats['errors']} errors){verdict}", flush=True)
                        print(f"{'':<34} CPU per request: API {cpu[0]:.1f} ms + database {cpu[1]:.1f} ms + load "
                              f"generator {cpu[2]:.1f} ms", flush=True)
            finally:
                server.terminate()
                server.wait(30)
        if missed:
            print(f"uncached targets MISSED: {', '.join(missed)}")
        elif 0.0 in args.cache_seconds:
            print("uncached targets: all met")
        page_build(engine, data_dir, 2000)
        summary["load_average"].append(load_average())
        print(f"load average at the end: {load_average()}")
        restart(engine, data_dir, keeper, summary)
        if args.summary:
            args.summary.write_text(json.dumps(summary, indent=1))


def restart(engine: BenchEngine, data_dir: Path, keeper: Store, summary: dict[str, Any]) -> None:
    """The embedded store closed by its last user (the append-only file compacted, the server stopped) and
    opened again: the time to its first answer, its files and its resident memory then (the data as loaded
    from the snapshot). The Neo4j harness deletes its database when it stops, so there it is not measured."""
    summary["peak_memory_mb"] = (server_peak_mb(data_dir, engine.server_pid) if engine.local else float("nan"))
    if engine.url is not None:
        keeper.close()
        summary["restart_s"] = None
        print("restart: not measured on Neo4j here (the harness deletes its database when it stops)")
        return
    t0 = time.perf_counter()
    keeper.close()
    close_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    reopened = engine.open(data_dir, GRAPH_NAME, wipe=False)
    try:
        reopened.run("documents_version")
        summary["restart_s"] = time.perf_counter() - t0
        summary["disk_mb"] = engine.store_disk_mb(data_dir)
        summary["memory_mb"] = engine.server_rss_mb(data_dir)
    finally:
        reopened.close()
    print(f"restart: closed in {close_s:.1f} s (append-only file compacted), first answer after "
          f"{summary['restart_s']:.1f} s; then {summary['disk_mb']:,.0f} MB on disk, server resident memory "
          f"{summary['memory_mb']:,.0f} MB (peak during the run {summary['peak_memory_mb']:,.0f} MB)")


if __name__ == "__main__":
    main()
