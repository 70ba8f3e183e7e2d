"""Documents → DocumentGraphs: the `Extractor` protocol and the rule-based extractor behind it.

Another extractor (an LLM one, say) only has to turn a `SourceDocument` into a `DocumentGraph`; the CLI,
the store and the API never see the difference.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Protocol

from graph.model import Actor, Document, DocumentGraph, Guarantee, Official, Position, Provenance, Term
from graph.vocabulary import ActorKind, GuaranteeStatus, Relation
from loaders.agentive import agentive_findings
from loaders.codebook import Codebook, load_codebook
from loaders.documents import DocumentError, SourceDocument
from loaders.extract import DocumentExtraction, Finding
from loaders.mentions import Lexicon
from loaders.process import UnknownProcess, detect_process
from loaders.slots import slot_of
from loaders.unknown_actors import find_unknown

QUOTE_LIMIT = 600
_STATUS_RANK = {"proposed": 0, "willing": 1, "declined": 2}


def _actor_kind(kind: str) -> ActorKind:
    return ActorKind(kind) if kind in tuple(ActorKind) else ActorKind.GROUP


class Extractor(Protocol):
    def extract(self, document: SourceDocument) -> DocumentGraph: ...


@cache
def lexicon_for(codebook_paths: tuple[Path, ...]) -> Lexicon:
    """The compiled codebook (built-in files plus `codebook_paths`) with every term of the core and of every
    pack, once per process."""
    return Lexicon.build(load_codebook(codebook_paths))


@cache
def _lexicon(codebook_paths: tuple[Path, ...], process: str | None = None) -> Lexicon:
    """The compiled codebook a document of `process` is read with (`Codebook.view`), once per process."""
    return Lexicon.build(load_codebook(codebook_paths).view(process))


class RuleExtractor:
    """Deterministic, explainable extraction from the codebook's rules; each edge names the rule that fired."""

    def __init__(self, codebook_paths: tuple[Path, ...] = (), find_unknown: bool = False) -> None:
        self.find_unknown = find_unknown  # look for actors the codebook does not know (loading does)
        self.paths = tuple(Path(p) for p in codebook_paths)
        self.codebook: Codebook = load_codebook(self.paths)
        self.lexicon = _lexicon(self.paths)  # the core vocabulary's; each process has its own (below)

    def extract(self, document: SourceDocument) -> DocumentGraph:
        try:
            process = detect_process(document.text, self.codebook, document.meta.get("process")).process
        except UnknownProcess as exc:
            raise DocumentError(f"{document.path or document.id}: {exc}") from None
        lexicon = _lexicon(self.paths, process)
        run = DocumentExtraction(document.text, lexicon)
        findings = run.run() + agentive_findings(run, lexicon.codebook)
        slots = {id(f): slot_of(run, f, lexicon.codebook) for f in findings if f.kind == "position"}
        graph = self._graph(document, run, _fold(findings, lexicon.codebook), lexicon.codebook, process, slots)
        if self.find_unknown:
            found = find_unknown(document.text, self.codebook)
            graph.document.unknown_names = [c.name for c in found]
            graph.document.unknown_kinds = [c.kind for c in found]
            graph.document.unknown_counts = [c.mentions for c in found]
        return graph

    def _provenance(self, document: SourceDocument, f: Finding, speakers: set[str], slot: str | None = None
                    ) -> Provenance:
        quote = document.text[f.span[0]:f.span[1]].strip()
        if len(quote) > QUOTE_LIMIT:
            quote = quote[: QUOTE_LIMIT - 1] + "…"
        return Provenance(doc=document.id, sentence=f.sentence, span=f.span, quote=quote,
                          speaker=f.speaker if f.speaker in speakers else None, date=document.meta.get("date"),
                          confidence=max(0.0, min(1.0, f.confidence)), rule=f.rule,
                          conditional_on=[t for t in f.conditional_on if t != f.obj], slot=slot)

    def _graph(self, document: SourceDocument, run: DocumentExtraction, findings: list[Finding], cb: Codebook,
               process: str | None, slots: dict[int, str | None]) -> DocumentGraph:
        officials = {o.id: o for o in run.officials.values() if o.represents in cb.actors}
        positions: dict[tuple[str, str, str, int], Finding] = {}
        guarantees: dict[tuple[str, str, int], Finding] = {}
        for f in findings:
            if f.kind == "position":
                key = (f.actor, f.relation, f.obj, f.sentence)
                if key not in positions or positions[key].confidence < f.confidence:
                    positions[key] = f
            else:
                key3 = (f.actor, f.obj, f.sentence)
                old = guarantees.get(key3)
                if old is None or _STATUS_RANK[f.relation] > _STATUS_RANK[old.relation]:
                    guarantees[key3] = f
        actor_ids = set(run.mentioned_actors) | {o.represents for o in officials.values() if o.represents}
        term_ids = set(run.mentioned_terms)
        for f in positions.values():
            actor_ids.add(f.actor)
            term_ids.add(f.obj)
            term_ids.update(f.conditional_on)
        for f in guarantees.values():
            actor_ids.update(a for a in (f.actor, f.obj, f.proposed_by) if a)
            if f.scope:
                term_ids.add(f.scope)
        speakers = set(officials)
        meta = document.meta
        return DocumentGraph(
            document=Document(id=document.id, title=meta.get("title"), outlet=meta.get("outlet"),
                              author=meta.get("author"), url=meta.get("url"), date=meta.get("date"),
                              language=meta.get("language"), sha256=document.sha256, text=document.text,
                              process=process),
            actors=[Actor(id=a, name=cb.actors[a].name, kind=_actor_kind(cb.actors[a].kind),
                          aliases=list(cb.actors[a].aliases))
                    for a in sorted(actor_ids) if a in cb.actors],
            officials=[Official(id=o.id, name=o.name, role=o.role, represents=o.represents)
                       for o in sorted(officials.values(), key=lambda o: o.id) if o.represents],
            terms=[Term(id=t, label=cb.terms[t].label, category=cb.terms[t].category,
                        definition=cb.terms[t].definition, opposite=cb.terms[t].opposite,
                        core=cb.core_of(t) if cb.core_of(t) != t else None)
                   for t in sorted(term_ids) if t in cb.terms],
            positions=[Position(actor=f.actor, relation=Relation(f.relation), term=f.obj,
                                provenance=self._provenance(document, f, speakers, slots.get(id(f))))
                       for f in positions.values() if f.actor in cb.actors],
            guarantees=[Guarantee(guarantor=f.actor, beneficiary=f.obj, status=GuaranteeStatus(f.relation),
                                  scope=f.scope,
                                  proposed_by=f.proposed_by if f.proposed_by != f.actor else None,
                                  provenance=self._provenance(document, f, speakers))
                        for f in guarantees.values() if f.actor in cb.actors and f.obj in cb.actors],
        )


def _fold(findings: list[Finding], cb: Codebook) -> list[Finding]:
    """An organ's positions are its organisation's (UNSC: UN). A document of an open process (or of none)
    answers in core terms: its pack's own terms become their core parents (the slot still comes from the pack
    term, see `loaders.slots`). A closed pack keeps its ids."""
    for f in findings:  # an organ speaks for its organisation
        speaks_for = cb.actors[f.actor].speaks_for if f.actor in cb.actors else None
        if speaks_for in cb.actors:
            f.actor = str(speaks_for)
    pack = cb.packs.get(cb.process or "")
    if pack is not None and pack.closed:
        return findings
    for f in findings:
        if f.kind == "position" and f.obj not in cb.core_terms:
            f.obj = cb.terms[f.obj].core or f.obj if f.obj in cb.terms else f.obj
    return findings
