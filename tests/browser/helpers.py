"""What every browser test shares: where Chromium is, where screenshots go, and a recorder of the requests
and errors of a page."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Page

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


class Recorder:
    """Every request the page makes, and every console error, uncaught exception or failed response."""

    def __init__(self, page: Page):
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("response", lambda r: self.errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)

    def outside(self, base_url: str) -> list[str]:
        host = urlsplit(base_url).hostname
        return [u for u in self.requests if not u.startswith(("data:", "blob:")) and urlsplit(u).hostname != host]
