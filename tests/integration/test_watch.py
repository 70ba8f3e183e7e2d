"""Following feeds: each new item's article is loaded once, a restart does not load it again, a bad feed or item
is one line and the others go on, and Ctrl-C stops the command cleanly. The feeds and their pages are served
on 127.0.0.1 by the test."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.backends import open_store
from graph.store import Store
from loaders.readers import ReadOptions
from loaders.readers.feeds import MAX_ATTEMPTS, SeenItems
from loaders.readers.fetch import FetchOptions, url_id
from loaders.watch import parse_interval, watch
from tests.integration.test_cli import PROJECT, _stop_stray_servers, assert_no_server_left  # noqa: F401
from tests.sources import PARAGRAPHS, LocalSite, html_page, local_site, rss

OPTIONS = ReadOptions(fetch=FetchOptions(timeout=2.0))


@pytest.fixture
def site() -> Iterator[LocalSite]:
    with local_site() as s:
        yield s


def article(site: LocalSite, n: int) -> str:
    return site.add(f"/news/{n}.html", html_page(title=f"Story {n}", canonical=None, site=None,
                                                 paragraphs=[f"{p} Story {n}." for p in PARAGRAPHS]))


def publish(site: LocalSite, items: list[int], path: str = "/feed.xml") -> str:
    """The feed with `items` (their guid, link and title), newest first."""
    return site.add(path, rss([(f"guid-{n}", site.url(f"/news/{n}.html"), f"Story {n}") for n in reversed(items)]),
                    content_type="application/rss+xml")


def poll(store: Store, feeds: list[str], seen: SeenItems) -> list[str]:
    lines: list[str] = []
    watch(store, feeds, seen, every=0, options=OPTIONS, say=lines.append, polls=1)
    return lines


def documents(store: Store) -> set[str]:
    return {r["id"] for r in store.run("documents_list", date_from=None, date_to=None, process=None, skip=0,
                                          limit=1000)}


def test_two_polls_with_one_new_item_load_one_document_and_a_restart_loads_none(
        falkordb_store: Store, tmp_path: Path, site: LocalSite) -> None:
    first, second = article(site, 1), article(site, 2)
    feed = publish(site, [1])
    seen = SeenItems.for_store(tmp_path, "test-store")
    lines = poll(falkordb_store, [feed], seen)
    assert documents(falkordb_store) == {url_id(first)}
    assert lines[0] == f"feed {feed}: 1 items, 1 new"
    assert lines[1].startswith(f"loaded {url_id(first)} (") and lines[1].endswith(f"Story 1 <{first}>")
    publish(site, [1, 2])
    lines = poll(falkordb_store, [feed], seen)
    assert lines[0] == f"feed {feed}: 2 items, 1 new" and len(lines) == 2 and lines[1].startswith("loaded ")
    assert documents(falkordb_store) == {url_id(first), url_id(second)}
    assert site.hits["/news/1.html"] == 1 and site.hits["/news/2.html"] == 1
    doc = falkordb_store.run("document_detail", id=url_id(second))[0]
    assert (doc["title"], doc["source"], doc["date"], doc["outlet"]) == ("Story 2", second, "2022-03-29",
                                                                         "Example Wire: World")
    assert doc["meta_origin"] == "page metadata + feed + URL"  # the title from the page, the outlet from the feed
    restarted = SeenItems.for_store(tmp_path, "test-store")  # a new process reads the record
    assert poll(falkordb_store, [feed], restarted) == [f"feed {feed}: 2 items, 0 new"]
    assert site.hits["/news/1.html"] == 1 and site.hits["/news/2.html"] == 1
    other_store = SeenItems.for_store(tmp_path, "another-store")  # another store has seen nothing
    assert poll(falkordb_store, [feed], other_store)[0] == f"feed {feed}: 2 items, 2 new"


def test_a_bad_feed_or_item_is_one_line_and_the_rest_goes_on(falkordb_store: Store, tmp_path: Path,
                                                              site: LocalSite) -> None:
    article(site, 1)
    good = publish(site, [1, 404])  # item 404 links to a page that is not there
    not_xml = site.add("/not-a-feed", "this is { not xml at all", content_type="text/plain")
    html = site.add("/page.html", "<html><body><p>Hello</p></body></html>")
    missing = site.url("/missing.xml")
    seen = SeenItems.for_store(tmp_path, "s")
    lines = poll(falkordb_store, [not_xml, html, missing, good], seen)
    assert lines[0].startswith(f"error {not_xml}: not an RSS or Atom feed")
    assert lines[1].startswith(f"error {html}: not an RSS or Atom feed")
    assert lines[2] == f"error {missing}: HTTP 404 Not Found"
    assert lines[3] == f"feed {good}: 2 items, 2 new"
    assert lines[4].startswith("loaded ")
    assert lines[5] == (f"failed {site.url('/news/404.html')}: HTTP 404 Not Found (tried again at the next poll, "
                        f"{MAX_ATTEMPTS - 1} more times)")
    assert all("\n" not in line for line in lines) and len(lines) == 6
    assert documents(falkordb_store) == {url_id(site.url("/news/1.html"))}
    for _ in range(MAX_ATTEMPTS - 1):
        last = poll(falkordb_store, [good], seen)
    assert last[-1].endswith("(given up)")
    assert poll(falkordb_store, [good], seen) == [f"feed {good}: 2 items, 0 new"]
    assert site.hits["/news/404.html"] == MAX_ATTEMPTS


def test_interval_syntax() -> None:
    assert [parse_interval(t) for t in ("15m", "30s", "1h", "90", "0.5m")] == [900, 30, 3600, 90, 30]
    for bad in ("soon", "-5m", "0"):
        with pytest.raises(ValueError, match="--every"):
            parse_interval(bad)


def run_watch(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PEACEGRAPH_")}
    env["PEACEGRAPH_DATA_DIR"] = str(data_dir)
    return subprocess.run([sys.executable, "-m", "app.cli", "watch", *args], env=env, cwd=PROJECT,
                          capture_output=True, text=True, timeout=300)


def test_watch_once_twice_loads_each_item_once(tmp_path: Path, site: LocalSite) -> None:
    article(site, 1)
    article(site, 2)
    feed = publish(site, [1, 2])
    first = run_watch(tmp_path, feed, "--once")
    assert first.returncode == 0, first.stderr
    assert "Traceback" not in first.stderr
    out = [line.split(" ", 2)[2] for line in first.stdout.splitlines()]  # without the time stamp
    assert out[0] == "watching 1 feed(s); Ctrl-C stops" and out[1] == f"feed {feed}: 2 items, 2 new"
    assert [line.split(" ")[0] for line in out[2:]] == ["loaded", "loaded", "stopped"]
    second = run_watch(tmp_path, feed, "--once")
    assert second.returncode == 0 and f"feed {feed}: 2 items, 0 new" in second.stdout
    assert "loaded" not in second.stdout
    store = open_store(None, data_dir=tmp_path)
    try:
        assert documents(store) == {url_id(site.url("/news/1.html")), url_id(site.url("/news/2.html"))}
    finally:
        store.close()
    assert_no_server_left(tmp_path)


def test_bad_arguments_are_one_error_line(tmp_path: Path) -> None:
    for args, needle in ((["ftp://example.org/feed", "--once"], "only absolute http:// and https:// URLs"),
                         (["http://127.0.0.1:9/feed", "--every", "soon"], "--every 'soon'")):
        proc = run_watch(tmp_path, *args)
        assert proc.returncode == 2 and proc.stderr.startswith("error: ") and needle in proc.stderr, proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1


def test_ctrl_c_stops_the_watch_cleanly(tmp_path: Path, site: LocalSite) -> None:
    article(site, 1)
    feed = publish(site, [1])
    env = {k: v for k, v in os.environ.items() if not k.startswith("PEACEGRAPH_")}
    env["PEACEGRAPH_DATA_DIR"] = str(tmp_path)
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", "watch", feed, "--every", "1h"], env=env, cwd=PROJECT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        seen: list[str] = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # bounded wait for the first poll to finish, not a timing assertion
            line = proc.stdout.readline()
            if not line:
                break
            seen.append(line)
            if " loaded " in line:
                break
        assert any(" loaded " in line for line in seen), (seen, proc.poll())
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    assert stdout.strip().splitlines()[-1].endswith(" stopped")
    assert "stopping after the current item" in stdout
    assert_no_server_left(tmp_path)
