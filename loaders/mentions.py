"""Mentions: where actors, officials, terms and cue words occur in a document, as character spans.

Gazetteers (actor and official names, aliases, capitals, demonyms) are looked up token n-gram by n-gram in a
dict, which stays fast with thousands of names; terms and cues are the codebook's regular expressions. A
later kind never overlaps an earlier one (terms first, then officials, then actors, then cues), so "Russian
President Vladimir Putin" is one official, not an actor plus an official, and "Russian-speaking people" is a
term, not Russia.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from loaders.codebook import Codebook

_TOKEN = re.compile(r"[^\W_]+(?:[.'’-][^\W_]+)*\.?")
_POSSESSIVE = ("'s", "’s", "'", "’")


@dataclass
class Mention:
    kind: str
    start: int
    end: int
    id: str = ""
    attrs: dict[str, Any] = field(default_factory=dict)

    def overlaps(self, other: Mention) -> bool:
        return self.start < other.end and other.start < self.end


def _norm(form: str) -> str:
    return form.replace("’", "'").rstrip(".")


def gazetteer(forms: dict[str, Any]) -> dict[str, Any]:
    return {_norm(k): v for k, v in forms.items()}


def find_forms(text: str, table: dict[str, Any], max_words: int) -> Iterator[tuple[int, int, Any]]:
    """Longest-first n-gram lookup; yields (start, end, value) for each non-overlapping surface form."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    i = 0
    while i < len(tokens):
        for n in range(min(max_words, len(tokens) - i), 0, -1):
            window = tokens[i:i + n]
            gaps_ok = all(text[window[k][1]:window[k + 1][0]] == " " for k in range(n - 1))
            if not gaps_ok:
                continue
            words = [w for _, _, w in window]
            last = words[-1]
            base = last
            for suffix in _POSSESSIVE:
                if last.endswith(suffix) and len(last) > len(suffix) + 1:
                    base = last[: -len(suffix)]
                    break
            for candidate in dict.fromkeys((last, base, last.rstrip("."))):
                key = _norm(" ".join([*words[:-1], candidate]))
                if key in table:
                    end = window[-1][0] + len(candidate) if candidate != last.rstrip(".") else window[-1][1]
                    end = min(end, window[-1][1])
                    if text[end - 1] == "." and not key.endswith(tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ")):
                        end -= 1  # a sentence-final period is not part of "Ukraine"
                    yield window[0][0], end, table[key]
                    i += n
                    break
            else:
                continue
            break
        else:
            i += 1


def possessive_at(text: str, end: int) -> bool:
    return text[end:end + 2] in ("'s", "’s") or (text[end - 1:end] == "s" and text[end:end + 1] in ("'", "’"))


def regex_mentions(text: str, kind: str, regex: re.Pattern[str] | None, **attrs: Any) -> list[Mention]:
    if regex is None:
        return []
    return [Mention(kind, m.start(), m.end(), m.group(), dict(attrs)) for m in regex.finditer(text)]


def _take(found: Iterable[Mention], taken: list[Mention]) -> list[Mention]:
    """Keep the longest of overlapping candidates, and none that overlap what is already taken."""
    kept: list[Mention] = []
    for m in sorted(found, key=lambda m: (-(m.end - m.start), m.start)):
        if any(m.overlaps(t) for t in taken) or any(m.overlaps(k) for k in kept):
            continue
        kept.append(m)
    taken.extend(kept)
    return kept


@dataclass
class Lexicon:
    """The codebook compiled for mention finding."""

    codebook: Codebook
    actors: dict[str, tuple[str, bool]]
    officials: dict[str, str]
    regexes: dict[str, re.Pattern[str] | None]

    @classmethod
    def build(cls, codebook: Codebook) -> Lexicon:
        keys = ("conditions", "clause_breaks", "speech", "passive_attribution", "official_anaphora",
                "first_person", "plural_anaphora", "roles", "collective_speakers", "soft_breaks", "term_anaphora",
                "venue_nouns")
        regexes = {k: codebook.rule_regex(k) for k in keys}
        for k in ("cue_negation", "term_negation", "modality", "no_stance", "speculation"):
            regexes[k] = codebook.rule_regex(k)
        g = codebook.rules.get("guarantee_lists") or {}
        regexes["guarantee_cue"] = codebook.rule_regex_list(g.get("cues", []))
        regexes["skip_group"] = codebook.rule_regex_list(g.get("skip_groups", []))
        regexes["named_guarantor"] = codebook.rule_regex_list(g.get("named_guarantor", []))
        return cls(codebook, gazetteer(codebook.actor_forms), gazetteer(codebook.official_forms), regexes)


_QUOTE_MARKS = str.maketrans({c: " " for c in "“”„«»\""})


def find_mentions(text: str, lex: Lexicon) -> list[Mention]:
    """Every mention in `text`, sorted by position. Cues are matched with quotation marks blanked out
    (same length, so offsets hold): 'was “broadly willing” to act' reads as 'was broadly willing to act'."""
    cb = lex.codebook
    original, text = text, text.translate(_QUOTE_MARKS)
    taken: list[Mention] = []
    terms = [Mention("term", m.start(), m.end(), p.term,
                     {"polarity": p.polarity, "provider": p.provider, "generic": p.generic})
             for p in cb.term_patterns for m in p.regex.finditer(text)]
    _take(terms, taken)
    officials = [Mention("official", s, e, oid) for s, e, oid in find_forms(text, lex.officials, cb.max_form_words)]
    _take(officials, taken)
    groups = regex_mentions(text, "group", lex.regexes["skip_group"])
    _take(groups, taken)
    venue = lex.regexes["venue_nouns"]
    actors = [Mention("actor", s, e, aid, {"demonym": dem, "possessive": possessive_at(original, e)})
              for s, e, (aid, dem) in find_forms(text, lex.actors, cb.max_form_words)
              if venue is None or not venue.match(text, e + 1) or text[e:e + 1] != " "]
    _take(actors, taken)
    cues = [Mention("trigger", m.start(), m.end(), c.relation or "",
                    {"confidence": c.confidence, "scope": c.scope, "adjacent": c.adjacent})
            for c in cb.cues for m in c.regex.finditer(text)]
    for kind in ("guarantee_cue", "named_guarantor", "passive_attribution", "no_stance", "conditions"):
        cues += regex_mentions(text, kind, lex.regexes[kind])
    _take(cues, taken)
    rest: list[Mention] = []
    for kind in ("term_anaphora", "speech", "clause_breaks", "soft_breaks", "official_anaphora", "first_person",
                 "plural_anaphora", "term_negation", "modality", "speculation", "collective_speakers"):
        rest += regex_mentions(text, kind, lex.regexes[kind])
    _take(rest, taken)
    return sorted(taken, key=lambda m: m.start)
