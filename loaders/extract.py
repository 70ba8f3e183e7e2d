"""Sentences → positions: the document's pass over mentions, speakers, the parse, stances and guarantees.

The stages, in order: mentions (loaders.mentions: actors, officials, terms by pattern, speech cues), officials
named by role (loaders.officials), speakers of reported speech and quotations, then only for the sentences
that can hold a position the parse (loaders.parse), terms said in other words (loaders.concepts), and the
stances read over the tree (loaders.stances). Here they are tied together: holders are resolved to actors, a
stance on a guarantee wording becomes a guarantor's readiness or refusal, conditions are recorded in
`conditional_on`, and guarantor lists become GUARANTEES findings. The rules are the codebook's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial

from graph.vocabulary import FAVOUR_RELATIONS, GuaranteeStatus, MentionKind, Relation, StanceClass
from loaders.codebook import Codebook, TermInfo
from loaders.concepts import ConceptMatch
from loaders.guarantor_lists import NameLists, coalition_members
from loaders.holders import Holder, ParsedSentence, SentenceContext
from loaders.mentions import Lexicon, Mention, find_mentions
from loaders.officials import FoundOfficial, find_officials
from loaders.parse import parse
from loaders.sentences import paragraph_ids, split_sentences
from loaders.speakers import SentenceView, Speakers
from loaders.stances import Stance, StanceReader

_QUOTE = re.compile(r"“[^”]*”?|\"[^\"\n]*\"?")
_WORD = re.compile(r"[\w'’-]+")


@dataclass(slots=True)
class Finding:
    kind: str  # "position" | "guarantee"
    actor: str
    relation: str  # DEMANDS/OFFERS/SUPPORTS/REJECTS, or the guarantee status
    obj: str  # term id, or the beneficiary actor id
    sentence: int
    span: tuple[int, int]
    speaker: str | None
    confidence: float
    rule: str  # for people: how the finding was read (shown with the position)
    conditional_on: list[str] = field(default_factory=list)
    proposed_by: str | None = None
    scope: str | None = None
    condition: bool = False  # a condition the holder sets ("… if X"), not a stance of its own
    plan_voice: bool = False  # read from the author of the plan being described: the plan is still the topic
    agentive: bool = False  # held by the agent of the term's own verb (loaders.agentive)


@dataclass(frozen=True, slots=True)
class Reading:
    """What the grammar read about one term in one sentence, holder resolved or not: the stance model weighs
    these where the rules could not name a holder (and where they read no stance at all)."""

    sentence: int
    term: str
    relation: str | None  # a stance class; None: the term is named with no stance on it
    polarity: int
    holder: str | None
    confidence: float


@dataclass(slots=True)
class Discourse:
    """What earlier sentences leave to later ones, created by `run()` and handed to each sentence's reading."""

    holder: Holder | None = None  # the holder of the last sentence that had one ("he", "it" may stand for it)
    plan: tuple[list[Holder], int] | None = None  # the named authors of the plan being described, and where
    group: tuple[list[Holder], int] | None = None  # the parties last named together ("they"), and where
    last_terms: list[str] = field(default_factory=list)  # the terms of the last sentence stating positions
    last_asked: list[str] = field(default_factory=list)  # what that sentence asked for ("the conditions")


