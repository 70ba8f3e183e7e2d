"""Where routes get the store, the settings and write permission from: `Annotated` aliases, so a route
says `store: StoreDep` and tests inject a real store through `create_app(store=...)` instead of patching.
"""

from __future__ import annotations

import functools
import logging
import secrets
import threading
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Header, Request
from starlette.concurrency import run_in_threadpool

from app.api.problems import Problem
from app.keys import LEGACY_REVIEWER, KeyRing
from app.settings import Settings
from graph.format import check as check_format
from graph.store import Store

log = logging.getLogger(__name__)


class StoreHolder:
    """Owns the app's store. A store opened here (from settings) is closed on shutdown; an injected one
    belongs to whoever injected it. A database that was down at start-up, or in an older stored format, is
    opened on the first request that needs it, so the service comes up (answering 503) and recovers without a
    restart."""

    def __init__(self, settings: Settings, store: Store | None = None):
        self.settings = settings
        self._store = store
        self._owned = store is None
        self._lock = threading.Lock()

    def get(self) -> Store:
        store = self._store
        if store is None:
            with self._lock:
                if self._store is None:
                    self._store = self._open_current()
                store = self._store
        return store

    def _open_current(self) -> Store:
        """The store from settings, if its stored format is the one this code reads (graph/format.py); an older
        one is closed again and refused (StoreTooOld, a 503 naming `peacegraph db migrate`), so the next request
        after a migration finds it current without a restart."""
        store = self.settings.open_store()
        try:
            check_format(store)
        except BaseException:
            store.close()
            raise
        return store

    def current(self) -> Store | None:
        """The store if it is open already (no I/O), else None."""
        return self._store

    def close(self) -> None:
        with self._lock:
            if self._owned and self._store is not None:
                self._store.close()
            self._store = None


# Dependencies are coroutines so FastAPI calls them on the event loop: a plain `def` dependency costs every
# request a trip through the thread pool. Opening the store (I/O) still happens in the pool, once.
async def get_settings_dep(request: Request) -> Settings:
    return request.app.state.settings


async def get_store(request: Request) -> Store:
    holder: StoreHolder = request.app.state.store_holder
    store = holder.current()
    return store if store is not None else await run_in_threadpool(holder.get)


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
StoreDep = Annotated[Store, Depends(get_store)]


@functools.cache
def keyring(path: Path) -> KeyRing:
    """One KeyRing per keys file for the process (it rereads the file when it changes)."""
    return KeyRing(path)


def writes_need_key(settings: Settings) -> bool:
    return settings.api_key is not None or keyring(settings.keys_path()).active()


def key_owner(settings: Settings, presented: str) -> str | None:
    """Whose key this is: a named key's name, `api-key` for PEACEGRAPH_API_KEY, or None."""
    name = keyring(settings.keys_path()).who(presented)
    if settings.api_key is not None and secrets.compare_digest(presented.encode("utf-8", "surrogatepass"),
                                                               settings.api_key.get_secret_value().encode()):
        name = name or LEGACY_REVIEWER
    return name


def _refused(x_api_key: str | None) -> Problem:
    return Problem(401, "this write needs a valid X-API-Key header" if x_api_key is None
                   else "the X-API-Key header does not match", slug="missing-api-key" if x_api_key is None
                   else "bad-api-key", title="API key required", headers={"WWW-Authenticate": "X-API-Key"})


ApiKeyHeader = Annotated[str | None, Header(description="needed for writes when the server has PEACEGRAPH_API_KEY "
                                                        "set or named keys (`peacegraph keys add`); always for "
                                                        "reviews")]


def require_api_key(settings: SettingsDep, x_api_key: ApiKeyHeader = None) -> None:
    """Writes need `X-API-Key` when a key is configured (the single key or a named one); compared in constant
    time."""
    if not writes_need_key(settings):
        return
    if x_api_key is None or key_owner(settings, x_api_key) is None:
        raise _refused(x_api_key)


def require_reviewer(settings: SettingsDep, x_api_key: ApiKeyHeader = None) -> str:
    """A review always needs a key, since it names its reviewer: the key's name (or `api-key`)."""
    if not writes_need_key(settings):
        raise Problem(403, "reviewing needs a named API key, and this server has none: create one with "
                           "`peacegraph keys add NAME`", slug="no-api-keys", title="No reviewer keys")
    name = key_owner(settings, x_api_key) if x_api_key is not None else None
    if name is None:
        raise _refused(x_api_key)
    return name


WriteAllowed = Depends(require_api_key)
Reviewer = Annotated[str, Depends(require_reviewer)]
