"""The slot of a position: what its term is about, where the text names it (whose forces withdraw, who
disarms, who is guaranteed, who mediates).

A pack term fixes its slot (`party:`: russian_withdrawal is Russia's). A core term with a `slot` takes the
actor the sentence names on the term itself: inside its wording ("withdraw Israeli troops"), right before it
("Hamas's disarmament", "the Israeli withdrawal", "the Qatari-brokered deal") or right after it through a
preposition ("disarmament of Hezbollah", "sanctions on Sudan", "talks mediated by Egypt"). A mediation
favoured with no mediator named is the holder's own ("Qatar mediated the talks").
"""

from __future__ import annotations

import re

from graph.vocabulary import MentionKind, Relation
from loaders.codebook import Codebook
from loaders.extract import DocumentExtraction, Finding
from loaders.mentions import Mention, find_forms, first_words, gazetteer, tokenize

_AFTER = re.compile(r"\s*(?:of|for|on|against|to|by|from|with|over)\s+(?:the\s+|all\s+|its\s+|their\s+)?"
                    r"(?:\w+\s+){0,2}$", re.IGNORECASE)
_BEFORE = re.compile(r"^(?:'s|’s|'|’)?(?:-|\s+)(?:\w+\s+){0,1}$")
_REACH = 60
_MEDIATION = "mediation"


def _actor_in(text: str, cb: Codebook) -> str | None:
    tokens = tokenize(text)
    forms = cb.compiled.get("slots:forms")
    if forms is None:
        table = gazetteer(cb.actor_forms)
        forms = cb.compiled["slots:forms"] = (table, first_words(table))
    found = next(iter(find_forms(text, tokens, forms[0], forms[1])), None)
    return str(found[2][0]) if found else None


def _term_mentions(run: DocumentExtraction, f: Finding, cb: Codebook) -> list[Mention]:
    view = run.views[f.sentence]
    core = cb.core_of(f.obj) or f.obj
    out = []
    for m in view.mentions:
        if m.kind != MentionKind.TERM:
            continue
        info = cb.terms.get(m.id)
        if m.id == f.obj or (info is not None and info.opposite == f.obj) or (cb.core_of(m.id) or m.id) == core:
            out.append(m)
    return out


def slot_of(run: DocumentExtraction, f: Finding, cb: Codebook) -> str | None:
    """The actor the position's term is about, or None when the term has no slot or the text names none."""
    info = cb.terms.get(f.obj)
    if info is None:
        return None
    if info.party:
        return info.party
    core = cb.terms.get(cb.core_of(f.obj) or "")
    if not (info.slot or (core is not None and core.slot)):
        return None
    if (cb.core_of(f.obj) or f.obj) == _MEDIATION and f.agentive:
        return f.actor  # "Egypt and Qatar mediated the talks": each is a mediator
    text = run.text
    view = run.views[f.sentence]
    actors = [m for m in view.mentions if m.kind == MentionKind.ACTOR]
    for term in _term_mentions(run, f, cb):
        inside = _actor_in(text[term.start:term.end], cb)
        if inside:
            return inside
        before = [a for a in actors if a.end <= term.start and term.start - a.end <= _REACH
                  and _BEFORE.match(text[a.end:term.start])]
        if before:
            return before[-1].id
        after = [a for a in actors if a.start >= term.end and a.start - term.end <= _REACH
                 and _AFTER.match(text[term.end:a.start])]
        if after:
            return after[0].id
    if (cb.core_of(f.obj) or f.obj) == _MEDIATION and f.relation != Relation.REJECTS:
        return f.actor  # "Qatar mediated the talks": the holder is the mediator
    return None
