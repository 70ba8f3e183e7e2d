"""The documents in the order of the lists (date, newest first, then id), kept while the documents do not change.

Why: the documents list (`GET /documents`, the documents page, a process's newest documents on the index
page), the unfiltered /guarantees list and the unfiltered /graph are newest first across every document, so
each request sorted every Document node (at 100,000 documents 80-140 ms of database time for the documents
list on either engine) though a page shows 50 documents. Every write of documents sets the store's documents
version in the same query (queries/document_begin.cypher); the order, with each document's date, process and
recorded edge counts, is read once per version (queries/documents_order.cypher), the filters are applied to it
here, and a page then reads only its own documents, with the version in the same query: a page taken from an
order that a write has outdated is never served (it is read again). Each API worker keeps its own order;
correctness rests on the version, not on the process.

What it costs: at 100,000 documents the kept order is four lists of 100,000 references (ids, dates and the
two recorded counts; small integers are shared), the ids' strings (the dates are de-duplicated: a few thousand
distinct ones), the places of each process's documents and the guarantee rows' bounds as arrays of machine
integers: 12.9 MB a worker (tracemalloc, 20-character ids, dates over eleven years, five processes), and about
30 MB more while it is read (the reply's rows).
"""

from __future__ import annotations

import bisect
import itertools
import threading
import time
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from graph.store import Store

Row = dict[str, Any]


@dataclass(frozen=True)
class _Guarantees:
    """The documents that may hold guarantees (a count above 0, or none recorded), in the list's order, with
    the rows of the unfiltered /guarantees list before and up to each one's."""

    ids: list[str]
    starts: array[int]
    ends: array[int]
    complete: bool  # every document's count is known (a load that never completed has none)


@dataclass(frozen=True)
class _Order:
    token: str | None  # the documents version it was read under (None: none set yet, a version all the same)
    ids: list[str]
    dates: list[str | None]
    positions: list[int | None]  # position edges its load recorded (None: the load never completed)
    guarantees: list[int | None]
    by_process: dict[str, array[int]]  # the places in the order of each process's documents, ascending
    dated: tuple[int, int]  # the dated documents' places [first, end): the undated sort at one end
    sorted_here: bool  # the dates are strings in Python's order too, so a date filter keeps one run of places
    guarantee_rows: _Guarantees


_orders: WeakKeyDictionary[Store, _Order] = WeakKeyDictionary()
_read_began: WeakKeyDictionary[Store, float] = WeakKeyDictionary()  # time.monotonic() of the last read begun
_lock = threading.Lock()
REREAD_AFTER = 5.0  # seconds between two reads of the order in a process, at least (see _reread)


def _token(store: Store) -> str | None:
    token: str | None = store.run("documents_version")[0]["token"]
    return token


def _read_order(store: Store) -> _Order:
    token = _token(store)  # before the order: a write after it changes the token
    ids: list[str] = []
    dates: list[str | None] = []
    positions: list[int | None] = []
    guarantees: list[int | None] = []
    by_process: dict[str, array[int]] = {}
    shared: dict[str | None, str | None] = {}  # one string per distinct date
    g_ids: list[str] = []
    starts, ends = array("q"), array("q")
    total, complete = 0, True
    for n, r in enumerate(store.run("documents_order")):
        doc, date, process, count = r["id"], r["date"], r["process"], r["guarantees"]
        ids.append(doc)
        dates.append(shared.setdefault(date, date))
        positions.append(r["positions"])
        guarantees.append(count)
        if process is not None:
            by_process.setdefault(process, array("q")).append(n)
        if count is None or count > 0:
            complete = complete and count is not None
            g_ids.append(doc)
            starts.append(total)
            total += count or 0
            ends.append(total)
    first = next((n for n, d in enumerate(dates) if d is not None), len(dates))
    end = len(dates) - next((n for n, d in enumerate(reversed(dates)) if d is not None), len(dates))
    order = _Order(token, ids, dates, positions, guarantees, by_process, (first, end), _newest_first(dates[first:end]),
                   _Guarantees(g_ids, starts, ends, complete))
    with _lock:
        _orders[store] = order
    return order


def _newest_first(dates: list[str | None]) -> bool:
    """Whether the store's order of these dates is Python's (ISO dates: always), so that bisecting them with
    the filters' comparisons is filtering them one by one."""
    texts = [d for d in dates if isinstance(d, str)]
    return len(texts) == len(dates) and all(a >= b for a, b in itertools.pairwise(texts))


def _reread(store: Store) -> _Order | None:
    """The order read again, unless this process began a read of it less than REREAD_AFTER seconds ago: None
    then, and the caller asks the queries that sort the documents (as before the order was kept).

    Why: while a load writes batch after batch, every batch changes the documents version, and each page would
    read the whole order again (at 100,000 documents on FalkorDB 330-420 ms, four to five documents_list
    pages; several requests at once would each read it). At most one read per REREAD_AFTER seconds costs a
    worker a few percent of a core during a load, and the pages meanwhile cost what they did before."""
    now = time.monotonic()
    with _lock:
        began = _read_began.get(store)
        if began is not None and now - began < REREAD_AFTER:
            return None
        _read_began[store] = now
    return _read_order(store)


def _current(store: Store) -> _Order | None:
    """The kept order if the store's documents version is still the one it was read under, else a new one (None:
    read too recently to read again, see _reread)."""
    order = _orders.get(store)
    if order is not None and _token(store) == order.token:
        return order
    return _reread(store)


