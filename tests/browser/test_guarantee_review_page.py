"""Reviewing guarantees in a real headless Chromium: on the document page a guarantee's status is edited (a
select of the vocabulary's statuses), one is rejected from the keyboard (j, x), one is added on a sentence
nothing was extracted from; each persists after a reload and after a forced reload of the document, and the
guarantees page shows them as reviewed (the extracted layer one select away)."""

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
from tests.review_factories import G_DOC, S_GONE_G, guarantee_graph

pytestmark = pytest.mark.browser

XSS_REASON = '<img src=x onerror="window.__xss=1"> not what Moscow said'


@pytest.fixture
def served(store: Store, data_dir: Path, tmp_path: Path) -> Iterator[tuple[str, str]]:
    store.upsert(guarantee_graph())
    keys = KeyRing(tmp_path / "keys.json")
    key = keys.add("ana")
    with live_server(create_app(Settings(data_dir=data_dir, keys_file=keys.path, cache_seconds=0),
                                store=store)) as url:
        yield url, key


def _statuses(p: Page) -> list[str]:
    return p.eval_on_selector_all("#positions li.guarantee", "els => els.map(e => e.dataset.status)")


def _headings(p: Page) -> list[str]:
    return p.eval_on_selector_all("#positions li.guarantee .heading", "els => els.map(e => e.textContent)")


def _chips(p: Page) -> list[tuple[str, str, int]]:
    return sorted((c[0], c[1], c[2]) for c in p.evaluate(
        "() => { const v = JSON.parse(document.getElementById('view-data').textContent);"
        " return v.chips.map(c => [v.rows[c[0]][0], c[2], c[3]]); }"))


def test_edit_reject_and_add_guarantees_on_the_document_page(chromium: Browser, served: tuple[str, str],
                                                              store: Store) -> None:
    url, key = served
    p = chromium.new_page(viewport={"width": 1400, "height": 1000})
    seen = Recorder(p)
    p.goto(f"{url}/pages/documents/{G_DOC}", wait_until="load")
    assert _statuses(p) == ["unreviewed", "unreviewed", "unreviewed"]
    p.fill("#review-key", key)
    p.dispatch_event("#review-key", "change")
    p.click("h1")
    p.keyboard.press("j")
    p.keyboard.press("j")  # the second: the United States, proposed as a guarantor
    p.keyboard.press("e")
    assert p.is_visible("#review-guarantee-edit") and not p.is_visible("#review-edit")
    options = p.eval_on_selector_all("#review-guarantee-edit select[name=status] option",
                                     "els => els.map(e => e.value)")
    assert options == ["", "proposed", "willing", "declined"]
    p.select_option("#review-guarantee-edit select[name=status]", "willing")
    p.click("#review-guarantee-edit button[type=submit]")
    p.wait_for_function("() => document.querySelectorAll('#positions li.guarantee.review-edited').length === 1")
    assert "United States is willing to guarantee Ukraine" in _headings(p)
    p.keyboard.press("j")  # Russia declines: rejected, with a reason
    p.fill("#positions li.guarantee.selected input.reason", XSS_REASON)
    p.click("h1")
    p.keyboard.press("x")
    p.wait_for_function("() => document.querySelectorAll('#positions li.guarantee.review-rejected').length === 1")
    p.click("#doc-text span.sentence[data-sentence='3']")  # nothing was extracted from it
    p.click("#review-add-guarantee")
    assert p.inner_text("#review-guarantee-edit-title") == "Add a guarantee on sentence 3"
    assert p.input_value("#review-guarantee-edit textarea[name=quote]") == S_GONE_G
    p.fill("#review-guarantee-edit input[name=guarantor]", "Israel")
    p.fill("#review-guarantee-edit input[name=beneficiary]", "Kyiv")
    p.select_option("#review-guarantee-edit select[name=status]", "willing")
    p.click("#review-guarantee-edit button[type=submit]")
    p.wait_for_function("() => document.getElementById('review-message').textContent.startsWith('added')")

    expected = ["unreviewed", "edited", "rejected", "added"]
    p.reload(wait_until="load")
    assert _statuses(p) == expected
    assert _headings(p)[1] == "United States is willing to guarantee Ukraine"
    assert _headings(p)[3] == "Israel is willing to guarantee Ukraine"
    assert "extracted as USA proposed for UKR" in p.inner_text("#positions")
    assert XSS_REASON in p.inner_text("#positions")  # shown as text

    assert store.upsert_many([guarantee_graph()], force=True).outcomes[G_DOC] == "replaced"
    p.reload(wait_until="load")
    assert _statuses(p) == expected
    p.click("#positions li.guarantee.review-rejected button.history")
    p.wait_for_selector("#positions li.guarantee.review-rejected ul.history li")
    assert "ana: reject" in p.inner_text("#positions li.guarantee.review-rejected ul.history")
    ARTIFACTS.mkdir(exist_ok=True)
    p.screenshot(path=str(ARTIFACTS / "review_guarantees_document.png"), full_page=True)

    p.goto(f"{url}/pages/guarantees", wait_until="load")
    assert _chips(p) == [("DEU", "willing", 1), ("ISR", "willing", 1), ("USA", "willing", 1)]
    p.click("button.chip.willing >> nth=2")  # the United States' (rows: Germany, Israel, United States)
    p.wait_for_selector("#panel li.source")
    assert "edited" in p.inner_text("#panel li.source")
    p.click("#panel li.source button.history")
    p.wait_for_selector("#panel ul.history li")
    assert "ana: edit" in p.inner_text("#panel ul.history")
    p.screenshot(path=str(ARTIFACTS / "review_guarantees_page.png"), full_page=True)
    p.select_option("select[name=view]", "extracted")
    p.click("form.filters button[type=submit]")
    p.wait_for_url("**view=extracted**")
    assert _chips(p) == [("DEU", "willing", 1), ("RUS", "declined", 1), ("USA", "proposed", 1)]
    assert p.evaluate("() => typeof window.__xss") == "undefined"
    assert seen.errors == [] and seen.outside(url) == []
    p.close()
