"""The scaling table: every endpoint's p95 (one client, cache off), load time, store size on disk and in memory,
and restart time, for several corpus sizes on both engines.

    python bench/scaling.py [--docs 1000 10000 100000] [--engines embedded harness] [--duration 2]
                            [--out DIR] [--table-only]

Runs `bench/api.py --docs N --clients 1 --summary FILE` once per engine and size (a fresh store each: the load
is timed), keeps each run's figures as JSON in `--out` (default bench/results/), and prints one table over
every JSON file there, so runs made at different times (100,000 documents take a while) go into one table;
`--table-only` just prints it. The embedded server's address space is raised for large stores
(PEACEGRAPH_DB_MEMORY_MB, unless set: 2 GB per 25,000 documents, at least the default 2 GB); the Neo4j harness
gets the README's heap and page cache for the size (bench/engine.py). The load average at the start and end of
each run is printed with it: on a shared machine the p95 figures move with the neighbours.

Targets (issue 22): p95 < 100 ms on every endpoint up to 10,000 documents, < 250 ms at 100,000; loading
100,000 documents in under 10 minutes.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
TARGET_LOAD_100K_S = 600.0


def memory_mb(docs: int) -> int:
    return max(2048, 2048 * math.ceil(docs / 25_000))


def run(engine: str, docs: int, duration: float, out: Path, extra: list[str]) -> Path:
    summary = out / f"{'embedded' if engine == 'embedded' else 'neo4j'}-{docs}.json"
    env = dict(os.environ)
    if engine == "embedded":
        env.setdefault("PEACEGRAPH_DB_MEMORY_MB", str(memory_mb(docs)))
    cmd = [sys.executable, str(ROOT / "bench" / "api.py"), "--docs", str(docs), "--clients", "1", "--duration",
           str(duration), "--url", engine, "--summary", str(summary), *extra]
    print("$", " ".join(cmd), flush=True)
    subprocess.run(cmd, cwd=ROOT, env=env, check=True)
    return summary


def _fmt(value: Any, spec: str = ".0f") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return format(value, spec)


def table(out: Path) -> str:
    runs = [json.loads(p.read_text()) for p in sorted(out.glob("*.json"))]
    runs.sort(key=lambda r: ("Neo4j" in r["engine"], r["docs"]))
    if not runs:
        return f"no results in {out}"
    heads = [f"{'FalkorDB' if 'Neo4j' not in r['engine'] else 'Neo4j'} {r['docs']:,}" for r in runs]
    lines = ["| endpoint: p95 ms (CPU ms a request: API + database), 1 client, cache off | " + " | ".join(heads) + " |",
             "|---|" + "---:|" * len(runs)]
    names: list[str] = []
    for r in runs:
        names += [n for n in r["p95"] if n not in names]
    for name in names:
        cells = []
        for r in runs:
            p95 = r["p95"].get(name)
            limit = 100.0 if r["docs"] <= 10_000 else 250.0
            cpu = r.get("cpu_ms", {}).get(name)
            cells.append(_fmt(p95) + (" ✗" if p95 is not None and p95 >= limit else "")
                         + (f" ({cpu[0]:.0f}+{_fmt(cpu[1])})" if cpu else ""))
        lines.append(f"| `{name}` | " + " | ".join(cells) + " |")
    worst = []
    for r in runs:
        limit = 100.0 if r["docs"] <= 10_000 else 250.0
        missed = sum(1 for v in r["p95"].values() if v >= limit)
        worst.append(f"{len(r['p95']) - missed}/{len(r['p95'])} < {limit:.0f} ms")
    lines.append("| **endpoints within target** | " + " | ".join(worst) + " |")
    lines.append("| load time (s) | " + " | ".join(
        _fmt(r.get("load_s")) + (" ✗" if r["docs"] >= 100_000 and (r.get("load_s") or 0) >= TARGET_LOAD_100K_S
                                 else "") for r in runs) + " |")
    lines.append("| store on disk (MB) | " + " | ".join(_fmt(r.get("disk_mb")) for r in runs) + " |")
    lines.append("| server resident memory (MB) | " + " | ".join(_fmt(r.get("memory_mb")) for r in runs) + " |")
    lines.append("| server peak memory (MB) | " + " | ".join(_fmt(r.get("peak_memory_mb")) for r in runs) + " |")
    lines.append("| restart to first answer (s) | " + " | ".join(_fmt(r.get("restart_s"), ".1f") for r in runs)
                 + " |")
    lines.append("| load average, start → end | " + " | ".join(" → ".join(r["load_average"]) for r in runs) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--engines", nargs="+", default=["embedded", "harness"],
                        help="`embedded`, `harness` (the tests' Neo4j with the README's settings) or a Neo4j URL")
    parser.add_argument("--duration", type=float, default=2.0, help="seconds of load per endpoint")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where each run's JSON figures are kept")
    parser.add_argument("--table-only", action="store_true", help="print the table of the results kept in --out")
    parser.add_argument("--only", nargs="+", help="passed to bench/api.py: only these endpoints")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if not args.table_only:
        for engine in args.engines:
            for docs in args.docs:
                run(engine, docs, args.duration, args.out, ["--only", *args.only] if args.only else [])
    print(table(args.out))


if __name__ == "__main__":
    main()
