"""The unfiltered /guarantees list paged from an order of the documents kept while the documents do not change.

Why: the list is newest first across every document, so each page sorted all documents that hold guarantees
(queries/guarantees_recent.cypher: a scan of 10,000 documents, 4-6 ms of database time a request) though
only a few documents' rows are shown. Every write of documents sets the store's documents version in the same
query (queries/document_begin.cypher); the order, with each document's count of guarantees, is read once
per version, and a page then reads only its own documents' rendered rows, with the version in the same
query: a page taken from an order that a write has outdated is never served.
"""

from __future__ import annotations

import bisect
import threading
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from graph.store import Store


@dataclass(frozen=True)
class _Order:
    token: str | None  # the documents version it was read under (None: none set yet, a version all the same)
    ids: list[str]
    starts: list[int]  # rows before each document's
    ends: list[int]  # rows up to and with each document's
    complete: bool  # every document's count is known (a load that never completed has none)


_orders: WeakKeyDictionary[Store, _Order] = WeakKeyDictionary()
_lock = threading.Lock()


def _token(store: Store) -> str | None:
    token: str | None = store.run("documents_version")[0]["token"]
    return token


def _read_order(store: Store) -> _Order:
    token = _token(store)  # before the order: a write after it changes the token
    ids, starts, ends, total, complete = [], [], [], 0, True
    for r in store.run("guarantee_documents"):
        count = r["guarantees"]
        complete = complete and count is not None
        ids.append(r["id"])
        starts.append(total)
        total += count or 0
        ends.append(total)
    order = _Order(token, ids, starts, ends, complete)
    with _lock:
        _orders[store] = order
    return order


def guarantees_page(store: Store, skip: int, limit: int) -> list[str] | None:
    """The rendered rows of the unfiltered list from `skip`, at most `limit`, newest first; None when this
    way cannot tell (a document whose load has not completed, so that it has no count or no list yet,
    documents changed twice while the page was read): the caller then asks the queries."""
    order = _orders.get(store)
    for attempt in (1, 2):
        if order is None or attempt == 2:
            order = _read_order(store)
        if not order.complete:  # the queries answer until a write completes the document (a new token)
            if attempt == 1 and _token(store) != order.token:
                continue
            return None
        first = bisect.bisect_right(order.ends, skip)  # the first document with a row at or after `skip`
        last = bisect.bisect_left(order.starts, skip + limit, lo=first)  # the first one after the page
        ids = order.ids[first:last]
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
            if row["id"] != order.ids[n] or evidence is None or len(evidence) != order.ends[n] - order.starts[n]:
                return None
            page += evidence
        offset = skip - order.starts[first]
        return page[offset:offset + limit]
    return None
