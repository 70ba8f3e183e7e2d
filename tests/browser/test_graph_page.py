"""The graph page in a real headless Chromium: drawn, offline, no console errors, document text inert.

The app runs with uvicorn on 127.0.0.1 over the real embedded store, loaded with hand-built graphs, one of
whose quotes carries a script tag and an onerror handler. Debian's Chromium is driven by Playwright (never
`playwright install`: its browser download is not reachable here).
"""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import Browser

from tests.browser.helpers import ARTIFACTS, Recorder
from tests.factories import XSS_QUOTE

pytestmark = pytest.mark.browser

DRAWN = "() => window.peacegraph && window.peacegraph.drawn && window.peacegraph.stabilized"


def grouped(data: dict) -> set[tuple]:
    return {(lk["source"], lk["relation"], lk["target"], lk["status"] if lk["relation"] == "GUARANTEES" else None)
            for lk in data["links"]}


EDGE_POINT = """(id) => {
    const net = window.peacegraph.network;
    const p = net.body.edges[id].edgeType.getPoint(0.5);
    const dom = net.canvasToDOM(p);
    const box = document.getElementById('mynetwork').getBoundingClientRect();
    return {x: box.left + dom.x, y: box.top + dom.y};
}"""

NODES_INSIDE = """() => {
    const net = window.peacegraph.network;
    const box = document.getElementById('mynetwork').getBoundingClientRect();
    const pos = net.getPositions();
    const outside = [];
    for (const id of Object.keys(pos)) {
        const b = net.getBoundingBox(id);
        const tl = net.canvasToDOM({x: b.left, y: b.top}), br = net.canvasToDOM({x: b.right, y: b.bottom});
        if (tl.x < -1 || tl.y < -1 || br.x > box.width + 1 || br.y > box.height + 1) outside.push(id);
    }
    return {outside, count: Object.keys(pos).length, width: box.width, height: box.height};
}"""


def test_graph_page_draws_one_edge_per_group_and_a_click_lists_its_sources(chromium: Browser, base_url: str) -> None:
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
    assert drawn["edges"] == drawn["bodyEdges"] == len(grouped(expected)) > 0
    # Click the middle of the arrow RUS demands nato_non_accession (two sources): the panel lists both.
    edge_id = "RUS|DEMANDS|nato_non_accession|"
    point = page.evaluate(EDGE_POINT, edge_id)
    page.mouse.click(point["x"], point["y"])
    page.wait_for_function("() => document.getElementById('panel').dataset.edge !== undefined")
    assert page.inner_text("#panel-title") == "Russia demands Nato non accession"
    assert page.locator("#panel li.source").count() == 2
    assert "Sergey Lavrov" in page.inner_text("#panel") and "Test Outlet" in page.inner_text("#panel")
    links = page.eval_on_selector_all("#panel a.doc-link", "els => els.map(e => e.getAttribute('href'))")
    assert sorted(links) == ["/pages/documents/api-1#s-0", "/pages/documents/api-2#s-1"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "graph_page.png"), full_page=True)
    assert seen.requests and seen.outside(base_url) == []
    assert seen.errors == []
    assert page.evaluate("() => typeof window.__xss") == "undefined"
    page.close()


def test_layout_is_identical_on_two_loads(chromium: Browser, base_url: str) -> None:
    positions = []
    for _ in range(2):
        page = chromium.new_page(viewport={"width": 1200, "height": 800})
        page.goto(f"{base_url}/pages/graph", wait_until="load")
        page.wait_for_function(DRAWN, timeout=60_000)
        positions.append(page.evaluate("() => window.peacegraph.network.getPositions()"))
        page.close()
    assert positions[0] == positions[1] and len(positions[0]) > 5


@pytest.mark.parametrize("width", [800, 1400])
def test_every_node_is_inside_the_canvas(chromium: Browser, base_url: str, width: int) -> None:
    page = chromium.new_page(viewport={"width": width, "height": 900})
    seen = Recorder(page)
    page.goto(f"{base_url}/pages/graph", wait_until="load")
    page.wait_for_function(DRAWN, timeout=60_000)
    found = page.evaluate(NODES_INSIDE)
    assert found["count"] > 5 and found["outside"] == [], found
    assert found["width"] > 0.5 * width or width < 900  # below 900 px the panel goes under the canvas
    # The window shrinks: the view refits and everything stays inside.
    page.set_viewport_size({"width": max(700, width // 2), "height": 700})
    page.wait_for_function("() => window.peacegraph.fitted >= 2", timeout=10_000)
    found = page.evaluate(NODES_INSIDE)
    assert found["outside"] == [], found
    assert seen.errors == [] and seen.outside(base_url) == []
    page.close()


def test_an_empty_result_shows_a_message_not_a_blank_canvas(chromium: Browser, base_url: str) -> None:
    page = chromium.new_page()
    seen = Recorder(page)
    page.goto(f"{base_url}/pages/graph?date_from=2030", wait_until="load")
    assert page.is_visible("#empty") and "Nothing matches" in page.inner_text("#empty")
    assert page.evaluate("() => window.peacegraph.empty") is True
    assert seen.errors == [] and seen.outside(base_url) == []
    page.close()


def test_an_unknown_actor_is_an_html_page(chromium: Browser, base_url: str) -> None:
    page = chromium.new_page()
    response = page.goto(f"{base_url}/pages/graph?actor=Atlantis", wait_until="load")
    assert response is not None
    assert response.status == 404 and "html" in response.headers["content-type"]
    assert "actor 'Atlantis' not found" in page.inner_text("main")
    page.close()


def test_quotes_with_markup_show_as_text_in_tooltips(chromium: Browser, base_url: str) -> None:
    page = chromium.new_page(viewport={"width": 1200, "height": 800})
    seen = Recorder(page)
    page.goto(f"{base_url}/pages/graph?doc=api-3", wait_until="load")
    page.wait_for_function(DRAWN, timeout=60_000)
    # Hover the middle of the first edge, so vis-network shows its tooltip.
    point = page.evaluate(EDGE_POINT, page.evaluate("() => window.peacegraph.edges.getIds()[0]"))
    page.mouse.move(point["x"] - 30, point["y"] - 30)
    page.mouse.move(point["x"], point["y"], steps=5)
    tooltip = page.wait_for_selector("div.vis-tooltip", state="visible", timeout=10_000)
    assert tooltip is not None
    text = tooltip.inner_text()
    assert "<script>window.__xss=1</script>" in text and 'onerror="window.__xss=2"' in text
    assert XSS_QUOTE in text.replace("\n", " ") or XSS_QUOTE in text
    assert tooltip.query_selector("script") is None and tooltip.query_selector("img") is None
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "graph_page_tooltip.png"))
    assert page.evaluate("() => typeof window.__xss") == "undefined"
    assert seen.outside(base_url) == [] and seen.errors == []
    page.close()


def test_index_form_opens_the_filtered_graph(chromium: Browser, base_url: str) -> None:
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
