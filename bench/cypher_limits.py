"""Bounds of the read-only `POST /cypher`: a heavy query answers a 4xx in time with bounded server memory, and
heavy queries from many clients do not starve the rest of the API.

    python bench/cypher_limits.py [--docs 2000] [--clients 16] [--duration 20] [--cache-seconds 0]

Builds a synthetic store (bench/load.py's generator) in a temporary data directory and serves the real app with
`peacegraph serve` in a subprocess (default settings except `PEACEGRAPH_CACHE_SECONDS`, 0 by default so every
`GET /actors` reaches the database). Then:

1. `UNWIND range(1,100000000) AS x RETURN count(x)` once: status, seconds, and the embedded server's peak
   resident memory (sampled every 10 ms, across a restart). Targets: a 4xx within the time cap + 1 s, peak
   under 1 GB.
2. `--clients` threads send heavy queries (each runs until the time cap) back to back for `--duration`
   seconds, re-sending at once after a 429, while one client asks `GET /actors` in a loop. Prints p50/p95/p99 of
   `/actors` and how the heavy calls were answered. Target: `/actors` p95 under 1 s.

Nothing is asserted; the figures are printed with a met/MISSED verdict.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from bench.api import build_store, free_port  # noqa: E402
from bench.engine import BenchEngine  # noqa: E402
from graph.embedded import EmbeddedServer  # noqa: E402

BOMB = "UNWIND range(1,100000000) AS x RETURN count(x)"
HEAVY = "UNWIND range(1, 2000000) AS x UNWIND range(1, 1000) AS y RETURN count(y)"


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


class PeakWatcher:
    """Samples the resident memory of whichever process is the data directory's server (it may restart)."""

    def __init__(self, data_dir: Path) -> None:
        self.server = EmbeddedServer(data_dir)
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            pid = self.server.server_pid()
            if pid:
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                    for key in ("VmRSS:", "VmHWM:"):
                        self.peak_kb = max(self.peak_kb, int(status.split(key)[1].split()[0]))
                except (OSError, IndexError, ValueError):
                    pass
            time.sleep(0.01)

    def __enter__(self) -> PeakWatcher:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--duration", type=float, default=20.0)
    parser.add_argument("--cache-seconds", type=float, default=0.0)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="pg-cypher-") as tmp:
        data_dir = Path(tmp)
        build_store(BenchEngine(None), data_dir, args.docs, 20)
        port = free_port()
        env = {**os.environ, "PEACEGRAPH_DATA_DIR": str(data_dir), "PEACEGRAPH_DB_NAME": "bench_api",
               "PEACEGRAPH_CACHE_SECONDS": str(args.cache_seconds), "PEACEGRAPH_PORT": str(port)}
        env.pop("PEACEGRAPH_API_KEY", None)
        serve = subprocess.Popen([sys.executable, "-m", "app.cli", "serve"], cwd=ROOT, env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.2)
            from app.settings import Settings

            settings = Settings()
            cap_s = settings.cypher_timeout_ms / 1000
            print(f"limits: time {cap_s:.1f} s, rows {settings.cypher_row_limit}, query memory "
                  f"{settings.query_memory_mb} MB, server address space {settings.db_memory_mb} MB, "
                  f"{settings.cypher_max_concurrent} /cypher at once; response cache {args.cache_seconds} s")

            with PeakWatcher(data_dir) as watch:
                t0 = time.perf_counter()
                response = httpx.post(f"{base}/cypher", json={"query": BOMB}, timeout=120)
                elapsed = time.perf_counter() - t0
                time.sleep(0.2)
            ok = 400 <= response.status_code < 500 and elapsed <= cap_s + 1 and watch.peak_kb < 1024 * 1024
            print(f"range(1,1e8): {response.status_code} in {elapsed:.2f} s, server peak {watch.peak_kb / 1024:.0f} MB"
                  f" (target: 4xx within {cap_s + 1:.1f} s, < 1024 MB) {verdict(ok)}")
            print(f"  detail: {response.json().get('detail', '')[:160]}")

            stop = threading.Event()
            outcomes: Counter[int] = Counter()
            lock = threading.Lock()

            def heavy() -> None:
                with httpx.Client(base_url=base, timeout=60) as client:
                    while not stop.is_set():
                        try:
                            status = client.post("/cypher", json={"query": HEAVY}).status_code
                        except httpx.HTTPError:
                            status = -1
                        with lock:
                            outcomes[status] += 1

            threads = [threading.Thread(target=heavy, daemon=True) for _ in range(args.clients)]
            for thread in threads:
                thread.start()
            time.sleep(1.0)
            latencies: list[float] = []
            errors = 0
            with httpx.Client(base_url=base, timeout=120) as client:
                end = time.monotonic() + args.duration
                while time.monotonic() < end:
                    t0 = time.perf_counter()
                    if client.get("/actors").status_code != 200:
                        errors += 1
                    latencies.append(time.perf_counter() - t0)
            stop.set()
            for thread in threads:
                thread.join(timeout=cap_s + 5)
            p95 = percentile(latencies, 95)
            print(f"GET /actors under {args.clients} heavy /cypher clients: {len(latencies)} requests, "
                  f"p50 {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
                  f"p99 {percentile(latencies, 99) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms, "
                  f"{errors} errors (target p95 < 1000 ms) {verdict(p95 < 1.0 and not errors)}")
            print("  heavy /cypher answers: " + ", ".join(f"{k}: {v}" for k, v in sorted(outcomes.items())))
        finally:
            serve.terminate()
            try:
                serve.wait(timeout=30)
            except subprocess.TimeoutExpired:
                serve.kill()


if __name__ == "__main__":
    main()
