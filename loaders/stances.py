"""Stances over the dependency parse: who takes which stance on a term, read from the tree, not from windows.

For each term in a parsed sentence, the reader climbs from the term's head to the root. On the way:
- a stance predicate (the codebook's `grammar.predicates`: "demand", "ready", "reject", a noun like
  "proposal") gives its holder a stance: the holder is the predicate's subject, passive agent or possessor,
  with coordination ("France and Britain said") giving several, relative pronouns going to their antecedent
  and pronouns to the source of the reported speech or the last holder; a predicate with no subject of its own
  takes its governor's (subject control: "Kyiv is ready to accept"), except under object control ("pressed
  Kyiv to accept": only the presser has a stance);
- polarity comes from the tree: a `neg` dependent or "never" on a predicate, a negating predicate ("reject",
  "refuse") flipping everything below it, and negators ("abandon", "without") flipping the term;
- a verb of saying lends its subject to a stance that has no holder below it, and an obligation ("Ukraine must
  withdraw") in reported speech becomes the speaker's demand;
- a condition clause or phrase ("if", "as long as", "in exchange for") makes the term what the main clause's
  holder asks in return, and nothing hypothetical inside it counts;
- relative and appositive clauses on the way carry stances of their own ("…, a condition Kyiv says it will
  never accept"; "peacekeepers, which have been pitched by the UK").
All word lists are the codebook's; this module only knows the grammar.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Token

from graph.vocabulary import HOLDER_KINDS, StanceClass
from loaders.grammar import NOUNS, SIDE_DEPS, SUBJECT_DEPS, PredicateClass, matches_lexicon, negated_relation
from loaders.holders import UNKNOWN, Holder, HolderReader

if TYPE_CHECKING:
    from loaders.mentions import Mention


@dataclass(slots=True)
class Stance:
    holder: Holder
    relation: str  # a StanceClass
    polarity: int  # +1: the term as named; -1: its negation
    confidence: float
    rule: str  # for people: how the stance was read
    condition: bool = False  # the term is what the holder asks in return ("… if X")
    plan_voice: bool = False  # the rule names a holder found as the author of the plan being described


@dataclass(frozen=True, slots=True)
class Pending:
    """A stance predicate read on the way up whose holder is still unknown ("calls for X" with no subject yet):
    a later verb, control verb or the sentence's speaker lends it one."""

    relation: str  # a StanceClass
    polarity: int
    confidence: float
    rule: str
    token: int  # where the predicate was said


@dataclass
class _Climb:
    """What the climb from a term to the root has gathered so far."""

    sign: int
    out: list[Stance] = field(default_factory=list)
    pending: Pending | None = None
    obligation: tuple[int, list[Holder]] | None = None
    permission: int | None = None  # "X can happen", waiting for a speaker: the sign of X
    future: list[Stance] = field(default_factory=list)
    unowned: int | None = None  # a future statement with no actor as subject, waiting for a speaker
    skip: bool = False
    depth: int = 0
    refused: bool = False  # a refusing predicate was passed on the way up
    last_child: int = -1  # the token the climb came from


