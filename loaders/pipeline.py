"""Documents → DocumentGraphs: the `Extractor` protocol and the rule-based extractor behind it.

Another extractor (an LLM one, say) only has to turn a `SourceDocument` into a `DocumentGraph`; the CLI,
the store and the API never see the difference.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Protocol

from graph.model import Actor, Document, DocumentGraph, Guarantee, Official, Position, Provenance, Term
from graph.vocabulary import ActorKind, GuaranteeStatus, Relation
from loaders.candidates import FAVOUR, Candidate, CandidateBuilder
from loaders.codebook import Codebook, load_codebook
from loaders.documents import SourceDocument
from loaders.extract import DocumentExtraction, Finding
from loaders.mentions import Lexicon
from loaders.stance_model import MODEL_PATH, ModelUnavailable, StanceModel

QUOTE_LIMIT = 600
RUSSIA_UKRAINE = ("RUS", "UKR")
log = logging.getLogger(__name__)
_STATUS_RANK = {"proposed": 0, "willing": 1, "declined": 2}


def _actor_kind(kind: str) -> ActorKind:
    return ActorKind(kind) if kind in tuple(ActorKind) else ActorKind.GROUP


class Extractor(Protocol):
    def extract(self, document: SourceDocument) -> DocumentGraph: ...


@cache
def lexicon_for(codebook_paths: tuple[Path, ...]) -> Lexicon:
    """The compiled codebook (built-in files plus `codebook_paths`), once per process."""
    return Lexicon.build(load_codebook(codebook_paths))


class RuleExtractor:
    """Deterministic, explainable extraction from the codebook's rules; each edge names the rule that fired."""

    def __init__(self, codebook_paths: tuple[Path, ...] = ()) -> None:
        self.lexicon = lexicon_for(tuple(Path(p) for p in codebook_paths))
        self.codebook: Codebook = self.lexicon.codebook

    def extract(self, document: SourceDocument) -> DocumentGraph:
        run = DocumentExtraction(document.text, self.lexicon)
        findings = run.run()
        return self._graph(document, run, findings)

    def _provenance(self, document: SourceDocument, f: Finding, speakers: set[str]) -> Provenance:
        quote = document.text[f.span[0]:f.span[1]].strip()
        if len(quote) > QUOTE_LIMIT:
            quote = quote[: QUOTE_LIMIT - 1] + "…"
        return Provenance(doc=document.id, sentence=f.sentence, span=f.span, quote=quote,
                          speaker=f.speaker if f.speaker in speakers else None, date=document.meta.get("date"),
                          confidence=max(0.0, min(1.0, f.confidence)), rule=f.rule,
                          conditional_on=[t for t in f.conditional_on if t != f.obj])

    def _graph(self, document: SourceDocument, run: DocumentExtraction, findings: list[Finding]) -> DocumentGraph:
        cb = self.codebook
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
                              language=meta.get("language"), sha256=document.sha256, text=document.text),
            actors=[Actor(id=a, name=cb.actors[a].name, kind=_actor_kind(cb.actors[a].kind),
                          aliases=list(cb.actors[a].aliases))
                    for a in sorted(actor_ids) if a in cb.actors],
            officials=[Official(id=o.id, name=o.name, role=o.role, represents=o.represents)
                       for o in sorted(officials.values(), key=lambda o: o.id) if o.represents],
            terms=[Term(id=t, label=cb.terms[t].label, category=cb.terms[t].category,
                        definition=cb.terms[t].definition, opposite=cb.terms[t].opposite)
                   for t in sorted(term_ids) if t in cb.terms],
            positions=[Position(actor=f.actor, relation=Relation(f.relation), term=f.obj,
                                provenance=self._provenance(document, f, speakers))
                       for f in positions.values() if f.actor in cb.actors],
            guarantees=[Guarantee(guarantor=f.actor, beneficiary=f.obj, status=GuaranteeStatus(f.relation),
                                  scope=f.scope,
                                  proposed_by=f.proposed_by if f.proposed_by != f.actor else None,
                                  provenance=self._provenance(document, f, speakers))
                        for f in guarantees.values() if f.actor in cb.actors and f.obj in cb.actors],
        )


@cache
def stance_model(path: Path = MODEL_PATH) -> StanceModel | None:
    """The trained model, loaded once per process; None (with one warning) when it cannot be used."""
    try:
        return StanceModel.load(path)
    except ModelUnavailable as exc:
        log.warning("extraction falls back to the rules alone: %s", exc)
        return None


def make_extractor(codebook_paths: tuple[Path, ...] = ()) -> RuleExtractor:
    """The trained model over the rules when it is installed, else the rules alone."""
    model = stance_model()
    return ModelExtractor(codebook_paths, model) if model is not None else RuleExtractor(codebook_paths)


