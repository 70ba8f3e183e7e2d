"""Loading what analysts have, end to end: files, dumps and URLs (served on 127.0.0.1 by the test) through
`peacegraph load` and the API into the real store. Every format stores the positions of the same text given as
a .txt, with its title, date, outlet, URL and where it came from; each bad input is one line, nothing of it is
stored, and the rest of the batch is loaded."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from app.main import create_app
from app.settings import Settings
from graph.backends import open_store
from graph.store import Store
from loaders.ingest import ingest_paths
from loaders.readers.fetch import url_id
from tests.integration.test_cli import PROJECT, _stop_stray_servers, assert_no_server_left  # noqa: F401
from tests.sources import (
    DATE,
    OUTLET,
    TITLE,
    URL,
    LocalSite,
    article_row,
    html_page,
    jsonl_dump,
    local_site,
    pdf_bytes,
    rss,
    text_file,
    write,
)

FIFTY_MB = 50 * 2**20


@pytest.fixture
def site() -> Iterator[LocalSite]:
    with local_site() as s:
        yield s


def load_cli(data_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PEACEGRAPH_")}
    clean.update({"PEACEGRAPH_DATA_DIR": str(data_dir), **{f"PEACEGRAPH_{k.upper()}": v for k, v in env.items()}})
    return subprocess.run([sys.executable, "-m", "app.cli", "load", *args], env=clean, cwd=PROJECT,
                          capture_output=True, text=True, timeout=300)


def stored_positions(store: Store, doc_id: str) -> list[tuple[str, str, str, str]]:
    return sorted((r["actor"], r["relation"], r["term"], r["quote"]) for r in store.run("document_positions",
                                                                                         id=doc_id))


def test_one_load_of_every_kind_with_bad_input_in_the_batch(tmp_path: Path, site: LocalSite) -> None:
    docs = tmp_path / "docs"
    write(docs, "reference.txt", text_file())
    write(docs, "page.html", html_page())
    write(docs, "brief.pdf", pdf_bytes())
    write(docs, "meta.yaml", f"brief:\n  outlet: {OUTLET}\n  url: {URL}/brief\n")
    write(docs, "scan.pdf", pdf_bytes(text=False))
    dump = write(tmp_path, "news.jsonl", jsonl_dump([article_row(url=f"{URL}/row"), {"title": "headline only"}]))
    page_url = site.add("/world/talks.html", html_page(canonical=None))
    pdf_url = site.add("/statements/brief.pdf", pdf_bytes(), content_type="application/pdf")
    slow_url = site.add("/slow.html", html_page(), delay=4.0)
    missing_url = site.url("/gone.html")
    huge_url = site.add("/huge.html", endless=FIFTY_MB + 2**20)
    declared_url = site.add("/declared.html", endless=2**20, declared=FIFTY_MB)
    feed_url = site.add("/feed.xml", rss([("a", page_url, TITLE)]), content_type="application/rss+xml")
    data = tmp_path / "data"
    proc = load_cli(data, str(docs), str(dump), page_url, pdf_url, slow_url, missing_url, huge_url, declared_url,
                    feed_url, fetch_timeout_ms="1500")
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = proc.stdout.strip().splitlines()
    assert lines[0] == "6 loaded, 0 replaced, 0 unchanged, 7 skipped", proc.stdout
    skipped = [line.removeprefix("  skipped ") for line in lines[1:]]
    assert len(skipped) == 7 and all(line.startswith("  skipped ") for line in lines[1:])
    expected = {
        str(docs / "scan.pdf"): "the PDF has no text layer (a scanned document?)",
        f"{dump}, row 2": "no text",
        slow_url: "no complete answer within 1.5 s (PEACEGRAPH_FETCH_TIMEOUT_MS)",
        missing_url: "HTTP 404 Not Found",
        huge_url: "over the limit of 10,000,000 bytes (PEACEGRAPH_FETCH_MAX_BYTES)",
        declared_url: f"the page has {FIFTY_MB:,} bytes, over the limit of 10,000,000",
        feed_url: "this is an RSS or Atom feed, not an article; follow it with `peacegraph watch URL`",
    }
    for where, reason in expected.items():
        assert any(s.startswith(f"{where}: ") and reason in s for s in skipped), (where, skipped)
    assert all(agent.startswith("peacegraph/") for agent in site.agents)

    store = open_store(None, data_dir=data)
    try:
        ids = {r["id"] for r in store.run("documents_list", date_from=None, date_to=None, process=None, skip=0,
                                              limit=100)}
        loaded = {"reference", "page", "brief", url_id(f"{URL}/row"), url_id(page_url), url_id(pdf_url)}
        assert ids == loaded  # nothing of a skipped input is stored
        reference = stored_positions(store, "reference")
        assert len(reference) >= 4
        details = {i: store.run("document_detail", id=i)[0] for i in loaded}
        for doc_id, doc in details.items():
            assert stored_positions(store, doc_id) == reference, doc_id
            assert doc["complete"] is True and doc["title"] == TITLE and doc["date"] == DATE, doc_id
            assert doc["outlet"] and doc["url"], doc_id
        shown = {i: (d["source"], d["content_type"], d["meta_origin"], d["date_origin"], d["outlet"], d["url"])
                 for i, d in details.items()}
        assert shown == {
            "reference": ("reference.txt", "text/plain", "front matter", "front matter", OUTLET, URL),
            "page": ("page.html", "text/html", "page metadata", "page metadata", OUTLET, URL),
            "brief": ("brief.pdf", "application/pdf", "PDF info + meta.yaml", "PDF info", OUTLET, f"{URL}/brief"),
            url_id(f"{URL}/row"): ("news.jsonl, row 1", "application/jsonl", "dump row", "dump row", OUTLET,
                                   f"{URL}/row"),
            # fetched: the page's own metadata, and for what it lacks (a canonical URL) where it was found
            url_id(page_url): (page_url, "text/html", "page metadata + URL", "page metadata", OUTLET, page_url),
            url_id(pdf_url): (pdf_url, "application/pdf", "PDF info + URL", "PDF info", "127.0.0.1", pdf_url),
        }
    finally:
        store.close()
    assert_no_server_left(data)


def test_the_stored_source_is_read_back_on_every_engine(store: Store, tmp_path: Path, site: LocalSite) -> None:
    """The new Document properties through every query that shows them, on FalkorDB and on Neo4j: the
    document's detail, the list, and the context of its evidence (the exports)."""
    undated = html_page(date=None, paragraphs=["KYIV, March 29, 2022 (Reuters) - Russia demands that Ukraine "
                                               "stays out of NATO, the Kremlin said on Tuesday."])
    page_url = site.add("/undated.html", undated)
    dump = write(tmp_path, "rows.jsonl", jsonl_dump([article_row(url=f"{URL}/r1")]))
    summary = ingest_paths(store, [page_url, dump])
    assert not summary.skipped and summary.count("loaded") == 2
    doc = store.run("document_detail", id=url_id(page_url))[0]
    assert (doc["source"], doc["content_type"], doc["date"], doc["date_origin"]) == \
        (page_url, "text/html", "2022-03-29", "inferred")
    listed = {r["id"]: r for r in store.run("documents_list", date_from=None, date_to=None, process=None,
                                                     skip=0, limit=10)}
    assert (listed[url_id(page_url)]["source"], listed[url_id(page_url)]["date_origin"]) == (page_url, "inferred")
    assert listed[url_id(f"{URL}/r1")]["source"] == "rows.jsonl, row 1"
    meta = {r["id"]: r for r in store.run("documents_meta", ids=list(listed))}
    assert meta[url_id(f"{URL}/r1")]["meta_origin"] == "dump row"
    assert meta[url_id(page_url)]["content_type"] == "text/html"


