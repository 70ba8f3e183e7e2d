"""A cap on request bodies, as ASGI middleware: an over-size body is refused with 413 before it is read.

Why here and not in the route: FastAPI reads and parses the whole JSON body before the route runs, so a
50 MB `POST /documents` would be in memory (and parsed) before any check. A declared `Content-Length` over
the cap is answered at once, without reading anything; a chunked body is counted as it arrives and stopped
at the cap. The cap is generous against the document limit (JSON escapes text: up to 3 bytes per byte for
non-ASCII text, plus the metadata); the document's own size is checked exactly once parsed
(`app.api.extract`).
"""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.problems import MEDIA_TYPE, ProblemDetail

ENVELOPE_BYTES = 64 * 1024


def body_cap(max_document_bytes: int) -> int:
    """The largest `POST /documents` body read for a document limit of `max_document_bytes`."""
    return 3 * max_document_bytes + ENVELOPE_BYTES


def upload_cap(settings: Any) -> int:
    """The largest `POST /documents/file` body: a page or a PDF (PEACEGRAPH_FETCH_MAX_BYTES) or a text file
    or dump (PEACEGRAPH_MAX_DOCUMENT_BYTES), whichever is larger, plus 64 KiB."""
    return max(settings.fetch_max_bytes, settings.max_document_bytes) + ENVELOPE_BYTES


class BodyLimit:
    def __init__(self, app: ASGIApp, *, limits: dict[str, int]) -> None:
        """`limits`: path → largest body in bytes, for requests that have a body (POST, PUT, PATCH)."""
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = self.limits.get(scope.get("path", "")) if scope["type"] == "http" else None
        if limit is None or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._refuse(scope, send, limit, int(declared))
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise HTTPException(413, _detail(limit, path=scope.get("path", "")))
            return message

        await self.app(scope, counted, send)

    @staticmethod
    async def _refuse(scope: Scope, send: Send, limit: int, size: int) -> None:
        body = ProblemDetail(type="/problems/body-too-large", title="Content Too Large", status=413,
                             detail=_detail(limit, size, scope.get("path", "")), instance=scope.get("path"))
        payload = body.model_dump_json(exclude_none=True).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", MEDIA_TYPE.encode()), (b"content-length", str(len(payload)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": payload})


WHY = {"/documents": "3 × PEACEGRAPH_MAX_DOCUMENT_BYTES plus 64 KiB",
       "/documents/file": "the larger of PEACEGRAPH_FETCH_MAX_BYTES and PEACEGRAPH_MAX_DOCUMENT_BYTES, plus 64 KiB"}


def _detail(limit: int, size: int | None = None, path: str = "/documents") -> str:
    told = f"{size:,} bytes is" if size is not None else "the body is"
    why = f" ({WHY[path]})" if path in WHY else ""
    return f"{told} over the limit of {limit:,} bytes for this request{why}"
