"""Inputs in every format the loaders read, written by the tests, and a web site on 127.0.0.1 to fetch them from.

One article (`PARAGRAPHS`) is written as a text file with front matter, a web page with navigation, an ad and
comments around it (each of which would add a position if it leaked into the text), a PDF (with fpdf2), and
rows of JSON lines, a JSON array and CSV, so the tests can hold every reader to the positions of the text file.
`LocalSite` serves pages, PDFs and feeds over real HTTP on 127.0.0.1, including the bad ones: a page that
answers too late, a 404, a 50 MB page, a feed that is not XML.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

TITLE = "Talks on neutrality resume in Istanbul"
OUTLET = "Example Wire"
DATE = "2022-03-29"
AUTHOR = "Jane Doe"
URL = "https://example.org/world/talks-resume"
PARAGRAPHS = [
    "Russia demands that Ukraine stays out of NATO, the Kremlin said on Tuesday.",
    "Kyiv rejected the demand and said it wants security guarantees from the United States.",
    "Hungary opposes Ukraine's EU membership, its foreign minister said.",
    "Poland supports a ceasefire along the current front line, the Polish president said.",
]
# What a page wraps the article in: each line would give a position of its own if it reached the text.
NAV = "Russia rejects a ceasefire | World | Politics | NATO demands more"
AD = "Germany supports a ceasefire now! Subscribe for 1 dollar a month."
COMMENT = "Bob wrote: Turkey rejects Ukraine's EU membership, and the US demands neutrality for Ukraine."


def text_file(title: str = TITLE) -> str:
    """The article as a text file with front matter (one paragraph a line, blank lines between)."""
    return (f"---\ntitle: {title}\noutlet: {OUTLET}\nauthor: {AUTHOR}\ndate: {DATE}\nurl: {URL}\n---\n"
            + "\n\n".join(PARAGRAPHS) + "\n")


def html_page(*, title: str = TITLE, date: str | None = DATE, canonical: str | None = URL,
              paragraphs: list[str] | None = None, site: str | None = OUTLET) -> str:
    """A news page: metadata in the head, the article between navigation, an ad and comments."""
    head = [f'<meta property="og:title" content="{escape(title)}">', f'<meta name="author" content="{AUTHOR}">']
    if site:
        head.append(f'<meta property="og:site_name" content="{escape(site)}">')
    if date:
        head.append(f'<meta property="article:published_time" content="{date}T09:30:00Z">')
    if canonical:
        head.append(f'<link rel="canonical" href="{escape(canonical)}">')
    body = "\n".join(f"<p>{escape(p)}</p>" for p in (paragraphs or PARAGRAPHS))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)} | {escape(site or '')}</title>
{chr(10).join(head)}
</head><body>
<header><nav class="menu"><ul><li><a href="/">{escape(NAV)}</a></li><li><a href="/w">World</a></li></ul></nav></header>
<div class="advert ad-banner" id="ad"><a href="/ad">{escape(AD)}</a></div>
<main><article>
<h1>{escape(title)}</h1>
{body}
</article></main>
<section id="comments" class="comments"><h3>Comments</h3><div class="comment"><p>{escape(COMMENT)}</p></div></section>
<footer><p>Copyright 2022 {escape(site or '')}. All rights reserved.</p></footer>
</body></html>
"""


def pdf_bytes(*, title: str | None = TITLE, date: str | None = DATE, paragraphs: list[str] | None = None,
              text: bool = True) -> bytes:
    """A PDF written by fpdf2: the paragraphs as wrapped text (or, with `text=False`, only a drawn picture,
    as a scan has), the title and creation date in its info dictionary."""
    from fpdf import FPDF

    pdf = FPDF()
    if title:
        pdf.set_title(title)
    pdf.set_author(AUTHOR)
    if date:
        pdf.set_creation_date(dt.datetime.fromisoformat(date).replace(hour=9, tzinfo=dt.UTC))
    pdf.add_page()
    if text:
        pdf.set_font("Helvetica", size=11)
        for paragraph in paragraphs or PARAGRAPHS:
            pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        pdf.set_y(-20)
        pdf.cell(0, 6, "1", align="C")  # a page number
    else:
        pdf.set_fill_color(90, 90, 90)
        pdf.rect(20, 20, 170, 240, style="F")
    return bytes(pdf.output())


def article_row(**extra: object) -> dict[str, object]:
    return {"text": "\n\n".join(PARAGRAPHS), "title": TITLE, "date": DATE, "url": URL, "outlet": OUTLET, **extra}


def jsonl_dump(rows: Sequence[Mapping[str, object]]) -> str:
    return "".join(json.dumps(r) + "\n" for r in rows)


def csv_dump(rows: Sequence[Mapping[str, object]], delimiter: str = ",") -> str:
    out = io.StringIO()
    names = list(dict.fromkeys(k for r in rows for k in r))
    writer = csv.DictWriter(out, fieldnames=names, delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def rss(items: list[tuple[str, str, str]], title: str = "Example Wire: World") -> bytes:
    """An RSS 2.0 feed of (guid, link, title) items, newest first as feeds list them."""
    entries = "".join(f"<item><guid>{escape(g)}</guid><link>{escape(link)}</link><title>{escape(t)}</title>"
                      f"<pubDate>Tue, 29 Mar 2022 09:30:00 GMT</pubDate></item>" for g, link, t in items)
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
            f"<link>https://example.org/</link><description>news</description>{entries}</channel></rss>").encode()


@dataclass
class Page:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    delay: float = 0.0  # seconds before answering
    endless: int = 0  # bytes to stream without a Content-Length (a huge page)
    declared: int | None = None  # a Content-Length to declare (and not keep to)


class LocalSite:
    """Pages by path, served by a real HTTP server on 127.0.0.1; `hits` counts the requests per path, `agents`
    records the User-Agent of each request."""

    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.hits: dict[str, int] = {}
        self.agents: list[str] = []
        self.base = ""

    def add(self, path: str, body: bytes | str = b"", **kw: object) -> str:
        self.pages[path] = Page(body=body.encode() if isinstance(body, str) else body, **kw)  # type: ignore[arg-type]
        return self.url(path)

    def url(self, path: str) -> str:
        return self.base + path


@contextmanager
def local_site() -> Iterator[LocalSite]:
    site = LocalSite()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            site.hits[path] = site.hits.get(path, 0) + 1
            site.agents.append(self.headers.get("User-Agent", ""))
            page = site.pages.get(path)
            if page is None:
                self.send_error(404, "Not Found")
                return
            if page.delay:
                time.sleep(page.delay)
            try:
                self.send_response(page.status)
                self.send_header("Content-Type", page.content_type)
                if page.endless:
                    if page.declared is not None:
                        self.send_header("Content-Length", str(page.declared))
                    self.end_headers()
                    chunk = b"<p>" + b"Russia demands neutrality. " * 2400 + b"</p>\n"
                    sent = 0
                    while sent < page.endless:
                        self.wfile.write(chunk)
                        sent += len(chunk)
                    return
                self.send_header("Content-Length", str(len(page.body)))
                self.end_headers()
                self.wfile.write(page.body)
            except (BrokenPipeError, ConnectionResetError):
                return  # the client stopped reading (over its size cap)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def write(folder: Path, name: str, content: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path
