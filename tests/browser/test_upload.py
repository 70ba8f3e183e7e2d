"""Adding documents on the Documents page in a real headless Chromium: a file dropped on the drop zone, a PDF
chosen with the file picker, a URL typed in (its page served on 127.0.0.1 by the test), a scan that cannot be
read; each gets its line with its result and a link to the new document, whose page shows where it came from.
Screenshots go to artifacts/."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, FilePayload, Page

from app.main import create_app
from app.settings import Settings
from graph.store import Store
from loaders.readers.fetch import url_id
from tests.browser.helpers import ARTIFACTS, Recorder
from tests.factories import live_server
from tests.sources import TITLE, LocalSite, html_page, local_site, pdf_bytes

pytestmark = pytest.mark.browser

XSS_NAME = '<img src=x onerror="window.__xss=1">.html'
DROP = """([name, type, b64]) => {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const data = new DataTransfer();
  data.items.add(new File([bytes], name, { type }));
  const zone = document.getElementById('drop');
  zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
  zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
}"""


@pytest.fixture
def site() -> Iterator[LocalSite]:
    with local_site() as s:
        yield s


@pytest.fixture
def url(falkordb_store: Store, data_dir: Path) -> Iterator[str]:
    with live_server(create_app(Settings(data_dir=data_dir), store=falkordb_store)) as served:
        yield served


def drop(page: Page, name: str, content: bytes, mime: str) -> None:
    page.evaluate(DROP, [name, mime, base64.b64encode(content).decode()])


def test_files_and_urls_are_added_from_the_documents_page(chromium: Browser, url: str, site: LocalSite) -> None:
    article_url = site.add("/news/talks.html", html_page(title="Fetched: " + TITLE, canonical=None))
    page = chromium.new_page(viewport={"width": 1300, "height": 900})
    seen = Recorder(page)
    page.goto(f"{url}/pages/documents", wait_until="load")
    assert page.is_visible("#empty") and page.is_visible("#drop")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "upload_empty.png"), full_page=True)

    drop(page, "page.html", html_page().encode(), "text/html")
    pdfs: list[FilePayload] = [{"name": "brief.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()},
                               {"name": "scan.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes(text=False)}]
    page.set_input_files("#files", files=pdfs)
    drop(page, XSS_NAME, html_page(title="Markup in the name").encode(), "text/html")
    drop(page, "notes.docx", b"PK\x03\x04", "application/octet-stream")
    page.fill("#urls", article_url + "\n")
    page.click("#add")
    page.wait_for_function("() => document.querySelectorAll('#uploads > li').length === 6 && "
                           "!document.querySelector('#uploads > li.pending')", timeout=120_000)
    page.screenshot(path=str(ARTIFACTS / "upload_results.png"), full_page=True)

    rows = page.eval_on_selector_all("#uploads > li", """els => els.map(e => [e.querySelector('.name').textContent,
        e.className, e.querySelector('.status').textContent, e.querySelector('.result').textContent])""")
    by_name = {name: (cls, status, result) for name, cls, status, result in rows}
    assert set(by_name) == {"page.html", "brief.pdf", "scan.pdf", XSS_NAME, "notes.docx", article_url}
    for name in ("page.html", "brief.pdf", XSS_NAME, article_url):
        cls, status, result = by_name[name]
        assert "done" in cls and status == "loaded" and "positions" in result, (name, by_name[name])
    assert "failed" in by_name["scan.pdf"][0] and "no text layer (a scanned document?)" in by_name["scan.pdf"][2]
    assert "failed" in by_name["notes.docx"][0] and "cannot read .docx" in by_name["notes.docx"][2]
    links = page.eval_on_selector_all("#uploads a.doc-link", "els => els.map(e => [e.textContent, "
                                                             "e.getAttribute('href')])")
    assert ["Fetched: " + TITLE, f"/pages/documents/{url_id(article_url)}"] in links
    assert [TITLE, "/pages/documents/page"] in links and [TITLE, "/pages/documents/brief"] in links
    assert page.locator("#uploads img, #uploads script").count() == 0  # the name was shown as text
    assert page.evaluate("() => typeof window.__xss") == "undefined"
    assert page.is_visible("#refresh") and not page.is_visible("#empty")

    page.click("#uploads a.doc-link[href='/pages/documents/brief']")
    page.wait_for_selector("#doc-source")
    assert page.inner_text("#doc-source") == "brief.pdf (application/pdf)"
    assert page.inner_text("#doc-meta-origin") == "PDF info"
    assert page.inner_text("#doc-date") == "2022-03-29 (from PDF info)"
    assert page.locator("#positions li").count() >= 4
    page.screenshot(path=str(ARTIFACTS / "upload_document.png"), full_page=True)

    page.goto(f"{url}/pages/documents", wait_until="load")
    sources = page.eval_on_selector_all("#documents td.source", "els => els.map(e => e.textContent)")
    assert sorted(sources) == sorted(["page.html", "brief.pdf", XSS_NAME, article_url])
    page.screenshot(path=str(ARTIFACTS / "upload_list.png"), full_page=True)

    # the one answer that is an error: the scan, nothing readable in it (the .docx was refused by the page itself)
    assert seen.errors == [f"422 {url}/documents/file?filename=scan.pdf",
                           "Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)"]
    assert seen.outside(url) == []
    page.close()
