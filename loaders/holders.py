"""Who holds a stance: noun phrases, pronouns and predicates resolved to actors over the dependency parse.

The subject of a predicate, its passive agent or the possessor of a predicate noun; coordination ("France and
Britain"); a coalition for its members; relative pronouns to their antecedent; "it", "they", "he" to the
nearest subject above, the author of the plan being described, the group named before or the last holder;
"both sides" to the parties named together. Also what the sentence says about plans and guarantors. The
climb itself (which predicate governs a term, with what polarity) is `loaders.stances`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from graph.vocabulary import HOLDER_KINDS, MentionKind, StanceClass
from loaders.grammar import (
    CONTROL_OBJECTS,
    GROUP_PRONOUNS,
    NOUNS,
    PERSONAL_PRONOUNS,
    RELATIVE_PRONOUNS,
    SUBJECT_DEPS,
    SUBJECTS,
    Grammar,
    PredicateClass,
    match_lexicon,
    matches_lexicon,
)

if TYPE_CHECKING:
    from loaders.mentions import Mention


@dataclass(slots=True)
class Holder:
    actor: str
    official: str | None = None
    factor: float = 1.0
    how: str = "subject"  # for people, in the rule text
    plan_author: bool = False  # found as the author of the plan being described (the `how` says so)


UNKNOWN = Holder("", None, 1.0, "main holder of the sentence")


@dataclass
class SentenceContext:
    """What the reader may know beyond the sentence: the sentence's reported speaker and how to resolve a
    mention or an "it" to a holder."""

    speaker: Holder | None
    resolve: Callable[[Mention], Holder | None]
    last_holder: Holder | None = None
    members: Callable[[str], tuple[str, ...]] = lambda actor: ()
    conceder: Callable[[str], str | None] | None = None
    plan_author: list[Holder] = field(default_factory=list)  # who wrote the plan being described, if named
    described_plan: list[Holder] = field(default_factory=list)  # the same, when named in an earlier sentence
    group: list[Holder] = field(default_factory=list)  # the last actors named together ("they")


@dataclass
class ParsedSentence:
    doc: Doc
    offset: int
    mentions: list[Mention]
    by_token: dict[int, Mention] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for m in self.mentions:
            if m.kind in HOLDER_KINDS or m.kind == MentionKind.TERM:
                for t in self.tokens_of(m):
                    self.by_token.setdefault(t.i, m)

    def tokens_of(self, m: Mention) -> list[Token]:
        span = self.doc.char_span(m.start - self.offset, m.end - self.offset, alignment_mode="expand")
        return list(span) if span is not None else []

    def head_of(self, m: Mention) -> Token | None:
        if "anchor" in m.attrs:
            return self.doc[int(m.attrs["anchor"])]
        toks = self.tokens_of(m)
        inside = {t.i for t in toks}
        for t in toks:
            if t.head.i not in inside or t.head.i == t.i:
                return t
        return toks[0] if toks else None


class HolderReader:
    """Resolves holders in one parsed sentence; the stance reader builds on it."""

    def __init__(self, grammar: Grammar, sentence: ParsedSentence, context: SentenceContext) -> None:
        self.g = grammar
        self.conf = grammar.confidence  # the codebook's confidence of each way a stance is read
        self.s = sentence
        self.ctx = context

    # -- holders ---------------------------------------------------------------------------------------------

    def np_holders(self, tok: Token, depth: int = 0) -> list[Holder]:
        """The actors a noun phrase names: the mention it is, the actor in its modifiers ("Ukrainian
        negotiators", "Russia's foreign ministry"), each conjunct, a relative pronoun's antecedent, "it"."""
        if depth > 3:
            return []
        out: list[Holder] = []
        for t in (tok, *tok.conjuncts):
            found = self._one_np(t, depth)
            for h in found:
                members = self.ctx.members(h.actor)  # a coalition speaks for its members ("the E3")
                for one in ([Holder(a, None, h.factor, f"{h.how}, member of {h.actor}", h.plan_author)
                             for a in members] or [h]):
                    if all(one.actor != o.actor for o in out):
                        out.append(one)
        return out

    def groups(self) -> list[Holder]:
        """The largest group of actors the sentence names as one subject ("France, Germany and Britain")."""
        best: list[Holder] = []
        for tok in self.s.doc:
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.lower_ not in GROUP_PRONOUNS:
                found = self.np_holders(tok)
                if len(found) > len(best):
                    best = found
        return best if len(best) > 1 else []

    def _one_np(self, tok: Token, depth: int) -> list[Holder]:
        low = tok.lower_
        if low in GROUP_PRONOUNS:
            return self._pronoun(tok)
        if low in ("he", "she") and tok.dep_ in SUBJECT_DEPS:  # "Trump … said he would ask Putin"
            above = [h for h in self._subject_above(tok) if h.official]  # a person, never a state
            if above:
                return above
        m = self.s.by_token.get(tok.i)
        if m is not None and m.kind == MentionKind.TERM:
            return []  # "the goals of demilitarization of Ukraine": a term's complement is not whose goal it is
        if m is not None and m.kind in HOLDER_KINDS:
            listed = [c for c in tok.children if c.dep_ == "nmod"]  # "the U.S., Ukraine": a list misparsed
            return [h for h in [self.ctx.resolve(m)] if h] + [h for c in listed for h in self.np_holders(c, depth + 1)]
        if low in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
            return self.np_holders(tok.head.head, depth + 1)
        if low == "whose":  # "Putin, whose demands include X": the antecedent of the relative clause
            clause = next((a for a in tok.ancestors if a.dep_ == "relcl"), None)
            return self.np_holders(clause.head, depth + 1) if clause is not None else []
        if tok.pos_ not in NOUNS:
            return []
        if tok.lemma_.lower() in self.g.group_nouns and tok.tag_ in ("NNS", "NNPS") and self.ctx.group and \
                not any(c.dep_ == "prep" or (c.dep_ in ("poss", "compound", "amod", "nmod") and c.i in self.s.by_token)
                        for c in tok.children):  # "both sides", "the delegations" (not "Ukrainian negotiators")
            return [Holder(h.actor, h.official, self.conf.group, f"{low}: the parties named before")
                    for h in self.ctx.group]
        for c in tok.children:  # "The nine – Bulgaria, Estonia … – joined"
            if c.dep_ == "appos":
                found = self.np_holders(c, depth + 1)
                if found:
                    return found
        for c in tok.children:  # "Ukrainian negotiators", "Russia's foreign ministry"
            m = self.s.by_token.get(c.i)
            if c.dep_ in ("poss", "compound", "amod", "nmod") and m is not None and m.kind in HOLDER_KINDS:
                return self.np_holders(c, depth + 1)
        for c in tok.children:  # "the leaders of Britain and France", "the Ministry of Foreign Affairs of Ukraine"
            if c.dep_ == "prep" and c.lower_ in ("of", "from"):
                for p in c.children:
                    m = self.s.by_token.get(p.i)
                    if p.dep_ == "pobj" and ((m is not None and m.kind in HOLDER_KINDS)
                                             or (p.pos_ in NOUNS and any(g.lower_ == "of" for g in p.children))):
                        found = self.np_holders(p, depth + 1)
                        if found:
                            return found
        return []

    def _plan_verb(self, verb: Token) -> bool:
        """Verbs a plan is the subject of ("it calls for", "it scraps", "it includes"), not future statements."""
        if any(c.dep_ == "aux" and c.lower_ in self.g.future for c in verb.children):
            return False
        cls = self.classify(verb)
        return (cls is not None and cls.relation in (StanceClass.FAVOUR, StanceClass.DEMANDS)) \
            or matches_lexicon(self.g.negators, verb)

    def _subject_above(self, tok: Token) -> list[Holder]:
        """The nearest subject of a clause above `tok` that names actors (through coordinated verbs too); for a
        pronoun that is itself a subject, only a verb of saying or a stance above it counts ("Kyiv says it will
        never accept"), not any clause it happens to hang from."""
        as_subject = tok.dep_ in SUBJECT_DEPS
        for anc in tok.ancestors:
            stated = anc.lemma_.lower() in self.g.copula and tok.head.dep_ in ("ccomp", "attr") \
                and tok.head.head.i == anc.i  # "Kyiv's bottom line is that it will not …"
            if as_subject and not (self._saying(anc) or self.classify(anc) is not None or stated):
                continue  # "he" as a subject is the one who says or wants what his clause reports
            subj = self._subject(anc)
            if subj is None and anc.dep_ == "conj":  # "Trump hosted Zelensky and said he …"
                subj = self._subject(anc.head)
            if subj is not None and subj.i != tok.i and subj.lower_ not in GROUP_PRONOUNS | {"he", "she"} \
                    and not any(a.i == subj.i for a in tok.ancestors):
                found = self.np_holders(subj, 1)
                if found:
                    return [Holder(h.actor, h.official, self.conf.pronoun, f"{tok.lower_}: {h.how}", h.plan_author)
                            for h in found]
        return []

    def _pronoun(self, tok: Token) -> list[Holder]:
        """"Kyiv drops its plans", "Kyiv says it will never accept", "France and Britain said they …": the
        nearest subject above that is not the pronoun itself; else, for "it", the author of the plan being
        described; for "they", the last group of actors named together; else the last holder."""
        above = self._subject_above(tok)
        m = self.s.by_token.get(tok.i)
        if tok.lower_ in PERSONAL_PRONOUNS:  # "he" is a person: never a state named above
            above = [h for h in above if h.official]
            if not above and m is not None:
                h = self.ctx.resolve(m)
                above = [h] if h is not None else []
        if above:
            return above
        plural = tok.lower_ in ("they", "their", "them")
        if plural and m is not None and m.kind in HOLDER_KINDS:  # the nearest actor named before it
            h = self.ctx.resolve(m)
            if h is not None:
                return [h]
        if not plural and self.ctx.plan_author and self._plan_verb(tok.head):
            return self.as_author(self.ctx.plan_author, "it: author of the plan")
        if plural and self.ctx.group:
            return [Holder(h.actor, h.official, self.conf.group, "they: the group named before")
                    for h in self.ctx.group]
        last = self.ctx.last_holder
        return [Holder(last.actor, last.official, self.conf.last_holder, tok.lower_)] if last else []

    def as_author(self, authors: list[Holder], how: str) -> list[Holder]:
        """The authors of a plan as holders of what it says ("the plan calls for X": its author's)."""
        return [Holder(a.actor, a.official, self.conf.plan_author, how, plan_author=True) for a in authors]

    @staticmethod
    def _subject(verb: Token) -> Token | None:
        for c in verb.children:
            if c.dep_ in SUBJECTS:
                return c
        return None

    def frame(self, tok: Token) -> Token:
        """An adjective or noun after a copula ("is ready", "is a condition") takes the copula's subject."""
        if tok.dep_ in ("acomp", "attr", "oprd") and tok.head.lemma_ in self.g.copula:
            return tok.head
        if tok.pos_ == "ADP" and tok.head.lemma_ in self.g.copula:  # "is not against", "is in a position to"
            return tok.head
        return tok

    def _possessor_before(self, noun: Token) -> list[Holder]:
        """"Russia's earlier demands" when the parser hung "Russia's" elsewhere: the possessive actor right
        before the noun, over adjectives only."""
        i = noun.i - 1
        while i >= 0 and self.s.doc[i].pos_ in ("ADJ", "ADV"):
            i -= 1
        if i >= 1 and self.s.doc[i].lower_ in ("'s", "’s"):
            m = self.s.by_token.get(i - 1)
            if m is not None and m.kind in HOLDER_KINDS:
                return [h for h in [self.ctx.resolve(m)] if h]
        return []

    def predicate_holders(self, tok: Token, depth: int = 0, agent_only: bool = False) -> list[Holder]:
        if depth > 4:
            return []
        if tok.pos_ in NOUNS and tok.dep_ not in ("attr",) and not any(c.dep_ in SUBJECTS for c in tok.children):
            owner: list[Holder] = []
            for c in tok.children:
                if c.dep_ in ("poss", "compound", "amod", "nmod"):
                    owner = self.np_holders(c, 1)
                elif c.dep_ == "prep" and c.lower_ in ("by", "from", "of"):
                    owner = [h for p in c.children if p.dep_ == "pobj" for h in self.np_holders(p, 1)]
                elif c.dep_ == "acl":
                    owner = [h for a in c.children if a.dep_ == "agent"
                             for p in a.children if p.dep_ == "pobj" for h in self.np_holders(p, 1)]
                if owner:
                    return owner
            owner = self._possessor_before(tok)
            if owner:
                return owner
            head = tok.head
            if tok.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in self.g.light_verbs:
                return self.predicate_holders(head, depth + 1)
            return []
        frame = self.frame(tok)
        for c in frame.children:
            if c.dep_ == "agent":
                return [h for p in c.children if p.dep_ == "pobj" for h in self.np_holders(p)]
        if agent_only:
            return []
        subj = self._subject(frame)
        if subj is not None:
            found = self.np_holders(subj)
            for other in (c for c in frame.children if c.dep_ in SUBJECTS and c.i != subj.i):
                found += [h for h in self.np_holders(other) if h.actor not in {f.actor for f in found}]
            if not found and subj.lemma_.lower() in self.g.plan_nouns and self.ctx.plan_author:
                found = self.as_author(self.ctx.plan_author, "author of the plan")  # "the plan calls for …"
            return found
        if any(c.dep_ == "nsubjpass" for c in frame.children):
            return []
        if frame.dep_ == "acl":
            if frame.tag_ == "VBG" and frame.head.pos_ in NOUNS:  # "a memorandum demanding X": its author's
                found = self.predicate_holders(frame.head, depth + 1)
                if not found and frame.head.lemma_.lower() in self.g.plan_nouns and self.ctx.plan_author:
                    found = self.as_author(self.ctx.plan_author, "author of the plan")
                return found
            return []  # "a ceasefire proposed by Trump" has its agent above; else nobody's
        if frame.dep_ in ("xcomp", "advcl", "conj", "ccomp") and frame.head.i != frame.i:
            governor = frame.head
            if frame.dep_ == "xcomp" and any(c.dep_ in CONTROL_OBJECTS for c in governor.children):
                return []  # object control: "pressed Kyiv to accept" gives Kyiv no stance
            if frame.dep_ == "xcomp" and any(c.dep_ == "prep" and c.lower_ == "on" for c in governor.children):
                return []  # "called on Russia to withdraw"
            return self.predicate_holders(self.frame(governor), depth + 1)
        return []

    # -- polarity ----------------------------------------------------------------------------------------------

    def negated(self, tok: Token) -> bool:
        if tok.lower_ == "against" and tok.head.lower_ == "nothing":
            return True  # "Russia has nothing against X"
        for c in tok.children:
            if c.dep_ == "neg" and tok.pos_ in NOUNS and c.i > tok.i:
                continue  # "security guarantees, not promises": the "not" is the contrast's
            if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in ("never", "hardly")):
                return True
            if c.dep_ == "advmod" and any(g.dep_ == "neg" for g in c.children):
                return True  # "no longer supports X"
            if c.dep_ == "det" and c.lower_ == "no":
                return True
            if c.dep_ == "cc" and c.lower_ == "nor" and c.i < tok.i and tok.pos_ in ("VERB", "AUX"):
                return True  # "Nor would Kyiv accept X", "…, nor does it want Y": an inverted negative clause
            if c.lower_ == "little" and c.dep_ in ("amod", "det") and tok.pos_ in NOUNS \
                    and not any(d.lower_ == "a" for d in tok.children):
                return True  # "little appetite for X" (but "a little support" is support)
            if c.dep_ in SUBJECT_DEPS and self._negative_subject(c):
                return True  # "neither Russia nor Ukraine has accepted X", "nobody offered X"
        return False

    def _negative_subject(self, subject: Token) -> bool:
        words = self.g.negative_subjects
        return subject.lower_ in words or any(
            d.dep_ in ("preconj", "det") and d.lower_ in words for d in subject.children) or (
            subject.lower_ == "one" and any(d.lower_ == "no" for d in subject.children))

    def predicate_negated(self, tok: Token) -> bool:
        frame = self.frame(tok)
        return self.negated(tok) or (frame.i != tok.i and self.negated(frame))

    def classify(self, tok: Token) -> PredicateClass | None:
        if tok.pos_ not in ("VERB", "NOUN", "ADJ", "ADP", "AUX", "PROPN"):
            return None
        if tok.dep_ == "prep" and tok.pos_ == "VERB":  # "including", "following": prepositions here
            return None
        if tok.dep_ == "prep" and any(second and tok.lower_ in second.split() for second, _ in self.g.predicates.get(
                tok.head.lemma_.lower(), [])):
            return None  # "warned against X": the "against" is the verb's particle, not a second refusal
        found = match_lexicon(self.g.predicates, tok)
        return found if isinstance(found, PredicateClass) else None

    def _own_holder(self, tok: Token) -> bool:
        """Does the predicate name its holder itself? One that only inherits it ("is not prepared to offer",
        "refused to accept") leaves the stance to its governor, whose negation scopes over it."""
        frame = self.frame(tok)
        if tok.pos_ in NOUNS:
            return True
        if any(c.dep_ in ("agent", *SUBJECTS) for c in frame.children):
            return True
        if frame.dep_ == "advcl":  # "It scraps X, calls for Y": a clause with no mark shares the subject
            return not any(c.dep_ == "mark" for c in frame.children)
        return frame.dep_ not in ("xcomp", "ccomp")

    def agent(self, term: Mention) -> Holder | None:
        found = self.agents(term)
        return found[0] if found else None

    def agents(self, term: Mention) -> list[Holder]:
        """Who carries out the term: the subject of its verb ("Ukraine withdraws"), the controller of an
        infinitive ("pressing Ukraine to withdraw"), the owner of its noun ("Ukraine's withdrawal")."""
        head = self.s.head_of(term)
        if head is None:
            return []
        found: list[Holder] = []
        if head.pos_ in NOUNS:
            found = [h for c in head.children if c.dep_ in ("poss", "amod", "compound") for h in self.np_holders(c, 1)]
            if not found:  # "the withdrawal of NATO forces": whose forces
                found = [h for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                         for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in self.g.force_nouns
                         for h in self.np_holders(p, 1)]
            if not found and head.dep_ == "dobj" and head.head.lemma_.lower() in self.g.support_verbs:
                found = self.predicate_holders(head.head)  # "rules out making any territorial concessions"
        else:
            while head.dep_ == "conj" and self._subject(head) is None and head.head.i != head.i:
                head = head.head  # "Ukraine must drop X and withdraw its troops": the first verb's subject
            subj = self._subject(head)
            if subj is not None:
                found = self.np_holders(subj)
            elif head.dep_ in ("xcomp", "ccomp") and head.head.i != head.i:
                gov = head.head
                obj = next((c for c in gov.children if c.dep_ in CONTROL_OBJECTS), None)
                found = self.np_holders(obj) if obj is not None else self.predicate_holders(self.frame(gov))
        return found

    def guarantors(self, term: Mention) -> list[tuple[Holder, bool]]:
        """Who gives a guarantee, named on its noun: its own ("U.S. security guarantees", "Britain's
        guarantee": True) or named by someone else ("guarantees from Washington": False)."""
        head = self.s.head_of(term)
        if head is None or head.pos_ not in NOUNS:
            return []
        out: list[tuple[Holder, bool]] = []
        for c in head.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod") and self.s.by_token.get(c.i) is not None:
                out += [(h, True) for h in self.np_holders(c, 1)]
            elif c.dep_ == "prep" and c.lower_ in ("from", "by", "including"):
                out += [(h, False) for p in c.children if p.dep_ == "pobj" and c.lower_ != "including"
                        for h in self.np_holders(p, 1)]
                for p in c.children:  # "including from Washington"
                    if p.dep_ == "prep" and p.lower_ in ("from", "by"):
                        out += [(h, False) for q in p.children if q.dep_ == "pobj" for h in self.np_holders(q, 1)]
        return out

    def plan_author(self) -> list[Holder]:
        """The owners of a plan this sentence names ("the U.S. plan", "Trump's 28-point plan", "a plan drafted
        by Witkoff", "the E3 announced their counterproposal"), if any."""
        for tok in self.s.doc:
            if tok.lemma_.lower() in self.g.plan_nouns and tok.pos_ in NOUNS:
                owners = self.predicate_holders(tok)
                if owners:
                    return owners
        return []

    def new_unowned_plan(self) -> bool:
        """Does the sentence introduce another plan without naming its author ("under a draft deal, …", "a
        draft was prepared")?"""
        return any(
            tok.lemma_.lower() in self.g.plan_nouns and tok.pos_ in NOUNS
            and any(c.lower_ in ("a", "an") for c in tok.children)
            and (tok.dep_ in SUBJECT_DEPS or (tok.dep_ == "pobj" and tok.head.lower_ in ("under", "in"))
                 or (tok.dep_ == "dobj" and tok.head.lemma_.lower() in self.g.light_verbs))
            for tok in self.s.doc)

    def _complement_holders(self, verb: Token, predicate: Token | None = None) -> list[Holder]:
        for c in verb.children:
            if c.dep_ == "agent":
                return [h for p in c.children if p.dep_ == "pobj" for h in self.np_holders(p)]
        for c in ([*predicate.children] if predicate is not None and predicate.i != verb.i else []):
            if c.dep_ == "prep" and c.lower_ in ("to", "for"):  # "X is not acceptable to Kyiv"
                found = [h for p in c.children if p.dep_ == "pobj" for h in self.np_holders(p)]
                if found:
                    return found
        for c in verb.children:  # "For Kyiv, these conditions would amount to surrender"
            if c.dep_ == "prep" and c.lower_ == "for":
                found = [h for p in c.children if p.dep_ == "pobj" for h in self.np_holders(p)]
                if found:
                    return found
        return self.speakers_above(verb) or ([self.ctx.speaker] if self.ctx.speaker else [])

    def speakers_above(self, tok: Token) -> list[Holder]:
        """Who says what `tok` is part of: the holders of the nearest verb of saying above it that names them."""
        for anc in tok.ancestors:
            if matches_lexicon(self.g.speech, anc):
                found = self.predicate_holders(anc)
                if found:
                    return found
        return []

    def _relative_holders(self, verb: Token) -> list[Holder]:
        frame = self.frame(verb)
        for c in frame.children:
            if c.dep_ == "agent":
                return [h for p in c.children if p.dep_ == "pobj" for h in self.np_holders(p)]
        subj = self._subject(frame)
        if subj is None or subj.lower_ in RELATIVE_PRONOUNS:
            return []
        return self.np_holders(subj)

    def _saying(self, tok: Token) -> bool:
        return matches_lexicon(self.g.speech, tok) or tok.lemma_.lower() in self.g.light_verbs

    def _root_speaker(self) -> Holder | None:
        """"In his speech, he set out his terms: Ukraine must …": the subject of a root verb of saying."""
        root = next((t for t in self.s.doc if t.dep_ == "ROOT"), None)
        if root is None:
            return None
        doc = self.s.doc
        before_colon = next((c for c in root.children if c.i < root.i and c.dep_ in ("ccomp", "parataxis")
                             and self._saying(c) and any(t.text == ":" for t in doc[c.i:root.i])), None)
        if before_colon is not None:  # "he set out his terms: Ukraine must drop …" ("drop" says nothing)
            root = before_colon
        elif not self._saying(root):
            # "Any settlement, he said, depended on …": a verb of saying set in the clause
            root = next((c for c in root.children if self._saying(c) and (
                c.dep_ == "parataxis" or (c.dep_ == "ccomp" and c.i < root.i))), None)
            if root is None:
                return None
        found = self.predicate_holders(root)
        return found[0] if found else None

