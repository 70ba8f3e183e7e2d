"""Browser fixtures: Debian's Chromium driven by Playwright (never `playwright install`: its browser download
is not reachable here), and the real app served by uvicorn on 127.0.0.1 over the real embedded store."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from app.main import create_app
from app.settings import Settings
from graph.store import Store
from tests.browser.helpers import ARGS, CHROMIUM
from tests.factories import api_corpus, live_server


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists() or not shutil.which(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed (run `make chromium`)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def base_url(store: Store, data_dir: Path) -> Iterator[str]:
    """The app over the hand-built API corpus (one quote carries a script tag and an onerror handler)."""
    store.upsert_many(api_corpus())
    with live_server(create_app(Settings(data_dir=data_dir), store=store)) as url:
        yield url
