"""Terms whose own wording names who holds them: the agent of a mediating, releasing or withdrawing verb.

"Egypt and Qatar mediated the talks", "a truce brokered by the United States", "the mediators from Qatar and
Egypt", "Hamas released three hostages": no stance predicate governs the term, yet the text says who does it.
A term with `agentive: RELATION` in the codebook gives that relation to the actors that are its verb's
subject (active) or agent ("by …", passive and participles), or its noun's demonym, possessive or "from …"
complement, coordinated names included. A sentence's own stance on the same actor and term wins; a negated
or questioned act, or one under an obligation ("must withdraw"), is left to the stance reader.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from graph.vocabulary import MentionKind
from loaders.codebook import Codebook
from loaders.extract import DocumentExtraction, Finding
from loaders.speakers import SentenceView

_NOUN_DEPS = ("amod", "compound", "poss", "nmod")
_NOUN_PREPS = ("from", "by", "of")
_OBLIGED = ("must", "should", "ought", "need")


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    out = []
    for tok in tokens:
        out.append(tok)
        out.extend(t for t in tok.subtree if t.dep_ == "conj" and t.head.i >= tok.i)
        out.extend(t for t in tok.children if t.dep_ == "appos")
    return out


def _agents(root: Token) -> list[Token]:
    """The tokens naming who does what `root` says."""
    if any(c.dep_ == "neg" for c in root.children) or any(c.lower_ in _OBLIGED for c in root.children):
        return []
    by = [g for c in root.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if by:
        return _with_conjuncts(by)
    if root.pos_ in ("VERB", "AUX"):
        verb = root
        while verb.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in verb.children):
            verb = verb.head
        if root.tag_ == "VBN" and root.dep_ in ("amod", "acl"):  # "the U.S.-brokered truce"
            return [c for c in root.children if c.dep_ in ("npadvmod", "compound", "nmod")]
        return _with_conjuncts([c for c in verb.children if c.dep_ == "nsubj"])
    if root.pos_ in ("NOUN", "PROPN"):
        named = [c for c in root.children if c.dep_ in _NOUN_DEPS]
        named += [g for c in root.children if c.dep_ == "prep" and c.lower_ in _NOUN_PREPS
                  for g in c.children if g.dep_ == "pobj"]
        return _with_conjuncts(named)
    return []


def _actor_at(run: DocumentExtraction, view: SentenceView, start: int, end: int) -> str | None:
    for m in view.mentions:
        if m.start < end and start < m.end:
            if m.kind == MentionKind.ACTOR:
                return m.id
            if m.kind == MentionKind.OFFICIAL:
                found = run.officials.get(m.id)
                return found.represents if found else None
    return None


def agentive_findings(run: DocumentExtraction, cb: Codebook) -> list[Finding]:
    """Positions the agents of agentive terms hold, for the sentences that were parsed."""
    relations = {t: str(info.agentive) for t, info in cb.terms.items() if info.agentive}
    if not relations:
        return []
    have = {(f.actor, f.obj, f.sentence) for f in run.findings if f.kind == "position"}
    out: list[Finding] = []
    for index, doc in run.parsed.items():
        view = run.views[index]
        for m in view.mentions:
            if m.kind != MentionKind.TERM or m.id not in relations or m.attrs.get("anaphora"):
                continue
            out += _for_mention(run, view, doc, m.start, m.end, m.id, relations[m.id], have)
    return out


def _for_mention(run: DocumentExtraction, view: SentenceView, doc: Doc, start: int, end: int, term: str,
                 relation: str, have: set[tuple[str, str, int]]) -> list[Finding]:
    span = doc.char_span(start - view.start, end - view.start, alignment_mode="expand")
    if span is None:
        return []
    actors = []
    inside = _actor_at(run, view, start, view.start + span.root.idx)  # "the U.S.-brokered truce"
    if inside:
        actors.append(inside)
    for tok in _agents(span.root):
        actor = _actor_at(run, view, view.start + tok.idx, view.start + tok.idx + len(tok))
        if actor and actor not in actors:
            actors.append(actor)
    found = []
    for actor in actors:
        if (actor, term, view.index) in have:
            continue
        have.add((actor, term, view.index))
        found.append(Finding("position", actor, relation, term, view.index, (view.start, view.end), None,
                             run.grammar.confidence.agentive, f"agentive:{span.root.lemma_.lower()}", agentive=True))
    return found