@pytest.fixture
def client(falkordb_store: Store, data_dir: Path) -> Iterator[TestClient]:
    settings = Settings(data_dir=data_dir, fetch_timeout_ms=1500, fetch_max_bytes=3_000_000)
    with TestClient(create_app(settings, store=falkordb_store)) as c:
        yield c


def upload(client: TestClient, name: str, body: bytes | str, **headers: str) -> httpx.Response:
    return client.post("/documents/file", params={"filename": name},
                       content=body.encode() if isinstance(body, str) else body,
                       headers={"Content-Type": "application/octet-stream", **headers})


def test_uploads_of_every_kind(client: TestClient) -> None:
    page = upload(client, "page.html", html_page())
    assert page.status_code == 201, page.text
    [stored] = page.json()["documents"]
    assert stored["id"] == "page" and stored["title"] == TITLE and stored["positions"] >= 4
    assert stored["outcome"] == "loaded" and stored["source"] == "page.html"
    again = upload(client, "page.html", html_page())
    assert again.status_code == 200 and again.json()["documents"][0]["outcome"] == "unchanged"
    pdf = upload(client, "brief.pdf", pdf_bytes())
    assert pdf.status_code == 201 and pdf.json()["documents"][0]["positions"] == stored["positions"]
    text = upload(client, "note.md", text_file())
    assert text.status_code == 201 and text.json()["documents"][0]["positions"] == stored["positions"]
    dump = upload(client, "news.jsonl", jsonl_dump([article_row(url=f"{URL}/1"), {"title": "no text"},
                                                    article_row(url=f"{URL}/2")]))
    assert dump.status_code == 201
    body = dump.json()
    assert [d["source"] for d in body["documents"]] == ["news.jsonl, row 1", "news.jsonl, row 3"]
    assert body["skipped"] == [
        "news.jsonl, row 2: no text (no field text, content, body, article, full_text, maintext has any); name the "
        "field that holds it with --field text=NAME"]  # named by the upload's name, not a temporary path
    detail = client.get("/documents/page").json()
    assert (detail["source"], detail["content_type"], detail["meta_origin"], detail["date_origin"]) == \
        ("page.html", "text/html", "page metadata", "page metadata")
    exported = list(csv.DictReader(io.StringIO(client.get("/export/positions.csv", params={"doc": "brief"}).text)))
    assert exported and {(r["doc_source"], r["content_type"], r["meta_origin"], r["date_origin"])
                         for r in exported} == {("brief.pdf", "application/pdf", "PDF info", "PDF info")}
    graphml = client.get("/export/graphml", params={"doc": "page"}).text
    assert '<data key="doc_source">page.html</data>' in graphml


