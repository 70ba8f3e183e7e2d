"""Sentences → positions: who holds which stance on which term, with the cue that says so.

Per sentence: every term mention is governed by the nearest stance cue before it in the same clause (or a
passive cue after it: "X is being discussed"); the cue's holder is the nearest actor in subject position
before it (or a compound "Russia and Ukraine"), else the speaker of a reported statement or quotation, else
the holder of the previous sentence of the paragraph. A term negated between its cue and itself ("vowed not
to join NATO") flips to its opposite term or to the opposite stance; a term after a condition marker ("as long
as", "if", "in exchange for") is what the main holder demands in return, and the main positions record it in
`conditional_on`. Guarantor lists and guarantors' own willingness or refusal become GUARANTEES findings.
Everything here is driven by the codebook; the code only knows the grammar of the rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.codebook import Codebook, TermInfo
from loaders.mentions import Lexicon, Mention, find_mentions
from loaders.officials import FoundOfficial, find_officials
from loaders.concepts import ConceptMatch
from loaders.parse import parse
from loaders.sentences import paragraph_ids, split_sentences
from loaders.stances import Grammar, Holder, ParsedSentence, SentenceContext, Stance, StanceReader

FAVOUR = {"DEMANDS", "OFFERS", "SUPPORTS"}
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
    rule: str
    conditional_on: list[str] = field(default_factory=list)
    proposed_by: str | None = None
    scope: str | None = None


@dataclass(slots=True)
class SentenceView:
    index: int
    start: int
    end: int
    paragraph: int
    mentions: list[Mention]
    quoted: list[tuple[int, int]]
    speaker: Holder | None = None
    explicit_speaker: bool = False
    holder: Holder | None = None


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
        self._condition_holders: dict[tuple[int, int], Holder | None] = {}
        self._trigger_holders: dict[int, Holder] = {}
        rules = self.cb.rules
        self.prepositions = {p.lower() for p in rules.get("prepositions", [])}
        self.collective = {c.lower() for c in rules.get("collective_speakers", [])}
        self.cue_negation = lex.regexes["cue_negation"]
        self.cue_negation_window = int((rules.get("cue_negation") or {}).get("window", 2))
        self.modal_factor = float((rules.get("modality") or {}).get("factor", 0.6))
        self.speculation_factor = float((rules.get("speculation") or {}).get("factor", 0.5))
        self.grammar = lex.grammar
        self.plan_reach = int((rules.get("grammar") or {}).get("plan_reach", 6))
        g = rules.get("guarantee_lists") or {}
        self.list_words = {w.lower() for w in g.get("continue", [])}
        self.default_guarantee_term = g.get("default_term")
        self.guarantee_topic = [str(w).lower() for w in g.get("topic", ["guarant"])]

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
        self._find_speakers(views)
        concepts = self.lex.concepts
        candidates = [v for v in views if any(m.kind in ("term", "term_anaphora") for m in v.mentions)
                      or (concepts is not None and concepts.worth_parsing(self.text[v.start:v.end].lower()))]
        docs = dict(zip((v.index for v in candidates),
                        parse([self.text[v.start:v.end] for v in candidates]), strict=True))
        if concepts is not None:
            for view in candidates:
                self._add_concepts(view, concepts.find(docs[view.index]))
        last: Holder | None = None
        self._plan: tuple[Holder, int] | None = None
        self._group: tuple[list[Holder], int] | None = None
        for view in views:
            if view.index in docs:
                last = self._parsed_positions(view, views, ParsedSentence(docs[view.index], view.start,
                                                                          view.mentions), last)
            self._guarantees(view)
        for m in (m for view in views for m in view.mentions):
            if m.kind == "actor":
                self.mentioned_actors.add(m.id)
            elif m.kind == "term":
                self.mentioned_terms.add(m.id)
        return self.findings

    def _register_officials(self, views: list[SentenceView]) -> None:
        """Turn role-cued names into official mentions; remember each official with the role the text gives."""
        for view in views:
            known = [m for m in view.mentions if m.kind == "official"]
            actors = [m for m in view.mentions if m.kind == "actor"]
            for found in find_officials(self.text, (view.start, view.end), known, actors, self.cb):
                if found.represents is None:
                    continue
                previous = self.officials.get(found.id)
                if previous is None or (found.role and not previous.role):
                    self.officials[found.id] = found
                if not any(m.kind == "official" and m.start == found.start for m in view.mentions):
                    view.mentions = [m for m in view.mentions if not (m.start < found.end and found.start < m.end
                                                                    and m.kind in ("actor", "official_anaphora"))]
                    view.mentions.append(Mention("official", found.start, found.end, found.id))
                    view.mentions.sort(key=lambda m: m.start)

    # -- speakers ------------------------------------------------------------------------------------------
    def _official_holder(self, official_id: str) -> Holder | None:
        found = self.officials.get(official_id)
        if found is None or found.represents is None:
            return None
        return Holder(found.represents, official_id, how="official")

    def _find_speakers(self, views: list[SentenceView]) -> None:
        """The speaker of each sentence: next to a verb of saying, by passive attribution, or by the quotation
        it continues. Pronouns and "the diplomat" resolve to the last official named before them."""
        last_official: str | None = None
        for view in views:
            for m in view.mentions:
                if m.kind == "official_anaphora":
                    m.attrs["official"] = last_official
                if m.kind == "official" and m.id in self.officials and \
                        self._word_before(m.start)[0] not in self.prepositions:
                    last_official = m.id  # "discussed with Zelensky … Then he rejected": he is not Zelensky
            speaker = self._explicit_speaker(view)
            passive = next((m for m in view.mentions if m.kind == "passive_attribution"), None)
            if passive is not None:  # "This was stated to Izvestia by X": X spoke, here and just before
                by = next((m for m in view.mentions if m.start >= passive.end and m.start - passive.end < 60
                           and m.kind in ("official", "actor", "official_anaphora")), None)
                speaker = (self._mention_holder(by, view) if by else None) or speaker
                prev = views[view.index - 1] if view.index else None
                if speaker and prev is not None and not prev.explicit_speaker:
                    prev.speaker, prev.explicit_speaker = speaker, True
            if speaker:
                view.speaker, view.explicit_speaker = speaker, True
        for view in views:  # quotations spread their speaker over the paragraph's sentences
            if view.speaker or not view.quoted:
                continue
            same = [v for v in views if v.paragraph == view.paragraph and v.explicit_speaker and v.quoted]
            if same:
                nearest = min(same, key=lambda v: (abs(v.index - view.index), v.index < view.index))
                view.speaker = nearest.speaker

    def _explicit_speaker(self, view: SentenceView) -> Holder | None:
        ms = view.mentions
        for i, m in enumerate(ms):
            if m.kind != "speech" or self._in_quote(m, view):
                continue
            verb = self.text[m.start:m.end].lower()
            after_only = verb.startswith(("according", "in "))
            if verb.startswith("in "):  # "in his opinion"
                cand = self._anaphor_holder(m) or None
                if cand:
                    return cand
            candidates = []
            if not after_only:
                for prev in reversed(ms[:i]):
                    if m.start - prev.end > 60:
                        break
                    if prev.kind in ("official", "official_anaphora", "actor"):
                        candidates.append(prev)
                        break
            for nxt in ms[i + 1:]:
                if nxt.start - m.end > 30:
                    break
                if nxt.kind in ("official", "official_anaphora", "actor"):
                    candidates.append(nxt)
                    break
            for cand in sorted(candidates, key=lambda c: c.kind != "official"):
                holder = self._mention_holder(cand, view)
                if holder:
                    return holder
        return None

    def _anaphor_holder(self, m: Mention) -> Holder | None:
        official = m.attrs.get("official")
        return self._official_holder(official) if official else None

    def _mention_holder(self, m: Mention, view: SentenceView) -> Holder | None:
        if m.kind == "official":
            return self._official_holder(m.id)
        if m.kind == "official_anaphora":
            return self._anaphor_holder(m)
        if m.kind == "actor":
            return Holder(m.id, how="actor")
        if m.kind == "first_person" and self._in_quote(m, view) and view.speaker:
            return Holder(view.speaker.actor, view.speaker.official, how="first person")
        if m.kind == "plural_anaphora":
            before = [a for a in view.mentions if a.kind == "actor" and a.end <= m.start]
            if before:
                return Holder(before[-1].id, factor=0.9, how="they")
            return None
        return None

    @staticmethod
    def _in_quote(m: Mention, view: SentenceView) -> bool:
        return any(s <= m.start < e for s, e in view.quoted)

    # -- holders ---------------------------------------------------------------------------------------------
    def _word_before(self, pos: int, skip: tuple[str, ...] = ("the", "a", "an", "its", "their")) -> tuple[str, int]:
        words = list(_WORD.finditer(self.text[max(0, pos - 80):pos]))
        base = max(0, pos - 80)
        for w in reversed(words):
            word = w.group().lower()
            if word in skip:
                continue
            return word, base + w.start()
        return "", pos

    def _is_subject(self, m: Mention, trigger: Mention) -> bool:
        if m.kind == "actor" and self.text[m.end:m.end + 1] == ":":
            return False  # "NATO: the Foreign Ministry ruled out …" is a headline's topic
        if m.kind == "actor" and m.attrs.get("possessive"):
            return trigger.start - m.end <= 14  # "Russia's demands", "Ukraine's proposal for"
        if m.kind == "actor" and m.attrs.get("demonym"):
            after = self.text[m.end:m.end + 30].lower().split()
            if not after:
                return False
            if trigger.start - m.end > 14 and after[0].strip(",.") not in self.collective:
                return False
        word, at = self._word_before(m.start)
        if word in self.prepositions:
            previous, _ = self._word_before(at)
            return word in ("of", "from") and previous in self.collective  # "the leaders of Great Britain"
        return True

    def _holder_for(self, trigger: Mention, view: SentenceView, clause_start: int) -> Holder | None:
        kinds = ("actor", "official", "official_anaphora", "first_person", "plural_anaphora")
        cands = [m for m in view.mentions if m.kind in kinds and clause_start <= m.start and m.end <= trigger.start
                 and self._is_subject(m, trigger)]
        while cands:
            holder = self._mention_holder(cands[-1], view)
            if holder:
                return holder
            cands.pop()
        return None

    def _compound(self, trigger: Mention, view: SentenceView, clause_start: int, first: Holder) -> list[Holder]:
        """"Russia and Ukraine are close to …": every actor of a coordinated subject."""
        actors = [m for m in view.mentions if m.kind in ("actor", "official") and clause_start <= m.start
                  and m.end <= trigger.start]
        if len(actors) < 2:
            return [first]
        holders = [first]
        for left, right in zip(reversed(actors[:-1]), reversed(actors[1:])):
            gap = " ".join(w for w in self.text[left.end:right.start].lower().split() if w != "the")
            if gap not in (",", "and", ", and", "&", "as well as"):
                break
            h = self._mention_holder(left, view)
            if h and h.actor not in {x.actor for x in holders}:
                holders.append(h)
        return holders

    # -- positions -------------------------------------------------------------------------------------------
    HOLDER_KINDS = ("actor", "official", "official_anaphora", "first_person", "plural_anaphora")

    def _breaks(self, view: SentenceView) -> list[int]:
        """Offsets where a clause ends: clause-break words, verbs of saying outside quotations, and soft breaks
        ("and", "while", "but") when a new subject follows them and they do not join a compound subject."""
        cuts = [m.start for m in view.mentions if m.kind == "clause_breaks"
                or (m.kind == "speech" and not self._in_quote(m, view))]
        ms = view.mentions
        for i, m in enumerate(ms):
            if m.kind != "soft_breaks":
                continue
            nxt = next((n for n in ms[i + 1:] if n.kind != "modality"), None)
            if nxt is None or nxt.kind not in self.HOLDER_KINDS or nxt.start - m.end > 12:
                continue
            if nxt.kind == "actor" and (nxt.attrs.get("possessive") or nxt.attrs.get("demonym")):
                continue
            prev = ms[i - 1] if i else None
            if prev is not None and prev.kind in ("actor", "official") and not self.text[prev.end:m.start].strip(" ,"):
                continue  # "Russia and Ukraine are close to …"
            cuts.append(m.start)
        return sorted(cuts)

    def _confidence(self, view: SentenceView, trigger: Mention, clause_start: int) -> float:
        conf = float(trigger.attrs.get("confidence", 0.7))
        if any(m.kind == "modality" and clause_start <= m.start < trigger.end + 20 for m in view.mentions):
            conf *= self.modal_factor
        if any(m.kind == "speculation" for m in view.mentions):
            conf *= self.speculation_factor
        return conf

    def _negated_cue(self, trigger: Mention) -> bool:
        if self.cue_negation is None:
            return False
        before = " ".join(self.text[max(0, trigger.start - 40):trigger.start].split()[-self.cue_negation_window:])
        return bool(self.cue_negation.search(before)) and "not" not in self.text[trigger.start:trigger.end].lower()

    def _adjacent_holder(self, trigger: Mention, view: SentenceView) -> Mention | None:
        """For cues like "would": the holder must stand right before ("Kyiv would", "Ukrainian negotiators
        would"), with nothing but collective nouns between."""
        before = [m for m in view.mentions if m.kind in self.HOLDER_KINDS and m.end <= trigger.start]
        if not before:
            return None
        gap = self.text[before[-1].end:trigger.start].lower().replace("’s", "").replace("'s", "").split()
        return before[-1] if all(w.strip(",") in self.collective for w in gap) else None

    def _is_noun_cue(self, trigger: Mention) -> bool:
        """ "Ukraine's demand to …", "a proposal for …": a cue that names someone else's stance."""
        word, _ = self._word_before(trigger.start, skip=())
        return word in ("the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "such") or \
            any(m.kind == "actor" and m.attrs.get("possessive") and 0 <= trigger.start - m.end <= 14
                for m in self._current.mentions)

    def _terms_of(self, view: SentenceView) -> list[Mention]:
        """Term mentions, with "do so" standing for the last term named before it."""
        out: list[Mention] = []
        for m in view.mentions:
            if m.kind == "term":
                out.append(m)
            elif m.kind == "term_anaphora" and out:
                out.append(Mention("term", m.start, m.end, out[-1].id, {**out[-1].attrs, "polarity":
                                                                         out[-1].attrs.get("resolved", 1)}))
        return out

    def _positions(self, view: SentenceView, views: list[SentenceView]) -> None:
        self._current = view
        ms = view.mentions
        breaks = self._breaks(view)

        def clause_start(pos: int) -> int:
            return max([view.start, *[b for b in breaks if b < pos]])

        triggers = [m for m in ms if m.kind == "trigger"
                    and (not m.attrs.get("adjacent") or self._adjacent_holder(m, view) is not None)]
        per_trigger: dict[int, list[Finding]] = {}
        regions: list[tuple[Mention, int, Mention | None]] = []  # condition, where it ends, the main clause's cue
        for c in (m for m in ms if m.kind == "conditions"):
            start = clause_start(c.start)
            if self.text[start:c.start].strip(" ,“\"'—–-").lower() in ("", "but", "and", "only", "even"):
                comma = self.text.find(",", c.end, view.end)  # "If Russia agrees to X, the EU is ready to …"
                end = comma if comma > 0 else view.end
                main = next((t for t in triggers if t.start > end), None)
            else:
                end = view.end
                before = [t for t in triggers if start <= t.start < c.start]
                main = before[-1] if before else None
            regions.append((c, end, main))
        for term in self._terms_of(view):
            start = clause_start(term.start)
            if any(m.kind == "no_stance" and start <= m.start < term.start for m in ms):
                continue
            before = [t for t in triggers if start <= t.start and t.end <= term.start and t.attrs["scope"] == "right"]
            governing: list[Mention] = before[-1:]
            if len(before) > 1 and self._is_noun_cue(before[-1]):
                governing.insert(0, before[-2])  # "he rejected Ukraine's demand to …": both stances
                before[-1].attrs["inner"] = True
            if not governing:
                after = [t for t in triggers if t.start >= term.end and t.attrs["scope"] == "left"
                         and clause_start(t.start) <= term.start]
                governing = after[:1]
            by = next((t for t in triggers if t.attrs.get("holder_after") and 0 <= t.start - term.end <= 3), None)
            if by is not None and by not in governing:
                governing.append(by)  # "a ceasefire proposed by Trump", whatever else governs the ceasefire
            region = next((r for r in reversed(regions) if start <= r[0].start and r[0].end <= term.start < r[1]),
                          None)
            if region and region[0].attrs.get("negative_only") and not self._negative_main(view, region, start):
                region = None
            if region:
                cond, _, main = region
                said = cond.attrs.get("direct") or any(m.kind in ("trigger", "term_negation") and cond.end <= m.start
                                                       and m.end <= term.start for m in ms)
                if said:
                    self._condition(view, views, term, cond, main, start, per_trigger)
                governing = [t for t in governing if t.start > cond.start]
            for trigger in governing:
                self._emit(view, views, term, trigger, start, per_trigger,
                           negation_from=min(trigger.end, term.start) if trigger.start < term.start else start)
        for findings in per_trigger.values():
            self._keep_specific(findings)
        self._link_conditions(view)

    @staticmethod
    def _add_concepts(view: SentenceView, found: list[ConceptMatch]) -> None:
        """Terms said in other words, found over the parse, where no pattern found a term already."""
        terms = [m for m in view.mentions if m.kind == "term"]
        for c in sorted(found, key=lambda c: c.start_char - c.end_char):
            m = Mention("term", view.start + c.start_char, view.start + c.end_char, c.term,
                        {"polarity": c.polarity, "anchor": c.head})
            if not any(m.overlaps(t) for t in terms):
                terms.append(m)
                view.mentions.append(m)
        view.mentions.sort(key=lambda m: m.start)

    def _parsed_positions(self, view: SentenceView, views: list[SentenceView], parsed: ParsedSentence,
                          last: Holder | None) -> Holder | None:
        """Every term of the sentence read over its parse; returns the sentence's holder for the next one."""
        self._current = view
        plan = self._plan[0] if self._plan and view.index - self._plan[1] <= self.plan_reach else None
        context = SentenceContext(speaker=view.speaker, resolve=lambda m: self._mention_holder(m, view),
                                  plan_author=plan,
                                  last_holder=last or view.speaker, members=self._members,
                                  conceder=lambda t: self.cb.terms[t].conceded_by if t in self.cb.terms else None)
        reader = StanceReader(self.grammar, parsed, context)
        waiting: list[tuple[Mention, Stance]] = []
        group = reader.groups()
        if group:
            self._group = (group, view.index)
        elif self._group is not None and view.index - self._group[1] <= self.plan_reach:
            context.group = self._group[0]
        author = reader.plan_author()
        if author is not None:
            self._plan = (author, view.index)
            context.plan_author = author
        elif self._plan is not None and any(t.lemma_.lower() in self.grammar.plan_nouns for t in parsed.doc):
            self._plan = (self._plan[0], view.index)  # the same plan, named again
        for term in self._terms_of(view):
            variants = self.cb.terms[term.id].agent_variants
            if variants:
                agent = reader.agent(term)
                if agent is not None and agent.actor in variants and variants[agent.actor] in self.cb.terms:
                    term = Mention("term", term.start, term.end, variants[agent.actor], dict(term.attrs))
            stances = reader.read(term)
            for stance in stances:
                if stance.holder.actor:
                    self._emit_stance(view, term, stance)
                else:
                    waiting.append((term, stance))
            self._named_guarantors(view, term, reader, stances)
            if stances:
                view.holder = view.holder or next((s.holder for s in stances if s.holder.actor), None)
        self._keep_specific([f for f in self.findings if f.sentence == view.index and f.kind == "position"])
        main = next((f for f in self.findings if f.sentence == view.index and f.kind == "position"
                     and not f.rule.startswith("condition")), None)
        for term, stance in waiting:  # a condition whose holder is the sentence's main holder
            if main is not None:
                stance.holder = Holder(main.actor, None, 0.8, "main holder of the sentence")
                self._emit_stance(view, term, stance)
        self._link_conditions(view)
        return view.holder or last

    def _named_guarantors(self, view: SentenceView, term: Mention, reader: StanceReader,
                          stances: list[Stance]) -> None:
        info = self.cb.terms[term.id]
        if not info.beneficiary or not self._guarantee_group(term.id) and not info.specialises:
            return
        holders = {s.holder.actor for s in stances} | ({view.speaker.actor} if view.speaker else set())
        for guarantor, own in reader.guarantors(term):
            if guarantor.actor == info.beneficiary:
                continue
            status = "willing" if own or guarantor.actor in holders else "proposed"
            proposer = next((s.holder.actor for s in stances if s.holder.actor != guarantor.actor), None)
            self._add_guarantee(view, guarantor.actor, info.beneficiary, status, guarantor.official, 0.7,
                                f"named on the guarantee ({'own' if own else 'named by others'})",
                                proposed_by=proposer, scope=term.id)

    def _members(self, actor: str) -> tuple[str, ...]:
        info = self.cb.actors.get(actor)
        if info is None or info.kind != "coalition":
            return ()
        return tuple(m for m in info.members if m in self.cb.actors)

    def _emit_stance(self, view: SentenceView, term: Mention, stance: Stance) -> None:
        info = self.cb.terms[term.id]
        holder = stance.holder
        term_id, rel = self._resolve(info, stance.relation, stance.polarity, holder.actor,
                                     generic=term.attrs.get("generic"))
        confidence = stance.confidence * holder.factor
        if any(m.kind == "speculation" for m in view.mentions):
            confidence *= self.speculation_factor  # analysts' guesses are kept, with less weight
        confidence = round(confidence, 3)
        if term.attrs.get("provider") and holder.actor != self.cb.terms[term_id].beneficiary:
            status = "declined" if rel == "REJECTS" else "willing" if rel in ("OFFERS", "SUPPORTS", "DEMANDS") else None
            if status and self.cb.terms[term_id].beneficiary:
                self._add_guarantee(view, holder.actor, self.cb.terms[term_id].beneficiary, status, holder.official,
                                    confidence, f"guarantor:{stance.rule}", scope=term_id)
            return
        speaker = holder.official or (view.speaker.official if view.speaker else None)
        self.findings.append(Finding("position", holder.actor, rel, term_id, view.index, (view.start, view.end),
                                     speaker, confidence, stance.rule))

    def _negative_main(self, view: SentenceView, region: tuple[Mention, int, Mention | None], start: int) -> bool:
        """Is the clause before "before"/"until" a refusal or a negation?"""
        cond, _, main = region
        if main is not None and (main.id == "REJECTS" or self._negated_cue(main)):
            return True
        return any(m.kind == "term_negation" and start <= m.start < cond.start for m in view.mentions)

    def _condition(self, view: SentenceView, views: list[SentenceView], term: Mention, cond: Mention,
                   main: Mention | None, start: int, per_trigger: dict[int, list[Finding]]) -> None:
        """The main clause's holder demands what the condition names (the main positions record it)."""
        key = (view.index, cond.start)
        if key not in self._condition_holders:
            holder = None
            if main is not None:
                holder = self._trigger_holders.get(main.start) or self._holder_for(main, view, clause_start=(
                    start if main.start < cond.start else cond.end))
            if holder is None:
                subjects = [m for m in view.mentions if m.kind in self.HOLDER_KINDS and start <= m.start < cond.start
                            and self._is_subject(m, cond)]
                holder = self._mention_holder(subjects[0], view) if subjects else None
            self._condition_holders[key] = holder or view.speaker or view.holder or self._previous_holder(view, views)
        holder = self._condition_holders[key]
        if holder is None:
            return
        polarity = self._polarity(term, cond.end)
        info = self.cb.terms[term.id]
        term_id, relation = self._resolve(info, "DEMANDS", polarity, holder.actor)
        finding = Finding("position", holder.actor, relation, term_id, view.index, (view.start, view.end),
                          holder.official or (view.speaker.official if view.speaker else None),
                          round(0.7 * holder.factor, 3), f"condition:{self.text[cond.start:cond.end].lower()}")
        self.findings.append(finding)
        per_trigger.setdefault(-cond.start, []).append(finding)
        view.holder = view.holder or holder

    def _link_conditions(self, view: SentenceView) -> None:
        """Each position of a holder in the sentence depends on what the same holder demands in return."""
        own = [f for f in self.findings if f.sentence == view.index and f.kind == "position"]
        for cond in (f for f in own if f.rule.startswith("condition")):
            for f in own:
                if f.actor == cond.actor and not f.rule.startswith("condition") and cond.obj not in f.conditional_on \
                        and f.obj != cond.obj:
                    f.conditional_on.append(cond.obj)

    @staticmethod
    def _previous_holder(view: SentenceView, views: list[SentenceView]) -> Holder | None:
        if view.index > 0 and views[view.index - 1].paragraph == view.paragraph and views[view.index - 1].holder:
            prev = views[view.index - 1].holder
            return Holder(prev.actor, prev.official, 0.8, "previous sentence")
        return None

    _LIST_GAP = re.compile(r",")

    def _negated(self, term: Mention, from_pos: int) -> bool:
        """A negator between the cue and the term negates it; it carries on along a list ("exclude X, the
        deployment of Y, and Z") but not over a plain "and" to a new verb ("abandon X and withdraw from Y")."""
        ms = self._current.mentions
        earlier = [t for t in ms if t.kind == "term" and from_pos <= t.start and t.end <= term.start]
        since = earlier[-1].end if earlier else from_pos
        if any(m.kind == "term_negation" and since <= m.start and m.end <= term.start for m in ms):
            return True
        excludable = term.attrs.get("polarity", 1) < 0 or bool(self.cb.terms[term.id].opposite)
        if earlier and excludable and self._LIST_GAP.search(self.text[earlier[-1].end:term.start]):
            return self._negated(earlier[-1], from_pos)
        return False

    def _polarity(self, term: Mention, from_pos: int) -> int:
        polarity = int(term.attrs.get("polarity", 1))
        return -polarity if self._negated(term, from_pos) else polarity

    def _emit(self, view: SentenceView, views: list[SentenceView], term: Mention, trigger: Mention, start: int,
              per_trigger: dict[int, list[Finding]], negation_from: int) -> None:
        holders: list[Holder] = []
        if trigger.attrs.get("holder_after"):  # "proposed by U.S. President Donald Trump"
            after = next((m for m in view.mentions if m.start >= trigger.end and m.kind in ("official", "actor")
                          and m.start - trigger.end <= 40), None)
            if after is None:
                return
            base = self._mention_holder(after, view)
        elif trigger.attrs.get("adjacent"):
            adjacent = self._adjacent_holder(trigger, view)
            base = self._mention_holder(adjacent, view) if adjacent else None
        elif trigger.attrs.get("inner"):  # "skeptical of a proposal to …": whose proposal only if named
            owner = [m for m in view.mentions if m.kind == "actor" and 0 <= trigger.start - m.end <= 14
                     and (m.attrs.get("possessive") or m.attrs.get("demonym"))]
            if not owner:
                return
            base = Holder(owner[-1].id, how="owner")
        else:
            base = self._holder_for(trigger, view, start)
        if base and trigger.attrs.get("obligation") and view.explicit_speaker and view.speaker \
                and view.speaker.actor != base.actor:
            base = Holder(view.speaker.actor, view.speaker.official, 0.9, "speaker of an obligation")
        if base:
            holders = self._compound(trigger, view, start, base)
        elif view.speaker:
            holders = [Holder(view.speaker.actor, view.speaker.official, 0.9, "speaker")]
        elif previous := self._previous_holder(view, views):
            holders = [previous]
        info = self.cb.terms[term.id]
        if not holders and trigger.id == "FAVOUR" and info.conceded_by:
            holders = [Holder(info.conceded_by, None, 0.8, "conceding party")]
        if not holders:
            return
        relation = trigger.id
        if self._negated_cue(trigger):
            relation = "REJECTS" if relation in FAVOUR | {"FAVOUR"} else "SUPPORTS"
        polarity = self._polarity(term, negation_from)
        confidence = self._confidence(view, trigger, start)
        cue = self.text[trigger.start:trigger.end].lower()
        for holder in holders:
            term_id, rel = self._resolve(info, relation, polarity, holder.actor, generic=term.attrs.get("generic"))
            if term.attrs.get("provider") and holder.actor != self.cb.terms[term_id].beneficiary:
                strong = float(trigger.attrs.get("confidence", 0)) >= 0.8
                status = ("declined" if rel == "REJECTS" and strong
                          else "willing" if rel in ("OFFERS", "SUPPORTS") else None)
                if status and self.cb.terms[term_id].beneficiary:
                    self._add_guarantee(view, holder.actor, self.cb.terms[term_id].beneficiary, status,
                                        holder.official, confidence * holder.factor, f"guarantor:{cue}",
                                        scope=term_id)
                continue
            speaker = holder.official or (view.speaker.official if view.speaker else None)
            finding = Finding("position", holder.actor, rel, term_id, view.index, (view.start, view.end), speaker,
                              round(confidence * holder.factor, 3), f"cue:{cue} ({holder.how})")
            self.findings.append(finding)
            per_trigger.setdefault(trigger.start, []).append(finding)
        view.holder = holders[0]
        self._trigger_holders[trigger.start] = holders[0]

    def _resolve(self, info: TermInfo, relation: str, polarity: int, holder: str, generic: bool = False
                 ) -> tuple[str, str]:
        """Apply negation (opposite term or opposite stance), the generic-guarantee switch and FAVOUR roles."""
        if polarity < 0:
            if info.opposite and info.opposite in self.cb.terms:
                info = self.cb.terms[info.opposite]
            else:
                relation = "REJECTS" if relation in FAVOUR | {"FAVOUR"} else "SUPPORTS"
        if generic and info.generic_group and relation in ("DEMANDS", "FAVOUR"):
            own = [t for t in self.cb.terms.values() if t.generic_group == info.generic_group and t.beneficiary == holder]
            if own:
                info = own[0]
        if relation == "FAVOUR":
            relation = ("OFFERS" if holder == info.conceded_by else "DEMANDS" if holder == info.beneficiary
                        else "SUPPORTS")
        return info.id, relation

    def _keep_specific(self, findings: list[Finding]) -> None:
        """Under one cue, "a security guarantee that included Article 5" is about Article 5 only."""
        for f in findings:
            specific = [g for g in findings if g.actor == f.actor and self.cb.terms.get(g.obj)
                        and self.cb.terms[g.obj].specialises == f.obj]
            if specific and f in self.findings:
                self.findings.remove(f)

    # -- guarantees ------------------------------------------------------------------------------------------
    def _add_guarantee(self, view: SentenceView, guarantor: str, beneficiary: str, status: str, speaker: str | None,
                       confidence: float, rule: str, proposed_by: str | None = None, scope: str | None = None) -> None:
        if guarantor == beneficiary:
            return
        self.findings.append(Finding("guarantee", guarantor, status, beneficiary, view.index, (view.start, view.end),
                                     speaker, round(confidence, 3), rule, proposed_by=proposed_by, scope=scope))

    def _guarantee_group(self, term_id: str) -> str | None:
        """The guarantee group a term belongs to, itself or through the term it specialises (Article 5)."""
        info = self.cb.terms[term_id]
        if info.generic_group:
            return info.generic_group if info.beneficiary else None
        general = self.cb.terms.get(info.specialises or "")
        return general.generic_group if general else None

    def _guarantee_term(self, view: SentenceView, near: int) -> TermInfo | None:
        terms = [m for m in view.mentions if m.kind == "term" and self._guarantee_group(m.id)]
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
        return "willing" if view.speaker and view.speaker.actor == guarantor else "proposed"

    def _guarantees(self, view: SentenceView) -> None:
        ms = view.mentions
        sentence = self.text[view.start:view.end].lower()
        if not any(word in sentence for word in self.guarantee_topic):
            return  # "together with China", "including Russia" name guarantors only where guarantees are the topic
        for i, cue in enumerate(ms):
            if cue.kind == "guarantee_cue":
                guarantors = self._list_after(i, ms)
                if not guarantors:
                    continue
                info = self._guarantee_term(view, cue.start)
                if info is None or not info.beneficiary:
                    continue
                proposer = view.holder or view.speaker
                for g in guarantors:
                    self._add_guarantee(view, g, info.beneficiary, self._status(g, view),
                                        view.speaker.official if view.speaker else None, 0.8,
                                        f"guarantor list:{self.text[cue.start:cue.end].lower()}",
                                        proposed_by=proposer.actor if proposer else None, scope=info.id)
            elif cue.kind == "named_guarantor":
                before = [m for m in ms[:i] if m.kind == "actor" and not m.attrs.get("demonym")
                          and cue.start - m.end <= 40]
                info = self._guarantee_term(view, cue.start)
                if before and info and info.beneficiary:
                    proposer = view.holder or view.speaker
                    self._add_guarantee(view, before[-1].id, info.beneficiary, self._status(before[-1].id, view),
                                        view.speaker.official if view.speaker else None, 0.7,
                                        f"named guarantor:{self.text[cue.start:cue.end].lower()}",
                                        proposed_by=proposer.actor if proposer else None, scope=info.id)

    _PARENTHESIS = re.compile(r"\([^()]*\)")

    def _list_after(self, i: int, ms: list[Mention]) -> list[str]:
        """The run of actor names right after a cue: "from Russia, the US, China, … and Turkey"; a coalition
        stands for its members, and a parenthetical remark ("(Ukraine's choice)") does not end the run."""
        found: list[str] = []
        pos = ms[i].end
        for m in ms[i + 1:]:
            gap = self._PARENTHESIS.sub(" ", self.text[pos:m.start])
            words = [w.lower() for w in re.findall(r"[\w']+|[(),]", gap)]
            if "(" in self.text[pos:m.start] and ")" not in self.text[pos:m.start] or \
                    (m.kind == "actor" and m.attrs.get("possessive")):
                continue  # inside a parenthetical remark
            if any(w not in self.list_words and not w.isdigit() for w in words) or "." in gap or ";" in gap:
                break
            if m.kind == "actor" and not m.attrs.get("demonym"):
                for actor in self._members(m.id) or (m.id,):
                    if actor not in found:
                        found.append(actor)
            elif m.kind != "group" and self.text[m.start:m.end].lower() not in self.list_words:
                break
            pos = m.end
        return found


def extract_findings(text: str, lex: Lexicon) -> tuple[list[Finding], DocumentExtraction]:
    run = DocumentExtraction(text, lex)
    return run.run(), run
