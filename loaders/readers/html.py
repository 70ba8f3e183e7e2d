"""Web pages → the article's text and the page's metadata, with trafilatura.

Why trafilatura: it is made for exactly this (news and blog pages → main text without navigation, ads,
comments and boilerplate, plus title, author, date, site name and canonical URL from the page's meta tags,
Open Graph, JSON-LD and the like), is maintained, scores at the top of the published boilerplate-removal
benchmarks, and runs offline on lxml. Its date search is kept to the page's metadata (`extensive_search`
off): in the page's text it takes the likes of a copyright year for the date ("© 2022" → 2022-01-01), and a
date read from the text is the job of `loaders/dates.py`, which marks it as inferred.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from loaders.documents import DocumentError

ORIGIN = "page metadata"
# trafilatura logs every page it finds little in at WARNING; the reader says so itself, in one line.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


def _hosts(*urls: str | None) -> set[str]:
    found: set[str] = set()
    for url in urls:
        if url:
            parts = urlsplit(url)
            found |= {parts.netloc.lower().removeprefix("www."), (parts.hostname or "").removeprefix("www.")}
    return found


def read_html(content: bytes | str, *, where: str, url: str | None = None) -> tuple[str, dict[str, Any]]:
    """The main text of a page (one paragraph a line) and its metadata (title, author, date, outlet, url)."""
    import trafilatura

    try:
        found: Any = trafilatura.bare_extraction(content, url=url, with_metadata=True, include_comments=False,
                                            include_tables=True, include_images=False, include_links=False,
                                            date_extraction_params={"extensive_search": False,
                                                                    "original_date": True})
    except Exception as exc:  # a page lxml cannot parse at all
        raise DocumentError(f"{where}: cannot read the page as HTML ({type(exc).__name__}: {exc})") from None
    text = getattr(found, "text", None) or ""
    if not text.strip():
        raise DocumentError(f"{where}: no article text found in the page")
    page_url = found.url if found.url and found.url.lower().startswith(("http://", "https://")) else None
    if page_url == url:
        page_url = None  # trafilatura gives back the URL it was handed when the page names none of its own
    sitename = found.sitename
    if sitename and sitename.lower().removeprefix("www.") in _hosts(url, found.url):
        sitename = None  # trafilatura's stand-in for a page that names no site: the host, not page metadata
    meta = {"title": found.title, "author": found.author, "date": found.date, "outlet": sitename,
            "url": page_url}
    return _without_headline(text, found.title), {k: v for k, v in meta.items() if v}


def _without_headline(text: str, title: str | None) -> str:
    """The text without a first line that repeats the title: the headline is metadata (as a text file's front
    matter holds it); read again as the first sentence it would count twice in what the model weighs."""
    first, _, rest = text.partition("\n")
    if title and rest.strip() and " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        return rest.lstrip("\n")
    return text
