"""A hand-built document for the review tests, in two versions: the same sentences with a new one put first
and one taken out (so indices shift and one reviewed sentence disappears), as a changed extraction gives."""

from __future__ import annotations

import hashlib
from typing import TypedDict

from graph.model import Document, DocumentGraph, Position, Provenance
from graph.vocabulary import Relation
from tests.factories import ACTORS, TERMS

S_RUS = "Russia demands that Ukraine stay neutral."
S_UKR = "Ukraine rejects any neutral status for itself."
S_DEU = "Germany offers to back a ceasefire along the line."
S_GONE = "Washington also supports a ceasefire, officials said."
S_NEW = "Talks began in Istanbul on Monday."
DOC = "rev-1"


class Key(TypedDict):
    """A position's key as the review API and the client take it."""

    doc: str
    sentence: int
    actor: str
    relation: str
    term: str


# the keys of review_graph's three positions, as the review API takes them
RUS: Key = {"doc": DOC, "sentence": 0, "actor": "RUS", "relation": "DEMANDS", "term": "neutral_status"}
UKR: Key = {"doc": DOC, "sentence": 1, "actor": "UKR", "relation": "REJECTS", "term": "neutral_status"}
DEU: Key = {"doc": DOC, "sentence": 2, "actor": "DEU", "relation": "OFFERS", "term": "ceasefire"}


def review_graph(version: int = 1, doc: str = DOC) -> DocumentGraph:
    """Version 1: RUS DEMANDS neutral_status (0), UKR REJECTS neutral_status (1), DEU OFFERS ceasefire (2) and
    an extra sentence (3) nothing was extracted from. Version 2: a new first sentence, the extra one gone."""
    sentences = [S_RUS, S_UKR, S_DEU, S_GONE] if version == 1 else [S_NEW, S_RUS, S_UKR, S_DEU]
    text = " ".join(sentences)
    at = {s: i for i, s in enumerate(sentences)}
    found = [("RUS", "DEMANDS", "neutral_status", S_RUS, 0.9), ("UKR", "REJECTS", "neutral_status", S_UKR, 0.4),
             ("DEU", "OFFERS", "ceasefire", S_DEU, 0.6)]

    def prov(quote: str, confidence: float) -> Provenance:
        start = text.index(quote)
        return Provenance(doc=doc, sentence=at[quote], span=(start, start + len(quote)), quote=quote,
                          date="2024-05-01", confidence=confidence, rule="test")

    return DocumentGraph(
        document=Document(id=doc, title=f"Review test {doc}", date="2024-05-01", text=text,
                          sha256=hashlib.sha256(text.encode()).hexdigest()),
        actors=[ACTORS[a] for a in ("DEU", "RUS", "UKR", "USA")],
        terms=[TERMS[t] for t in ("ceasefire", "neutral_status")],
        positions=[Position(actor=a, relation=Relation(r), term=t, provenance=prov(q, c)) for a, r, t, q, c in found])
