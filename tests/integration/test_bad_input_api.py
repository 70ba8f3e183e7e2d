"""Bad input through the API: a clear 4xx or a cleaned document, never a 500 (issue 9, items 7, 8, 9)."""

from __future__ import annotations

import json
from pathlib import Path

from graph.store import Store
from tests.integration.conftest import make_client
from tests.integration.test_api import assert_problem

ARTICLE = ("Russia demanded that Ukraine remain a neutral state. Kyiv rejected neutrality and said it wants "
           "NATO membership.\n")


def test_nul_characters_in_text_and_metadata_are_removed(store: Store, data_dir: Path) -> None:
    with make_client(store, data_dir) as api:
        response = api.post("/documents", json={"text": ARTICLE + "\x00tail\x00", "title": "T\x00", "id": "nul-1"})
        assert response.status_code == 201, response.text
        doc = api.get("/documents/nul-1").json()
        assert doc["title"] == "T" and "\x00" not in json.dumps(doc)


def test_lone_surrogates_are_not_a_500(store: Store, data_dir: Path) -> None:
    raw = json.dumps({"text": ARTICLE + "x \ud800 y", "title": "a \udfff b", "id": "sur-1"}).encode()
    with make_client(store, data_dir) as api:
        response = api.post("/documents", content=raw, headers={"content-type": "application/json"})
        assert response.status_code in (201, 422), response.text
        assert response.headers["content-type"].startswith(("application/json", "application/problem+json"))


def test_a_document_over_the_size_limit_is_413(store: Store, data_dir: Path) -> None:
    with make_client(store, data_dir, max_document_bytes=5_000) as api:
        assert_problem(api.post("/documents", json={"text": ARTICLE * 100}), 413, "PEACEGRAPH_MAX_DOCUMENT_BYTES")
        body = b'{"text": "' + b"a" * 200_000 + b'"}'
        chunks = (body[i:i + 8192] for i in range(0, len(body), 8192))
        assert_problem(api.post("/documents", content=chunks, headers={"content-type": "application/json"}), 413)
        assert api.post("/documents", json={"text": ARTICLE}).status_code == 201
    assert store.counts()["nodes"].get("Document") == 1


def test_an_alias_bomb_or_nested_metadata_is_422(store: Store, data_dir: Path) -> None:
    bomb = "---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\ntitle: *b\n---\n" + ARTICLE
    with make_client(store, data_dir) as api:
        assert_problem(api.post("/documents", json={"text": bomb}), 422, "alias")
        assert_problem(api.post("/documents", json={"text": "---\ntitle: {a: 1}\n---\n" + ARTICLE}), 422, "title")
        assert_problem(api.post("/documents", json={"text": ARTICLE, "title": "t" * 10_000}), 422, "characters")
