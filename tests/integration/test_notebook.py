"""examples/explore.ipynb runs top to bottom against a live server (uvicorn, background thread) over the
seeded store, in a real Jupyter kernel (the venv's ipykernel), with PEACEGRAPH_URL pointing at the server."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from app.main import create_app
from app.settings import Settings
from graph.store import Store
from tests.conftest import PROJECT
from tests.factories import live_server

NOTEBOOK = PROJECT / "examples" / "explore.ipynb"

pytest.importorskip("ipykernel", reason="the notebook needs a Jupyter kernel (pip install ipykernel)")


def _text(cell: nbformat.NotebookNode) -> str:
    parts = []
    for out in cell.get("outputs", []):
        parts.append(out.get("text", ""))
        parts.append(out.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


def test_example_notebook_runs_against_a_live_server(seeded_store: Store, data_dir: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    with live_server(create_app(Settings(data_dir=data_dir), store=seeded_store)) as url:
        monkeypatch.setenv("PEACEGRAPH_URL", url)  # the kernel inherits this process's environment
        NotebookClient(nb, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(PROJECT)}}).execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not any(o.get("output_type") == "error" for o in c.get("outputs", [])) for c in code)
    outputs = {c.source.splitlines()[0]: _text(c) for c in code}
    assert "'status': 'ok'" in outputs["import os"]
    guarantees = next(v for k, v in outputs.items() if k.startswith("guarantees = "))
    assert "ISR" in guarantees and "declined" in guarantees
    assert "nato_non_accession" in next(v for k, v in outputs.items() if k.startswith("demands = "))
    assert "MultiDiGraph" in next(v for k, v in outputs.items() if k.startswith("g = pg.graph()"))