class DocumentExtraction:
    """One document's pass: officials, speakers, then positions and guarantees sentence by sentence."""

    def __init__(self, text: str, lex: Lexicon) -> None:
        self.text = text
        self.lex = lex
        self.cb: Codebook = lex.codebook
        self.officials: dict[str, FoundOfficial] = {}
        self.findings: list[Finding] = []
        self.mentioned_actors: set[str] = set()
        self.mentioned_terms: set[str] = set()
        self.readings: list[Reading] = []
        rules = self.cb.lexicon
        self.question_endings = tuple(rules.question_endings)
        self.speakers = Speakers(text, self.officials, frozenset(p.lower() for p in rules.prepositions),
                                 lex.regexes.get("transcript_headers"),
                                 self.cb.rule_regex_list(rules.interview.question),
                                 self.cb.rule_regex_list(rules.interview.answer), lex.grammar.confidence.they)
        self.speculation_factor = rules.speculation.factor
        self.grammar = lex.grammar
        self.plan_reach = rules.grammar.plan_reach
        g = rules.guarantee_lists
        self.lists = NameLists(text, self.cb, frozenset(w.lower() for w in g.continue_))
        self.default_guarantee_term = g.default_term
        self.guarantee_topic = [w.lower() for w in g.topic]

    # -- set-up -----------------------------------------------------------------------------------------------
    def run(self) -> list[Finding]:
        spans = split_sentences(self.text)
        mentions = find_mentions(self.text, self.lex, spans)
        paragraphs = paragraph_ids(self.text, spans)
        quotes = [(m.start(), m.end()) for m in _QUOTE.finditer(self.text)]
        views: list[SentenceView] = []
        cursor = 0
        for i, ((start, end), para) in enumerate(zip(spans, paragraphs, strict=True)):
            own = []
            while cursor < len(mentions) and mentions[cursor].start < end:
                if mentions[cursor].start >= start:
                    own.append(mentions[cursor])
                cursor += 1
            quoted = [(max(s, start), min(e, end)) for s, e in quotes if s < end and e > start]
            views.append(SentenceView(i, start, end, para, own, quoted))
        self._register_officials(views)
        self.speakers.find(views)
        concepts = self.lex.concepts
        lows = [self.text[v.start:v.end].lower() for v in views]
        worded = {v.index for v in views if concepts is not None and concepts.may_say(lows[v.index])}
        # parsed: sentences naming a term, a concept's telling word, or a plan together with an actor
        candidates = [v for v in views if v.index in worded
                      or any(m.kind in (MentionKind.TERM, MentionKind.TERM_ANAPHORA, MentionKind.TERM_LIST_ANAPHORA)
                             for m in v.mentions)
                      or (concepts is not None and concepts.may_name_plan(lows[v.index])
                          and any(m.kind in (MentionKind.ACTOR, MentionKind.OFFICIAL) for m in v.mentions))]
        docs = dict(zip((v.index for v in candidates),
                        parse([self.text[v.start:v.end] for v in candidates]), strict=True))
        if concepts is not None:
            for view in candidates:
                if view.index in worded:
                    self._add_concepts(view, concepts.find(docs[view.index]))
        self.views, self.parsed = views, docs
        discourse = Discourse()
        for view in views:
            if view.index not in docs:
                self._note_group(view, discourse)
            if view.index in docs:
                self._parsed_positions(view, ParsedSentence(docs[view.index], view.start, view.mentions), discourse)
            self._guarantees(view)
            if self.text[view.start:view.end].rstrip(" \"'”’»)").endswith(self.question_endings):
                # "Will Germany deliver the Taurus?", "would Washington act as a backstop?": asked, not stated
                self.findings = [f for f in self.findings if f.sentence != view.index]
        for m in (m for view in views for m in view.mentions):
            if m.kind == MentionKind.ACTOR:
                self.mentioned_actors.add(m.id)
            elif m.kind == MentionKind.TERM:
                self.mentioned_terms.add(m.id)
        return self.findings

    def _register_officials(self, views: list[SentenceView]) -> None:
        """Turn role-cued names into official mentions; remember each official with the role the text gives."""
        for view in views:
            known = [m for m in view.mentions if m.kind == MentionKind.OFFICIAL]
            actors = [m for m in view.mentions if m.kind == MentionKind.ACTOR]
            for found in find_officials(self.text, (view.start, view.end), known, actors, self.cb):
                if found.represents is None:
                    continue
                previous = self.officials.get(found.id)
                if previous is None or (found.role and not previous.role):
                    self.officials[found.id] = found
                if not any(m.kind == MentionKind.OFFICIAL and m.start == found.start for m in view.mentions):
                    view.mentions = [m for m in view.mentions if not (
                        m.start < found.end and found.start < m.end
                        and m.kind in (MentionKind.ACTOR, MentionKind.OFFICIAL_ANAPHORA))]
                    view.mentions.append(Mention(MentionKind.OFFICIAL, found.start, found.end, found.id))
                    view.mentions.sort(key=lambda m: m.start)

    def _terms_of(self, view: SentenceView, discourse: Discourse) -> list[Mention]:
        """Term mentions, with "do so" / "the idea" standing for the last term named before it, and "these
        conditions" for the terms of the last sentence that stated positions."""
        out: list[Mention] = []
        for m in view.mentions:
            if m.kind == MentionKind.TERM:
                out.append(m)
            elif m.kind == MentionKind.TERM_ANAPHORA and (out or discourse.last_terms):
                last = out[-1].id if out else discourse.last_terms[-1]
                out.append(Mention(MentionKind.TERM, m.start, m.end, last, {"polarity": 1, "anaphora": True}))
            elif m.kind == MentionKind.TERM_LIST_ANAPHORA:
                out += [Mention(MentionKind.TERM, m.start, m.end, t, {"polarity": 1, "anaphora": True})
                        for t in discourse.last_asked or discourse.last_terms]
        return out

    def _object_pronouns(self, parsed: ParsedSentence, reader: StanceReader) -> list[Mention]:
        """"Washington supports a ceasefire, but Moscow opposes it": a pronoun that is the object of a stance
        predicate stands for the last term named before it in the sentence."""
        out: list[Mention] = []
        terms = [m for m in parsed.mentions if m.kind == MentionKind.TERM]
        words = set(_WORD.findall(parsed.doc.text.lower()))
        if not terms or words.isdisjoint(self.grammar.object_anaphora):
            return out
        for tok in parsed.doc:
            if tok.lower_ not in self.grammar.object_anaphora or tok.dep_ not in ("dobj", "pobj"):
                continue
            before = [m for m in terms if m.end <= parsed.offset + tok.idx]
            governor = tok.head.head if tok.dep_ == "pobj" else tok.head
            if before and reader.classify(governor) is not None:
                start = parsed.offset + tok.idx
                out.append(Mention(MentionKind.TERM, start, start + len(tok), before[-1].id,
                                   {"polarity": 1, "anaphora": True}))
        return out

    def _add_concepts(self, view: SentenceView, found: list[ConceptMatch]) -> None:
        """Terms said in other words, found over the parse, where no pattern found a term already, or only
        the general term they refine ("the ceasefire would be monitored": monitoring, not the ceasefire)."""
        terms = [m for m in view.mentions if m.kind == MentionKind.TERM]
        for c in sorted(found, key=lambda c: c.start_char - c.end_char):
            m = Mention(MentionKind.TERM, view.start + c.start_char, view.start + c.end_char, c.term,
                        {"polarity": c.polarity, "anchor": c.head})
            overlapping = [t for t in terms if m.overlaps(t)]
            general = self.cb.terms[c.term].specialises if c.term in self.cb.terms else None
            if overlapping and not all(t.id == general and "anchor" not in t.attrs for t in overlapping):
                continue
            for t in overlapping:
                terms.remove(t)
                view.mentions.remove(t)
            terms.append(m)
            view.mentions.append(m)
        view.mentions.sort(key=lambda m: m.start)

    def _parsed_positions(self, view: SentenceView, parsed: ParsedSentence, d: Discourse) -> None:
        """Every term of the sentence read over its parse; what it leaves to the next sentences goes to `d`."""
        plan = d.plan[0] if d.plan and view.index - d.plan[1] <= self.plan_reach else []
        context = SentenceContext(speaker=view.speaker, resolve=lambda m: self.speakers.mention_holder(m, view),
                                  plan_author=plan, described_plan=plan,
                                  last_holder=d.holder or view.speaker, members=partial(coalition_members, self.cb),
                                  conceder=lambda t: self.cb.terms[t].conceded_by if t in self.cb.terms else None)
        reader = StanceReader(self.grammar, parsed, context)
        waiting: list[tuple[Mention, Stance]] = []
        if d.group is not None and view.index - d.group[1] <= self.plan_reach:
            context.group = d.group[0]
        group = reader.groups()
        if group:
            d.group = (group, view.index)
            context.group = group
        author = reader.plan_author()
        if author:
            d.plan = (author, view.index)
            context.plan_author = author
            context.described_plan = []  # a sentence that names a plan introduces or answers it
        elif d.plan is not None and reader.new_unowned_plan():
            d.plan = None  # "under a draft deal, …": another plan, whose author is not named
            context.plan_author = context.described_plan = []
        for term in self._terms_of(view, d) + self._object_pronouns(parsed, reader):
            info = self.cb.terms[term.id]
            if info.agent_variants or info.agents:
                agent = reader.agent(term)
                variant = info.agent_variants.get(agent.actor) if agent is not None else None
                if variant in self.cb.terms:
                    term = Mention(MentionKind.TERM, term.start, term.end, variant, dict(term.attrs))
                    info = self.cb.terms[variant]
                if agent is not None and info.agents and agent.actor in self.cb.actors \
                        and agent.actor not in info.agents:
                    continue  # "if Finland joins NATO", "NATO forces withdraw": another actor's, not this term
            stances = reader.read(term)
            read = [Reading(view.index, term.id, s.relation, s.polarity, s.holder.actor or None, s.confidence)
                    for s in stances]
            self.readings += read or [Reading(view.index, term.id, None, 0, None, 0)]
            providers = reader.agents(term) if term.attrs.get("provider") else []
            for stance in stances:
                if stance.holder.actor:
                    self._emit_stance(view, term, stance, providers)
                else:
                    waiting.append((term, stance))
            self._named_guarantors(view, term, reader, stances)
            if stances:
                view.holder = view.holder or next((s.holder for s in stances if s.holder.actor), None)
        self._keep_specific([f for f in self.findings if f.sentence == view.index and f.kind == "position"])
        if d.plan is not None and any(f.sentence == view.index and f.plan_voice
                                          for f in self.findings):
            d.plan = (d.plan[0], view.index)  # the plan is still being described
        stated = list(dict.fromkeys(f.obj for f in self.findings if f.sentence == view.index and f.kind == "position"
                                    and not f.condition))
        if stated:
            d.last_terms = stated
        main = next((f for f in self.findings if f.sentence == view.index and f.kind == "position"
                     and not f.condition), None)
        for term, stance in waiting:  # a condition whose holder is the sentence's main holder
            if main is not None:
                stance.holder = Holder(main.actor, None, self.grammar.confidence.main_holder,
                                       "main holder of the sentence")
                self._emit_stance(view, term, stance)
        self._link_conditions(view)
        if stated:  # "Kyiv dismissed the conditions": what that sentence asked for, conditions included
            d.last_asked = list(dict.fromkeys(f.obj for f in self.findings if f.sentence == view.index
                                              and f.kind == "position" and f.relation == Relation.DEMANDS))
        d.holder = view.holder or d.holder

    def _named_guarantors(self, view: SentenceView, term: Mention, reader: StanceReader,
                          stances: list[Stance]) -> None:
        info = self.cb.terms[term.id]
        if not info.beneficiary or (not self._guarantee_group(term.id) and not info.specialises):
            return
        holders = {s.holder.actor for s in stances} | ({view.speaker.actor} if view.speaker else set())
        for guarantor, own in reader.guarantors(term):
            if guarantor.actor == info.beneficiary:
                continue
            status = GuaranteeStatus.WILLING if own or guarantor.actor in holders else GuaranteeStatus.PROPOSED
            proposer = next((s.holder.actor for s in stances if s.holder.actor not in ("", guarantor.actor)), None)
            self._add_guarantee(view, guarantor.actor, info.beneficiary, status, guarantor.official,
                                self.grammar.confidence.named_on_guarantee,
                                f"named on the guarantee ({'own' if own else 'named by others'})",
                                proposed_by=proposer, scope=term.id)

    _LIST_GAP = re.compile(r"\s*(?:,|,?\s+and|&)\s+(?:the\s+)?", re.I)

    def _note_group(self, view: SentenceView, discourse: Discourse) -> None:
        """An unparsed sentence may still name a group that a later "they" stands for ("Estonia, Latvia and
        Lithuania met …"): a run of actor names joined by commas and "and"."""
        actors = [m for m in view.mentions if m.kind == MentionKind.ACTOR and not m.attrs.get("possessive")
                  and not m.attrs.get("demonym")]
        best: list[Mention] = []
        run: list[Mention] = []
        for m in actors:
            if run and self._LIST_GAP.fullmatch(self.text[run[-1].end:m.start]):
                run.append(m)
            else:
                run = [m]
            if len(run) > len(best):
                best = list(run)
        if len(best) > 1:
            group = [Holder(a, None, 1.0, "named together") for a in dict.fromkeys(m.id for m in best)]
            discourse.group = (group, view.index)

    def _emit_stance(self, view: SentenceView, term: Mention, stance: Stance, providers: list[Holder] | None = None
                     ) -> None:
        info = self.cb.terms[term.id]
        holder = stance.holder
        term_id, rel = self._resolve(info, stance.relation, stance.polarity, holder.actor,
                                     generic=bool(term.attrs.get("generic")))
        confidence = stance.confidence * holder.factor
        if any(m.kind == MentionKind.SPECULATION for m in view.mentions):
            confidence *= self.speculation_factor  # analysts' guesses are kept, with less weight
        confidence = round(confidence, 3)
        beneficiary = self.cb.terms[term_id].beneficiary
        named = [p for p in providers or [] if p.actor and p.actor != beneficiary]
        if named and holder.actor not in {p.actor for p in named}:
            # "Russia demanded that China be among the guarantors": China is named, by Russia
            if rel in FAVOUR_RELATIONS and beneficiary:
                for p in named:
                    self._add_guarantee(view, p.actor, beneficiary, GuaranteeStatus.PROPOSED, p.official, confidence,
                                        f"guarantor named:{stance.rule}", proposed_by=holder.actor, scope=term_id,
                                        plan_voice=stance.plan_voice)
            return
        if term.attrs.get("provider") and holder.actor != beneficiary:
            status = (GuaranteeStatus.DECLINED if rel == Relation.REJECTS
                      else GuaranteeStatus.WILLING if rel in FAVOUR_RELATIONS else None)
            if status and beneficiary:
                self._add_guarantee(view, holder.actor, beneficiary, status, holder.official,
                                    confidence, f"guarantor:{stance.rule}", scope=term_id, plan_voice=stance.plan_voice)
            return
        speaker = holder.official or (view.speaker.official if view.speaker else None)
        self.findings.append(Finding("position", holder.actor, rel, term_id, view.index, (view.start, view.end),
                                     speaker, confidence, stance.rule, condition=stance.condition,
                                     plan_voice=stance.plan_voice))

    def _link_conditions(self, view: SentenceView) -> None:
        """Each position of a holder in the sentence depends on what the same holder demands in return."""
        own = [f for f in self.findings if f.sentence == view.index and f.kind == "position"]
        for cond in (f for f in own if f.condition):
            for f in own:
                if f.actor == cond.actor and not f.condition and cond.obj not in f.conditional_on \
                        and f.obj != cond.obj:
                    f.conditional_on.append(cond.obj)

    def _resolve(self, info: TermInfo, relation: str, polarity: int, holder: str, generic: bool = False
                 ) -> tuple[str, str]:
        """Apply negation (opposite term or opposite stance), the generic-guarantee switch and FAVOUR roles."""
        if polarity < 0:
            if info.opposite and info.opposite in self.cb.terms:
                info = self.cb.terms[info.opposite]
            else:
                relation = (Relation.REJECTS if relation in FAVOUR_RELATIONS | {StanceClass.FAVOUR}
                            else Relation.SUPPORTS)
        if generic and info.generic_group and relation in (StanceClass.DEMANDS, StanceClass.FAVOUR):
            own = [t for t in self.cb.terms.values()
                   if t.generic_group == info.generic_group and t.beneficiary == holder]
            if own:
                info = own[0]
        if relation == StanceClass.FAVOUR:
            relation = (Relation.OFFERS if holder == info.conceded_by else Relation.DEMANDS
                        if holder == info.beneficiary else Relation.SUPPORTS)
        return info.id, relation

    def _keep_specific(self, findings: list[Finding]) -> None:
        """Under one cue, "a security guarantee that included Article 5" is about Article 5 only; a condition
        is a stance of its own ("will agree to a ceasefire if it is monitored": the ceasefire and the monitoring)."""
        for f in findings:
            specific = [g for g in findings if g.actor == f.actor and self.cb.terms.get(g.obj)
                        and self.cb.terms[g.obj].specialises == f.obj
                        and g.condition == f.condition]
            if specific and f in self.findings:
                self.findings.remove(f)

    # -- guarantees ------------------------------------------------------------------------------------------
    def _add_guarantee(self, view: SentenceView, guarantor: str, beneficiary: str, status: str, speaker: str | None,
                       confidence: float, rule: str, proposed_by: str | None = None, scope: str | None = None,
                       plan_voice: bool = False) -> None:
        if guarantor == beneficiary:
            return
        self.findings.append(Finding("guarantee", guarantor, status, beneficiary, view.index, (view.start, view.end),
                                     speaker, round(confidence, 3), rule, proposed_by=proposed_by, scope=scope,
                                     plan_voice=plan_voice))

    def _guarantee_group(self, term_id: str) -> str | None:
        """The guarantee group a term belongs to, itself or through the term it specialises (Article 5)."""
        info = self.cb.terms[term_id]
        if info.generic_group:
            return info.generic_group if info.beneficiary else None
        general = self.cb.terms.get(info.specialises or "")
        return general.generic_group if general else None

    def _guarantee_term(self, view: SentenceView, near: int) -> TermInfo | None:
        terms = [m for m in view.mentions if m.kind == MentionKind.TERM and self._guarantee_group(m.id)]
        if not terms:
            default = self.cb.terms.get(self.default_guarantee_term or "")
            return default
        nearest = min(terms, key=lambda m: abs(m.start - near))
        own = [f for f in self.findings if f.sentence == view.index and f.kind == "position"
               and self.cb.terms.get(f.obj) and self.cb.terms[f.obj].generic_group]
        info = self.cb.terms[nearest.id]
        if own and nearest.attrs.get("generic"):
            return self.cb.terms[own[0].obj]
        if info.specialises and self.cb.terms.get(info.specialises):
            return self.cb.terms[info.specialises]
        return info

    def _status(self, guarantor: str, view: SentenceView) -> str:
        """Named as guarantor by someone else: proposed; by its own spokesman: willing."""
        return GuaranteeStatus.WILLING if view.speaker and view.speaker.actor == guarantor else GuaranteeStatus.PROPOSED

    def _guarantees(self, view: SentenceView) -> None:
        ms = view.mentions
        sentence = self.text[view.start:view.end].lower()
        if not any(word in sentence for word in self.guarantee_topic):
            return  # "together with China", "including Russia" name guarantors only where guarantees are the topic
        for i, cue in enumerate(ms):
            if cue.kind == MentionKind.GUARANTEE_CUE:
                guarantors = self.lists.after(i, ms)
                if not guarantors:
                    continue
                info = self._guarantee_term(view, cue.start)
                if info is None or not info.beneficiary:
                    continue
                proposer = view.holder or view.speaker
                for g in guarantors:
                    self._add_guarantee(view, g, info.beneficiary, self._status(g, view),
                                        view.speaker.official if view.speaker else None,
                                        self.grammar.confidence.guarantor_list,
                                        f"guarantor list:{self.text[cue.start:cue.end].lower()}",
                                        proposed_by=proposer.actor if proposer else None, scope=info.id)
            elif cue.kind == MentionKind.NAMED_GUARANTOR:
                info = self._guarantee_term(view, cue.start)
                if not info or not info.beneficiary:
                    continue
                proposer = view.holder or view.speaker
                for g in self.lists.before(i, ms):
                    self._add_guarantee(view, g, info.beneficiary, self._status(g, view),
                                        view.speaker.official if view.speaker else None,
                                        self.grammar.confidence.named_guarantor,
                                        f"named guarantor:{self.text[cue.start:cue.end].lower()}",
                                        proposed_by=proposer.actor if proposer else None, scope=info.id)


def extract_findings(text: str, lex: Lexicon) -> tuple[list[Finding], DocumentExtraction]:
    run = DocumentExtraction(text, lex)
    return run.run(), run