def test_uploads_that_store_nothing_say_why(client: TestClient) -> None:
    scan = upload(client, "scan.pdf", pdf_bytes(text=False))
    assert scan.status_code == 422 and "scan.pdf: the PDF has no text layer" in scan.json()["detail"]
    assert upload(client, "report.docx", b"PK\x03\x04").status_code == 415
    assert upload(client, "empty.html", b"  ").status_code == 422
    assert upload(client, "../../etc/passwd.txt", text_file()).json()["documents"][0]["source"] == "passwd.txt"
    too_big = upload(client, "big.html", b"<p>" + b"x" * 3_200_000)
    assert too_big.status_code == 413 and "PEACEGRAPH_FETCH_MAX_BYTES" in too_big.json()["detail"]
    assert [d["id"] for d in client.get("/documents", params={"limit": 100}).json()] == ["passwd"]


def test_fetch_by_url(client: TestClient, site: LocalSite) -> None:
    url = site.add("/a.html", html_page(canonical=None))
    first = client.post("/documents/fetch", json={"url": url})
    assert first.status_code == 201, first.text
    assert first.json()["documents"][0]["id"] == url_id(url)
    assert client.post("/documents/fetch", json={"url": url}).json()["documents"][0]["outcome"] == "unchanged"
    gone = client.post("/documents/fetch", json={"url": site.url("/nope")})
    assert gone.status_code == 502 and gone.json()["detail"] == f"{site.url('/nope')}: HTTP 404 Not Found"
    slow = client.post("/documents/fetch", json={"url": site.add("/slow", html_page(), delay=4.0)})
    assert slow.status_code == 502 and "no complete answer within 1.5 s" in slow.json()["detail"]
    feed = client.post("/documents/fetch", json={"url": site.add("/f.xml", rss([]), content_type="text/xml")})
    assert feed.status_code == 422 and "RSS or Atom feed" in feed.json()["detail"]
    assert client.post("/documents/fetch", json={"url": "file:///etc/passwd"}).status_code == 422
    assert [d["id"] for d in client.get("/documents").json()] == [url_id(url)]


def test_uploads_need_the_api_key_when_one_is_set(falkordb_store: Store, data_dir: Path) -> None:
    app = create_app(Settings(data_dir=data_dir, api_key=SecretStr("k-123")), store=falkordb_store)
    with TestClient(app) as c:
        assert upload(c, "page.html", html_page()).status_code == 401
        assert c.post("/documents/fetch", json={"url": "http://127.0.0.1:9/x"}).status_code == 401
        assert upload(c, "page.html", html_page(), **{"X-API-Key": "k-123"}).status_code == 201


def test_a_text_in_another_language_is_refused_naming_it(client: TestClient) -> None:
    text = ("Die Bundesregierung lehnt einen Waffenstillstand entlang der aktuellen Frontlinie ab, sagte der "
            "Sprecher am Montag in Berlin. Russland fordert die Neutralität der Ukraine.")
    posted = client.post("/documents", json={"text": text})
    assert posted.status_code == 422 and "the text is in German (de), not English" in posted.json()["detail"]
    uploaded = upload(client, "artikel.txt", text)
    assert uploaded.status_code == 422 and "artikel.txt: the text is in German (de)" in uploaded.json()["detail"]
    assert client.get("/documents").json() == []
