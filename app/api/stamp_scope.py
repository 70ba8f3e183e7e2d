"""Read-only requests (GET, HEAD) run in a request scope of app/services/per_stamp.py: the store's write stamp
is read at most once for them, by the response cache or by the first value kept per stamp that they use."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from app.services import per_stamp

READ_ONLY = frozenset(("GET", "HEAD"))


class StampScope:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in READ_ONLY:
            await self.app(scope, receive, send)
            return
        with per_stamp.request_scope():
            await self.app(scope, receive, send)
