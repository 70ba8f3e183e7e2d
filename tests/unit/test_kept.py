"""graph/kept.py and graph/evidence.py without a database: the order of kept sources and the rendered rows'
shape (the API's response models, whose JSON the hot routes splice in unparsed)."""

from __future__ import annotations

import json

from app.api import schemas
from graph.evidence import EVIDENCE_FIELDS, GUARANTEE_FIELDS, Renderer
from graph.kept import FAVOURING, comes_before, key_text, newest, newest_sources, parse_key
from tests.factories import make_graph


def test_rendered_rows_have_the_response_models_keys_in_their_order() -> None:
    assert tuple(schemas.Evidence.model_fields) == EVIDENCE_FIELDS
    assert tuple(schemas.GuaranteeOut.model_fields) == GUARANTEE_FIELDS
    graph = make_graph("d1", date="2023-05", positions=[("RUS", "REJECTS", "neutral_status", 2)],
                       guarantees=[("USA", "UKR", "willing", 3)], quote='he said "no" \\ twice')
    renderer = Renderer(graph)
    position = json.loads(renderer.position(graph.positions[0]))
    assert list(position) == list(EVIDENCE_FIELDS)
    assert position | {} == schemas.Evidence.model_validate(position).model_dump()
    assert (position["relation"], position["title"], position["speaker_name"], position["quote"]) == \
        ("REJECTS", "Title d1", "Sergey Lavrov", 'he said "no" \\ twice')
    guarantee = json.loads(renderer.guarantee(graph.guarantees[0]))
    assert list(guarantee) == list(GUARANTEE_FIELDS)
    assert (guarantee["guarantor_name"], guarantee["status"], guarantee["date"]) == ("United States", "willing",
                                                                                      "2023-05")


def test_newest_puts_undated_first_then_dates_down_then_document_sentence_and_relation() -> None:
    keys = [("2023", "b", 1, "DEMANDS"), (None, "z", 0, "DEMANDS"), ("2023-05", "a", 9, "OFFERS"),
            ("2023", "a", 2, "REJECTS"), ("2023", "a", 1, "REJECTS"), ("2023", "a", 1, "DEMANDS"),
            ("2022-12-31", "a", 0, "SUPPORTS"), (None, "a", 3, "OFFERS")]
    order = [k for k, _ in newest([(k, i) for i, k in enumerate(keys)], keep=10)]
    assert order == [(None, "a", 3, "OFFERS"), (None, "z", 0, "DEMANDS"), ("2023-05", "a", 9, "OFFERS"),
                     ("2023", "a", 1, "DEMANDS"), ("2023", "a", 1, "REJECTS"), ("2023", "a", 2, "REJECTS"),
                     ("2023", "b", 1, "DEMANDS"), ("2022-12-31", "a", 0, "SUPPORTS")]
    assert [k for k, _ in newest([(k, 0) for k in keys], keep=2)] == order[:2]
    assert all(parse_key(key_text(k)) == k for k in keys)
    for i, a in enumerate(order):  # the pairwise test that lets a write skip a full list: the same order
        assert [comes_before(a, b) for b in order] == [j > i for j in range(len(order))]


def test_newest_sources_merges_the_relations_asked_for_and_refuses_unknown_lists() -> None:
    row = {"recent_demands": ["d-new", "d-old"],
           "demands_keys": [key_text(("2024", "x", 0, "DEMANDS")), key_text(("2020", "x", 0, "DEMANDS"))],
           "recent_offers": [], "offers_keys": [],
           "recent_supports": ["s"], "supports_keys": [key_text(("2022", "y", 1, "SUPPORTS"))],
           "recent_rejects": ["r"], "rejects_keys": [key_text(("2023", "z", 0, "REJECTS"))]}
    assert newest_sources({**row, "recent_all": ["d-new", "r", "s", "d-old"]}, 3) == ["d-new", "r", "s"]
    assert newest_sources(row, 3) is None  # the list of all relations is unknown
    assert newest_sources(row, 5, ["demands", "offers", "supports"]) == ["d-new", "s", "d-old"]
    assert newest_sources(row, 5, ["rejects", "supports"]) == ["r", "s"]
    assert newest_sources(row, 5, ["rejects"]) == ["r"]
    assert newest_sources({**row, "recent_offers": None}, 5, FAVOURING) is None
    assert newest_sources({**row, "recent_offers": None}, 5, ["rejects"]) == ["r"]
