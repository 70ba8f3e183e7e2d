"""The server-rendered views in a real headless Chromium: what they draw equals what the API answers, a click
on a cell, chip or point shows its sources, nothing is requested beyond 127.0.0.1, no console errors, and
document text stays text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page

from app.main import create_app
from app.settings import Settings
from graph.store import Store
from tests.browser.helpers import ARTIFACTS, Recorder
from tests.factories import XSS_QUOTE, api_corpus, live_server, make_graph

pytestmark = pytest.mark.browser

XSS_TEXT = f"Talks resumed in Istanbul. {XSS_QUOTE}. Moscow wants a neutral Ukraine."


@pytest.fixture
def url(store: Store, data_dir: Path) -> Iterator[str]:
    store.upsert_many([*api_corpus(), make_graph("xss-doc", text=XSS_TEXT, quote=XSS_QUOTE, date="2024-01-02",
                                                 positions=[("RUS", "DEMANDS", "neutral_status", 1)],
                                                 guarantees=[("USA", "UKR", "willing", 1)])])
    with live_server(create_app(Settings(data_dir=data_dir), store=store)) as served:
        yield served


@pytest.fixture
def page(chromium: Browser, url: str) -> Iterator[tuple[Page, Recorder]]:
    p = chromium.new_page(viewport={"width": 1400, "height": 1000})
    seen = Recorder(p)
    yield p, seen
    assert seen.requests and seen.outside(url) == []
    assert seen.errors == []
    assert p.evaluate("() => typeof window.__xss") == "undefined"
    p.close()


def shot(p: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    p.screenshot(path=str(ARTIFACTS / f"view_{name}.png"), full_page=True)


def test_guarantees_view(page: tuple[Page, Recorder], url: str) -> None:
    p, _ = page
    p.goto(f"{url}/pages/guarantees", wait_until="load")
    api = httpx.get(f"{url}/guarantees", params={"limit": 5000}).json()
    chips = p.eval_on_selector_all("button.chip[data-id]", "els => els.map(e => e.dataset.id)")
    assert len(chips) == len({(r["guarantor"], r["beneficiary"], r["status"]) for r in api})
    p.click("button.chip[data-id='USA|GUARANTEES|UKR|willing']")
    assert p.inner_text("#panel-title") == "United States is willing to guarantee Ukraine"
    p.wait_for_selector("#panel li.source")  # loaded from /guarantees on the click
    assert p.locator("#panel li.source").count() == sum(
        1 for r in api if (r["guarantor"], r["status"]) == ("USA", "willing")) == 2
    assert XSS_QUOTE in p.inner_text("#panel")  # the xss-doc's guarantee, shown as text
    assert p.locator("#panel script, #panel img").count() == 0
    assert sorted(p.eval_on_selector_all("#panel a.doc-link", "els => els.map(e => e.getAttribute('href'))")) == \
        ["/pages/documents/api-2#s-3", "/pages/documents/xss-doc#s-1"]
    shot(p, "guarantees")


def test_matrix_view(page: tuple[Page, Recorder], url: str) -> None:
    p, _ = page
    p.goto(f"{url}/pages/matrix", wait_until="load")
    api = httpx.get(f"{url}/analysis/matrix").json()
    cells = p.eval_on_selector_all("button.cell", "els => els.map(e => [e.dataset.id, +e.textContent])")
    assert sorted(cells) == sorted([f"{r['actor']}|{r['term']}", r["total"]] for r in api)
    p.click("button.cell[data-id='RUS|neutral_status']")
    assert p.inner_text("#panel-title").startswith("Russia on Neutral status")
    cell = next(r for r in api if (r["actor"], r["term"]) == ("RUS", "neutral_status"))
    p.wait_for_selector("#panel li.source")  # a cell drawn from the aggregates loads its sources from /graph
    assert p.locator("#panel li.source").count() == cell["total"]
    assert XSS_QUOTE in p.inner_text("#panel")  # shown as text
    assert p.locator("#panel script, #panel img").count() == 0
    shot(p, "matrix")


def test_filtered_views_load_sources_within_their_filters(page: tuple[Page, Recorder], url: str) -> None:
    p, _ = page
    p.goto(f"{url}/pages/guarantees?doc=api-1", wait_until="load")  # one document: sources from /graph
    p.click("button.chip[data-id='USA|GUARANTEES|UKR|proposed']")
    p.wait_for_selector("#panel li.source")
    assert p.locator("#panel li.source").count() == 1  # USA's other guarantees (willing, elsewhere) left out
    assert p.eval_on_selector("#panel a.doc-link", "e => e.getAttribute('href')") == "/pages/documents/api-1#s-6"
    p.goto(f"{url}/pages/matrix?actor=Kyiv&date_from=2025", wait_until="load")
    p.click("button.cell[data-id='UKR|nato_non_accession']")
    p.wait_for_selector("#panel li.source")
    assert p.locator("#panel li.source").count() == 1  # the 2025 rejection only
    assert XSS_QUOTE in p.inner_text("#panel") and p.locator("#panel script, #panel img").count() == 0


def test_compare_view(page: tuple[Page, Recorder], url: str) -> None:
    p, _ = page
    p.goto(f"{url}/pages/compare?a=RUS&b=NATO", wait_until="load")
    conflicts = [c for c in httpx.get(f"{url}/analysis/conflicts").json()
                 if {c["actor_a"], c["actor_b"]} == {"RUS", "NATO"}]
    assert p.locator("details.clash").count() == len(conflicts) == 1
    assert p.locator("details.clash li.source").count() == 0  # nothing loaded before the card is opened
    p.click("details.clash summary")
    p.wait_for_selector("details.clash .side-b[data-loaded] li.source")
    p.wait_for_selector("details.clash .side-a[data-loaded] li.source")
    assert p.locator("details.clash li.source").first.is_visible()
    assert p.locator("details.clash .side-a li.source").count() == conflicts[0]["count_a"]
    assert p.locator("details.clash .side-b li.source").count() == conflicts[0]["count_b"]
    assert "North Atlantic Treaty Organization rejects" in p.inner_text("details.clash .side-b")
    shot(p, "compare")


def test_compare_view_loads_hostile_quotes_as_text(page: tuple[Page, Recorder], url: str) -> None:
    p, _ = page
    p.goto(f"{url}/pages/compare?a=RUS&b=UKR", wait_until="load")
    p.click("details.common summary")  # both favour neutrality; the xss-doc's demand is Russia's newest
    p.wait_for_selector("details.common .side-a[data-loaded] li.source")
    assert XSS_QUOTE in p.inner_text("details.common .side-a")
    assert p.locator("details.common script, details.common img").count() == 0
    links = p.eval_on_selector_all("details.common .side-a a.doc-link", "els => els.map(e => e.getAttribute('href'))")
    assert "/pages/documents/xss-doc#s-1" in links


def test_timeline_view(page: tuple[Page, Recorder], url: str) -> None:
    p, _ = page
    p.goto(f"{url}/pages/timeline?actor=Moscow", wait_until="load")
    api = httpx.get(f"{url}/analysis/timeline", params={"actor": "RUS"}).json()
    assert p.locator("svg#timeline a.point").count() == len(api)
    p.click("svg#timeline a.point >> nth=0")
    index = p.eval_on_selector("svg#timeline a.point >> nth=0", "e => e.dataset.index")
    assert p.url.endswith(f"#point-{index}")
    row = p.inner_text(f"tr#point-{index}")
    assert api[int(index)]["quote"][:20] in row
    shot(p, "timeline")


def test_documents_and_document_page(page: tuple[Page, Recorder], url: str) -> None:
    p, _ = page
    p.goto(f"{url}/pages/documents", wait_until="load")
    api = httpx.get(f"{url}/documents").json()
    assert p.locator("table#documents tbody tr").count() == len(api)
    p.click("a[href='/pages/documents/xss-doc']")
    p.wait_for_selector("#doc-text")
    text = p.inner_text("#doc-text")
    assert XSS_QUOTE in text and p.locator("#doc-text script, #doc-text img").count() == 0
    detail = httpx.get(f"{url}/documents/xss-doc").json()
    assert p.locator("ol#positions li").count() == len(detail["positions"]) + len(detail["guarantees"])
    p.click("#doc-text mark a")
    assert p.url.endswith("#p-0")
    p.click("li#p-1 a.to-sentence")
    assert p.url.endswith("#s-1")
    shot(p, "document")
