"""Which peace process a document is about, from the actors, officials and places it names.

Each process pack names its parties (actor ids) and keywords (places and words, regular expressions). A
document's score for a pack is how often it names the pack's parties (an official counts for the actor he
speaks for) plus twice its keyword hits; the best pack wins when it reaches `MIN_SCORE` and leads the next
one. A document that names no process strongly enough is read with the core vocabulary. A `process:` field
in the document's metadata (front matter, meta.yaml, the API) decides instead.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import cast

from loaders.codebook import Codebook, PackInfo, required_keywords, word_regex

MIN_SCORE = 1
_WORD = re.compile(r"\w+")
KEYWORD_WEIGHT = 2


@dataclass(frozen=True)
class ProcessGuess:
    process: str | None
    scores: dict[str, int]
    how: str  # "metadata", "detected" or "none"


class UnknownProcess(ValueError):
    """A `process:` value that names no pack."""


@cache
def _keywords(pack: PackInfo) -> tuple[re.Pattern[str] | None, tuple[str, ...]]:
    """The pack's keywords as one pattern, and the literals one of which a text must hold for it to match
    (none: always try it)."""
    valid = [k for k in pack.keywords if _compiles(k)]
    literals = [required_keywords(k) for k in valid]
    needs = () if any(not lit for lit in literals) else tuple(w for lit in literals for w in lit)
    return (word_regex("|".join(f"(?:{k})" for k in valid), ignore_case=False) if valid else None), needs


def _compiles(pattern: str) -> bool:
    try:
        re.compile(pattern)
        return True
    except re.error:
        return False


def _party_forms(cb: Codebook) -> dict[str, tuple[str, ...]]:
    """Every name, alias, capital and demonym of every pack's parties, and their officials' names, with the
    packs each counts for."""
    key = "process:parties"
    if key not in cb.compiled:
        packs_of: dict[str, set[str]] = {}
        for pack in cb.packs.values():
            parties = set(pack.parties)
            forms = [f for f, (actor, _) in cb.actor_forms.items() if actor in parties]
            forms += [f for f, o in cb.official_forms.items() if cb.officials[o].represents in parties]
            for form in forms:
                packs_of.setdefault(form, set()).add(pack.id)
        cb.compiled[key] = {f: tuple(sorted(p)) for f, p in packs_of.items() if f}
    return cast("dict[str, tuple[str, ...]]", cb.compiled[key])


@cache
def _first_word(form: str) -> str:
    found = _WORD.search(form)
    return found.group() if found else form


def party_mentions(text: str, cb: Codebook) -> Counter[str]:
    """For each pack, how often `text` names one of its parties (or one of their officials): the forms the
    text may hold (its first word is one of the text's words) are matched on word boundaries, longest first."""
    packs_of = _party_forms(cb)
    words = set(_WORD.findall(text))
    present = sorted((f for f in packs_of if _first_word(f) in words), key=len, reverse=True)
    counts: Counter[str] = Counter()
    if present:
        regex = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, present)) + r")(?![\w-])")
        for m in regex.finditer(text):
            counts.update(packs_of[m.group()])
    return counts


def resolve_process(value: str, cb: Codebook) -> str:
    """A pack id from an id or a pack name in any case ("Russia–Ukraine", "russia_ukraine")."""
    wanted = value.strip().lower()
    for pack in cb.packs.values():
        if wanted in (pack.id, pack.name.lower()):
            return pack.id
    raise UnknownProcess(f"unknown process {value!r}; known: {', '.join(sorted(cb.packs)) or 'none'}")


def detect_process(text: str, cb: Codebook, declared: str | None = None) -> ProcessGuess:
    """The process `text` is about: the declared one when given, else the pack its mentions point to."""
    if declared:
        return ProcessGuess(resolve_process(declared, cb), {}, "metadata")
    parties = party_mentions(text, cb)
    scores: dict[str, int] = {}
    for pack in cb.packs.values():
        score = parties[pack.id]
        keywords, needs = _keywords(pack)
        if keywords is not None and (not needs or any(w in text for w in needs)):
            score += KEYWORD_WEIGHT * sum(1 for _ in keywords.finditer(text))
        scores[pack.id] = score
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked or ranked[0][1] < MIN_SCORE or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return ProcessGuess(None, scores, "none")
    return ProcessGuess(ranked[0][0], scores, "detected")
