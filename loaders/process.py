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

from loaders.codebook import Codebook, PackInfo, word_regex
from loaders.mentions import find_forms, first_words, gazetteer, tokenize

MIN_SCORE = 1
KEYWORD_WEIGHT = 2


@dataclass(frozen=True)
class ProcessGuess:
    process: str | None
    scores: dict[str, int]
    how: str  # "metadata", "detected" or "none"


class UnknownProcess(ValueError):
    """A `process:` value that names no pack."""


@cache
def _keywords(pack: PackInfo) -> re.Pattern[str] | None:
    valid = [k for k in pack.keywords if _compiles(k)]
    return word_regex("|".join(f"(?:{k})" for k in valid), ignore_case=False) if valid else None


def _compiles(pattern: str) -> bool:
    try:
        re.compile(pattern)
        return True
    except re.error:
        return False


def _tables(cb: Codebook) -> tuple[dict[str, object], dict[str, int], dict[str, object], dict[str, int]]:
    key = "process:gazetteers"
    if key not in cb.compiled:
        actors = gazetteer(cb.actor_forms)
        officials = gazetteer({form: cb.officials[o].represents for form, o in cb.official_forms.items()})
        cb.compiled[key] = (actors, first_words(actors), officials, first_words(officials))
    return cb.compiled[key]


def actor_counts(text: str, cb: Codebook) -> Counter[str]:
    """How often each actor is named in `text`, by name, alias, capital, demonym or one of its officials."""
    actors, actor_index, officials, official_index = _tables(cb)
    tokens = tokenize(text)
    counts: Counter[str] = Counter()
    taken: list[tuple[int, int]] = []
    for start, end, represents in find_forms(text, tokens, officials, official_index):
        counts[str(represents)] += 1
        taken.append((start, end))
    for start, _end, (actor, _demonym) in find_forms(text, tokens, actors, actor_index):
        if not any(s <= start < e for s, e in taken):
            counts[str(actor)] += 1
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
    counts = actor_counts(text, cb)
    scores: dict[str, int] = {}
    for pack in cb.packs.values():
        score = sum(counts[p] for p in pack.parties)
        keywords = _keywords(pack)
        if keywords is not None:
            score += KEYWORD_WEIGHT * sum(1 for _ in keywords.finditer(text))
        scores[pack.id] = score
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked or ranked[0][1] < MIN_SCORE or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return ProcessGuess(None, scores, "none")
    return ProcessGuess(ranked[0][0], scores, "detected")
