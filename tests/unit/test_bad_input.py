"""Bad input is a clear error naming the file or a cleaned document, never a traceback or a stopped batch
(issue 9, items 7, 9 and 10)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import loaders
from loaders.documents import DocumentError

ARTICLE = ("Russia demanded that Ukraine remain a neutral state. Kyiv rejected neutrality and said it wants "
           "NATO membership.\n")


def _extract(text: str, meta: dict | None = None):
    return loaders.extract_text(text, doc_id="d1", meta=meta)


def test_nul_characters_are_removed_from_text_and_metadata() -> None:
    graph = _extract("Russia\x00 demanded neutrality.\x00\n" + ARTICLE, {"title": "A\x00B", "outlet": "O\x00"})
    assert "\x00" not in graph.document.model_dump_json()
    assert graph.document.title == "AB" and graph.document.outlet == "O"
    assert all("\x00" not in (p.provenance.quote or "") for p in graph.positions)


def test_lone_surrogates_become_replacement_characters() -> None:
    graph = _extract("Title \ud800 here.\n" + ARTICLE, {"title": "bad \udfff title"})
    graph.document.model_dump_json().encode("utf-8")  # encodable everywhere now
    assert graph.document.title == "bad \ufffd title"


def test_a_yaml_alias_bomb_in_front_matter_is_refused() -> None:
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for name, prev in zip("bcdefghi", "abcdefgh", strict=True):
        levels.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    front = "---\n" + "\n".join(levels) + "\ntitle: *i\n---\n"
    assert len(front) < 1000
    with pytest.raises(DocumentError, match="alias"):
        _extract(front + ARTICLE)


def test_nested_metadata_is_refused_with_a_clear_error_not_stored_as_a_repr() -> None:
    with pytest.raises(DocumentError, match="'title' must be text"):
        _extract("---\ntitle: [a, b]\n---\n" + ARTICLE)
    with pytest.raises(DocumentError, match="'outlet' must be text"):
        _extract(ARTICLE, {"outlet": {"name": "x"}})


def test_every_metadata_field_has_a_length_cap() -> None:
    with pytest.raises(DocumentError, match=r"title.*characters"):
        _extract(ARTICLE, {"title": "t" * 100_000})
    with pytest.raises(DocumentError, match=r"url.*characters"):
        _extract("---\nurl: " + "u" * 10_000 + "\n---\n" + ARTICLE)


def test_front_matter_has_a_size_cap() -> None:
    front = "---\n" + "".join(f"k{i}: {'v' * 60}\n" for i in range(2000)) + "---\n"
    with pytest.raises(DocumentError, match="front matter"):
        _extract(front + ARTICLE)


def test_a_bad_date_in_meta_yaml_names_it_and_the_other_files_still_load(tmp_path: Path) -> None:
    for name in ("one", "two", "three"):
        (tmp_path / f"{name}.txt").write_text(ARTICLE)
    (tmp_path / "meta.yaml").write_text("one:\n  title: One\n  date: 2022-03-28\n"
                                        "two:\n  title: Two\n  date: 2022-02-30\n"
                                        "three:\n  title: Three\n  date: 2023-05\n")
    items = list(loaders.iter_extract([tmp_path]))
    errors = [i.error for i in items if i.error]
    assert len(errors) == 1, errors
    assert "meta.yaml" in errors[0] and "'two'" in errors[0] and "2022-02-30" in errors[0]
    assert "please report" not in errors[0]
    loaded = {i.graph.document.id: i.graph.document for i in items if i.graph}
    assert set(loaded) == {"one", "three"}
    assert loaded["one"].date == "2022-03-28" and loaded["three"].date == "2023-05"


def test_a_nul_after_the_binary_sniff_and_a_non_utf8_file_name_do_not_stop_extraction(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "late_nul.txt").write_bytes(ARTICLE.encode() + b"x" * 9000 + b"\x00 more text.\n")
    bad_name = os.fsdecode(b"bad\xff.txt")
    (tmp_path / bad_name).write_text(ARTICLE)
    items = list(loaders.iter_extract([tmp_path]))
    ok = {i.graph.document.id for i in items if i.graph}
    assert {"good", "late_nul"} <= ok
    errors = [i.error for i in items if i.error]
    assert len(errors) == 1 and "UTF-8" in errors[0]
    errors[0].encode("utf-8")  # printable
    late = next(i.graph for i in items if i.graph and i.graph.document.id == "late_nul")
    assert "\x00" not in late.document.model_dump_json()


@pytest.mark.parametrize("field", ["sentence", "span", "unknown_counts"])
def test_integers_beyond_what_both_engines_store_are_refused_by_the_model(field: str) -> None:
    """Neo4j's driver refuses integers past 64 bits and a browser reads exactly only up to 2^53: the model
    refuses them with a message naming the field, before any store sees them."""
    from pydantic import ValidationError

    from graph.model import MAX_STORED_INT, Document, Provenance

    huge = MAX_STORED_INT + 1
    Provenance(doc="d", sentence=MAX_STORED_INT, quote="q", confidence=0.5, rule="r")  # the bound itself is fine
    with pytest.raises(ValidationError, match=field):
        if field == "sentence":
            Provenance(doc="d", sentence=huge, quote="q", confidence=0.5, rule="r")
        elif field == "span":
            Provenance(doc="d", sentence=0, span=(0, huge), quote="q", confidence=0.5, rule="r")
        else:
            Document(id="d", text="t", sha256="0" * 64, unknown_names=["X"], unknown_kinds=["group"],
                     unknown_counts=[huge])
