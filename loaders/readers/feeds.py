"""RSS and Atom feeds → their items (link, title, date, outlet), and the record of which items were seen.

Why feedparser: it reads every RSS and Atom version and the malformed feeds real sites serve, normalises
dates, and is maintained. It is given the bytes we fetched (`loaders/readers/fetch.py`, with our limits),
wrapped as a stream: given a string or bytes it may take them for a URL or a file name and open that.

`SeenItems` is the record of the items already loaded or skipped for good, one JSON file per store in the
data directory, so a restarted `peacegraph watch` does not load them again. It is written after every item
(to a temporary file, then renamed), so an interrupted watch loses nothing it finished; a lock file keeps two
watchers of the same store from overwriting each other's record. An item that failed for a reason that
may pass (a timeout, a server error) is retried at the next polls, up to `MAX_ATTEMPTS` times.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filelock import FileLock

from loaders.dates import parse_date
from loaders.documents import DocumentError

ORIGIN = "feed"
MAX_ATTEMPTS = 3
ACCEPT = "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5"


@dataclass(frozen=True)
class FeedItem:
    key: str  # the item's guid (or link) — what "seen" is recorded by
    link: str | None
    title: str | None
    date: str | None
    outlet: str | None  # the feed's title
    content: str | None  # the item's own HTML content, for an item without a link

    def meta(self) -> dict[str, Any]:
        return {k: v for k, v in {"title": self.title, "date": self.date, "outlet": self.outlet}.items() if v}


@dataclass(frozen=True)
class Feed:
    url: str
    title: str | None
    items: list[FeedItem]


def _one_line(text: str) -> str:
    return " ".join(str(text).split())[:200]


def parse_feed(body: bytes, url: str) -> Feed:
    """The items of a feed, oldest first (feeds list the newest first), or a DocumentError saying it is none."""
    import feedparser

    parsed = feedparser.parse(io.BytesIO(body), response_headers={"content-location": url})
    version = parsed.get("version") or ""
    if not version and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise DocumentError(f"{url}: not an RSS or Atom feed" + (f" ({_one_line(str(reason))})" if reason else ""))
    outlet = parsed.feed.get("title") or None
    items: list[FeedItem] = []
    for entry in parsed.entries:
        link = entry.get("link") or None
        content = None
        if entry.get("content"):
            content = entry["content"][0].get("value")
        key = entry.get("id") or link or hashlib.sha256(
            f"{entry.get('title')}|{entry.get('published')}|{content}".encode()).hexdigest()
        date = None
        for name in ("published_parsed", "updated_parsed"):
            parsed_time = entry.get(name)
            if parsed_time:
                date = dt.date(*parsed_time[:3]).isoformat()
                break
        if date is None:
            date = parse_date(entry.get("published") or entry.get("updated"))
        items.append(FeedItem(key=str(key), link=link, title=entry.get("title") or None, date=date,
                              outlet=outlet, content=None if link else (content or entry.get("summary"))))
    return Feed(url=url, title=outlet, items=list(reversed(items)))


class SeenItems:
    """Items already dealt with, by feed URL and item key, kept in `path` (JSON)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = FileLock(str(path) + ".lock")
        self._data: dict[str, dict[str, dict[str, Any]]] = {}
        self.reload()

    @classmethod
    def for_store(cls, data_dir: Path, store_key: str) -> SeenItems:
        """The record of one store (backend URL and database) in `data_dir/feeds/`."""
        folder = Path(data_dir) / "feeds"
        folder.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256(store_key.encode()).hexdigest()[:12]
        return cls(folder / f"seen-{digest}.json")

    def reload(self) -> None:
        with self._lock:
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
            except FileNotFoundError:
                data = {}
            except (OSError, ValueError) as exc:
                raise DocumentError(f"{self.path}: the record of seen feed items cannot be read ({exc}); "
                                    "move it away to start afresh") from None
        self._data = data if isinstance(data, dict) else {}

    def done(self, feed: str, key: str) -> bool:
        entry = self._data.get(feed, {}).get(key)
        return entry is not None and (entry.get("outcome") != "failed" or entry.get("attempts", 0) >= MAX_ATTEMPTS)

    def record(self, feed: str, key: str, outcome: str, doc: str | None = None, reason: str | None = None) -> None:
        """Note an item's outcome ('loaded', 'replaced', 'unchanged', 'skipped' for good, 'failed' for now)."""
        with self._lock:
            try:
                current = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                current = {}
            if isinstance(current, dict):
                self._data = current
            before = self._data.setdefault(feed, {}).get(key, {})
            entry: dict[str, Any] = {"outcome": outcome, "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
            if doc:
                entry["doc"] = doc
            if reason:
                entry["reason"] = reason
            if outcome == "failed":
                entry["attempts"] = int(before.get("attempts", 0)) + 1
            self._data[feed][key] = entry
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(self._data, ensure_ascii=False, indent=1), encoding="utf-8")
            os.replace(tmp, self.path)

    def attempts(self, feed: str, key: str) -> int:
        return int(self._data.get(feed, {}).get(key, {}).get("attempts", 0))

    def items(self, feed: str) -> Iterator[tuple[str, dict[str, Any]]]:
        yield from self._data.get(feed, {}).items()
