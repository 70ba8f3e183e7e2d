"""Hand-built DocumentGraphs for store and API tests (no extractor involved)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from graph.model import Actor, Document, DocumentGraph, Guarantee, Official, Position, Provenance, Term

ACTORS = {
    "RUS": Actor(id="RUS", name="Russia", aliases=["Kremlin", "Moscow"]),
    "UKR": Actor(id="UKR", name="Ukraine", aliases=["Kyiv", "Kiev"]),
    "USA": Actor(id="USA", name="United States", aliases=["US", "Washington"]),
    "DEU": Actor(id="DEU", name="Germany", aliases=["Berlin"]),
    "ISR": Actor(id="ISR", name="Israel"),
    "NATO": Actor(id="NATO", name="North Atlantic Treaty Organization", kind="organization", aliases=["NATO"]),
}
TERMS = {t: Term(id=t, label=t.replace("_", " ").capitalize()) for t in
         ("neutral_status", "nato_non_accession", "security_guarantees_ukraine", "eu_membership", "ceasefire")}
OFFICIALS = {"sergey-lavrov": Official(id="sergey-lavrov", name="Sergey Lavrov", role="Foreign Minister",
                                       represents="RUS")}


def make_graph(
    doc: str,
    *,
    text: str = "",
    date: str | None = "2022-03-16",
    positions: Iterable[tuple[str, str, str, int]] = (("RUS", "DEMANDS", "neutral_status", 0),),
    guarantees: Iterable[tuple[str, str, str, int]] = (("RUS", "UKR", "proposed", 1),),
    speaker: str | None = "sergey-lavrov",
    quote: str = "a quote",
) -> DocumentGraph:
    """A consistent DocumentGraph: every actor and term its edges use is included."""
    positions, guarantees = list(positions), list(guarantees)
    text = text or f"text of {doc}"

    def prov(sentence: int) -> Provenance:
        return Provenance(doc=doc, sentence=sentence, quote=quote, speaker=speaker, date=date, confidence=0.9,
                          rule="test")

    actor_ids = {a for a, _, _, _ in positions} | {g for g, _, _, _ in guarantees} | {b for _, b, _, _ in guarantees}
    officials = [OFFICIALS[speaker]] if speaker else []
    actor_ids |= {o.represents for o in officials}
    return DocumentGraph(
        document=Document(id=doc, title=f"Title {doc}", outlet="Test Outlet", date=date, text=text,
                          sha256=hashlib.sha256(text.encode()).hexdigest()),
        actors=[ACTORS[a] for a in sorted(actor_ids)],
        officials=officials,
        terms=[TERMS[t] for t in sorted({t for _, _, t, _ in positions})],
        positions=[Position(actor=a, relation=r, term=t, provenance=prov(s)) for a, r, t, s in positions],
        guarantees=[Guarantee(guarantor=g, beneficiary=b, status=st, provenance=prov(s)) for g, b, st, s in guarantees],
    )
