"""Candidate positions of a document, each with the evidence a trained model weighs.

The rules read a sentence closely and are usually right when they speak, but real news states most
positions in ways no rule foresaw: across sentences ("The Russian demands fall into two categories … Chief
among them is …"), through a quotation's speaker, a paragraph's frame, a plan's author. So candidates are
generated generously — every actor the document links to a sentence that names a term (named in it, its
speaker, named in the sentences just before) × every term it names, from the codebook's patterns and from the
learned term detector — and described by features: how the actor is linked, where the two stand, what the
rules concluded, which cue words surround them, how prominent each is in the document. The stance model
(`loaders.stance_model`) decides which hold.

One candidate per (actor, canonical term): a term and its `opposite` share one id (as the scorer compares
them), and a term's negated wording counts as its opposite.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graph.vocabulary import FAVOUR_RELATIONS, MentionKind, Relation

if TYPE_CHECKING:
    from loaders.codebook import Codebook
    from loaders.extract import DocumentExtraction
    from loaders.speakers import SentenceView

Stance = str  # "favour" | "oppose"
FAVOUR, OPPOSE = "favour", "oppose"
TermDetections = Mapping[int, Mapping[str, float]]  # sentence index -> term -> probability
_RuleHit = tuple[str, str, float, tuple[str, ...]]  # relation, term as worded, confidence, conditional_on
_Read = tuple[str | None, str | None, float]  # a grammar reading: holder, stance (None: no stance), confidence
_WORDS = re.compile(r"[a-z][a-z'’-]*")
# How far back a holder named before the term's sentence may be, in sentences of the same paragraph.
CONTEXT_REACH = 2


@dataclass
class Candidate:
    actor: str
    term: str  # canonical: the smaller id of a term and its opposite
    features: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    sentences: dict[int, float] = field(default_factory=dict)  # sentence index -> how well it shows the pair
    # the rules' best finding per stance: (relation, term as worded, sentence, confidence, conditional_on)
    rule_relations: dict[Stance, tuple[str, str, int, float, tuple[str, ...]]] = field(default_factory=dict)


@dataclass(frozen=True)
class _TermHit:
    term: str
    start: int
    polarity: int
    learned: float  # the detector's probability; 0 for a codebook match


@dataclass(frozen=True)
class _ActorHit:
    actor: str
    start: int
    end: int
    how: str


class CandidateBuilder:
    """Turns one document's rule pass into candidates with features. Cue lexicons come from the codebook
    (`rules.yaml`, `stance_cues`)."""

    def __init__(self, codebook: Codebook, parties: tuple[str, ...] = (), fold: Mapping[str, str] | None = None
                 ) -> None:
        """`fold` (pack term -> core term): the document answers in core terms."""
        self.cb = codebook
        self.fold = fold
        self.cues = {name: re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE)
                     for name, words in codebook.lexicon.stance_cues.items() if words}
        self.parties = parties

    def says(self, text: str, cue: str) -> bool:
        """Whether `text` holds a cue word of the named kind (`stance_cues` in rules.yaml)."""
        rx = self.cues.get(cue)
        return rx is not None and rx.search(text) is not None

    # -- vocabulary ------------------------------------------------------------------------------------------
    def canonical(self, term: str, polarity: int = 1) -> tuple[str, int]:
        if self.fold is not None:
            return self.fold.get(term, term), polarity
        info = self.cb.terms.get(term)
        opposite = info.opposite if info else None
        if opposite and term > opposite:
            return opposite, -polarity
        return term, polarity

    # -- the document ----------------------------------------------------------------------------------------
    def build(self, run: DocumentExtraction, detections: TermDetections | None = None) -> list[Candidate]:
        """The document's candidates, each with its features."""
        views = run.views
        text = run.text
        actors = [self._actors(run, v) for v in views]
        terms = [self._terms(v, (detections or {}).get(v.index, {})) for v in views]
        n = max(1, len(views))
        mentions: Counter[str] = Counter(a.actor for found in actors for a in found)
        for view in views:
            if view.speaker is not None:
                mentions[view.speaker.actor] += 0
        term_count: Counter[str] = Counter(t.term for found in terms for t in found)
        first_seen: dict[str, float] = {}
        for i, named_here in enumerate(actors):
            for a in named_here:
                first_seen.setdefault(a.actor, i / n)
        actor_rank = {a: r for r, (a, _) in enumerate(mentions.most_common())}
        rules = self._rule_findings(run)
        readings = self._readings(run)
        rule_terms = Counter(t for (_, _, t) in rules)
        rule_actors = Counter(a for (_, a, _) in rules)
        rule_pairs = Counter((a, t) for (_, a, t) in rules)
        by_sentence: dict[int, list[tuple[str, str]]] = {}
        for at, held_by, held in rules:
            by_sentence.setdefault(at, []).append((held_by, held))
        out: dict[tuple[str, str], Candidate] = {}
        for i, view in enumerate(views):
            if not terms[i]:
                continue
            here_terms: dict[str, set[str]] = {}  # the rules' findings in this sentence: term -> actors
            here_actors: dict[str, set[str]] = {}  # and actor -> terms
            for held_by, held in by_sentence.get(view.index, ()):
                here_terms.setdefault(held, set()).add(held_by)
                here_actors.setdefault(held_by, set()).add(held)
            links = self._links(views, actors, i)
            for actor in here_actors:  # a holder only the rules resolved ("they", a plan)
                links.setdefault(actor, ["rules"])
            sentence = text[view.start:view.end]
            low = sentence.lower()
            cue_at = {name: [view.start + m.start() for m in rx.finditer(sentence)] for name, rx in self.cues.items()}
            cue_counts = {name: len(found) for name, found in cue_at.items()}
            named = actors[i]
            first_actor = min(named, key=lambda a: a.start).actor if named else None
            for term in sorted({t.term for t in terms[i]}):
                hits = [t for t in terms[i] if t.term == term]
                for actor, how in links.items():
                    cand = out.get((actor, term))
                    if cand is None:
                        cand = out[(actor, term)] = Candidate(actor, term)
                    f = cand.features
                    for h in how:
                        f["link:" + h] += 1
                    f["sentences"] += 1
                    f["first_actor"] += first_actor == actor
                    f["speaker"] += view.speaker is not None and view.speaker.actor == actor
                    f["negated_wording"] += any(t.polarity < 0 for t in hits)
                    if all(t.learned for t in hits):
                        f["learned_only"] += 1
                        f["learned_p"] = max(f["learned_p"], max(t.learned for t in hits))
                    else:
                        f["codebook_sentences"] += 1
                    for name, count in cue_counts.items():
                        f["cue:" + name] += count
                    f["question"] += low.rstrip(" \"'”’»)").endswith("?")
                    f["in_title"] += i < 2
                    own = [a for a in named if a.actor == actor]
                    # how well the sentence shows the pair: who is linked, and how surely the term is named
                    strength = 1.0 if own else 0.6 if (view.speaker and view.speaker.actor == actor) else 0.3
                    strength += max((0.5 if not t.learned else 0.5 * t.learned) for t in hits)
                    if own:
                        term_at = min(t.start for t in hits)
                        nearest = min(own, key=lambda a: abs(a.start - term_at))
                        low_end, high_start = min(nearest.end, term_at), max(nearest.start, term_at)
                        f["actor_before"] += nearest.start < term_at
                        f["near"] += high_start - low_end < 60
                        f["other_actor_between"] += any(a.actor != actor and low_end <= a.start < high_start
                                                        for a in named)
                        for name, places in cue_at.items():  # cue words between the actor and the term
                            f["gap_cue:" + name] += bisect_left(places, high_start) - bisect_left(places, low_end)
                        f["n_other_named"] += len({a.actor for a in named} - {actor})
                    for holder, stance, confidence in readings.get((view.index, term), ()):
                        whose = "none" if stance is None else "own" if holder == actor else \
                            "anonymous" if holder is None else "other"
                        key = f"read_{whose}" + ("" if stance is None else "_" + stance)
                        f[key] = max(f[key], confidence or 1.0)
                    rule = rules.get((view.index, actor, term))
                    if rule:
                        strength += 2.0
                        for stance, (relation, worded, confidence, conditions) in rule.items():
                            f["rule_" + stance] = max(f["rule_" + stance], confidence)
                            f["rule:" + relation] += 1
                            best = cand.rule_relations.get(stance)
                            if best is None or best[3] < confidence:
                                cand.rule_relations[stance] = (relation, worded, view.index, confidence, conditions)
                    claimed = bool(here_terms.get(term, set()) - {actor})
                    f["rule_other_actor_here"] += claimed
                    f["unclaimed_sentences"] += not claimed
                    if claimed:  # the rules gave the term here to someone else: poor evidence for this actor
                        strength -= 0.8
                    f["rule_this_actor_here"] += bool(here_actors.get(actor, set()) - {term})
                    cand.sentences[view.index] = max(cand.sentences.get(view.index, 0.0), strength)
        for (actor, term), cand in out.items():
            f = cand.features
            f["actor_mentions"] = mentions[actor]
            f["actor_rank"] = actor_rank.get(actor, 99)
            f["actor_first_seen"] = first_seen.get(actor, 1.0)
            f["term_mentions"] = term_count[term]
            f["actors_in_doc"] = len(mentions)
            f["terms_in_doc"] = len(term_count)
            f["rule_term_elsewhere"] = rule_terms[term] - rule_pairs[(actor, term)]
            f["rule_actor_elsewhere"] = rule_actors[actor] - rule_pairs[(actor, term)]
            f["party"] = actor in self.parties
            # the document answers in core terms (another process): its parties and its broader terms hold
            # positions at other rates, and the trees learn their own cut-offs for it (cross-validated F1:
            # on 534 documents, Russia–Ukraine at 0.35 0.556 -> 0.562, other processes at 0.35 0.463 -> 0.473)
            f["core_terms"] = self.fold is not None
            info = self.cb.terms.get(term)
            if info is not None:
                f["actor_is_beneficiary"] = info.beneficiary == actor
                f["actor_concedes"] = info.conceded_by == actor
            f["actor=" + (actor if actor in self.parties else "other")] = 1
            f["term=" + term] = 1
        return [out[key] for key in sorted(out)]

    # -- mentions --------------------------------------------------------------------------------------------
    @staticmethod
    def _actors(run: DocumentExtraction, view: SentenceView) -> list[_ActorHit]:
        hits = []
        for m in view.mentions:
            if m.kind == MentionKind.ACTOR:
                hits.append(_ActorHit(m.id, m.start, m.end, "named"))
            elif m.kind == MentionKind.OFFICIAL:
                official = run.officials.get(m.id)
                if official is not None and official.represents:
                    hits.append(_ActorHit(official.represents, m.start, m.end, "official"))
        return hits

    def _terms(self, view: SentenceView, learned: Mapping[str, float]) -> list[_TermHit]:
        hits = []
        for m in view.mentions:
            if m.kind == MentionKind.TERM:
                term, polarity = self.canonical(m.id, int(m.attrs.get("polarity", 1)))
                hits.append(_TermHit(term, m.start, polarity, 0.0))
        found = {h.term for h in hits}
        for term, p in learned.items():
            canonical, polarity = self.canonical(term)
            if canonical not in found:
                hits.append(_TermHit(canonical, view.start, polarity, p))
        return hits

    @staticmethod
    def _links(views: list[SentenceView], actors: list[list[_ActorHit]], i: int) -> dict[str, list[str]]:
        """Each actor the sentence can be about, and how: named in it, its speaker, or named (or speaking)
        in the sentences just before it in its paragraph."""
        view = views[i]
        links: dict[str, list[str]] = {}
        for a in actors[i]:
            links.setdefault(a.actor, []).append(a.how)
        if view.speaker is not None:
            links.setdefault(view.speaker.actor, []).append("speaker" if view.explicit_speaker else "speaker_spread")
        for back in range(1, CONTEXT_REACH + 1):
            j = i - back
            if j < 0 or (back > 1 and views[j].paragraph != view.paragraph):
                break
            for a in actors[j]:
                links.setdefault(a.actor, []).append(f"before{back}")
            earlier = views[j].speaker
            if earlier is not None:
                links.setdefault(earlier.actor, []).append("speaker_before")
        return links

    def _readings(self, run: DocumentExtraction) -> dict[tuple[int, str], list[_Read]]:
        """(sentence, canonical term) -> (holder, stance, confidence) of each grammar reading there; the stance
        is None where the term is named with no stance on it."""
        out: dict[tuple[int, str], list[_Read]] = {}
        for r in run.readings:
            if r.relation is None:
                term, stance = self.canonical(r.term)[0], None
            else:
                relation = Relation.REJECTS if r.relation == Relation.REJECTS else Relation.SUPPORTS
                term, stance = self.stance_of(relation, r.term, r.polarity)
            out.setdefault((r.sentence, term), []).append((r.holder, stance, r.confidence))
        return out

    def stance_of(self, relation: str, term: str, polarity: int = 1) -> tuple[str, Stance]:
        """The candidate term and stance a position on `term` with `relation` counts as (`polarity` -1: said of
        the term's negation)."""
        canonical, polarity = self.canonical(term, polarity)
        favour = (relation in FAVOUR_RELATIONS) == (polarity > 0)
        return canonical, FAVOUR if favour else OPPOSE

    def _rule_findings(self, run: DocumentExtraction) -> dict[tuple[int, str, str], dict[Stance, _RuleHit]]:
        """(sentence, actor, canonical term) -> stance -> the rules' best position there."""
        out: dict[tuple[int, str, str], dict[Stance, _RuleHit]] = {}
        for f in run.findings:
            if f.kind != "position":
                continue
            term, stance = self.stance_of(f.relation, f.obj)
            slot = out.setdefault((f.sentence, f.actor, term), {})
            if stance not in slot or slot[stance][2] < f.confidence:
                slot[stance] = (f.relation, f.obj, f.confidence, tuple(f.conditional_on))
        return out
