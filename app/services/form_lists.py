"""The filter forms' lists (actors, terms, the newest documents, processes), read once per write stamp.

Why: every page renders the same select boxes, and reading them cost four queries a page (at 10,000 documents
about 10 ms of database CPU on FalkorDB, and on Neo4j 5-8 ms of the API's decoding the rows, besides the sort
of every Document by date and the processes' scan of them), though they change only when the store is
written. Each list is kept with the store's write stamp (`Store.write_stamp`: bumped by every write, by any
worker or process, and read here before the list is read) and used again only while the stamp is unchanged,
as the response cache does for whole answers (app/api/cache.py): a write through another worker, a
`peacegraph load` or a review makes every worker read the lists again on its next page. When the stamp cannot
be read the lists are read from the store as before.

The lists are shared between requests: callers must not change them or their rows (they get a fresh dict and
fresh lists, the rows themselves are shared).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any
from weakref import WeakKeyDictionary

from graph.errors import StoreError
from graph.store import Record, Store

NO_STAMP = object()  # the stamp could not be read: nothing is kept

Lists = dict[str, list[Any]]
_kept: WeakKeyDictionary[Store, tuple[object, Lists]] = WeakKeyDictionary()
_lock = threading.Lock()


def _stamp(store: Store) -> object:
    try:
        return store.write_stamp()
    except StoreError:  # the store is down or cannot tell: the queries answer (and report the error)
        return NO_STAMP


def lists(store: Store, names: tuple[str, ...], read: Callable[[str], list[Record]]) -> Lists:
    """The lists `names`, each made by `read(name)`, as made under the store's current write stamp: from the
    ones kept when the stamp is the one they were made under, else made now (and kept)."""
    stamp = _stamp(store)  # before the lists: a write after this changes the stamp, and they are read again
    if stamp is NO_STAMP:
        return {name: read(name) for name in names}
    with _lock:
        kept = _kept.get(store)
        found: Lists = dict(kept[1]) if kept is not None and kept[0] == stamp else {}
    missing = {name: read(name) for name in names if name not in found}
    if missing:
        with _lock:
            kept = _kept.get(store)
            if kept is not None and kept[0] == stamp:
                kept[1].update(missing)
            else:
                _kept[store] = (stamp, dict(missing))
        found.update(missing)
    return {name: list(found[name]) for name in names}

