"""The read side of the JSON routes at scale (issue 11): what makes them cheap, held by tests on the real app.

Timings are not asserted here (bench/api.py prints them); these tests hold the behaviour each speed-up keeps.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_app_freezes_its_start_up_heap_once(data_dir: Path) -> None:
    """After start-up the process's long-lived objects are frozen (gc.freeze), so a request's full collections
    no longer walk them; in a fresh process, as `peacegraph serve` starts, and only once."""
    script = textwrap.dedent(f"""
        import gc
        from fastapi.testclient import TestClient
        from app.main import create_app
        from app.settings import Settings
        from graph.store import open_store
        calls = []
        freeze = gc.freeze
        gc.freeze = lambda: (calls.append(1), freeze())
        store = open_store(None, data_dir={str(data_dir)!r}, database="freeze_test")
        before = gc.get_freeze_count()
        for _ in range(2):
            with TestClient(create_app(Settings(data_dir={str(data_dir)!r}), store=store)) as client:
                assert client.get("/health").status_code == 200
                frozen = gc.get_freeze_count()
        store.close()
        print(before, frozen, len(calls))
    """)
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    before, frozen, calls = map(int, out.stdout.split())
    assert before == 0
    assert frozen > 10_000  # the app's modules, routes and models
    assert calls == 1  # a second app in the same process does not freeze again
