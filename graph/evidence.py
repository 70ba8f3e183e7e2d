"""Evidence rendered once, when it is written: the JSON object the API shows for a source.

Why: a source as the reader sees it joins the edge (quote, speaker, date …) with its document (title, outlet,
URL) and its speaker's name. Joined at read time, every listed source cost the database two index look-ups
and a dozen edge-property reads, and the API a decode and re-encode of each value: most of the cost of
`/guarantees` and `/actors/{actor}/positions`. The writer knows all of it already (a DocumentGraph carries its
document and officials), so it renders the row once: each GUARANTEES edge keeps its own in an `evidence`
property, and each Stance aggregate keeps those of its newest position edges (graph/kept.py); the hot reads
return them as they are, spliced into the response without parsing.

What is frozen in it: the document's title, outlet and URL change only with the document's text (an unchanged
document is never rewritten; a changed one has its edges replaced), and the speaker's and actors' names as the
codebook spelled them when the document was loaded.

The key order is the API's response models' (app/api/schemas.py `Evidence`, `GuaranteeOut`); a test holds them
equal. Encoded by pydantic-core, as the API encodes everything else, so spliced and encoded rows look alike.
"""

from __future__ import annotations

from typing import Any

from pydantic_core import to_json

from graph.model import DocumentGraph, Guarantee, Position, Provenance

EVIDENCE_FIELDS = ("relation", "doc", "title", "outlet", "url", "date", "sentence", "quote", "speaker",
                   "speaker_name", "confidence", "rule", "conditional_on")
GUARANTEE_FIELDS = ("guarantor", "guarantor_name", "beneficiary", "beneficiary_name", "status", "scope",
                    "proposed_by", "doc", "title", "outlet", "url", "date", "sentence", "quote", "speaker",
                    "speaker_name", "confidence", "rule")


def render(row: dict[str, Any], fields: tuple[str, ...] = EVIDENCE_FIELDS) -> str:
    """A source's JSON text: `fields` of `row` in order (a missing one is null)."""
    return to_json({k: row.get(k) for k in fields}).decode()


class Renderer:
    """Renders the sources of one document (its names looked up once)."""

    def __init__(self, graph: DocumentGraph) -> None:
        doc = graph.document
        self._doc = {"doc": doc.id, "title": doc.title, "outlet": doc.outlet, "url": doc.url}
        self._date = doc.date
        self._speakers = {o.id: o.name for o in graph.officials}
        self._actors = {a.id: a.name for a in graph.actors}

    def _source(self, prov: Provenance) -> dict[str, Any]:
        return {**self._doc, "date": prov.date or self._date, "sentence": prov.sentence, "quote": prov.quote,
                "speaker": prov.speaker, "speaker_name": self._speakers.get(prov.speaker or ""),
                "confidence": prov.confidence, "rule": prov.rule}

    def position(self, p: Position) -> str:
        return render({"relation": str(p.relation), **self._source(p.provenance),
                       "conditional_on": list(p.provenance.conditional_on)})

    def guarantee(self, g: Guarantee) -> str:
        return render({"guarantor": g.guarantor, "guarantor_name": self._actors.get(g.guarantor),
                       "beneficiary": g.beneficiary, "beneficiary_name": self._actors.get(g.beneficiary),
                       "status": str(g.status), "scope": g.scope, "proposed_by": g.proposed_by,
                       **self._source(g.provenance)}, GUARANTEE_FIELDS)
