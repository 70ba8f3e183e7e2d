"""Actors the codebook does not know: armed groups, parties and leaders a document names, offered to an analyst.

Two sources, both cheap enough to run when documents are loaded (never in `peacegraph extract`):
- role nouns of the codebook (`unknown_actors.role_nouns`: "rebel group", "militia", "movement" …) next to a
  capitalised name: "the Sudan Liberation Movement", "the Wagner militia", "the rebel group Ansar Dine";
- the trained pipeline's entity recogniser (organisations and people named in two words or more, acronyms),
  run only on the sentences that hold a role noun or a verb of saying or negotiating, so a long article costs
  a few sentences.
A name the codebook already knows (an actor's or official's name or alias), a name on the
`ignore` list and one-letter debris are left out. Each candidate carries its kind (armed group, party,
person) and how often the document names it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from loaders.codebook import Codebook
from loaders.sentences import split_sentences

if TYPE_CHECKING:
    from spacy.language import Language

MAX_SENTENCES = 40  # sentences a document sends to the entity recogniser at most
_WORD = r"(?:[A-Z][\w'’.-]*|al-[A-Z][\w'’-]*|of|the|for|and)"
_NAME = rf"{_WORD}(?: {_WORD}){{0,5}}"
_CUE = re.compile(r"\b(?:said|says|told|stated|demand\w*|reject\w*|call(?:s|ed)? for|agree\w*|accept\w*|"
                  r"refus\w*|propos\w*|offer\w*|negotiat\w*|talks|ceasefire|truce|peace)\b", re.IGNORECASE)
_KINDS = {"ORG": "organisation or group", "NORP": "group", "PERSON": "person", "GPE": "place or state"}


@dataclass(frozen=True)
class Candidate:
    name: str
    kind: str
    mentions: int


@cache
def entity_pipeline() -> Language:
    """The pinned English pipeline with only its entity recogniser (it has its own token-to-vector layer)."""
    import spacy

    from loaders.parse import MODEL
    nlp = spacy.load(MODEL)
    return spacy.load(MODEL, exclude=[name for name in nlp.pipe_names if name != "ner"])


def _role_regexes(cb: Codebook) -> list[re.Pattern[str]]:
    """A name before a role noun ("the Sudan Liberation Movement"), and one after it ("the rebel group X")."""
    key = "unknown:roles"
    if key not in cb.compiled:
        nouns = cb.lexicon.unknown_actors.role_nouns
        role = "|".join(sorted((re.escape(n) for n in nouns), key=len, reverse=True))
        cb.compiled[key] = [re.compile(rf"\b(?P<name>{_NAME}) (?:{role})\b"),
                            re.compile(rf"\b(?:{role}),? (?:known as |called )?(?P<name>{_NAME})")] if nouns else []
    return list(cb.compiled[key])


def _known(cb: Codebook) -> frozenset[str]:
    key = "unknown:known"
    if key not in cb.compiled:
        forms = {f.lower().rstrip(".") for f in (*cb.actor_forms, *cb.official_forms)}
        forms |= {n.lower() for n in cb.lexicon.unknown_actors.ignore}
        cb.compiled[key] = frozenset(forms)
    return frozenset(cb.compiled[key])


def _clean(name: str) -> str:
    name = re.sub(r"^(?:the|an?|of|for|and)\s+|\s+(?:the|of|for|and)$", "", name.strip(" .,'’\"-"), flags=re.I)
    return re.sub(r"(?:'s|’s)$", "", name).strip()


def _is_known(name: str, known: frozenset[str]) -> bool:
    low = name.lower().rstrip(".")
    return low in known or len(low) < 3 or not any(c.isupper() for c in name)


def find_unknown(text: str, cb: Codebook) -> list[Candidate]:
    """The candidate actors of one document, most named first."""
    known = _known(cb)
    roles = _role_regexes(cb)
    nouns = [n.lower() for n in cb.lexicon.unknown_actors.role_nouns]
    labels = set(cb.lexicon.unknown_actors.entity_labels or ("ORG", "PERSON"))
    found: dict[str, str] = {}
    chosen: list[str] = []
    for start, end in split_sentences(text):
        sentence = text[start:end]
        role_hit = False
        for m in (m for regex in roles for m in regex.finditer(sentence)):
            name = _clean(m.group("name"))
            role_hit = True
            if name and not _is_known(name, known):
                found.setdefault(name, "armed group or movement")
        if (role_hit or _CUE.search(sentence)) and len(chosen) < MAX_SENTENCES:
            chosen.append(sentence)
    if chosen and labels:
        for doc in entity_pipeline().pipe(chosen, batch_size=16):
            for ent in doc.ents:
                if ent.label_ not in labels:
                    continue
                name = _clean(ent.text)
                if " " not in name and not (name.isupper() and len(name) >= 2):
                    continue  # a lone word ("Council", "Kerry") is a surname or a common noun; acronyms stay
                if name and not _is_known(name, known):
                    named_role = any(name.lower().endswith(" " + n) for n in nouns)  # "… Liberation Movement"
                    found.setdefault(name, "armed group or movement" if named_role
                                     else _KINDS.get(ent.label_, ent.label_.lower()))
    counts = Counter({name: len(re.findall(rf"(?<!\w){re.escape(name)}(?!\w)", text)) for name in found})
    return [Candidate(name, found[name], counts[name] or 1)
            for name in sorted(found, key=lambda n: (-counts[n], n.lower()))]