def _orders_to_try(store: Store, times: int) -> Iterator[tuple[int, _Order]]:
    """The kept order (read if there is none yet), then, for each later try, the order read again, `times` in
    all, numbered from 1; fewer when _reread refuses to read it again so soon (the caller then asks the
    queries). A page is read from an order and checked against the documents version in the same query."""
    order = _orders.get(store)
    for attempt in range(1, times + 1):
        if order is None or attempt > 1:
            order = _reread(store)
            if order is None:
                return
        yield attempt, order


# -- the documents list ----------------------------------------------------------------------------------------
def _places(order: _Order, date_from: str | None, date_to: str | None, process: str | None) -> Sequence[int] | None:
    """The places in the order of the documents that documents_list's filters keep, with its semantics: a
    date filter leaves undated documents out, `date_to` keeps a date up to it or one it is a prefix of ("2023"
    keeps "2023-05-02"), `process` keeps that process's documents; None when the dates cannot be compared
    here as the store sorted them."""
    first, end = 0, len(order.ids)
    if date_from is not None or date_to is not None:
        if not order.sorted_here:
            return None
        first, end = order.dated
        # newest first, so each filter keeps one run of places: `date_from` a head, `date_to` a tail
        if date_from is not None:
            since = date_from
            end = bisect.bisect_left(order.dates, True, first, end, key=lambda d: not (d is not None and d >= since))
        if date_to is not None:
            until = date_to
            first = bisect.bisect_left(order.dates, True, first, end,
                                       key=lambda d: d is not None and (d <= until or d.startswith(until)))
    if process is None:
        return range(first, end)
    places = order.by_process.get(process, array("q"))
    return places[bisect.bisect_left(places, first):bisect.bisect_left(places, end)]


def documents_page(store: Store, date_from: str | None, date_to: str | None, process: str | None, skip: int,
                   limit: int) -> list[Row] | None:
    """documents_list's rows for these filters from `skip`, at most `limit`, newest first; None when this way
    cannot tell (documents changed while the page was read, again and again, or a date filter meets dates that
    do not compare here as the store sorted them): the caller then asks documents_list.

    A changed version reads the whole order again, which then serves every page until the next write, but not
    more often than _reread allows."""
    for _, order in _orders_to_try(store, 3):
        places = _places(order, date_from, date_to, process)
        if places is None:
            return None
        ids = [order.ids[n] for n in places[skip:skip + limit]]
        if not ids:
            if _token(store) == order.token:
                return []
            continue
        rows = store.run("documents_by_ids", ids=ids)
        if len(rows) != len(ids) or rows[0]["token"] != order.token:
            continue  # a write came after the order was read: read it again
        by_id = {}
        for row in rows:
            del row["token"]
            by_id[row["id"]] = row
        return [by_id[doc] for doc in ids]
    return None


# -- the unfiltered /graph ----------------------------------------------------------------------------------------
def newest_documents(store: Store) -> Iterator[tuple[str, int | None, int | None]]:
    """The documents newest first as documents_recent gives them (id, recorded positions, recorded guarantees;
    None for a load that never completed), leaving out those that recorded no edge, as of the documents
    version now (from documents_recent when the order was read too recently to read again, see _reread)."""
    order = _current(store)
    if order is None:
        yield from _recent_documents(store)
        return
    for doc, positions, guarantees in zip(order.ids, order.positions, order.guarantees, strict=True):
        if positions is None or guarantees is None or positions + guarantees > 0:
            yield doc, positions, guarantees


def _recent_documents(store: Store) -> Iterator[tuple[str, int | None, int | None]]:
    """documents_recent's documents, read in growing heads (256, then four times as many each time) for as long
    as the caller takes them."""
    upto, given = 256, 0
    while True:
        rows = store.run("documents_recent", upto=upto)
        for r in rows[given:]:
            yield r["id"], r["positions"], r["guarantees"]
        if len(rows) < upto:
            return
        given, upto = len(rows), upto * 4


# -- the unfiltered /guarantees ---------------------------------------------------------------------------------
def guarantees_page(store: Store, skip: int, limit: int) -> list[str] | None:
    """The rendered rows of the unfiltered list from `skip`, at most `limit`, newest first; None when this
    way cannot tell (a document whose load has not completed, so that it has no count or no list yet,
    documents changed twice while the page was read): the caller then asks the queries."""
    for attempt, order in _orders_to_try(store, 2):
        kept = order.guarantee_rows
        if not kept.complete:  # the queries answer until a write completes the document (a new token)
            if attempt == 1 and _token(store) != order.token:
                continue
            return None
        first = bisect.bisect_right(kept.ends, skip)  # the first document with a row at or after `skip`
        last = bisect.bisect_left(kept.starts, skip + limit, lo=first)  # the first one after the page
        ids = kept.ids[first:last]
        if not ids:
            if _token(store) == order.token:
                return []
            continue
        rows = store.run("documents_guarantee_evidence", ids=ids)
        if not rows or rows[0]["token"] != order.token:
            continue  # a write came after the order was read: read it again
        page: list[str] = []
        for n, row in enumerate(rows, start=first):
            evidence = row["evidence"]
            if row["id"] != kept.ids[n] or evidence is None or len(evidence) != kept.ends[n] - kept.starts[n]:
                return None
            page += evidence
        offset = skip - kept.starts[first]
        return page[offset:offset + limit]
    return None

