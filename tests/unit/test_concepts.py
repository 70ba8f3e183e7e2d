"""Concept patterns: which sentences are worth parsing, and what the gated matchers find once parsed."""

from __future__ import annotations

from typing import Any

from loaders.concepts import Concepts
from loaders.parse import parse

TERMS: dict[str, dict[str, Any]] = {
    "pullout": {"dependency_patterns": [[
        {"RIGHT_ID": "move", "RIGHT_ATTRS": {"LEMMA": {"IN": ["withdraw", "pull"]}}},
        {"LEFT_ID": "move", "REL_OP": ">>", "RIGHT_ID": "place",
         "RIGHT_ATTRS": {"LEMMA": {"IN": ["territory", "land"]}}},
    ]]},
    "handover": {"dependency_patterns": [[
        {"RIGHT_ID": "give", "RIGHT_ATTRS": {"LEMMA": "give"}},
        {"LEFT_ID": "give", "REL_OP": ">", "RIGHT_ID": "up", "RIGHT_ATTRS": {"DEP": "prt", "LOWER": "up"}},
        {"LEFT_ID": "give", "REL_OP": ">", "RIGHT_ID": "what", "RIGHT_ATTRS": {"DEP": "dobj", "LEMMA": "region"}},
    ]]},
    "truce": {"token_patterns": [[{"LEMMA": {"IN": ["truce", "armistice"]}}]]},
}


def test_a_sentence_needs_a_word_of_every_required_token_to_be_parsed() -> None:
    concepts = Concepts(TERMS)
    assert concepts.may_say("moscow wants ukraine to withdraw from the occupied territories.")
    assert not concepts.may_say("moscow wants to withdraw the proposal.")  # no place: cannot match
    assert not concepts.may_say("the territory was shelled overnight.")  # no withdrawal
    assert concepts.may_say("an armistice was signed.")


def test_irregular_forms_count_as_their_lemma() -> None:
    """"gave" is give: a sentence that says it in the past tense is still worth parsing."""
    concepts = Concepts(TERMS)
    assert concepts.may_say("kyiv never gave up a region.")
    assert not concepts.may_say("kyiv never gave in.")


def test_gated_matchers_find_what_the_patterns_say() -> None:
    concepts = Concepts(TERMS)
    (doc,) = parse(["Russia must pull its troops out of the land it seized, and a truce must follow."])
    found = sorted((m.term, doc.text[m.start_char:m.end_char]) for m in concepts.find(doc))
    assert found == [("pullout", "pull its troops out of the land"), ("truce", "truce")]
    (doc,) = parse(["Kyiv gave up a region."])
    assert [m.term for m in concepts.find(doc)] == ["handover"]
