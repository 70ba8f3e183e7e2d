"""The documents list (`GET /documents`, the documents page, the index page's newest documents of a process) and
the unfiltered /graph page from the kept order of the documents (app/services/document_order.py) answer what
the queries that sort every document answer (documents_list, documents_recent), on both engines, and a write
of documents between two pages is seen by the next page."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from typing import Any

import pytest

from app.api import schemas
from app.api.fast import shape_all
from app.graphdata import GraphFilter, fetch
from app.services.document_order import documents_page, newest_documents
from graph.model import DocumentGraph
from graph.store import Store
from tests.factories import api_corpus, make_graph

DATES = [None, "2023", "2023-05", "2023-05", "2023-05-02", "2022-03-16", "2022-03-16", None, "2024-11",
         "2025-01-01", "2023-05-31", "2023-06"]
PROCESSES = [None, "gaza", "sudan"]


def _in(process: str | None, graph: DocumentGraph) -> DocumentGraph:
    return graph.model_copy(update={"document": graph.document.model_copy(update={"process": process})})


def _corpus() -> list[DocumentGraph]:
    """Undated documents, shared dates, partial dates (a year, a month) and dates inside them, three processes
    (one of them none), documents with and without positions and guarantees."""
    return [_in(PROCESSES[n % 3], make_graph(
        f"o-{n:02d}", date=date, positions=[("RUS", "DEMANDS", "neutral_status", k) for k in range(n % 3)],
        guarantees=[("USA", "UKR", "willing", 5)] * (n % 2))) for n, date in enumerate(DATES)]


def _listed(store: Store, date_from: str | None = None, date_to: str | None = None, process: str | None = None,
            skip: int = 0, limit: int = 100) -> list[dict[str, Any]]:
    return store.run("documents_list", date_from=date_from, date_to=date_to, process=process, skip=skip, limit=limit)


def test_kept_pages_equal_the_documents_list_query(store: Store) -> None:
    store.upsert_many(_corpus())
    everything = _listed(store)
    assert len(everything) == len(DATES) and documents_page(store, None, None, None, 0, 100) == everything
    kept_some = 0
    for date_from, date_to, process in itertools.product(
            [None, "2023", "2023-05", "2023-05-02", "2030"], [None, "2023", "2023-05", "2022-03-16", "2000"],
            [None, "gaza", "sudan", "nowhere"]):
        for skip, limit in ((0, 100), (0, 2), (3, 4), (40, 5)):
            want = _listed(store, date_from, date_to, process, skip, limit)
            got = documents_page(store, date_from, date_to, process, skip, limit)
            assert got == want, (date_from, date_to, process, skip, limit)
            kept_some += bool(want)
    assert kept_some > 50  # the comparisons saw documents


def test_kept_pages_keep_documents_list_semantics_of_partial_dates_and_nulls(store: Store) -> None:
    store.upsert_many(_corpus())

    def ids(date_from: str | None, date_to: str | None, process: str | None) -> list[str]:
        return [r["id"] for r in documents_page(store, date_from, date_to, process, 0, 100) or []]

    # "2023" as the end keeps the dates it is a prefix of and those before it; as the start, it and after
    assert set(ids(None, "2023", None)) == {"o-01", "o-02", "o-03", "o-04", "o-10", "o-11", "o-05", "o-06"}
    assert set(ids("2023-05", "2023-05", None)) == {"o-02", "o-03", "o-04", "o-10"}
    assert set(ids("2023-05-02", None, "sudan")) == {"o-08", "o-11"}
    assert "o-00" in ids(None, None, None) and "o-00" not in ids("", None, None)  # a date filter drops the undated
    assert ids(None, None, "gaza") == [r["id"] for r in _listed(store, process="gaza")]


def _shaped_pages(store: Store, size: int) -> list[list[dict[str, Any]]]:
    rows = shape_all(schemas.DocumentSummary, _listed(store, limit=1000))
    return [rows[skip:skip + size] for skip in range(0, len(rows) + size, size)]


def test_a_write_between_two_pages_is_seen_by_the_next_page(api_store: Store, data_dir) -> None:
    """Each write of documents (a load, a load with --force that moves a document, a delete, a load that never
    completed) comes between the first page and the next: the next page is the list as it is after the write,
    never a page of the order read before it."""
    from tests.integration.conftest import make_client

    api_store.upsert_many(_corpus())
    newest = make_graph("o-newest", date="2026-01-01", positions=[("RUS", "DEMANDS", "neutral_status", 0)])
    moved = make_graph("o-05", date="1999", text="changed", positions=[("UKR", "REJECTS", "neutral_status", 0)])
    writes: list[Callable[[], object]] = [
        lambda: api_store.upsert(newest),
        lambda: api_store.upsert_many([_in("gaza", moved)], force=True),
        lambda: api_store.delete_document("o-newest"),
        lambda: api_store.delete_document("o-09"),
        lambda: api_store.write("document_begin", rows=[newest.document.model_dump(mode="json")], version="died"),
        lambda: api_store.upsert(newest),
    ]
    with make_client(api_store, data_dir, cache_seconds=0) as api:
        def page(skip: int, **params: Any) -> list[dict[str, Any]]:
            got = api.get("/documents", params={"skip": skip, "limit": 4, **params})
            assert got.status_code == 200
            return got.json()

        for write in writes:
            before = _shaped_pages(api_store, 4)
            assert page(0) == before[0]  # the order is read for this page
            write()
            after = _shaped_pages(api_store, 4)
            assert after != before
            for n, expected in enumerate(after):
                assert page(4 * n) == expected, n
            assert documents_page(api_store, None, None, None, 0, 4) is not None  # the kept order answered
            gaza = shape_all(schemas.DocumentSummary, _listed(api_store, process="gaza", date_from="2000"))
            assert page(0, process="gaza", date_from="2000") == gaza[:4]
            listed = re.findall(r'<a href="/pages/documents/([^"]+)">', api.get("/pages/documents").text)
            assert listed == [d["id"] for p in after for d in p]
        dated = [d["id"] for p in after for d in p if d["date"]]
        assert dated[0] == "o-newest" and "o-09" not in dated
        assert next(d for p in after for d in p if d["id"] == "o-05")["date"] == "1999"


def test_unfiltered_graph_follows_the_writes_of_documents(store: Store) -> None:
    """The newest documents of an unfiltered /graph come from the kept order: a newer document's edges come
    first as soon as it is loaded and go with it when it is deleted."""
    store.upsert_many([*api_corpus(), *_corpus()])

    def newest(limit: int = 8) -> list[str]:  # the undated documents' edges come first, then the newest
        return [link["doc"] for link in fetch(store, GraphFilter(limit=limit))["links"] if link["date"]]

    before = newest()
    store.upsert(make_graph("o-newest", date="2026-01-01", positions=[("RUS", "DEMANDS", "neutral_status", 0)],
                            guarantees=[]))
    assert newest()[0] == "o-newest"
    assert store.delete_document("o-newest")
    assert newest() == before
    full = fetch(store, GraphFilter(limit=5000))
    edges = store.run("graph_edges", actors=None, terms=None, relations=None, statuses=None, date_from=None,
                      date_to=None, doc=None, process=None, min_confidence=None, limit=5000)
    assert full["graph"]["total"] == len(edges) == len(full["links"])


def test_newest_documents_are_those_of_documents_recent(store: Store) -> None:
    """The unfiltered /graph's documents, as the query that sorted them for each request gives them: undated
    first or last as the engine sorts them, those that recorded no edge left out, a load that never completed
    (no counts) kept."""
    store.upsert_many([*api_corpus(), *_corpus()])
    died = make_graph("o-died", date="2023-05").document.model_dump(mode="json")
    store.write("document_begin", rows=[died], version="died")
    want = [(r["id"], r["positions"], r["guarantees"]) for r in store.run("documents_recent", upto=1000)]
    assert ("o-died", None, None) in want and "o-00" not in {doc for doc, _, _ in want}
    assert list(newest_documents(store)) == want


def _recording(store: Store, ran: list[str]) -> Callable[..., Any]:
    """`store.run` that also notes each query's name in `ran` (set it in place of the store's with monkeypatch)."""
    run = store.run

    def recording(query: str, /, **params: Any) -> Any:
        ran.append(query)
        return run(query, **params)

    return recording


@pytest.mark.parametrize("url", ["/documents", "/documents?date_to=2023&process=gaza", "/documents?skip=5&limit=2",
                                 "/pages/documents", "/pages/documents?date_from=2023-05", "/?process=gaza",
                                 "/graph"])
def test_a_page_reads_only_its_own_documents_once_the_order_is_kept(api_store: Store, data_dir,
                                                                    monkeypatch: pytest.MonkeyPatch,
                                                                    url: str) -> None:
    """What these pages cost should be what they show: once the order is read for the documents version, a
    request runs no query that sorts (or counts) every document."""
    from tests.integration.conftest import make_client

    api_store.upsert_many(_corpus())
    ran: list[str] = []
    recording = _recording(api_store, ran)

    with make_client(api_store, data_dir, cache_seconds=0) as api:
        first = api.get(url)
        assert first.status_code == 200
        monkeypatch.setattr(api_store, "run", recording)
        again = api.get(url)
    assert again.status_code == 200 and again.text == first.text
    sorting = {"documents_list", "documents_recent", "documents_order"}
    if url.startswith(("/pages/documents", "/?")):  # the process picker and the index page's table of processes
        sorting.add("processes")  # are kept per write stamp, not a count of every document a page
    assert not sorting & set(ran), ran


def test_during_a_load_the_order_is_read_again_once_a_while_and_pages_stay_right(api_store: Store, data_dir,
                                                                                monkeypatch: pytest.MonkeyPatch
                                                                                ) -> None:
    """While a load writes batch after batch, each batch changes the documents version; a page then reads the
    whole order again only if no read of it began in the last REREAD_AFTER seconds, and meanwhile answers from
    the queries (documents_list, documents_recent): the same rows, never a page of the outdated order."""
    from app.services import document_order
    from tests.integration.conftest import make_client

    api_store.upsert_many(_corpus())
    ran: list[str] = []
    recording = _recording(api_store, ran)

    with make_client(api_store, data_dir, cache_seconds=0) as api:
        assert api.get("/documents").status_code == 200  # the order is read
        monkeypatch.setattr(document_order, "REREAD_AFTER", 3600.0)
        monkeypatch.setattr(api_store, "run", recording)
        for n in range(3):  # three batches of a load, each followed by pages
            api_store.upsert(make_graph(f"o-load-{n}", date=f"2026-0{n + 1}-01",
                                        positions=[("RUS", "DEMANDS", "neutral_status", 0)]))
            for k, expected in enumerate(_shaped_pages(api_store, 4)):
                got = api.get("/documents", params={"skip": 4 * k, "limit": 4})
                assert got.status_code == 200 and got.json() == expected, (n, k)
            graph = api.get("/graph", params={"limit": 3}).json()  # the undated documents, then the newest
            assert f"o-load-{n}" in {link["doc"] for link in graph["links"]}
        assert "documents_order" not in ran and "documents_list" in ran and "documents_recent" in ran
        expected = _shaped_pages(api_store, 4)[0]
        ran.clear()
        monkeypatch.setattr(document_order, "REREAD_AFTER", 0.0)  # the interval has passed
        assert api.get("/documents", params={"limit": 4}).json() == expected
        assert "documents_order" in ran and "documents_list" not in ran
