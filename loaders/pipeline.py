"""Documents → DocumentGraphs: the `Extractor` protocol and the rule-based extractor behind it.

Another extractor (an LLM one, say) only has to turn a `SourceDocument` into a `DocumentGraph`; the CLI,
the store and the API never see the difference.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Protocol

from graph.model import Document, DocumentGraph, Guarantee, Official, Position, Provenance
from graph.vocabulary import GuaranteeStatus, Relation
from loaders.agentive import agentive_findings
from loaders.candidates import FAVOUR, Candidate, CandidateBuilder
from loaders.codebook import Codebook, load_codebook
from loaders.documents import DocumentError, SourceDocument
from loaders.extract import DocumentExtraction, Finding
from loaders.mentions import Lexicon
from loaders.process import UnknownProcess, detect_process
from loaders.slots import slot_of
from loaders.stance_model import MODEL_PATH, ModelUnavailable, StanceModel
from loaders.unknown_actors import find_unknown

QUOTE_LIMIT = 600
RUSSIA_UKRAINE = "russia_ukraine"
log = logging.getLogger(__name__)
_STATUS_RANK: dict[str, int] = {GuaranteeStatus.PROPOSED: 0, GuaranteeStatus.WILLING: 1, GuaranteeStatus.DECLINED: 2}


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


@dataclass
class RulePass:
    """One document read by the rules: its process, the codebook it was read with (the process's view), the
    sentence-by-sentence pass and the positions and guarantees the rules found. What a later stage (the
    trained model, training itself) starts from."""

    process: str | None
    codebook: Codebook
    run: DocumentExtraction
    findings: list[Finding]


class RuleExtractor:
    """Deterministic, explainable extraction from the codebook's rules; each edge names the rule that fired."""

    def __init__(self, codebook_paths: tuple[Path, ...] = (), find_unknown: bool = False) -> None:
        self.find_unknown = find_unknown  # look for actors the codebook does not know (loading does)
        self.paths = tuple(Path(p) for p in codebook_paths)
        self.codebook: Codebook = load_codebook(self.paths)
        self.lexicon = _lexicon(self.paths)  # the core vocabulary's; each process has its own (below)

    def read(self, document: SourceDocument) -> RulePass:
        try:
            process = detect_process(document.text, self.codebook, document.meta.get("process")).process
        except UnknownProcess as exc:
            raise DocumentError(f"{document.path or document.id}: {exc}") from None
        lexicon = _lexicon(self.paths, process)
        run = DocumentExtraction(document.text, lexicon)
        return RulePass(process, lexicon.codebook, run, run.run() + agentive_findings(run, lexicon.codebook))

    def decide(self, rules: RulePass) -> list[Finding]:
        """The positions and guarantees to keep: the rules' own, here."""
        return rules.findings

    def extract(self, document: SourceDocument) -> DocumentGraph:
        rules = self.read(document)
        cb, run = rules.codebook, rules.run
        findings = self.decide(rules)
        slots = {id(f): slot_of(run, f, cb) for f in findings if f.kind == "position"}
        graph = self._graph(document, run, _fold(findings, cb), cb, rules.process, slots)
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
            actors=[cb.actor_node(a) for a in sorted(actor_ids) if a in cb.actors],
            officials=[Official(id=o.id, name=o.name, role=o.role, represents=o.represents)
                       for o in sorted(officials.values(), key=lambda o: o.id) if o.represents],
            terms=[cb.term_node(t) for t in sorted(term_ids) if t in cb.terms],
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


@cache
def stance_model(path: Path = MODEL_PATH) -> StanceModel | None:
    """The trained model, loaded once per process; None (with one warning) when it cannot be used."""
    try:
        return StanceModel.load(path)
    except ModelUnavailable as exc:
        log.warning("extraction falls back to the rules alone: %s", exc)
        return None


def make_extractor(codebook_paths: tuple[Path, ...] = (), find_unknown: bool = False) -> RuleExtractor:
    """The trained model over the rules when it is installed, else the rules alone."""
    model = stance_model()
    if model is None:
        return RuleExtractor(codebook_paths, find_unknown=find_unknown)
    return ModelExtractor(codebook_paths, model, find_unknown=find_unknown)


class ModelExtractor(RuleExtractor):
    """The rules' reading of each sentence, then a model trained on coded news deciding which candidate
    positions the document states (`loaders.candidates`, `loaders.stance_model`). Each edge's confidence is
    the model's calibrated probability; its evidence is the sentence that shows the pair best (the one the
    rules read it in, when they did); its rule says what the model weighed. Guarantees stay the rules'."""

    def __init__(self, codebook_paths: tuple[Path, ...], model: StanceModel, find_unknown: bool = False) -> None:
        super().__init__(codebook_paths, find_unknown=find_unknown)
        self.model = model

    def candidates(self, rules: RulePass) -> tuple[CandidateBuilder, list[Candidate]]:
        """The document's candidate positions, with the learned term detections of its vocabulary: the
        Russia–Ukraine pack's own terms, or for any other process the core terms."""
        builder = candidate_builder(rules, self.model.parties)
        detector = self.model.pack_detector if builder.fold is None else self.model.core_detector
        run = rules.run
        sentences = [run.text[v.start:v.end] for v in run.views]
        found = detector.detect(sentences, self.model.term_threshold) if detector is not None else []
        return builder, builder.build(run, {i: terms for i, terms in enumerate(found) if terms})

    def decide(self, rules: RulePass) -> list[Finding]:
        builder, candidates = self.candidates(rules)
        scored = {(cand.actor, cand.term): (favour, oppose) for cand, favour, oppose in self.model.score(candidates)}
        positions = self._rule_positions(builder, rules.findings, scored)
        spoken = {(f.actor, builder.stance_of(f.relation, f.obj)[0]) for f in positions}
        positions += [finding for cand in candidates if (cand.actor, cand.term) not in spoken
                      for finding in self._findings(builder, rules, cand, *scored[(cand.actor, cand.term)])]
        return positions + [f for f in rules.findings if f.kind == "guarantee"]

    @staticmethod
    def _rule_positions(builder: CandidateBuilder, findings: list[Finding],
                        scored: dict[tuple[str, str], tuple[float, float]]) -> list[Finding]:
        """The rules' positions, each with the model's probability as its confidence: where the rules read a
        sentence, their polarity and holder stand (they read negation and reported speech closely); the model
        says how likely the position is."""
        out = []
        for f in findings:
            if f.kind != "position":
                continue
            term, stance = builder.stance_of(f.relation, f.obj)
            favour, oppose = scored.get((f.actor, term), (f.confidence, f.confidence))
            p = favour if stance == FAVOUR else oppose
            out.append(replace(f, confidence=round(p, 3), rule=f"{f.rule} (stance model: {p:.2f})"))
        return out

    def _findings(self, builder: CandidateBuilder, rules: RulePass, cand: Candidate, favour: float, oppose: float
                  ) -> list[Finding]:
        run = rules.run
        out = []
        for stance, p in ((FAVOUR, favour), ("oppose", oppose)):
            if p < self.model.threshold_for(builder.fold is not None):
                continue
            rule = cand.rule_relations.get(stance)
            if rule is not None:
                relation, term, sentence, _, conditions = rule
                how = f"stance model, agreeing with the rules ({relation} in sentence {sentence + 1})"
            else:
                term, sentence, conditions = cand.term, self._best_sentence(cand), ()
                relation = self._relation(builder, run, cand, stance, sentence)
                how = "stance model: " + self._reasons(cand)
            if term not in rules.codebook.terms:
                continue
            view = run.views[sentence]
            speaker = view.speaker.official if view.speaker is not None and view.speaker.actor == cand.actor else None
            out.append(Finding("position", cand.actor, relation, term, sentence, (view.start, view.end), speaker,
                               round(p, 3), how, list(conditions)))
        return out

    @staticmethod
    def _best_sentence(cand: Candidate) -> int:
        return max(cand.sentences.items(), key=lambda item: (item[1], -item[0]))[0]

    @staticmethod
    def _relation(builder: CandidateBuilder, run: DocumentExtraction, cand: Candidate, stance: str, sentence: int
                  ) -> str:
        """REJECTS for an opposing stance; for a favouring one, DEMANDS or OFFERS when the sentence's cue
        words or the term's `conceded_by` say so, else SUPPORTS."""
        if stance != FAVOUR:
            return Relation.REJECTS
        info = builder.cb.terms.get(cand.term)
        text = run.text[run.views[sentence].start:run.views[sentence].end]
        if builder.says(text, "demand"):
            return Relation.DEMANDS
        if (info is not None and info.conceded_by == cand.actor) or builder.says(text, "offer"):
            return Relation.OFFERS
        return Relation.SUPPORTS

    @staticmethod
    def _reasons(cand: Candidate) -> str:
        f = cand.features
        links = sorted(k.split(":", 1)[1] for k, v in f.items() if k.startswith("link:") and v)
        return f"linked to the term by {', '.join(links) or 'context'} in {int(f['sentences'])} sentence(s)"


def core_folding(rules: RulePass) -> dict[str, str] | None:
    """Pack term -> core term for a document of an open process (it answers in core terms); None for the
    closed Russia–Ukraine pack, whose documents answer in its own terms."""
    cb = rules.codebook
    pack = cb.packs.get(rules.process or "")
    if pack is not None and pack.closed:
        return None
    return {t: str(info.core) for t, info in cb.terms.items() if info.core and t not in cb.core_terms}


def candidate_builder(rules: RulePass, parties: tuple[str, ...]) -> CandidateBuilder:
    """How a document's candidates are built, at run time and in training alike."""
    return CandidateBuilder(rules.codebook, parties, core_folding(rules))
