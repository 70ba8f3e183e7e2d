"""A hand-built document for the review tests, in two versions: the same sentences with a new one put first
and one taken out (so indices shift and one reviewed sentence disappears), as a changed extraction gives."""

from __future__ import annotations

import hashlib
from typing import TypedDict

from graph.model import Document, DocumentGraph, Guarantee, Position, Provenance
from graph.vocabulary import GuaranteeStatus, Relation
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


# A document with guarantees, for reviewing them: in two versions as review_graph's (a new sentence first, the
# last sentence gone).
G_DOC = "rev-g"
S_DEU_G = "Germany is willing to guarantee the security of Ukraine."
S_USA_G = "Officials proposed the United States as a guarantor of Ukraine."
S_RUS_G = "Russia refused to guarantee anything for Ukraine."
S_GONE_G = "Israel could also back such a deal, a diplomat said."


class GKey(TypedDict):
    """A guarantee's key as the review API takes it."""

    doc: str
    sentence: int
    guarantor: str
    beneficiary: str


G_DEU: GKey = {"doc": G_DOC, "sentence": 0, "guarantor": "DEU", "beneficiary": "UKR"}
G_USA: GKey = {"doc": G_DOC, "sentence": 1, "guarantor": "USA", "beneficiary": "UKR"}
G_RUS: GKey = {"doc": G_DOC, "sentence": 2, "guarantor": "RUS", "beneficiary": "UKR"}


def guarantee_graph(version: int = 1, doc: str = G_DOC) -> DocumentGraph:
    """Version 1: DEU willing (0, confidence 0.6), USA proposed (1, 0.5), RUS declined (2, 0.9), each for UKR,
    and a sentence (3) nothing was extracted from. Version 2: a new first sentence, the last one gone."""
    sentences = [S_DEU_G, S_USA_G, S_RUS_G, S_GONE_G] if version == 1 else [S_NEW, S_DEU_G, S_USA_G, S_RUS_G]
    text = " ".join(sentences)
    at = {s: i for i, s in enumerate(sentences)}
    found = [("DEU", "willing", S_DEU_G, 0.6), ("USA", "proposed", S_USA_G, 0.5), ("RUS", "declined", S_RUS_G, 0.9)]

    def prov(quote: str, confidence: float) -> Provenance:
        start = text.index(quote)
        return Provenance(doc=doc, sentence=at[quote], span=(start, start + len(quote)), quote=quote,
                          date="2024-06-01", confidence=confidence, rule="test")

    return DocumentGraph(
        document=Document(id=doc, title=f"Guarantee review test {doc}", date="2024-06-01", text=text,
                          sha256=hashlib.sha256(text.encode()).hexdigest()),
        actors=[ACTORS[a] for a in ("DEU", "ISR", "RUS", "UKR", "USA")],
        terms=[TERMS["security_guarantees_ukraine"]],
        guarantees=[Guarantee(guarantor=g, beneficiary="UKR", status=GuaranteeStatus(s), provenance=prov(q, c))
                    for g, s, q, c in found])
