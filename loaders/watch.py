"""Following RSS and Atom feeds: every poll loads the article each new item links to, once.

`peacegraph watch FEED_URL… --every 15m` runs `watch`; each poll fetches every feed (with the fetch limits),
and each item not seen before has its linked page (or PDF) fetched, read, extracted and stored on its own, so
a bad item costs only itself. The item's title, date and the feed's title fill what the page's own metadata
does not give (origin "feed"). What happened to each item is one line through `say`, and is recorded in
`SeenItems` (loaders/readers/feeds.py) as soon as it is stored, so a restarted watch goes on where it stopped.

Stopping: `stop` (a threading.Event the command sets on Ctrl-C or SIGTERM) is checked between items and
during the wait between polls, so a stop never cuts a write in half.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from graph.store import Store
from loaders.documents import DocumentError, MetaLayer
from loaders.ingest import ingest_source
from loaders.readers import FetchError, ReadOptions, UrlSource
from loaders.readers.feeds import ACCEPT, MAX_ATTEMPTS, ORIGIN, SeenItems, parse_feed
from loaders.readers.fetch import fetch

log = logging.getLogger(__name__)
Say = Callable[[str], None]


@dataclass
class PollReport:
    items: int = 0
    new: int = 0
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    error: str | None = None  # the feed itself could not be read


def parse_interval(text: str) -> float:
    """'15m', '30s', '1h', '90' (seconds) → seconds; a ValueError says what is expected."""
    value = text.strip().lower()
    units = {"s": 1, "m": 60, "h": 3600}
    scale = units.get(value[-1:])
    number = value[:-1] if scale else value
    try:
        seconds = float(number) * (scale or 1)
    except ValueError:
        raise ValueError(f"--every {text!r}: give a number of seconds, or minutes or hours as 15m, 1h") from None
    if seconds <= 0:
        raise ValueError(f"--every {text!r}: must be more than zero")
    return seconds


def poll_feed(store: Store, feed_url: str, seen: SeenItems, *, options: ReadOptions,
              codebook_paths: Sequence[Path] = (), say: Say = print,
              stop: threading.Event | None = None) -> PollReport:
    """One poll of one feed: its new items are loaded, each reported in one line."""
    report = PollReport()
    try:
        fetched = fetch(feed_url, options.fetch, accept=ACCEPT)
        feed = parse_feed(fetched.body, fetched.requested)
    except DocumentError as exc:
        report.error = str(exc)
        say(f"error {exc}")
        return report
    seen.reload()  # another watcher of the same store may have loaded some meanwhile
    new = [item for item in feed.items if not seen.done(fetched.requested, item.key)]
    report.items, report.new = len(feed.items), len(new)
    say(f"feed {fetched.requested}: {len(feed.items)} items, {len(new)} new")
    for item in new:
        if stop is not None and stop.is_set():
            break
        if not item.link:
            seen.record(fetched.requested, item.key, "skipped", reason="no link")
            report.skipped += 1
            say(f"skipped {fetched.requested}: the item {item.title or item.key!r} has no link to an article")
            continue
        layers = (MetaLayer(item.meta(), ORIGIN, f"{fetched.requested}, item {item.key}", strict=False),)
        try:
            done = ingest_source(store, UrlSource(item.link, layers), options=options, codebook_paths=codebook_paths)
        except FetchError as exc:
            seen.record(fetched.requested, item.key, "failed", reason=str(exc))
            report.failed += 1
            left = MAX_ATTEMPTS - seen.attempts(fetched.requested, item.key)
            say(f"failed {exc}" + (f" (tried again at the next poll, {left} more time{'s' * (left != 1)})"
                                   if left > 0 else " (given up)"))
            continue
        except DocumentError as exc:
            seen.record(fetched.requested, item.key, "skipped", reason=str(exc))
            report.skipped += 1
            say(f"skipped {exc}")
            continue
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, RuntimeError) as exc:
            log.exception("extraction failed on %s", item.link)
            seen.record(fetched.requested, item.key, "skipped", reason=f"{type(exc).__name__}: {exc}")
            report.skipped += 1
            say(f"skipped {item.link}: extraction failed ({type(exc).__name__}: {exc}); please report it")
            continue
        graph = done.graph
        seen.record(fetched.requested, item.key, done.outcome, doc=graph.document.id)
        report.stored += 1
        say(f"{done.outcome} {graph.document.id} ({len(graph.positions)} positions, {len(graph.guarantees)} "
            f"guarantees): {graph.document.title or '(no title)'} <{item.link}>")
    return report


def watch(store: Store, feeds: Sequence[str], seen: SeenItems, *, every: float, options: ReadOptions,
          codebook_paths: Sequence[Path] = (), say: Say = print, stop: threading.Event | None = None,
          polls: int | None = None) -> int:
    """Poll every feed, then wait `every` seconds, until `stop` is set (or `polls` polls are done); the number
    of polls made."""
    stop = stop or threading.Event()
    made = 0
    while not stop.is_set():
        for feed_url in feeds:
            if stop.is_set():
                break
            poll_feed(store, feed_url, seen, options=options, codebook_paths=codebook_paths, say=say, stop=stop)
        made += 1
        if polls is not None and made >= polls:
            break
        deadline = time.monotonic() + every
        while not stop.is_set() and (left := deadline - time.monotonic()) > 0:
            stop.wait(min(1.0, left))
    return made
