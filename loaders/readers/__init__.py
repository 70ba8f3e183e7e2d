"""Every kind of input → `SourceDocument`s, through `loaders.documents.from_text`.

What a user names (`peacegraph load`, `extract`, the API's uploads) becomes sources, one per document:
- a text file (`.txt`, `.md`, any other suffix named explicitly): `loaders.documents.read_document`;
- a web page (`.html`, `.htm`, `.xhtml`) or a PDF (`.pdf`): `html.py`, `pdf.py`, with `meta.yaml` as for text;
- a dump (`.jsonl`, `.ndjson`, `.json`, `.csv`): one source per row (`dumps.py`);
- an `http(s)://` URL: fetched (`fetch.py`), then read as a page, a PDF or text by its content type;
- a folder: the text files, pages and PDFs under it. Dumps are loaded only when named: a folder of articles
  often keeps a `gold.jsonl` or an index `.csv` next to them, which are not news.

Sources are small picklable values, so `loaders.iter_extract` can hand them to worker processes (which fetch
and read in parallel); `read_source` is the one dispatch.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from loaders.codebook import Codebook
from loaders.documents import (
    SIDECAR,
    SUFFIXES,
    DocumentError,
    MetaLayer,
    SourceDocument,
    display_path,
    document_id,
    file_reference,
    from_text,
    read_document,
    sidecar_meta,
)
from loaders.readers import dumps
from loaders.readers.dumps import Row
from loaders.readers.fetch import Fetched, FetchError, FetchOptions, fetch, is_url, url_id

__all__ = ["DOCUMENT_SUFFIXES", "DUMP_SUFFIXES", "DocumentError", "FetchError", "FetchOptions", "ReadOptions", "Row",
           "Source", "UrlSource", "describe", "is_url", "iter_sources", "read_bytes", "read_source"]

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
PDF_SUFFIXES = (".pdf",)
DOCUMENT_SUFFIXES = (*SUFFIXES, *HTML_SUFFIXES, *PDF_SUFFIXES)
DUMP_SUFFIXES = tuple(dumps.SUFFIXES)
DEFAULT_MAX_BYTES = 2_000_000
_HTML_TEXT = re.compile(r"<(?:html|body|p|div|article)[\s>]", re.IGNORECASE)


@dataclass(frozen=True)
class ReadOptions:
    """How sources are read: the text limit (PEACEGRAPH_MAX_DOCUMENT_BYTES), how URLs are fetched (and the
    size cap of a page or PDF file, PEACEGRAPH_FETCH_MAX_BYTES), and the dump field mapping (`--field`)."""

    max_bytes: int = DEFAULT_MAX_BYTES
    fetch: FetchOptions = field(default_factory=FetchOptions)
    fields: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class UrlSource:
    """A URL to fetch; `layers`: metadata known before fetching (a feed item's title, date and outlet)."""

    url: str
    layers: tuple[MetaLayer, ...] = ()


Source = Path | UrlSource | Row


def describe(source: Source) -> str:
    if isinstance(source, UrlSource):
        return source.url
    if isinstance(source, Row):
        return source.where
    return display_path(source)


def iter_sources(inputs: Iterable[Path | str | UrlSource | Row],
                 options: ReadOptions) -> Iterator[Source | DocumentError]:
    """The sources of what the user named, in order (folders sorted), or an error for what cannot be found."""
    mapping = dict(options.fields)
    for item in inputs:
        if isinstance(item, UrlSource | Row):
            yield item
            continue
        if isinstance(item, str) and is_url(item):
            yield UrlSource(item.strip())
            continue
        if isinstance(item, str) and re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", item):
            yield DocumentError(f"{item}: only http:// and https:// URLs are fetched")
            continue
        path = Path(item)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES)
        elif path.is_file():
            if path.suffix.lower() in DUMP_SUFFIXES:
                yield from dumps.iter_rows(path, mapping, options.max_bytes)
            else:
                yield path
        else:
            yield DocumentError(f"{display_path(path)}: no such file or folder")


def read_source(source: Source, codebook: Codebook, options: ReadOptions) -> SourceDocument:
    if isinstance(source, UrlSource):
        return read_url(source, codebook, options)
    if isinstance(source, Row):
        return read_row(source, codebook)
    return read_file(source, codebook, options)


def _check_size(text: str, where: str, max_bytes: int) -> None:
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise DocumentError(f"{where}: {size:,} bytes of text is over the limit of {max_bytes:,} "
                            "(PEACEGRAPH_MAX_DOCUMENT_BYTES)")


def read_bytes(data: bytes, *, name: str, where: str, codebook: Codebook, options: ReadOptions,
               meta: dict[str, Any] | None = None, meta_origin: str = SIDECAR, meta_where: str | None = None,
               reference: Any = None) -> SourceDocument:
    """A page, a PDF or a text file given as bytes with its file name (a file read from disk, an upload)."""
    from loaders.documents import decode

    suffix = Path(name).suffix.lower()
    doc_id = document_id(Path(name))
    if suffix in HTML_SUFFIXES or suffix in PDF_SUFFIXES:
        if len(data) > options.fetch.max_bytes:
            raise DocumentError(f"{where}: {len(data):,} bytes is over the limit of {options.fetch.max_bytes:,} "
                                "for a page or a PDF (PEACEGRAPH_FETCH_MAX_BYTES)")
        if suffix in PDF_SUFFIXES:
            from loaders.readers.pdf import ORIGIN, read_pdf

            text, embedded = read_pdf(data, where=where)
            kind = "application/pdf"
        else:
            from loaders.readers.html import ORIGIN, read_html

            text, embedded = read_html(data, where=where)
            kind = "text/html"
        _check_size(text, where, options.max_bytes)
        return from_text(text, doc_id=doc_id, meta=meta, codebook=codebook, where=where, meta_where=meta_where,
                         meta_origin=meta_origin, layers=(MetaLayer(embedded, ORIGIN, where, strict=False),),
                         source=Path(name).name, content_type=kind, reference=reference)
    text = decode(data, where, options.max_bytes)
    kind = "text/markdown" if suffix in (".md", ".markdown") else "text/plain"
    return from_text(text, doc_id=doc_id, meta=meta, codebook=codebook, where=where, meta_where=meta_where,
                     meta_origin=meta_origin, source=Path(name).name, content_type=kind, reference=reference)


