"""The FastAPI application, assembled in one factory.

`create_app(settings, store=None)`: with a store given (tests, the benchmark, a notebook embedding the app)
that store is used and left open for its owner; without one, the store the settings name is opened in the
lifespan, kept on `app.state`, and closed on shutdown. Called with no arguments it is also the factory each
worker of `peacegraph serve --workers N` runs (settings from the environment). GET responses are cached for a
moment (`Settings.cache_seconds`, and never served after a write to the store by any process; see
`app.api.cache`). Swagger UI at /docs and ReDoc at /redoc are served from the `fastapi-offline` package's
bundled assets, and vis-network from pyvis's, so nothing loads from a CDN.
"""

from __future__ import annotations

import os

# Before numpy is first imported (networkx, through the pages' layout): OpenBLAS otherwise starts a thread per
# core for every small product of a graph layout, and on a busy 2-core server they spin against the request
# threads. A 56-node Kamada-Kawai layout (the graph page for one actor) cost 160-280 ms of CPU with them and
# 50 ms with one, measured under load. The app's matrices are small; a value set by the user still wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import gc
import ipaddress
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import fastapi_offline
from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from app.api import problems, responses
from app.api.body_limit import ENVELOPE_BYTES, BodyLimit, body_cap, upload_cap
from app.api.cache import ResponseCache
from app.api.deps import StoreHolder, writes_need_key
from app.api.router import api_router
from app.api.stamp_scope import StampScope
from app.services import per_stamp
from app.settings import Settings, get_settings
from app.viz import STATIC_DIR, VIS_DIR
from graph.errors import StoreTooOld, StoreUnavailable
from graph.store import Store

log = logging.getLogger(__name__)

DOCS_ASSETS = Path(fastapi_offline.__file__).parent / "static"
DESCRIPTION = """Positions of actors in peace negotiations — who DEMANDS, OFFERS, SUPPORTS or REJECTS which term,
who GUARANTEES whose security — each with its evidence (document, quote, speaker, date).

Actor and term parameters take ids, names or aliases in any case (`Kyiv` is UKR, `nato non accession` is
`nato_non_accession`). Errors are RFC 9457 problem details. Writes need `X-API-Key` when the server has one."""


def _warn_if_exposed(settings: Settings) -> None:
    """Serving beyond loopback without an API key lets anyone add or delete documents: say so loudly."""
    try:
        loopback = settings.host == "localhost" or ipaddress.ip_address(settings.host).is_loopback
    except ValueError:
        loopback = False
    if not loopback and not writes_need_key(settings):
        log.warning("serving on %s without PEACEGRAPH_API_KEY or named keys (`peacegraph keys add`): anyone who "
                    "can reach it can write", settings.host)


def freeze_startup_heap() -> None:
    """Move the objects alive at start-up out of the garbage collector's sight (`gc.freeze`), once a process.

    Why: a large reply (2,400 matrix rows, 3,300 timeline points) allocates tens of thousands of containers,
    which sets off full collections, and each walked every object the process holds (the app, pydantic,
    networkx, numpy …): a third to a half of such a request's CPU. The modules, routes and models loaded by
    now live as long as the process, so they are never garbage; what requests make is still collected."""
    if gc.get_freeze_count() == 0:
        gc.collect()
        gc.freeze()


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    settings = settings or get_settings()
    _warn_if_exposed(settings)
    holder = StoreHolder(settings, store)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if store is None:
            try:
                holder.get()
            except StoreUnavailable as exc:
                log.warning("database unavailable at start-up (%s); requests answer 503 until it is back", exc)
            except StoreTooOld as exc:
                log.error("%s; requests answer 503 until then", exc)
        freeze_startup_heap()
        try:
            yield
        finally:
            holder.close()

    app = FastAPI(title="peacegraph", version="0.1.0", description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.state.store_holder = holder
    problems.install(app)
    responses.install(app)
    app.include_router(api_router)
    app.mount("/static/app", StaticFiles(directory=STATIC_DIR), name="static-app")
    app.mount("/static/vis", StaticFiles(directory=VIS_DIR), name="static-vis")
    app.mount("/static/docs", StaticFiles(directory=DOCS_ASSETS), name="static-docs")
    _docs_routes(app)
    app.add_middleware(ResponseCache, seconds=settings.cache_seconds, stamp=lambda: per_stamp.stamp(holder.get()),
                       skip_prefixes=("/static/", "/health"))
    app.add_middleware(StampScope)  # around the cache: its stamp read is the request's one
    app.add_middleware(BodyLimit, limits={"/documents": body_cap(settings.max_document_bytes),
                                          "/documents/file": upload_cap(settings),
                                          "/documents/fetch": ENVELOPE_BYTES})
    return app


def _docs_routes(app: FastAPI) -> None:
    @app.get("/docs", include_in_schema=False)
    async def swagger_ui(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_swagger_ui_html(openapi_url=f"{root}{app.openapi_url}", title="peacegraph API",
                                   swagger_js_url=f"{root}/static/docs/swagger-ui-bundle.js",
                                   swagger_css_url=f"{root}/static/docs/swagger-ui.css",
                                   swagger_favicon_url=f"{root}/static/docs/favicon.png")

    @app.get("/redoc", include_in_schema=False)
    async def redoc(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_redoc_html(openapi_url=f"{root}{app.openapi_url}", title="peacegraph API",
                              redoc_js_url=f"{root}/static/docs/redoc.standalone.js",
                              redoc_favicon_url=f"{root}/static/docs/favicon.png", with_google_fonts=False)
