"""Every format the loaders read gives the positions of the same text given as a .txt, with its metadata and
where it came from; each bad input is one clear message and the rest of the batch is read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.model import DocumentGraph
from loaders import ExtractItem, ReadOptions, iter_extract
from loaders.readers.dumps import parse_mapping
from loaders.readers.fetch import url_id
from tests.sources import (
    AD,
    COMMENT,
    DATE,
    NAV,
    OUTLET,
    PARAGRAPHS,
    TITLE,
    URL,
    article_row,
    csv_dump,
    html_page,
    jsonl_dump,
    pdf_bytes,
    text_file,
    write,
)


def positions(graph: DocumentGraph) -> list[tuple[str, str, str, str]]:
    return sorted((p.actor, str(p.relation), p.term, p.provenance.quote) for p in graph.positions)


def by_source(items: list[ExtractItem]) -> dict[str, ExtractItem]:
    return {str(i.source).rsplit("/", 1)[-1]: i for i in items}


def extract(*paths: Path | str, fields: dict[str, str] | None = None) -> list[ExtractItem]:
    return list(iter_extract(list(paths), options=ReadOptions(fields=tuple((fields or {}).items()))))


@pytest.fixture
def reference(tmp_path: Path) -> DocumentGraph:
    [item] = extract(write(tmp_path / "ref", "article.txt", text_file()))
    assert item.graph is not None and len(item.graph.positions) >= 4
    return item.graph


def test_every_format_gives_the_positions_of_the_text_file(tmp_path: Path, reference: DocumentGraph) -> None:
    folder = tmp_path / "in"
    write(folder, "page.html", html_page())
    write(folder, "brief.pdf", pdf_bytes())
    write(folder, "meta.yaml", f"brief:\n  outlet: {OUTLET}\n  url: {URL}\n")  # what the PDF's info cannot hold
    write(folder, "rows.jsonl", jsonl_dump([{"body": "\n\n".join(PARAGRAPHS), "headline": TITLE,
                                             "published_at": f"{DATE}T09:30:00Z", "link": URL + "?j",
                                             "site": OUTLET}]))
    write(folder, "rows.json", json.dumps({"status": "ok", "articles": [
        {"content": "\n\n".join(PARAGRAPHS), "title": TITLE, "publishedAt": f"{DATE}T09:30:00Z", "url": URL + "?a",
         "source": {"id": None, "name": OUTLET}}]}))
    write(folder, "rows.csv", csv_dump([article_row(url=URL + "?c")], delimiter=";"))
    items = extract(folder, folder / "rows.jsonl", folder / "rows.json", folder / "rows.csv",
                    fields={"text": "body", "title": "headline", "date": "published_at", "outlet": "site"})
    assert [i.error for i in items if i.error] == []
    found = {i.source.rsplit("/", 1)[-1]: i.graph for i in items if i.source and i.graph}
    assert set(found) == {"page.html", "brief.pdf", "rows.jsonl, row 1", "rows.json, row 1", "rows.csv, row 1"}
    for name, graph in found.items():
        assert positions(graph) == positions(reference), name
        doc = graph.document
        assert (doc.title, doc.date, doc.outlet) == (TITLE, DATE, OUTLET), name
        assert doc.url is not None and doc.url.startswith(URL), name
        assert doc.source == name and doc.date_origin != "inferred", name
    kinds = {name: (g.document.content_type, g.document.meta_origin) for name, g in found.items()}
    assert kinds == {"page.html": ("text/html", "page metadata"),
                     "brief.pdf": ("application/pdf", "PDF info + meta.yaml"),
                     "rows.jsonl, row 1": ("application/jsonl", "dump row"),
                     "rows.json, row 1": ("application/json", "dump row"), "rows.csv, row 1": ("text/csv", "dump row")}
    assert reference.document.source == "article.txt" and reference.document.meta_origin == "front matter"


def test_a_page_text_does_not_repeat_its_headline(tmp_path: Path) -> None:
    """The headline is the title (metadata), as a text file's front matter holds it; kept as the body's first
    line too it would be read twice and shift what the model weighs (a page and its text would differ)."""
    [item] = extract(write(tmp_path, "page.html", html_page()))
    assert item.graph is not None and item.graph.document.title == TITLE
    text = item.graph.document.text
    assert text is not None and not text.startswith(TITLE) and text.startswith(PARAGRAPHS[0])


def test_a_page_loses_its_navigation_ads_and_comments(tmp_path: Path) -> None:
    [item] = extract(write(tmp_path, "page.html", html_page()))
    assert item.graph is not None and item.graph.document.text is not None
    text = item.graph.document.text
    assert all(p in text for p in PARAGRAPHS)
    for debris in (NAV, AD, COMMENT, "Copyright"):
        assert debris not in text
    assert {p.actor for p in item.graph.positions} == {"RUS", "UKR", "HUN", "POL"}  # no Germany, Turkey, US


def test_a_page_without_a_date_takes_its_dateline_marked_inferred(tmp_path: Path) -> None:
    page = html_page(date=None, paragraphs=["MOSCOW, March 29, 2022 (Reuters) - " + PARAGRAPHS[0], *PARAGRAPHS[1:]])
    [item] = extract(write(tmp_path, "undated.html", page))
    assert item.graph is not None
    assert (item.graph.document.date, item.graph.document.date_origin) == ("2022-03-29", "inferred")
    assert item.graph.positions and all(p.provenance.date == "2022-03-29" for p in item.graph.positions)


def test_bad_pdfs_and_pages_are_one_message_each_and_the_rest_is_read(tmp_path: Path) -> None:
    from fpdf import FPDF

    locked = FPDF()
    locked.set_encryption(owner_password="o", user_password="secret")
    locked.add_page()
    locked.set_font("Helvetica", size=11)
    locked.multi_cell(0, 6, PARAGRAPHS[0])
    write(tmp_path, "scan.pdf", pdf_bytes(text=False))
    write(tmp_path, "locked.pdf", bytes(locked.output()))
    write(tmp_path, "fake.pdf", b"<html>not a pdf</html>")
    write(tmp_path, "empty.html", "<html><head><title>Nothing</title></head><body></body></html>")
    write(tmp_path, "good.html", html_page())
    items = by_source(extract(tmp_path))
    assert items["good.html"].graph is not None
    reasons = {name: i.error for name, i in items.items() if i.error}
    assert set(reasons) == {"scan.pdf", "locked.pdf", "fake.pdf", "empty.html"}
    assert "no text layer (a scanned document?)" in str(reasons["scan.pdf"])
    assert "encrypted" in str(reasons["locked.pdf"])
    assert "not a PDF" in str(reasons["fake.pdf"])
    assert "no article text" in str(reasons["empty.html"])
    assert all("\n" not in str(r) and str(tmp_path) in str(r) for r in reasons.values())


def test_an_over_size_page_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    write(tmp_path, "huge.html", html_page() + "<!--" + "x" * 2_000_000 + "-->")
    from loaders.readers import FetchOptions

    [item] = list(iter_extract([tmp_path / "huge.html"], options=ReadOptions(fetch=FetchOptions(max_bytes=1_000_000))))
    assert item.error and "over the limit of 1,000,000" in item.error and "PEACEGRAPH_FETCH_MAX_BYTES" in item.error


def test_dump_rows_each_a_document_bad_rows_named_the_rest_read(tmp_path: Path) -> None:
    rows: list[dict[str, object]] = [article_row(), {"title": "no text here", "url": "https://example.org/empty"},
                                     article_row(url="https://example.org/other",
                                                 text="Hungary opposes Ukraine's EU membership."),
                                     article_row(url="https://example.org/d", date="last Tuesday"), article_row()]
    dump = write(tmp_path, "news.jsonl", jsonl_dump(rows[:3]) + "{not json\n" + jsonl_dump(rows[3:]))
    items = extract(dump)
    errors = [i.error for i in items if i.error]
    assert [i.graph.document.id for i in items if i.graph] == [url_id(URL), url_id("https://example.org/other")]
    assert len(errors) == 4 and all(str(dump) in e and "\n" not in e for e in errors)
    assert "row 2: no text (no field text, content, body" in errors[0] and "--field text=NAME" in errors[0]
    assert "row 4 (line 4): not valid JSON" in errors[1]
    assert "row 5: field 'date': cannot read 'last Tuesday' as a date" in errors[2]
    assert "row 6: the same document as row 1 (same url); skipped" in errors[3]


def test_dump_ids_are_stable_when_rows_move(tmp_path: Path) -> None:
    rows = [{"text": "Hungary opposes Ukraine's EU membership."}, {"text": "Poland supports a ceasefire."},
            {"text": "Russia demands neutrality.", "url": "https://example.org/n"},
            {"text": "Turkey supports a ceasefire.", "guid": "A-17"}]
    one = extract(write(tmp_path, "a.csv", csv_dump(rows)), fields={"id": "guid"})
    two = extract(write(tmp_path / "later", "a.csv", csv_dump(rows[::-1])), fields={"id": "guid"})
    ids = [i.graph.document.id for i in one if i.graph]
    assert sorted(ids) == sorted(i.graph.document.id for i in two if i.graph) and len(set(ids)) == 4
    assert ids[2] == url_id("https://example.org/n") and ids[3] == "a_A-17" and ids[0].startswith("a_")


def test_a_dump_row_holding_html_is_read_as_a_page(tmp_path: Path) -> None:
    [item] = extract(write(tmp_path, "scraped.jsonl", jsonl_dump([{"html": html_page(), "url": URL}])),
                     fields={"text": "html"})
    assert item.graph is not None and NAV not in str(item.graph.document.text)
    assert item.graph.document.title == TITLE and len(item.graph.positions) >= 4


def test_a_folder_loads_its_documents_but_not_its_dumps(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", text_file())
    write(tmp_path, "gold.jsonl", jsonl_dump([{"doc": "a", "actor": "RUS"}]))
    write(tmp_path, "index.csv", "name,title\na,b\n")
    assert [i.source for i in extract(tmp_path)] == [str(tmp_path / "a.txt")]


@pytest.mark.parametrize(("pairs", "message"), [(["text"], "DOCUMENT_FIELD=DUMP_FIELD"),
                                                (["body=text"], "'body' is not one of"), (["text="], "text=body")])
def test_a_bad_field_mapping_is_named(pairs: list[str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_mapping(pairs)


def test_only_http_urls_are_fetched() -> None:
    [item] = extract("ftp://example.org/a.html")
    assert item.error == "ftp://example.org/a.html: only http:// and https:// URLs are fetched"
