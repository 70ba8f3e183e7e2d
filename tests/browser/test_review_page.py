"""Reviewing on the document page in a real headless Chromium: the keyboard path (j/k, c, x), edit and add
through the form, each persisted (visible after a reload and after a forced reload of the document), the key
kept for the tab, and review text shown as text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from app.keys import KeyRing
from app.main import create_app
from app.settings import Settings
from graph.store import Store
from tests.browser.helpers import ARTIFACTS, Recorder
from tests.factories import live_server
from tests.review_factories import DOC, S_GONE, review_graph

pytestmark = pytest.mark.browser

XSS_REASON = '<img src=x onerror="window.__xss=1"> not said'


@pytest.fixture
def served(store: Store, data_dir: Path, tmp_path: Path) -> Iterator[tuple[str, str]]:
    store.upsert(review_graph())
    keys = KeyRing(tmp_path / "keys.json")
    key = keys.add("ana")
    with live_server(create_app(Settings(data_dir=data_dir, keys_file=keys.path, cache_seconds=0),
                                store=store)) as url:
        yield url, key


def _statuses(p: Page) -> list[str]:
    return p.eval_on_selector_all("#positions li.position", "els => els.map(e => e.dataset.status)")


def test_review_a_document_from_the_keyboard(chromium: Browser, served: tuple[str, str], store: Store) -> None:
    url, key = served
    p = chromium.new_page(viewport={"width": 1400, "height": 1000})
    seen = Recorder(p)
    p.goto(f"{url}/pages/documents/{DOC}", wait_until="load")
    assert _statuses(p) == ["unreviewed", "unreviewed", "unreviewed"]
    p.fill("#review-key", key)
    p.dispatch_event("#review-key", "change")
    p.click("h1")  # focus out of the key field: the keys now drive the page
    p.keyboard.press("j")
    p.keyboard.press("c")
    p.wait_for_function("() => document.querySelectorAll('#positions li.review-confirmed').length === 1")
    p.keyboard.press("j")
    p.fill("#positions li.position.selected input.reason", XSS_REASON)
    p.click("h1")
    p.keyboard.press("x")
    p.wait_for_function("() => document.querySelectorAll('#positions li.review-rejected').length === 1")
    p.keyboard.press("j")
    p.keyboard.press("e")  # edit the third: Germany offers -> supports a ceasefire
    p.select_option("#review-edit select[name=relation]", "SUPPORTS")
    p.click("#review-edit button[type=submit]")
    p.wait_for_function("() => document.querySelectorAll('#positions li.review-edited').length === 1")
    p.click("#positions li.position:nth-child(3) button.add")  # a missed position on the same sentence
    p.fill("#review-edit input[name=actor]", "Washington")
    p.select_option("#review-edit select[name=relation]", "SUPPORTS")
    p.fill("#review-edit input[name=term]", "ceasefire")
    p.click("#review-edit button[type=submit]")
    p.wait_for_function("() => document.getElementById('review-message').textContent.startsWith('added')")

    expected = ["confirmed", "rejected", "edited", "added"]
    p.reload(wait_until="load")
    assert _statuses(p) == expected
    assert p.input_value("#review-key") == key  # kept in sessionStorage for the tab
    assert XSS_REASON in p.inner_text("#positions")  # shown as text
    headings = p.eval_on_selector_all("#positions li.position .heading", "els => els.map(e => e.textContent)")
    assert "Germany supports Ceasefire" in headings and "United States supports Ceasefire" in headings

    assert store.upsert_many([review_graph()], force=True).outcomes[DOC] == "replaced"
    p.reload(wait_until="load")
    assert _statuses(p) == expected
    p.keyboard.press("j")
    p.keyboard.press("j")
    p.click("#positions li.position.selected button.history")
    p.wait_for_selector("#positions li.position.selected ul.history li")
    assert "ana: reject" in p.inner_text("#positions li.position.selected ul.history")
    ARTIFACTS.mkdir(exist_ok=True)
    p.screenshot(path=str(ARTIFACTS / "review_document.png"), full_page=True)
    assert p.evaluate("() => typeof window.__xss") == "undefined"
    assert seen.errors == [] and seen.outside(url) == []
    p.close()


def test_queue_and_graph_pages_show_reviews(chromium: Browser, served: tuple[str, str]) -> None:
    import httpx

    url, key = served
    h = {"X-API-Key": key}
    for path, body in (("confirm", {"sentence": 0, "actor": "RUS", "relation": "DEMANDS", "term": "neutral_status"}),
                       ("reject", {"sentence": 1, "actor": "UKR", "relation": "REJECTS", "term": "neutral_status",
                                   "reason": XSS_REASON})):
        assert httpx.post(f"{url}/review/{path}", json={"doc": DOC, **body}, headers=h).status_code == 201
    p = chromium.new_page(viewport={"width": 1400, "height": 900})
    seen = Recorder(p)
    p.goto(f"{url}/pages/review", wait_until="load")
    assert p.locator("#queue li").count() == 1  # DEU, the one left
    assert "1 / 3" not in p.inner_text("#progress") and "2 / 3" in p.inner_text("#progress")
    assert p.inner_text("#precision") == "0.50"
    ARTIFACTS.mkdir(exist_ok=True)
    p.screenshot(path=str(ARTIFACTS / "review_queue.png"), full_page=True)
    p.goto(f"{url}/pages/graph?doc={DOC}", wait_until="load")
    p.wait_for_function("() => window.peacegraph && window.peacegraph.edges")
    edges = p.evaluate("() => window.peacegraph.edges.get().map(e => [e.from, e.relation, e.to, e.reviewed || 0])")
    assert sorted(edges) == [["DEU", "OFFERS", "ceasefire", 0], ["RUS", "DEMANDS", "neutral_status", 1]]
    p.evaluate("() => window.peacegraph.showEdge('RUS|DEMANDS|neutral_status|')")
    assert "confirmed" in p.inner_text("#panel li.source")
    p.click("#panel li.source button.history")
    p.wait_for_selector("#panel ul.history li")
    assert "ana: confirm" in p.inner_text("#panel ul.history")
    p.screenshot(path=str(ARTIFACTS / "review_graph.png"), full_page=True)
    assert p.evaluate("() => typeof window.__xss") == "undefined"
    assert seen.errors == [] and seen.outside(url) == []
    p.close()


def test_add_a_position_on_a_sentence_nothing_was_extracted_from(chromium: Browser, served: tuple[str, str]) -> None:
    url, key = served
    p = chromium.new_page(viewport={"width": 1400, "height": 1000})
    seen = Recorder(p)
    p.goto(f"{url}/pages/documents/{DOC}", wait_until="load")
    p.fill("#review-key", key)
    p.dispatch_event("#review-key", "change")
    assert p.locator("#doc-text span.sentence").count() == 1  # S_GONE: the only sentence without a position
    p.click("#doc-text span.sentence[data-sentence='3']")
    assert p.inner_text("#review-edit-title") == "Add a position on sentence 3"
    assert p.input_value("#review-edit textarea[name=quote]") == S_GONE
    p.fill("#review-edit input[name=actor]", "Washington")
    p.select_option("#review-edit select[name=relation]", "SUPPORTS")
    p.fill("#review-edit input[name=term]", "ceasefire")
    ARTIFACTS.mkdir(exist_ok=True)
    p.screenshot(path=str(ARTIFACTS / "review_add_sentence.png"), full_page=True)
    p.click("#review-edit button[type=submit]")
    p.wait_for_function("() => document.getElementById('review-message').textContent.startsWith('added')")
    p.reload(wait_until="load")
    assert _statuses(p) == ["unreviewed", "unreviewed", "unreviewed", "added"]
    headings = p.eval_on_selector_all("#positions li.position .heading", "els => els.map(e => e.textContent)")
    assert headings[-1] == "United States supports Ceasefire"
    assert p.locator("#doc-text span.sentence").count() == 0  # the sentence is highlighted now
    assert seen.errors == [] and seen.outside(url) == []
    p.close()


def test_aggregate_pages_count_the_reviewed_view(chromium: Browser, served: tuple[str, str]) -> None:
    import httpx

    url, key = served
    h = {"X-API-Key": key}
    for path, body in (("reject", {"sentence": 1, "actor": "UKR", "relation": "REJECTS", "term": "neutral_status"}),
                       ("add", {"sentence": 3, "actor": "USA", "relation": "REJECTS", "term": "neutral_status",
                                "quote": S_GONE})):
        assert httpx.post(f"{url}/review/{path}", json={"doc": DOC, **body}, headers=h).status_code == 201
    p = chromium.new_page(viewport={"width": 1400, "height": 800})
    seen = Recorder(p)

    def rows() -> list[str]:
        return p.evaluate("() => JSON.parse(document.getElementById('view-data').textContent).rows.map(r => r[0])")

    p.goto(f"{url}/pages/matrix", wait_until="load")
    assert sorted(rows()) == ["DEU", "RUS", "USA"]
    ARTIFACTS.mkdir(exist_ok=True)
    p.screenshot(path=str(ARTIFACTS / "review_matrix.png"), full_page=True)
    p.select_option("select[name=view]", "extracted")
    p.click("form.filters button[type=submit]")
    p.wait_for_url("**view=extracted**")
    assert sorted(rows()) == ["DEU", "RUS", "UKR"]
    p.goto(f"{url}/pages/compare?a=RUS&b=USA", wait_until="load")
    assert "Neutral status" in p.inner_text("main")
    p.screenshot(path=str(ARTIFACTS / "review_compare.png"), full_page=True)
    p.goto(f"{url}/pages/timeline?actor=USA", wait_until="load")
    assert "Washington also supports" in p.content()
    p.screenshot(path=str(ARTIFACTS / "review_timeline.png"), full_page=True)
    assert seen.errors == [] and seen.outside(url) == []
    p.close()
