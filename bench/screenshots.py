"""Screenshots of every page at 1,400 × 1,000 (and the graph at 800 px), for a person to look at.

Loads seeds/ into a fresh embedded store in a temporary folder, reviews three of its guarantees (one rejected,
one's status edited, one confirmed: the document page of the first one and the guarantees page as reviewed and
as extracted show them), serves the app on 127.0.0.1 and drives Debian's Chromium (/usr/bin/chromium) through
Playwright; writes PNGs into artifacts/ (git-ignored).

    .venv/bin/python bench/screenshots.py [--out artifacts/screens]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import guarantee_reviewing  # noqa: E402
from app.cli import load_paths  # noqa: E402
from app.main import create_app  # noqa: E402
from app.settings import Settings  # noqa: E402
from graph.backends import open_store  # noqa: E402
from graph.review import GuaranteeKey  # noqa: E402
from graph.store import Store  # noqa: E402
from graph.vocabulary import GuaranteeStatus, ReviewDecision  # noqa: E402
from tests.factories import live_server  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
PAGES = [
    ("index", "/", None),
    ("graph", "/pages/graph", "() => window.peacegraph && window.peacegraph.drawn"),
    ("graph_clicked", "/pages/graph", "() => window.peacegraph && window.peacegraph.drawn"),
    ("graph_russia", "/pages/graph?actor=RUS", "() => window.peacegraph && window.peacegraph.drawn"),
    ("graph_empty", "/pages/graph?actor=RUS&date_from=2030", None),
    ("guarantees", "/pages/guarantees", None),
    ("matrix", "/pages/matrix", None),
    ("compare", "/pages/compare?a=RUS&b=UKR", None),
    ("timeline", "/pages/timeline?actor=RUS", None),
    ("documents", "/pages/documents", None),
    ("document", "/pages/documents/000_5ee0413d6bcc8bc2", None),
    ("review", "/pages/review", None),
    ("error_404", "/pages/graph?actor=Atlantis", None),
]


def review_guarantees(store: Store) -> str | None:
    """Reject the least confident guarantee, edit the next one's status, confirm the third (by `screens`);
    the document of the first, whose page then shows the guarantees' review controls and states."""
    found = store.run("review_guarantee_queue", limit=3)
    for n, row in enumerate(found):
        key = GuaranteeKey.of(row)
        if n == 0:
            guarantee_reviewing.record(store, key, ReviewDecision.REJECT, "screens", reason="not said here")
        elif n == 1:
            statuses = list(GuaranteeStatus)
            other = statuses[(statuses.index(GuaranteeStatus(row["status"])) + 1) % len(statuses)]
            guarantee_reviewing.record(store, key, ReviewDecision.EDIT, "screens",
                                       edit=guarantee_reviewing.GuaranteeEdit(status=other))
        else:
            guarantee_reviewing.record(store, key, ReviewDecision.CONFIRM, "screens")
    return str(found[0]["doc"]) if found else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "artifacts" / "screens")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), db_name="screens")
        load_paths(settings, [ROOT / "seeds"])
        store = open_store(None, data_dir=Path(tmp), database="screens")
        reviewed = review_guarantees(store)
        pages = [*PAGES, ("guarantees_extracted", "/pages/guarantees?view=extracted", None)]
        if reviewed:
            pages.append(("document_guarantees", f"/pages/documents/{reviewed}", None))
        try:
            with live_server(create_app(settings, store=store)) as url, sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
                for width, suffix in ((1400, ""), (800, "_800")):
                    page = browser.new_page(viewport={"width": width, "height": 1000})
                    page.on("console", lambda m: print("console:", m.type, m.text) if m.type == "error" else None)
                    page.on("pageerror", lambda e: print("page error:", e))
                    for name, path, ready in pages:
                        if suffix and name not in ("graph", "matrix", "document"):
                            continue
                        page.goto(url + path, wait_until="load")
                        if ready:
                            page.wait_for_function(ready, timeout=60_000)
                        if name == "graph_clicked":
                            page.evaluate("""() => { const pg = window.peacegraph;
                                const ids = pg.edges.getIds()
                                    .sort((a, b) => pg.edges.get(b).count - pg.edges.get(a).count);
                                pg.network.selectEdges([ids[0]]); pg.showEdge(ids[0]); }""")
                        if name == "matrix":  # the cell's sources load from /graph on the click
                            page.click("button.cell >> nth=0")
                            page.wait_for_selector("#panel li.source", timeout=30_000)
                        if name.startswith("guarantees") and page.query_selector("button.chip[data-id]"):
                            page.click("button.chip[data-id] >> nth=0")
                            page.wait_for_selector("#panel li.source", timeout=30_000)
                        if name == "compare" and page.query_selector("details.card summary"):
                            page.click("details.card summary >> nth=0")  # a card loads its sources when opened
                            page.wait_for_selector("details.card [data-loaded] li.source", timeout=30_000)
                        target = args.out / f"{name}{suffix}.png"
                        page.screenshot(path=str(target),
                                        full_page=name not in ("graph", "graph_clicked", "graph_russia"))
                        print(target)
                    page.close()
                browser.close()
        finally:
            store.reset()
            store.close()


if __name__ == "__main__":
    main()
