"""Where routes get the store, the settings and write permission from: `Annotated` aliases, so a route
says `store: StoreDep` and tests inject a real store through `create_app(store=...)` instead of patching.
"""

from __future__ import annotations

import logging
import secrets
import threading
from typing import Annotated

from fastapi import Depends, Header, Request
from starlette.concurrency import run_in_threadpool

from app.api.problems import Problem
from app.settings import Settings
from graph.store import BaseStore

log = logging.getLogger(__name__)


class StoreHolder:
    """Owns the app's store. A store opened here (from settings) is closed on shutdown; an injected one
    belongs to whoever injected it. A database that was down at start-up is opened on the first request
    that needs it, so the service comes up (answering 503) and recovers without a restart."""

    def __init__(self, settings: Settings, store: BaseStore | None = None):
        self.settings = settings
        self._store = store
        self._owned = store is None
        self._lock = threading.Lock()

    def get(self) -> BaseStore:
        store = self._store
        if store is None:
            with self._lock:
                if self._store is None:
                    self._store = self.settings.open_store()
                store = self._store
        return store

    def current(self) -> BaseStore | None:
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


async def get_store(request: Request) -> BaseStore:
    holder: StoreHolder = request.app.state.store_holder
    store = holder.current()
    return store if store is not None else await run_in_threadpool(holder.get)


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
StoreDep = Annotated[BaseStore, Depends(get_store)]


def require_api_key(settings: SettingsDep,
                    x_api_key: Annotated[str | None, Header(description="needed for writes when the server "
                                                                         "has PEACEGRAPH_API_KEY set")] = None) -> None:
    """Writes need `X-API-Key` when a key is configured; compared in constant time."""
    if settings.api_key is None:
        return
    expected = settings.api_key.get_secret_value().encode()
    if x_api_key is None or not secrets.compare_digest(x_api_key.encode(), expected):
        raise Problem(401, "this write needs a valid X-API-Key header" if x_api_key is None
                      else "the X-API-Key header does not match", slug="missing-api-key" if x_api_key is None
                      else "bad-api-key", title="API key required", headers={"WWW-Authenticate": "X-API-Key"})


WriteAllowed = Depends(require_api_key)