class StanceReader(HolderReader):
    """Reads the stances on one term mention of a parsed sentence."""

    def is_condition(self, tok: Token) -> bool:
        """Is `tok` the top of a condition clause ("if …", "as long as …") or phrase ("in exchange for …")?"""
        if self._after_refusal(tok):
            return True
        if tok.dep_ == "advcl":
            left = tok.left_edge.i
            words = [t.lower_ for t in tok.doc[max(0, left - 3):left + 3]]
            at = min(left, 3)  # where the clause starts in `words`
            for mark in self.g.condition_marks:
                n = len(mark)
                if tuple(words[at:at + n]) == mark or any(tuple(words[k:k + n]) == mark and k + n >= at
                                                          for k in range(max(0, at - n), at)):
                    return True
            return False
        if tok.dep_ == "prep" and tok.lower_ in ("for", "of", "that"):
            phrase = (tok.head.head.lower_, tok.head.lower_, tok.lower_) if tok.head.dep_ == "pobj" else ()
            return any(phrase[-len(mark):] == mark for mark in self.g.condition_marks if len(mark) == 3)
        return False

    def _after_refusal(self, tok: Token) -> bool:
        """"opposes any easing before a withdrawal", "will not lift sanctions until Russia withdraws": a time
        marker under a refusal is a condition."""
        words = self.g.refusal_conditions
        if not ((tok.dep_ == "prep" and tok.lower_ in words)
                or (tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in words for c in tok.children))):
            return False
        gov = tok.head
        for _ in range(3):  # the refusal may govern the clause the marker hangs from ("refuses to recognise X until")
            cls = self.classify(gov)
            if (cls is not None and cls.relation == StanceClass.REJECTS) or self.negated(gov):
                return True
            if gov.pos_ not in NOUNS and gov.dep_ not in ("xcomp", "dobj", "pobj", "prep"):
                break
            gov = gov.head
        return False

    def hedged(self, tok: Token) -> bool:
        return any(c.lower_ in self.g.hedges for c in self.frame(tok).children)

    # -- the climb ---------------------------------------------------------------------------------------------

    def read(self, term: Mention) -> list[Stance]:
        head = self.s.head_of(term)
        if head is None:
            return []
        climb = _Climb(sign=int(term.attrs.get("polarity", 1)) * (-1 if self.negated(head) else 1))
        if head.dep_ in SUBJECT_DEPS and not self._raised(head):
            if self.is_condition(head.head) and head.head.head.i != head.head.i:
                return self._condition(head.head, climb.sign)  # "… once a ceasefire is agreed"
            # "A truce, backed by Washington, was rejected by Moscow": the subject's own clauses, then the verb's
            return self._side_clauses(head, None, climb.sign) + self._said_of_subject(head, climb.sign, direct=True)
        tok, child = head, None
        for _ in range(40):
            if climb.skip:  # out of a coordinated verb: the first conjunct's words are not about this term
                climb.skip = False
            else:
                if any(c.dep_ == "mark" and c.lower_ in self.g.no_stance for c in tok.children):
                    return []  # "declined to say whether …"
                if child is None:
                    self._at_head(tok, term, climb)
                else:
                    if tok.lower_ in self.g.no_stance or tok.lemma_.lower() in self.g.no_stance \
                            or (child.dep_ == "ccomp" and self._denies(tok)) \
                            or (child.dep_ in ("acl", "ccomp") and tok.pos_ in NOUNS
                                and tok.lemma_.lower() in self.g.report_nouns):
                        return []
                    if child.dep_ in SUBJECT_DEPS and not self._raised(child):  # the term is inside the subject
                        return climb.out or self._said_of_subject(child, climb.sign) or self._pending_said(tok, climb)
                    self._step(tok, child, climb)
            if self.is_condition(tok) and tok.head.i != tok.i:
                # "if Russia rejects X, the US will impose sanctions": a refusal inside the condition makes it
                # a threat, not something the main clause's holder asks for
                if climb.refused and self._threat(tok):  # "threatened sanctions if Russia did not agree to X"
                    return self._condition(tok, -climb.sign)
                return [] if climb.refused or self._threat(tok) else self._condition(tok, climb.sign)
            own_prep = child is None and tok.dep_ == "prep"  # the term's own words ("along the front line")
            if tok.head.i == tok.i or (not own_prep and self._clause_boundary(tok)) or (
                    child is not None and matches_lexicon(self.g.speech, tok) and child.dep_ in ("ccomp", "parataxis")
                    and (tok.dep_ in ("advcl", "conj") or (tok.dep_ == "xcomp"
                                                           and tok.head.lemma_.lower() not in self.g.control_verbs))):
                break  # what "…, saying that X" reports is not governed by the clause it hangs from
            climb.skip = tok.pos_ in ("VERB", "AUX") and tok.dep_ in ("conj", "dep")
            child, tok = tok, self._governor(tok)
        return climb.out or self._fallbacks(term, head, climb)

    def _raised(self, subject: Token) -> bool:
        """"Kyiv wants a ceasefire to begin on Monday": the subject of an infinitive under a stance predicate
        is what the predicate is about, not a subject things are said of."""
        verb = subject.head
        return (verb.dep_ in ("ccomp", "xcomp") and verb.head.i != verb.i
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
                and self.classify(verb) is None and verb.lemma_.lower() not in self.g.copula
                and self.classify(verb.head) is not None)

    def _denies(self, tok: Token) -> bool:
        """Does `tok` deny the clause below it as a fact ("denied that …", "it is not true that …")?"""
        if tok.lemma_.lower() in self.g.denials:
            return True
        copula = tok.head if tok.dep_ in ("acomp", "attr") else tok
        truth = tok.lemma_.lower() in self.g.truth_words or any(
            c.dep_ in ("acomp", "attr") and c.lemma_.lower() in self.g.truth_words for c in copula.children)
        return truth and (self.negated(copula) or self.negated(tok))

    @staticmethod
    def _governor(tok: Token) -> Token:
        """The head, except that "…, including X" hung on a verb modifies the noun before it (a frequent
        attachment error of the parser: "the removal of the reasons, including X")."""
        if tok.lower_ in ("including", "like") and tok.head.pos_ in ("VERB", "AUX"):
            for j in range(tok.i - 1, tok.head.i, -1):
                if tok.doc[j].pos_ in NOUNS:
                    return tok.doc[j]
        return tok.head

    def _at_head(self, tok: Token, term: Mention, climb: _Climb) -> None:
        """The term's own head: its modal ("Ukraine will not give up its land"), and clauses on its words."""
        if tok.pos_ in ("VERB", "AUX"):
            self._modal(tok, climb, near=True)
            if term.attrs.get("provider") and not climb.future and self._stated_act(tok) and (
                    tok.dep_ == "ROOT" or (tok.dep_ in ("ccomp", "parataxis") and self.classify(tok.head) is None
                                           and matches_lexicon(self.g.speech, tok.head))):
                # "Britain gave security guarantees to Ukraine": the giver's act, a guarantor's stance
                climb.out += [Stance(h, StanceClass.FAVOUR, climb.sign, self.conf.act * h.factor,
                                     f"act:{tok.lemma_.lower()} ({h.how})",
                                     plan_voice=h.plan_author)
                              for h in self.predicate_holders(tok)]
        for inner in {t.i: t for t in [tok, *self.s.tokens_of(term)]}.values():
            climb.out += self._side_clauses(inner, None, climb.sign)  # "withdraw from the Donbas, a condition …"

    @staticmethod
    def _stated_act(verb: Token) -> bool:
        """A finite verb stated as done or doing ("gave", "provides", "did not offer"), not an infinitive or a
        participle that some predicate above governs."""
        aux = [c for c in verb.children if c.dep_ == "aux"]
        return (verb.tag_ in ("VBD", "VBZ", "VBP") and not aux) or (
            verb.tag_ == "VB" and bool(aux) and all(a.lemma_.lower() == "do" for a in aux))

    def _step(self, tok: Token, child: Token, climb: _Climb) -> None:
        """One token above the term: a negator, a stance predicate, a verb of saying, or a plain verb."""
        climb.last_child = child.i
        if matches_lexicon(self.g.negators, tok) and child.dep_ not in SIDE_DEPS:
            self._negator(tok, climb)
        elif tok.pos_ in NOUNS and any(c.dep_ == "compound" and c.i < tok.i and c.lemma_.lower() in self.g.negators
                                       for c in tok.children):
            climb.sign = -climb.sign  # "insists Kyiv abandon ambitions to join NATO", the verb tagged a noun
        for noun, qcls in self._quantified(tok):
            climb.out += [Stance(h, qcls.relation, climb.sign, qcls.confidence * h.factor,
                                 f"{qcls.relation.lower()}:{noun.lemma_.lower()} ({h.how})", plan_voice=h.plan_author)
                          for h in self.predicate_holders(noun)]
        cls = self.classify(tok)
        second = self._secondary_predicate(tok, child) if child.dep_ == "dobj" else None
        subject = self._stance_subject(tok, child, cls)
        if subject is not None:  # "the Kremlin's demands are X", "Russia's conditions include X"
            self._predicate(subject[0], subject[1], climb)
        elif second is not None:  # "Putin set X as a condition", "considering X a threat" (not "considering X")
            self._predicate(tok, second, climb)
        elif cls is not None:
            self._predicate(tok, cls, climb)
        elif matches_lexicon(self.g.speech, tok) and child.dep_ in ("ccomp", "parataxis", "xcomp", "dobj"):
            self._speech(tok, climb)
            if child.dep_ == "dobj" and not climb.out:  # "Ukraine would have declared neutrality"
                self._modal(tok, climb, near=climb.depth < 2)
        elif tok.pos_ in ("VERB", "AUX"):
            if self.negated(tok):  # "we are not going to replicate X": the verb's negation covers X
                climb.sign = -climb.sign
            elif climb.pending is not None and climb.pending.token == child.i and child.dep_ == "xcomp" \
                    and tok.lemma_.lower() in self.g.control_verbs:
                self._controlled(tok, climb)  # "Washington keeps pushing Kyiv to accept X"
            if not climb.out:
                self._modal(tok, climb, near=climb.depth < 2)
        climb.depth += 1
        climb.out += self._side_clauses(tok, child, climb.sign)

    def _stance_subject(self, verb: Token, child: Token, cls: PredicateClass | None
                        ) -> tuple[Token, PredicateClass] | None:
        """A stance noun as the subject of a copula or a carrier verb states what the term is: "the Kremlin's
        key demands are X", "Russia's conditions include X" (its possessor holds it, with its relation)."""
        carrier = cls is not None and cls.relation == StanceClass.FAVOUR and child.dep_ == "dobj"
        if not (carrier or (verb.lemma_.lower() in self.g.copula and child.dep_ in ("attr", "acomp", "oprd"))):
            return None
        subject = self._subject(verb)
        found = self.classify(subject) if subject is not None and subject.pos_ in NOUNS else None
        if subject is None or found is None or not self.predicate_holders(subject):
            return None  # "the leaked proposal included calls for X": the plan's author speaks, below
        return subject, found

    def _secondary_predicate(self, verb: Token, obj: Token) -> PredicateClass | None:
        """A stance predicate said of the verb's object ("set X as a condition", "regards X as unacceptable",
        "called X unacceptable", "considers X a precondition"): the verb's subject holds it."""
        for c in obj.children:  # "considers X a precondition", parsed as an apposition without a comma
            if c.dep_ == "appos" and c.pos_ in NOUNS and not any(t.text == "," for t in obj.doc[obj.i:c.i]):
                cls = self.classify(c)
                if cls is not None:
                    return cls
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == "as":
                found = [cls for p in c.children if p.dep_ in ("pobj", "amod", "acomp")
                         and (cls := self.classify(p)) is not None]  # "as a condition", "as unacceptable"
                if found:
                    return found[0]
            elif c.dep_ in ("oprd", "xcomp", "ccomp", "appos") and c.pos_ in ("NOUN", "ADJ"):
                cls = self.classify(c)
                if cls is not None:
                    return cls
        return None

    def _negator(self, tok: Token, climb: _Climb) -> None:
        climb.sign = -climb.sign
        doers = self.predicate_holders(tok)
        if not doers:
            return
        actors = {h.actor for h in doers}  # "Kyiv drops its plans to join NATO": the old plan is superseded
        climb.out = [o for o in climb.out if o.holder.actor not in actors]
        # (only what the negator governs reaches here: side clauses never do)
        if climb.pending is not None and climb.pending.token == climb.last_child:  # "It scraps the pledge not …"
            p = climb.pending
            climb.out += [Stance(h, p.relation, -p.polarity, p.confidence * h.factor, f"{p.rule} dropped ({h.how})",
                                 plan_voice=h.plan_author)
                          for h in doers]
            climb.pending = None

    def _predicate(self, tok: Token, cls: PredicateClass, climb: _Climb) -> None:
        negated = self.predicate_negated(tok)
        relation = cls.relation
        if negated:
            relation = negated_relation(relation)
        conf = cls.confidence * (self.g.hedge_factor if self.hedged(tok) else 1.0)
        rule = f"{cls.relation.lower()}:{tok.lemma_.lower()}"
        holders = self.predicate_holders(tok) if self._own_holder(tok) else []
        author = self._plan_voice(tok)
        if holders and author and all(h.actor not in {a.actor for a in author} for h in holders):
            # "NATO and Ukraine would pledge …" in a plan: its author's terms
            holders = author
            relation = StanceClass.REJECTS if relation == StanceClass.REJECTS else StanceClass.FAVOUR
        if holders and climb.pending is not None and cls.relation == StanceClass.FAVOUR and not negated \
                and climb.pending.token == climb.last_child:
            # "the proposal included calls for X": the carrier verb lends its holder to the stance it carries
            p = climb.pending
            climb.out += [Stance(h, p.relation, p.polarity, min(conf, p.confidence) * h.factor,
                                 f"{p.rule} ({h.how}, {rule})",
                                 plan_voice=h.plan_author)
                          for h in holders]
            climb.pending = None
        elif holders:
            climb.out += [Stance(h, relation, climb.sign, conf * h.factor, f"{rule} ({h.how})",
                                 plan_voice=h.plan_author) for h in holders]
            climb.pending = None
        else:  # the highest stance still without a holder is the one a speaker may own
            climb.pending = Pending(relation, climb.sign, conf, rule, tok.i)
        if (cls.relation == StanceClass.REJECTS) != negated:
            climb.sign = -climb.sign
            climb.refused = True

    def _controlled(self, tok: Token, climb: _Climb) -> None:
        """A stance predicate with no subject of its own under a control verb is the control verb's subject's."""
        holders = self.predicate_holders(tok)
        if holders and climb.pending is not None:
            p = climb.pending
            climb.out += [Stance(h, p.relation, p.polarity, p.confidence * h.factor,
                                 f"{p.rule} ({h.how}, {tok.lemma_.lower()})",
                                 plan_voice=h.plan_author)
                          for h in holders]
            climb.pending = None

    def _speech(self, tok: Token, climb: _Climb) -> None:
        speakers = self.predicate_holders(tok)
        if not speakers:
            return
        if self.negated(tok):  # "neither Washington nor Kyiv has said X should be frozen": nobody's stance
            climb.pending = climb.obligation = climb.permission = climb.unowned = None
            climb.future = []
            return
        if climb.pending is not None:
            p = climb.pending
            climb.out += [Stance(h, p.relation, p.polarity, p.confidence * self.conf.reported, f"{p.rule} (speaker)")
                          for h in speakers]
            climb.pending = None
        elif climb.unowned is not None and not climb.out:  # "X would be put to a vote, he said"
            climb.out += [Stance(h, StanceClass.FAVOUR, climb.unowned, self.conf.future, "future (speaker)")
                          for h in speakers]
            climb.unowned = None
        elif climb.obligation is not None and not climb.out:
            ob_sign, subjects = climb.obligation
            climb.out += [Stance(h, StanceClass.DEMANDS, ob_sign, self.conf.obligation_reported,
                                 "obligation (speaker)") for h in speakers
                          if all(h.actor != s.actor for s in subjects)]
            climb.obligation = None
        elif climb.permission is not None and not climb.out:  # "Ukraine can join NATO, the plan says"
            climb.out += [Stance(h, StanceClass.SUPPORTS, climb.permission, self.conf.permission,
                                 "permission (speaker)")
                          for h in speakers]
            climb.permission = None

    def _fallbacks(self, term: Mention, head: Token, climb: _Climb) -> list[Stance]:
        """Nothing above named a holder: the speaker of the sentence (its root's subject when that is a verb
        of saying or setting out, else the quotation's speaker), a future statement's subject, a plan."""
        speaker = self._root_speaker() or self.ctx.speaker
        if climb.pending is not None and speaker is not None:
            p = climb.pending
            return [Stance(speaker, p.relation, p.polarity, p.confidence * self.conf.speaker,
                           f"{p.rule} (speaker of the sentence)")]
        if climb.obligation is not None and speaker is not None:
            ob_sign, subjects = climb.obligation
            if all(speaker.actor != s.actor for s in subjects) or not subjects:
                return [Stance(speaker, StanceClass.DEMANDS, ob_sign, self.conf.obligation,
                               "obligation (speaker of the sentence)")]
            return [Stance(speaker, StanceClass.FAVOUR, ob_sign, self.conf.own_obligation,
                           "own obligation (speaker of the sentence)")]
        if climb.future:
            return climb.future
        if speaker is not None and self._demand_form():  # "Peace and the restoration of our borders." in a speech
            return [Stance(speaker, StanceClass.DEMANDS, climb.sign, self.conf.demand_form,
                           "list or imperative (speaker of the sentence)")]
        if climb.pending is not None and climb.pending.relation == StanceClass.FAVOUR \
                and self.ctx.conceder is not None \
                and self._plan_clause(head):  # "the deal would involve X": what its conceding party offers
            conceder = self.ctx.conceder(term.id)
            if conceder:
                holder = Holder(conceder, None, self.conf.conceder, "conceding party of a plan")
                return [Stance(holder, StanceClass.FAVOUR, climb.sign, self.conf.plan, f"{climb.pending.rule} (plan)")]
        return []

    def _demand_form(self) -> bool:
        """A verbless item of a list ("And new, effective security guarantees for Ukraine.") or an imperative
        ("Provide Ukraine with a clear European perspective."): in a speaker's voice, what he asks for."""
        root = next((t for t in self.s.doc if t.dep_ == "ROOT"), None)
        if root is None:
            return False
        if root.pos_ in NOUNS and not any(t.pos_ in ("VERB", "AUX") and t.dep_ in ("ccomp", "relcl", "acl", "advcl")
                                          and self._subject(t) is not None for t in self.s.doc):
            return True
        first = next((t for t in self.s.doc if not t.is_punct and t.lower_ not in ("and", "but", "also", "so")), None)
        return root.tag_ == "VB" and first is not None and first.i == root.i and self._subject(root) is None

    def _plan_voice(self, tok: Token) -> list[Holder]:
        """A conditional predicate ("would pledge", "would commit") in the sentences that describe a plan named
        before speaks for the plan's author (in the sentence that names it, it is a reaction to it)."""
        if not self.ctx.described_plan:
            return []
        aux = {c.lower_ for c in self.frame(tok).children if c.dep_ == "aux"}
        if not aux & self.g.future:
            return []
        authors = {a.actor for a in self.ctx.described_plan}
        if any(h.actor not in authors for h in self.speakers_above(tok)):
            return []  # "Nor would Ukraine accept X, the foreign minister said": the speaker's side, not the plan
        return self.as_author(self.ctx.described_plan, "author of the plan")

    def _plan_clause(self, head: Token) -> bool:
        """Is the term inside what a plan or deal says ("the deal would involve …", "under the plan")?"""
        for anc in [head, *head.ancestors]:
            subj = self._subject(anc)
            if subj is not None and subj.lemma_.lower() in self.g.plan_nouns:
                return True
            for c in anc.children:
                if c.dep_ == "prep" and c.lower_ in ("under", "in") and any(
                        p.dep_ == "pobj" and p.lemma_.lower() in self.g.plan_nouns for p in c.children):
                    return True
        return False

    def _modal(self, tok: Token, climb: _Climb, near: bool) -> None:
        """An obligation ("must") waits for a speaker; a future ("would", "will") with an actor as subject is
        that actor's weaker stance (its plan's author's, when a plan is being described) when it governs the
        term closely; a future with no actor as subject waits for a speaker."""
        aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
        if not aux and tok.dep_ == "conj":  # "Ukraine must drop X and withdraw Y": the auxiliary is shared
            aux = {c.lower_ for c in tok.head.children if c.dep_ in ("aux", "auxpass")}
        if any(c.dep_ == "xcomp" for c in tok.children):  # "is going to trade": a modal of two words
            aux.add(f"{tok.lower_} to")
        if aux & self.g.obligation and climb.obligation is None:
            climb.obligation = (climb.sign, self.predicate_holders(tok))
        elif aux & self.g.permission and climb.permission is None and near:
            climb.permission = climb.sign
        elif aux & self.g.future and not climb.future and near:
            subjects = self.predicate_holders(tok)
            authors = {a.actor for a in self.ctx.described_plan}
            if authors and all(s.actor not in authors for s in subjects) \
                    and all(h.actor in authors for h in self.speakers_above(tok)):
                # "Ukraine would cap its army", "NATO forces would not be stationed in Ukraine": the plan's terms
                subjects = self.as_author(self.ctx.described_plan, "author of the plan")
            climb.future = [Stance(h, StanceClass.FAVOUR, climb.sign, self.conf.future, f"future:{tok.lemma_.lower()}")
                            for h in subjects]
            if not subjects and climb.unowned is None and any(c.dep_ == "auxpass" for c in tok.children):
                climb.unowned = climb.sign  # "any deal would be put to a referendum, he said"

    def _pending_said(self, verb: Token, climb: _Climb) -> list[Stance]:
        """A stance noun with no holder in a subject of which nothing is predicated as a stance ("the goals of
        X remain in force, Lavrov said"): the speaker who reports the clause holds it."""
        p = climb.pending
        if p is None or self.s.doc[p.token].pos_ not in NOUNS or p.relation == StanceClass.FAVOUR:
            return []  # a gerund ("calling for X would be a mistake") or a document ("a plan for X was being
            # discussed, he said") is nobody's stance
        return [Stance(h, p.relation, p.polarity, p.confidence * self.conf.speaker, f"{p.rule} (speaker of its clause)")
                for h in self.speakers_above(verb)]

    def _said_of_subject(self, subject: Token, sign: int, direct: bool = False) -> list[Stance]:
        """The term is the subject and the stance is said of it: "X is unacceptable", "X would amount to
        surrender", "X was rejected by Moscow". The holder is the passive agent, "for Kyiv", or the speaker."""
        first = subject.head
        candidates: list[tuple[Token, Token]] = []  # (what may be a stance, the verb it is said with)
        if subject.dep_ == "nsubjpass":
            candidates.append((first, first))
        # "X would infringe on Russia's security and would be a mistake": verbs that share the term as subject
        shared = [c for c in first.conjuncts if c.i > first.i and c.pos_ in ("VERB", "AUX")
                  and not any(d.dep_ in SUBJECT_DEPS for d in c.children)]
        for verb in (first, *shared):
            for c in verb.children:
                if c.dep_ in ("acomp", "attr", "oprd"):
                    candidates.append((c, verb))
                    candidates += [(p, verb) for prep in c.children if prep.dep_ == "prep" for p in prep.children
                                   if p.dep_ == "pobj"]
                    candidates += [(x, verb) for x in c.children if x.dep_ == "xcomp"]
                elif c.dep_ == "prep" and c.lower_ in ("to", "as"):
                    candidates += [(p, verb) for p in c.children if p.dep_ == "pobj"]
                elif c.dep_ in ("prep", "xcomp"):  # "X is off the table", "is out of the question", "would amount to"
                    candidates.append((c, verb))
        for cand, verb in candidates:
            cls = self.classify(cand)
            if cls is None:
                continue
            negated = self.negated(verb) or (cand.i != verb.i and self.negated(cand))
            if negated and cand.i == verb.i and not any(c.dep_ == "agent" for c in verb.children):
                continue  # "a ceasefire had not been agreed": a report of where things stand, nobody's refusal
            holders = self._complement_holders(verb, cand)
            relation = cls.relation
            if negated:
                relation = negated_relation(relation)
            return [Stance(h, relation, sign, cls.confidence * self.conf.said_of_term * h.factor,
                           f"{cls.relation.lower()}:"
                           f"{cand.lemma_.lower()} (said of the term; {h.how})", plan_voice=h.plan_author)
                    for h in holders]
        if direct and {c.lower_ for c in first.children if c.dep_ in ("aux", "auxpass")} & self.g.obligation \
                and any(c.dep_ == "auxpass" for c in first.children):
            # "Putin said elections must be held before any deal is signed": the speaker's demand, when a verb
            # of saying names the speaker (not a subject that only contains the term: "the issue of X")
            sign = -sign if self.negated(first) else sign
            return [Stance(h, StanceClass.DEMANDS, sign, self.conf.obligation * h.factor,
                           f"obligation (said of the term; {h.how})",
                           plan_voice=h.plan_author)
                    for h in self.speakers_above(first)]
        return []

    def _threat(self, condition: Token) -> bool:
        """Is the condition's main clause a threat ("threatened to retaliate if X")?"""
        return any(a.lemma_.lower() in self.g.threat_verbs for a in condition.ancestors)

    def _condition(self, tok: Token, sign: int) -> list[Stance]:
        """The term is what the main clause's holder asks in return; nothing said inside the condition
        counts. With no holder in sight the stance waits for the sentence's main holder (holder UNKNOWN)."""
        holders = self._main_holders(tok) or ([self.ctx.speaker] if self.ctx.speaker else [UNKNOWN])
        return [Stance(h, StanceClass.DEMANDS, sign, self.conf.condition, "condition", condition=True) for h in holders]

    def _main_holders(self, condition: Token) -> list[Holder]:
        """Who asks for a condition: the holder of the nearest stance above it ("Russia is prepared to let
        Ukraine pursue X as long as Y": Russia), else the subject of the clause it belongs to."""
        for anc in condition.ancestors:
            if self.classify(anc) is not None and self._own_holder(anc):
                found = self.predicate_holders(anc)
                if found:
                    return found
        return self.predicate_holders(self.frame(_main_clause(condition)))

    def _quantified(self, tok: Token) -> list[tuple[Token, PredicateClass]]:
        """"three of Russia's demands: X, Y and Z": the predicate noun a quantity stands for."""
        out = []
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of" and tok.pos_ in ("NUM", "NOUN", "PRON", "DET"):
                for p in c.children:
                    cls = self.classify(p) if p.dep_ == "pobj" and p.pos_ in NOUNS else None
                    if cls is not None:
                        out.append((p, cls))
        return out

    def _clause_boundary(self, tok: Token) -> bool:
        """Stop the climb where the clause above does not govern this one: a circumstance or a topic; a
        coordinated or adverbial clause with its own subject ("Russia demands X, while Kyiv wants Y"), and a
        relative clause about an actor ("Kyiv, which wants to join NATO, …"); a relative clause about a plan
        goes on ("rejected any plan that would require X")."""
        if tok.dep_ == "prep" and tok.lower_ in self.g.adjunct_preps:
            return True  # "during the talks", "under the plan": when or where, never what
        if tok.dep_ == "prep" and tok.lower_ == "for" and tok.head.lemma_.lower() in self.g.condition_nouns:
            return True  # "a condition for talks": what is put under the condition, not what is asked
        if tok.dep_ == "prep" and tok.lower_ not in self.g.complement_preps and self.classify(tok.head) is None \
                and not matches_lexicon(self.g.negators, tok.head) and not self._participation(tok.head) \
                and not (tok.lower_ == "by" and any(c.dep_ == "pcomp" for c in tok.children)):
            return True  # a circumstance ("briefed on the talks", "said during the talks"), not a complement
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ == "parataxis":
            return True
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ == "conj" and self._subject(tok) is not None:
            return True
        if tok.dep_ == "advcl" and self._subject(tok) is not None and not any(
                c.dep_ == "mark" and c.lower_ in ("for", "that") for c in tok.children):
            return True  # ("calls for Kyiv to reduce its army", "demands that Ukraine withdraw": complements)
        if tok.dep_ == "relcl":
            m = self.s.by_token.get(tok.head.i)
            return m is not None and m.kind in HOLDER_KINDS
        return False

    def _participation(self, tok: Token) -> bool:
        """"contribute to", "take part in": what is taken part in is a complement, not a circumstance."""
        return tok.lemma_.lower() in self.g.participation or any(
            c.dep_ == "dobj" and c.lemma_.lower() in self.g.participation for c in tok.children)

    def _side_clauses(self, tok: Token, child: Token | None, sign: int) -> list[Stance]:
        """Relative and appositive clauses hanging off the path: "…, which have been pitched by the UK",
        "…, a condition Kyiv says it will never accept", "terms Ukraine rejected"."""
        out: list[Stance] = []
        for c in tok.children:
            if child is not None and c.i == child.i:
                continue
            if c.dep_ == "relcl" and tok.pos_ in NOUNS:
                out += self._relative(c, sign)
            elif c.dep_ == "acl" and tok.pos_ in NOUNS and any(a.dep_ == "agent" for a in c.children):
                cls = self.classify(c)  # "a ceasefire proposed by the United States"
                if cls is not None:
                    out += [Stance(h, cls.relation, sign, cls.confidence * self.conf.side_clause * h.factor,
                                   f"{cls.relation.lower()}:{c.lemma_.lower()} ({h.how})", plan_voice=h.plan_author)
                            for h in self.predicate_holders(c, agent_only=True)]
            elif c.dep_ in ("appos", "npadvmod", "dep") and c.pos_ in NOUNS:
                for r in c.children:
                    if r.dep_ == "relcl":
                        out += self._relative(r, sign)
        return out

    def _relative(self, verb: Token, sign: int) -> list[Stance]:
        speakers: list[Holder] = []
        cur: Token | None = verb
        for _ in range(4):
            if cur is None:
                break
            if self.negated(cur):
                sign = -sign
            cls = self.classify(cur)
            if cls is not None:
                holders = self._relative_holders(cur) or speakers
                relation = cls.relation
                if relation == StanceClass.REJECTS:
                    polarity = sign
                elif sign < 0:
                    relation, polarity = StanceClass.REJECTS, 1
                else:
                    polarity = 1
                return [Stance(h, relation, polarity, cls.confidence * self.conf.side_clause,
                               f"relative:{cur.lemma_.lower()}")
                        for h in holders]
            if matches_lexicon(self.g.speech, cur):
                speakers = self._relative_holders(cur) or speakers
                cur = next((c for c in cur.children if c.dep_ in ("ccomp", "xcomp")), None)
                continue
            if cur.lemma_.lower() in self.g.event_verbs and speakers and sign < 0:
                return [Stance(h, StanceClass.REJECTS, 1, self.conf.relative_refusal,
                               f"relative:{cur.lemma_.lower()} (speaker)")
                        for h in speakers]
            cur = next((c for c in cur.children if c.dep_ == "xcomp"), None)
        return []


def _main_clause(tok: Token) -> Token:
    """The clause a condition belongs to: up through complements to the first clause of its own
    ("Russia is prepared to let Ukraine pursue X as long as Y": prepared, not pursue)."""
    cur = tok.head
    while cur.head.i != cur.i and cur.dep_ in ("xcomp", "ccomp", "advmod", "acomp", "prep", "pobj", "dobj"):
        cur = cur.head
    return cur
