"""The services (app/services/) on a real store, on both engines: plain rows out, refusals as domain errors;
the API turns those into problem details in one place, the pages into HTML error pages."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.services import analysis, documents, pages
from app.services.errors import InvalidRequest, NotFound
from graph.store import Store
from graph.vocabulary import ReviewView


def test_services_answer_plain_rows_by_names_as_typed(api_store: Store) -> None:
    points = analysis.timeline_rows(api_store, actor="Moscow", term="neutral status")
    assert [(p["actor"], p["term"], p["stance"], p["changed"]) for p in points] == \
        [("RUS", "neutral_status", "favour", False), ("RUS", "neutral_status", "reject", True)]
    assert analysis.busiest_pair(api_store)[0] == "RUS"
    doc = documents.document_detail(api_store, "api-1")
    assert doc["id"] == "api-1" and doc["positions"] and all(p["doc"] == "api-1" for p in doc["positions"])
    page = pages.compare(api_store, " Moscow ", "Kyiv", None, None, ReviewView.REVIEWED)
    assert (page["actor_a"]["id"], page["actor_b"]["id"], page["form"]["a"]) == ("RUS", "UKR", "RUS")


def test_services_refuse_in_domain_terms(api_store: Store) -> None:
    with pytest.raises(NotFound) as refused:
        analysis.timeline_rows(api_store, actor="Atlantis")
    assert (refused.value.what, refused.value.value, str(refused.value)) == \
        ("actor", "Atlantis", "actor 'Atlantis' not found")
    with pytest.raises(NotFound, match="term 'no such term'"):
        analysis.conflict_rows(api_store, term="no such term")
    with pytest.raises(NotFound, match="document 'nope'"):
        documents.document_detail(api_store, "nope")
    with pytest.raises(NotFound, match="document 'nope'"):
        documents.delete(api_store, "nope")
    with pytest.raises(InvalidRequest, match="is after date_to"):
        documents.document_rows(api_store, date_from="2023", date_to="2022-05")
    with pytest.raises(NotFound, match="actor 'Atlantis'"):
        pages.timeline(api_store, "Atlantis", None, None, ReviewView.REVIEWED)


def test_the_api_maps_the_refusals_to_problems_and_the_pages_to_error_pages(api: TestClient) -> None:
    for path, params, slug, title in (
            ("/analysis/timeline", {"actor": "Atlantis"}, "unknown-actor", "Unknown actor"),
            ("/analysis/conflicts", {"term": "no such term"}, "unknown-term", "Unknown term"),
            ("/documents/nope", {}, "unknown-document", "Unknown document"),
            ("/documents", {"date_from": "2023", "date_to": "2022-05"}, "invalid-request", "Invalid request")):
        got = api.get(path, params=params)
        assert got.headers["content-type"] == "application/problem+json", path
        body = got.json()
        assert (got.status_code, body["type"], body["title"]) == \
            (422 if slug == "invalid-request" else 404, f"/problems/{slug}", title), path
    assert api.delete("/documents/nope").json()["type"] == "/problems/unknown-document"
    page = api.get("/pages/timeline", params={"actor": "Atlantis"})
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "actor &#39;Atlantis&#39; not found" in page.text or "actor 'Atlantis' not found" in page.text
