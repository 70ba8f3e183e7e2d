"""Values made from the store once per write stamp and shared by a process's requests: the forms' lists, the
reviewed state (every review and the documents they review), the actors resolved from what users typed.

Why: each of these changes only when the store is written, yet was read again for every request. The reviewed
state read every review, then every reviewed document's text and edges, on every request for an actor's
positions, a term's, the guarantees, the graph or the matrix, once anything had been reviewed; and on Neo4j
each extra read of a request costs about 0.7 ms of CPU between the API and the server (0.3-0.4 ms of it the
driver's fixed cost), which bounds how many requests two cores answer.

How: a value is kept with the store's write stamp (`Store.write_stamp`: bumped by every write, by any worker
or process, after its queries) read *before* the value was made, and used again only while the stamp is
unchanged; a write through another worker, a `peacegraph load` or a review makes every worker make it again.
A GET request reads the stamp once, however many values it asks for (the response cache's read counts: it
runs first, in the same request scope, `request_scope`); outside a GET request (a POST that writes and then
reads, the CLI, a service called directly) nothing is kept and every value is made from the store, so a
request never sees a value older than its own writes. When the stamp cannot be read, values are made from the
store (whose error, if it is down, the caller reports).

Kept values are shared between requests: callers must not change them (the lists are handed out as copies).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from graph.errors import StoreError
from graph.store import Store

T = TypeVar("T")
MAX_KEPT = 4096  # values kept per store and stamp: user-typed names must not grow a worker's memory without end

# The stamps this request has read, by store (id): set for a GET request by `request_scope`, None outside one.
_request: ContextVar[dict[int, object] | None] = ContextVar("peacegraph_request_stamps", default=None)
_kept: WeakKeyDictionary[Store, tuple[object, dict[Hashable, Any]]] = WeakKeyDictionary()
_lock = threading.Lock()


@contextmanager
def request_scope() -> Iterator[None]:
    """The span of one read-only request: the stamp is read at most once in it. A worker thread the request
    runs its endpoint in sees the same scope (it runs in a copy of the request's context)."""
    token = _request.set({})
    try:
        yield
    finally:
        _request.reset(token)


def stamp(store: Store) -> object:
    """The store's write stamp, as this request first read it (read now outside a request scope); a
    StoreError when it cannot be read (not remembered: the next call tries again)."""
    seen = _request.get()
    if seen is None:
        return store.write_stamp()
    if id(store) not in seen:
        seen[id(store)] = store.write_stamp()
    return seen[id(store)]


def kept(store: Store, key: Hashable, make: Callable[[], T]) -> T:
    """`make()`, or the value it gave under the store's current write stamp in this process. An exception from
    `make` (an unknown actor's NotFound) is not kept."""
    if _request.get() is None:
        return make()
    try:
        current = stamp(store)
    except StoreError:  # the store is down or cannot tell: `make` answers, or reports the error
        return make()
    with _lock:
        entry = _kept.get(store)
        if entry is not None and entry[0] == current and key in entry[1]:
            return entry[1][key]
    value = make()
    with _lock:
        entry = _kept.get(store)
        if entry is None or entry[0] != current:
            _kept[store] = (current, {key: value})
        elif len(entry[1]) < MAX_KEPT:
            entry[1][key] = value
    return value
