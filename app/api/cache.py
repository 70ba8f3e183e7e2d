"""A short-lived cache of GET responses (JSON and HTML), as ASGI middleware.

Why: the same questions ("who guarantees Ukraine?", an actor's positions) are asked over and over while the
graph changes only when documents are loaded, and each answer costs a database aggregation over thousands of
edges. Responses are kept for `Settings.cache_seconds` (0 turns the cache off). Each API worker process has
its own entries, but none is served after a write to the store by anyone (an API request to any worker, a
`peacegraph load`, a review): every entry carries the store's write stamp read before its answer was made
(`Store.write_stamp`, bumped by every write; graph/locks.py, queries/write_stamp.cypher), and a hit reads the
stamp again, one small round trip, and is served only if it is unchanged. When the stamp cannot be read (the
database is down) nothing is served from the cache. Responses carry `X-Cache: hit|miss`. Concurrent misses of
the same URL wait for the first one instead of all querying the database at once.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.errors import StoreError

log = logging.getLogger(__name__)

CACHEABLE_TYPES = (b"application/json", b"text/html")
MAX_BODY = 4_000_000
NO_STAMP = object()  # the stamp could not be read: nothing is served from the cache or stored in it

Key = tuple[str, bytes]
Entry = tuple[float, object, int, list[tuple[bytes, bytes]], bytes]  # expiry, stamp, status, headers, body


class ResponseCache:
    def __init__(self, app: ASGIApp, *, seconds: float, stamp: Callable[[], object], max_entries: int = 1024,
                 skip_prefixes: tuple[str, ...] = ()):
        """`stamp`: reads the store's write stamp (blocking I/O; run in the thread pool)."""
        self.app = app
        self.seconds = seconds
        self.stamp = stamp
        self.max_entries = max_entries
        self.skip_prefixes = skip_prefixes
        self._entries: OrderedDict[Key, Entry] = OrderedDict()
        self._lock = threading.Lock()
        self._inflight: dict[Key, asyncio.Event] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] != "http" or self.seconds <= 0 or scope["method"] != "GET"
                or scope["path"].startswith(self.skip_prefixes)):
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope.get("query_string", b""))
        stamp = await self._read_stamp()
        if stamp is NO_STAMP:
            await self.app(scope, receive, send)
            return
        if await self._serve_cached(key, stamp, send):
            return
        waiter = self._inflight.get(key)
        if waiter is not None:  # the same question is being answered right now: wait for that answer
            await waiter.wait()
            if await self._serve_cached(key, stamp, send):
                return
        event = self._inflight[key] = asyncio.Event()
        try:
            await self._miss(scope, receive, send, key, stamp)
        finally:
            event.set()
            if self._inflight.get(key) is event:
                del self._inflight[key]

    async def _read_stamp(self) -> object:
        """The store's write stamp now, read after the request arrived: an entry made under the same stamp saw
        every write that had finished by then."""
        try:
            return await run_in_threadpool(self.stamp)
        except StoreError as exc:
            log.debug("no write stamp (%s): answering without the cache", exc)
            return NO_STAMP

    async def _serve_cached(self, key: Key, stamp: object, send: Send) -> bool:
        now = time.monotonic()
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return False
            if entry[0] <= now or entry[1] != stamp:
                del self._entries[key]
                return False
            self._entries.move_to_end(key)
        _, _, status, headers, body = entry
        await send({"type": "http.response.start", "status": status, "headers": [*headers, (b"x-cache", b"hit")]})
        await send({"type": "http.response.body", "body": body})
        return True

    async def _miss(self, scope: Scope, receive: Receive, send: Send, key: Key, stamp: object) -> None:
        start: dict[str, Any] = {}
        chunks: list[bytes] = []
        cacheable = False

        async def capture(message: Message) -> None:
            nonlocal cacheable
            if message["type"] == "http.response.start":
                start.update(message)
                content_type = dict(message.get("headers", [])).get(b"content-type", b"")
                cacheable = message["status"] == 200 and content_type.startswith(CACHEABLE_TYPES)
                message = {**message, "headers": [*message.get("headers", []), (b"x-cache", b"miss")]}
            elif message["type"] == "http.response.body" and cacheable:
                chunks.append(message.get("body", b""))
                if sum(map(len, chunks)) > MAX_BODY:
                    cacheable = False
                elif not message.get("more_body", False):
                    self._store(key, stamp, start["status"], list(start.get("headers", [])), b"".join(chunks))
            await send(message)

        await self.app(scope, receive, capture)

    def _store(self, key: Key, stamp: object, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
        with self._lock:
            self._entries[key] = (time.monotonic() + self.seconds, stamp, status, headers, body)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