class ModelExtractor(RuleExtractor):
    """The rules' reading of each sentence, then a model trained on coded news deciding which candidate
    positions the document states (`loaders.candidates`, `loaders.stance_model`). Each edge's confidence is
    the model's calibrated probability; its evidence is the sentence that shows the pair best (the one the
    rules read it in, when they did); its rule says what the model weighed. Guarantees stay the rules'."""

    def __init__(self, codebook_paths: tuple[Path, ...], model: StanceModel) -> None:
        super().__init__(codebook_paths)
        self.model = model
        self.builder = CandidateBuilder(self.codebook, model.parties)

    def extract(self, document: SourceDocument) -> DocumentGraph:
        run = DocumentExtraction(document.text, self.lexicon)
        rule_findings = run.run()
        russia_ukraine = self._russia_ukraine(run)
        detector = self.model.pack_detector if russia_ukraine else self.model.core_detector
        sentences = [run.text[v.start:v.end] for v in run.views]
        found = detector.detect(sentences, self.model.term_threshold) if detector is not None else []
        detections = {i: terms for i, terms in enumerate(found) if terms}
        fold = None if russia_ukraine else self._known_parents()
        candidates = self.builder.build(run, detections, fold)
        scored = {(cand.actor, cand.term): (favour, oppose) for cand, favour, oppose in self.model.score(candidates)}
        positions = self._rule_positions(rule_findings, scored)
        spoken = {(f.actor, self.builder.stance_of(f.relation, f.obj)[0]) for f in positions}
        positions += [finding for cand in candidates if (cand.actor, cand.term) not in spoken
                      for finding in self._findings(run, cand, *scored[(cand.actor, cand.term)])]
        guarantees = [f for f in rule_findings if f.kind == "guarantee"]
        return self._graph(document, run, positions + guarantees)

    def _rule_positions(self, findings: list[Finding], scored: dict[tuple[str, str], tuple[float, float]]
                        ) -> list[Finding]:
        """The rules' positions, each with the model's probability as its confidence: where the rules read a
        sentence, their polarity and holder stand (they read negation and reported speech closely); the model
        says how likely the position is."""
        out = []
        for f in findings:
            if f.kind != "position":
                continue
            term, stance = self.builder.stance_of(f.relation, f.obj)
            favour, oppose = scored.get((f.actor, term), (f.confidence, f.confidence))
            p = favour if stance == FAVOUR else oppose
            out.append(replace(f, confidence=round(p, 3), rule=f"{f.rule} (stance model: {p:.2f})"))
        return out

    def _known_parents(self) -> dict[str, str]:
        """Pack terms folded to core terms the codebook knows (a core term it lacks cannot be stored)."""
        return {t: core for t, core in self.model.parents.items() if core in self.codebook.terms}

    @staticmethod
    def _russia_ukraine(run: DocumentExtraction) -> bool:
        """Whether the document is about the Russia–Ukraine talks: Russia or Ukraine among the two actors it
        names most."""
        counts: Counter[str] = Counter()
        for view in run.views:
            for m in view.mentions:
                if m.kind == "actor":
                    counts[m.id] += 1
                elif m.kind == "official" and m.id in run.officials and run.officials[m.id].represents:
                    counts[str(run.officials[m.id].represents)] += 1
        return any(actor in RUSSIA_UKRAINE for actor, _ in counts.most_common(2))

    def _findings(self, run: DocumentExtraction, cand: Candidate, favour: float, oppose: float) -> list[Finding]:
        out = []
        for stance, p in ((FAVOUR, favour), ("oppose", oppose)):
            if p < self.model.threshold:
                continue
            rule = cand.rule_relations.get(stance)
            if rule is not None:
                relation, term, sentence, _, conditions = rule
                how = f"stance model, agreeing with the rules ({relation} in sentence {sentence + 1})"
            else:
                term, sentence, conditions = cand.term, self._best_sentence(cand), ()
                relation = self._relation(run, cand, stance, sentence)
                how = "stance model: " + self._reasons(cand)
            if term not in self.codebook.terms:
                continue
            view = run.views[sentence]
            speaker = view.speaker.official if view.speaker is not None and view.speaker.actor == cand.actor else None
            out.append(Finding("position", cand.actor, relation, term, sentence, (view.start, view.end), speaker,
                               round(p, 3), how, list(conditions)))
        return out

    @staticmethod
    def _best_sentence(cand: Candidate) -> int:
        return max(cand.sentences.items(), key=lambda item: (item[1], -item[0]))[0]

    def _relation(self, run: DocumentExtraction, cand: Candidate, stance: str, sentence: int) -> str:
        """REJECTS for an opposing stance; for a favouring one, DEMANDS or OFFERS when the sentence's cue
        words or the term's `conceded_by` say so, else SUPPORTS."""
        if stance != FAVOUR:
            return "REJECTS"
        info = self.codebook.terms.get(cand.term)
        text = run.text[run.views[sentence].start:run.views[sentence].end]
        if self.builder.says(text, "demand"):
            return "DEMANDS"
        if (info is not None and info.conceded_by == cand.actor) or self.builder.says(text, "offer"):
            return "OFFERS"
        return "SUPPORTS"

    @staticmethod
    def _reasons(cand: Candidate) -> str:
        f = cand.features
        links = sorted(k.split(":", 1)[1] for k, v in f.items() if k.startswith("link:") and v)
        return f"linked to the term by {', '.join(links) or 'context'} in {int(f['sentences'])} sentence(s)"
