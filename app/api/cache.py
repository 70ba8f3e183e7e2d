"""A short-lived cache of GET responses (JSON and HTML), as ASGI middleware.

Why: the same questions ("who guarantees Ukraine?", an actor's positions) are asked over and over while the
graph changes only when documents are loaded, and each answer costs a database aggregation over thousands of
edges. Responses are kept for `Settings.cache_seconds` (0 turns the cache off); any write through the API
(a successful POST, PUT, PATCH or DELETE, except the read-only POSTs named in `read_only_paths` such as
`/cypher`) empties it at once. A load by another process (`peacegraph load`)
shows after at most `cache_seconds`. Each process has its own cache. Responses carry `X-Cache: hit|miss`.
Concurrent misses of the same URL wait for the first one instead of all querying the database at once.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import OrderedDict
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CACHEABLE_TYPES = (b"application/json", b"text/html")
MAX_BODY = 4_000_000
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


class ResponseCache:
    def __init__(self, app: ASGIApp, *, seconds: float, max_entries: int = 1024, skip_prefixes: tuple[str, ...] = (),
                 read_only_paths: tuple[str, ...] = ()):
        self.app = app
        self.read_only_paths = frozenset(read_only_paths)
        self.seconds = seconds
        self.max_entries = max_entries
        self.skip_prefixes = skip_prefixes
        self._entries: OrderedDict[tuple[str, bytes], tuple[float, int, list[tuple[bytes, bytes]], bytes]] = \
            OrderedDict()
        self._lock = threading.Lock()
        self._generation = 0
        self._inflight: dict[tuple[str, bytes], asyncio.Event] = {}

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._generation += 1

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.seconds <= 0:
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        if method in WRITES and scope["path"] not in self.read_only_paths:
            await self._write(scope, receive, send)
            return
        if method != "GET" or scope["path"].startswith(self.skip_prefixes):
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope.get("query_string", b""))
        if await self._serve_cached(key, send):
            return
        waiter = self._inflight.get(key)
        if waiter is not None:  # the same question is being answered right now: wait for that answer
            await waiter.wait()
            if await self._serve_cached(key, send):
                return
        event = self._inflight[key] = asyncio.Event()
        with self._lock:
            generation = self._generation
        try:
            await self._miss(scope, receive, send, key, generation)
        finally:
            event.set()
            if self._inflight.get(key) is event:
                del self._inflight[key]

    async def _serve_cached(self, key: tuple[str, bytes], send: Send) -> bool:
        now = time.monotonic()
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry[0] <= now:
                return False
            self._entries.move_to_end(key)
        _, status, headers, body = entry
        await send({"type": "http.response.start", "status": status, "headers": [*headers, (b"x-cache", b"hit")]})
        await send({"type": "http.response.body", "body": body})
        return True

    async def _write(self, scope: Scope, receive: Receive, send: Send) -> None:
        status = 0

        async def watch(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, watch)
        finally:
            if status < 400:
                self.clear()

    async def _miss(self, scope: Scope, receive: Receive, send: Send, key: tuple[str, bytes], generation: int) -> None:
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
                    self._store(key, generation, start["status"], list(start.get("headers", [])), b"".join(chunks))
            await send(message)

        await self.app(scope, receive, capture)

    def _store(self, key: tuple[str, bytes], generation: int, status: int, headers: list[tuple[bytes, bytes]],
               body: bytes) -> None:
        with self._lock:
            if generation != self._generation:  # a write happened while this response was being made
                return
            self._entries[key] = (time.monotonic() + self.seconds, status, headers, body)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
