"""Reading documents: metadata, debris, hashes, and a clear error for every kind of bad file."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

import loaders
from loaders import iter_extract
from loaders.codebook import load_codebook
from loaders.documents import DocumentError, clean, from_text, read_document
from loaders.sentences import split_sentences

CB = load_codebook()


def test_front_matter_and_partial_dates() -> None:
    doc = from_text("---\ntitle: Talks\noutlet: Wire\ndate: 2025-04\n---\nRussia demands neutrality.\n",
                    doc_id="d", meta=None, codebook=CB)
    assert doc.meta == {"title": "Talks", "outlet": "Wire", "date": "2025-04"}
    assert doc.text.startswith("Russia demands")


def test_sidecar_meta_yaml_is_read_and_front_matter_wins(tmp_path: Path) -> None:
    (tmp_path / "meta.yaml").write_text("a1:\n  title: From sidecar\n  date: 2022-03-28\n  outlet: X\n")
    (tmp_path / "a1.txt").write_text("---\ntitle: From front matter\n---\nText about a ceasefire.\n")
    doc = read_document(tmp_path / "a1.txt", codebook=CB, max_bytes=10_000)
    assert doc.meta == {"title": "From front matter", "date": "2022-03-28", "outlet": "X"}


def test_a_bad_date_is_a_clear_error() -> None:
    with pytest.raises(DocumentError, match="not an ISO date"):
        from_text("---\ndate: March 2022\n---\nText.", doc_id="d", meta=None, codebook=CB)


def test_debris_is_removed_but_the_text_is_kept() -> None:
    raw = "\n".join([
        "- Статьи", "- World", "Title of the story", "Title of the story",
        "Russia demands neutral status for Ukraine.", "",
        "Senator Smith greets a delegation in Washington", "", "Eric Lee/Bloomberg News", "",
        "Kyiv rejects it.", "", "Author: Dave Smith", "Copyright ©2022 Dow Jones & Company, Inc. All rights reserved.",
        "Leave a Reply", "Your email address will not be published.", "Переведено сервисом «Яндекс Переводчик»",
    ])
    assert clean(raw, CB).split("\n") == [
        "Title of the story", "Russia demands neutral status for Ukraine.", "", "Kyiv rejects it.", ""]


def test_content_hash_changes_with_text_and_metadata() -> None:
    a = from_text("Russia demands neutrality.", doc_id="d", meta={"date": "2022-03-28"}, codebook=CB)
    b = from_text("Russia demands neutrality.", doc_id="d", meta={"date": "2022-03-29"}, codebook=CB)
    c = from_text("Russia demands neutrality!", doc_id="d", meta={"date": "2022-03-28"}, codebook=CB)
    assert len({a.sha256, b.sha256, c.sha256}) == 3


def test_sentences_keep_abbreviations_and_offsets() -> None:
    text = "Sen. Jim Risch said the U.S. would wait. “We will see,” he said.\nNew paragraph here"
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["Sen. Jim Risch said the U.S. would wait.", "“We will see,” he said.",
                                            "New paragraph here"]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"   \n", "empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        ("latin1.txt", "Kyiv’s position on neutrality".encode("cp1252"), "not UTF-8"),
        ("big.txt", b"Russia demands neutrality. " * 100, "over the limit"),
        ("debris.txt", b"Leave a Reply\nCopyright 2022\n", "nothing is left"),
    ],
)
def test_bad_files_are_skipped_with_a_reason_and_the_batch_goes_on(tmp_path: Path, name: str, content: bytes,
                                                                   reason: str) -> None:
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text("Hungary opposes Ukraine's EU membership.")
    items = list(iter_extract([tmp_path, tmp_path / "missing.txt"], max_bytes=1000))
    errors = [i.error for i in items if i.error]
    graphs = [i.graph for i in items if i.graph]
    assert len(graphs) == 1 and graphs[0].positions
    assert any(name in e and reason in e for e in errors), errors
    assert any("missing.txt" in e and "no such file" in e for e in errors)


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    if os.geteuid() == 0:  # root reads a mode-0 file; a file whose read fails with EIO stands in
        path.symlink_to("/proc/self/mem")
    else:
        path.write_text("Russia demands neutrality.")
        path.chmod(0)
    [item] = list(iter_extract([path]))
    assert item.graph is None and item.error and "locked.txt" in item.error and "cannot read" in item.error


def test_parallel_extraction_gives_the_same_graphs(tmp_path: Path) -> None:
    for i in range(6):
        (tmp_path / f"d{i}.txt").write_text(f"Hungary opposes Ukraine's EU membership. Poland backs a ceasefire {i}.")
    one = [i.graph for i in iter_extract([tmp_path])]
    two = [i.graph for i in iter_extract([tmp_path], jobs=2)]
    assert len(one) == 6 and all(one) and all(two)
    assert [g.model_dump() for g in one if g] == [g.model_dump() for g in two if g]


def test_a_paragraph_that_mentions_subscribing_is_text_not_debris() -> None:
    paragraph = ("Russia demands that Kyiv subscribe to a neutral status, Lavrov said, adding that the newsletter "
                 "of the ministry would publish the draft treaty in full for every reader to see on Monday morning "
                 "after the talks in Istanbul end and the delegations return home to report.")
    assert clean(paragraph + "\nSubscribe to our newsletter", CB).strip() == paragraph


def test_workers_do_not_inherit_a_lock_another_thread_holds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A server (or a test run) has threads; a forked worker inherits their locks as they were at the fork and
    waits on a held one for ever (the suite once hung here). Workers must start fresh, not as forks."""
    held = threading.Lock()
    real = loaders.make_extractor

    def guarded(*args: object, **kwargs: object) -> object:
        if not held.acquire(timeout=5):
            raise RuntimeError("waited on a lock another thread of the parent held at the fork")
        held.release()
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(loaders, "make_extractor", guarded)
    for i in range(4):
        (tmp_path / f"d{i}.txt").write_text(f"Hungary opposes Ukraine's EU membership {i}.")
    release = threading.Event()

    def hold() -> None:
        held.acquire()
        release.wait(60)
        held.release()

    holder = threading.Thread(target=hold, daemon=True)
    holder.start()
    try:
        items = list(iter_extract([tmp_path], jobs=2))
    finally:
        release.set()
        holder.join()
    assert [i.error for i in items] == [None] * 4 and all(i.graph and i.graph.positions for i in items)