def read_file(path: Path, codebook: Codebook, options: ReadOptions) -> SourceDocument:
    suffix = path.suffix.lower()
    if suffix not in HTML_SUFFIXES and suffix not in PDF_SUFFIXES:
        return read_document(path, codebook=codebook, max_bytes=options.max_bytes)
    where = display_path(path)
    if where != str(path):
        raise DocumentError(f"{where}: the file name is not valid UTF-8; rename the file")
    try:
        size = path.stat().st_size
        if size > options.fetch.max_bytes:
            raise DocumentError(f"{where}: {size:,} bytes is over the limit of {options.fetch.max_bytes:,} for a "
                                "page or a PDF (PEACEGRAPH_FETCH_MAX_BYTES)")
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{where}: cannot read: {exc.strerror or exc}") from None
    if not data.strip():
        raise DocumentError(f"{where}: the file is empty")
    entry, entry_where = sidecar_meta(path)
    document = read_bytes(data, name=path.name, where=where, codebook=codebook, options=options, meta=entry,
                          meta_where=entry_where, reference=file_reference(path))
    document.path = path
    return document


def read_row(row: Row, codebook: Codebook) -> SourceDocument:
    """A dump row: its text (read as a page when it is HTML) and its fields as metadata of origin 'dump row'."""
    fields = dict(row.fields)
    text = str(fields.pop("text"))
    fields.pop("id", None)
    layers: tuple[MetaLayer, ...] = ()
    kind = row.content_type
    if _HTML_TEXT.search(text[:4000]):
        from loaders.readers.html import ORIGIN, read_html

        text, embedded = read_html(text, where=row.where, url=fields.get("url"))
        layers = (MetaLayer(embedded, ORIGIN, row.where, strict=False),)
    return from_text(text, doc_id=row.doc_id, meta=fields, codebook=codebook, where=row.where,
                     meta_where=row.where, meta_origin=dumps.ORIGIN, layers=layers,
                     source=f"{Path(row.dump).name}, row {row.number}", content_type=kind)


def _kind(fetched: Fetched) -> str:
    """'html', 'pdf', 'text' or 'feed', by the content type, or by the body when the type says little."""
    media, head = fetched.content_type, fetched.body[:1024].lstrip().lower()
    if media == "application/pdf" or head.startswith(b"%pdf-"):
        return "pdf"
    if media in ("application/rss+xml", "application/atom+xml") or re.search(rb"<(?:rss|feed|rdf:rdf)[\s>]", head):
        return "feed"
    if media in ("text/html", "application/xhtml+xml") or b"<html" in head or b"<!doctype html" in head:
        return "html"
    if media.startswith("text/") or not media:
        return "text"
    return media


def read_url(source: UrlSource, codebook: Codebook, options: ReadOptions) -> SourceDocument:
    """Fetch a URL and read it. Metadata, lowest first: the URL itself (its host as the outlet, where it was
    found as the URL), what was known before (a feed item), the page's or PDF's own."""
    fetched = fetch(source.url, options.fetch)
    where = fetched.requested
    host = (urlsplit(fetched.url).hostname or "").removeprefix("www.")
    layers = [MetaLayer({"url": fetched.url, "outlet": host}, "URL", where, strict=False), *source.layers]
    kind = _kind(fetched)
    content_type = fetched.content_type or {"pdf": "application/pdf", "html": "text/html"}.get(kind, "text/plain")
    if kind == "feed":
        raise DocumentError(f"{where}: this is an RSS or Atom feed, not an article; follow it with "
                            "`peacegraph watch URL`")
    if kind == "pdf":
        from loaders.readers.pdf import ORIGIN as PDF_ORIGIN
        from loaders.readers.pdf import read_pdf

        text, embedded = read_pdf(fetched.body, where=where)
        layers.append(MetaLayer(embedded, PDF_ORIGIN, where, strict=False))
    elif kind == "html":
        from loaders.readers.html import ORIGIN as HTML_ORIGIN
        from loaders.readers.html import read_html

        content: bytes | str = fetched.body
        if fetched.charset:
            try:
                content = fetched.body.decode(fetched.charset, "replace")
            except LookupError:  # a charset Python does not know: let the page's own declaration decide
                content = fetched.body
        text, embedded = read_html(content, where=where, url=fetched.url)
        layers.append(MetaLayer(embedded, HTML_ORIGIN, where, strict=False))
    elif kind == "text":
        text = fetched.body.decode(fetched.charset or "utf-8", "replace")
    else:
        raise DocumentError(f"{where}: cannot read content of type {kind} (pages, PDFs and plain text are read)")
    _check_size(text, where, options.max_bytes)
    return from_text(text, doc_id=url_id(fetched.requested), meta=None, codebook=codebook, where=where,
                     layers=tuple(layers), source=fetched.requested, content_type=content_type,
                     reference=fetched.day)
