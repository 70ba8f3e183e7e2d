"""The graph page in a real headless Chromium: drawn, offline, no console errors, document text inert.

The app runs with uvicorn on 127.0.0.1 over the real embedded store, loaded with hand-built graphs, one of
whose quotes carries a script tag and an onerror handler. Debian's Chromium is driven by Playwright (never
`playwright install`: its browser download is not reachable here).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from app.main import create_app
from app.settings import Settings
from graph.store import BaseStore
from tests.factories import XSS_QUOTE, api_corpus, live_server

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
DRAWN = "() => window.peacegraph && window.peacegraph.drawn && window.peacegraph.stabilized"


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    if not Path(CHROMIUM).exists() or not shutil.which(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed (run `make chromium`)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def base_url(store: BaseStore, data_dir: Path) -> Iterator[str]:
    store.upsert_many(api_corpus())
    with live_server(create_app(Settings(data_dir=data_dir), store=store)) as url:
        yield url


class Recorder:
    """Every request the page makes, and every console error or uncaught exception."""

    def __init__(self, page: object):
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("response", lambda r: self.errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)

    def outside(self, base_url: str) -> list[str]:
        host = urlsplit(base_url).hostname
        return [u for u in self.requests if not u.startswith(("data:", "blob:")) and urlsplit(u).hostname != host]


def test_graph_page_draws_what_graph_returns(chromium: object, base_url: str) -> None:
    page = chromium.new_page(viewport={"width": 1400, "height": 900})
    seen = Recorder(page)
    page.goto(f"{base_url}/pages/graph", wait_until="load")
    page.wait_for_function(DRAWN, timeout=60_000)
    drawn = page.evaluate("""() => ({
        nodes: window.peacegraph.nodes.length, edges: window.peacegraph.edges.length,
        bodyNodes: window.peacegraph.network.body.nodeIndices.length,
        bodyEdges: window.peacegraph.network.body.edgeIndices.length})""")
    expected = httpx.get(f"{base_url}/graph").json()
    assert drawn["nodes"] == drawn["bodyNodes"] == len(expected["nodes"]) > 0
    assert drawn["edges"] == drawn["bodyEdges"] == len(expected["links"]) > 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "graph_page.png"), full_page=True)
    assert seen.requests and seen.outside(base_url) == []
    assert seen.errors == []
    assert page.evaluate("() => typeof window.__xss") == "undefined"
    page.close()


def test_quotes_with_markup_show_as_text_in_tooltips(chromium: object, base_url: str) -> None:
    page = chromium.new_page(viewport={"width": 1200, "height": 800})
    seen = Recorder(page)
    page.goto(f"{base_url}/pages/graph?doc=api-3", wait_until="load")
    page.wait_for_function(DRAWN, timeout=60_000)
    page.evaluate("() => window.peacegraph.network.fit({animation: false})")
    # Hover the middle of the first edge, so vis-network shows its tooltip.
    point = page.evaluate("""() => {
        const net = window.peacegraph.network;
        const id = window.peacegraph.edges.getIds()[0];
        const p = net.body.edges[id].edgeType.getPoint(0.5);
        const dom = net.canvasToDOM(p);
        const box = document.getElementById('mynetwork').getBoundingClientRect();
        return {x: box.left + dom.x, y: box.top + dom.y};
    }""")
    page.mouse.move(point["x"] - 30, point["y"] - 30)
    page.mouse.move(point["x"], point["y"], steps=5)
    tooltip = page.wait_for_selector("div.vis-tooltip", state="visible", timeout=10_000)
    text = tooltip.inner_text()
    assert "<script>window.__xss=1</script>" in text and 'onerror="window.__xss=2"' in text
    assert XSS_QUOTE in text.replace("\n", " ") or XSS_QUOTE in text
    assert tooltip.query_selector("script") is None and tooltip.query_selector("img") is None
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "graph_page_tooltip.png"))
    assert page.evaluate("() => typeof window.__xss") == "undefined"
    assert seen.outside(base_url) == [] and seen.errors == []
    page.close()


def test_index_form_opens_the_filtered_graph(chromium: object, base_url: str) -> None:
    page = chromium.new_page()
    seen = Recorder(page)
    page.goto(f"{base_url}/", wait_until="load")
    page.select_option("select[name=actor]", "ISR")
    page.click("button[type=submit]")
    page.wait_for_function(DRAWN, timeout=60_000)
    assert "actor=ISR" in page.url
    edges = page.evaluate("() => window.peacegraph.edges.get().map(e => [e.from, e.to, e.relation])")
    assert edges == [["ISR", "UKR", "GUARANTEES"]]
    assert seen.outside(base_url) == [] and seen.errors == []
    page.close()
