"""Mentions: where actors, officials, terms and cue words occur in a document, as character spans.

Gazetteers (actor and official names, aliases, capitals, demonyms) are looked up token n-gram by n-gram in a
dict, which stays fast with thousands of names; terms and cues are the codebook's regular expressions. A
later kind never overlaps an earlier one (terms first, then officials, then actors, then cues), so "Russian
President Vladimir Putin" is one official, not an actor plus an official, and "Russian-speaking people" is a
term, not Russia.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.vocabulary import MentionKind
from loaders.codebook import Codebook, KeywordCounts, WordPattern, lower_text
from loaders.codebook_schema import Grammar as GrammarSection
from loaders.concepts import Concepts
from loaders.grammar import Grammar

_TOKEN = re.compile(r"[^\W_]+(?:[.'’-][^\W_]+)*\.?")
_POSSESSIVE = ("'s", "’s", "'", "’")


@dataclass(slots=True)
class Mention:
    kind: MentionKind
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


def first_words(table: dict[str, Any]) -> dict[str, int]:
    """For each word a surface form starts with, the longest form's length in words: most tokens start none,
    and are skipped after one dict lookup."""
    index: dict[str, int] = {}
    for key in table:
        words = key.split(" ")
        index[words[0]] = max(index.get(words[0], 0), len(words))
    return index


def _variants(word: str) -> tuple[str, ...]:
    """The token as written, without a possessive, without a final period."""
    out = [word]
    for suffix in _POSSESSIVE:
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            out.append(word[: -len(suffix)])
            break
    if word.endswith("."):
        out.append(word.rstrip("."))
    return tuple(dict.fromkeys(out))


Token = tuple[int, int, str]


def tokenize(text: str) -> list[Token]:
    """Word tokens with offsets, apostrophes made plain (the gazetteer keys are normalised the same way)."""
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text.replace("’", "'"))]


def find_forms(text: str, tokens: list[Token], table: dict[str, Any], index: dict[str, int]
               ) -> Iterator[tuple[int, int, Any]]:
    """Longest-first n-gram lookup; yields (start, end, value) for each non-overlapping surface form. Most
    tokens start no form and cost one dict lookup."""
    i, count = 0, len(tokens)
    while i < count:
        word = tokens[i][2]
        longest = index.get(word, 0)
        if word[-1] in "s'.":
            longest = max([longest, *(index.get(v, 0) for v in _variants(word)[1:])])
        if not longest:
            i += 1
            continue
        matched = False
        for n in range(min(longest, count - i), 0, -1):
            window = tokens[i:i + n]
            if any(text[window[k][1]:window[k + 1][0]] != " " for k in range(n - 1)):
                continue
            head = " ".join(w for _, _, w in window[:-1])
            for candidate in _variants(window[-1][2]):
                key = f"{head} {candidate}" if head else candidate
                if key in table:
                    end = window[-1][0] + len(candidate)
                    if text[end - 1] == "." and not key[-1:].isupper():
                        end -= 1  # a sentence-final period is not part of "Ukraine"
                    yield window[0][0], end, table[key]
                    matched = True
                    break
            if matched:
                i += n
                break
        if not matched:
            i += 1


def possessive_at(text: str, end: int) -> bool:
    return text[end:end + 2] in ("'s", "’s") or (text[end - 1:end] == "s" and text[end:end + 1] in ("'", "’"))


def regex_mentions(low: str, kind: MentionKind, patterns: list[WordPattern], counts: KeywordCounts | None = None,
                   **attrs: Any) -> list[Mention]:
    counts = counts if counts is not None else KeywordCounts(low)
    return [Mention(kind, m.start(), m.end(), m.group(), {**attrs})
            for p in patterns for m in p.finditer(low, counts)]


class _Spans:
    """Taken character spans, sorted, for overlap checks in O(log n)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def free(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start)
        if i and self.ends[i - 1] > start:
            return False
        return not (i < len(self.starts) and self.starts[i] < end)

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def _take(found: Iterable[Mention], taken: list[Mention], spans: _Spans) -> list[Mention]:
    """Keep the longest of overlapping candidates, and none that overlap what is already taken."""
    kept: list[Mention] = []
    for m in sorted(found, key=lambda m: (-(m.end - m.start), m.start)):
        if m.end > m.start and spans.free(m.start, m.end):
            spans.add(m.start, m.end)
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
    words: dict[str, list[WordPattern]]
    actor_index: dict[str, int] = field(default_factory=dict)
    official_index: dict[str, int] = field(default_factory=dict)
    grammar: Grammar = field(default_factory=lambda: Grammar.build(GrammarSection()))
    concepts: Concepts | None = None

    @classmethod
    def build(cls, codebook: Codebook) -> Lexicon:
        keys = ("speech", "passive_attribution", "official_anaphora", "first_person", "plural_anaphora", "roles",
                "term_anaphora", "term_list_anaphora", "venue_nouns", "speculation", "transcript_headers")
        regexes = {k: codebook.rule_regex(k) for k in keys}
        words = {k: codebook.rule_words(k) for k in regexes}
        g = codebook.lexicon.guarantee_lists
        words["guarantee_cue"] = codebook.rule_words(g.cues)
        words["skip_group"] = codebook.rule_words(g.skip_groups)
        words["named_guarantor"] = codebook.rule_words(g.named_guarantor)
        actors, officials = gazetteer(codebook.actor_forms), gazetteer(codebook.official_forms)
        return cls(codebook, actors, officials, regexes, words, first_words(actors), first_words(officials),
                   Grammar.build(codebook.lexicon.grammar),
                   Concepts(codebook.concept_patterns, codebook.lexicon.grammar.plan_nouns))


_QUOTE_MARKS = str.maketrans({c: " " for c in "“”„«»\""})


def _relevant(low: str, sentences: Sequence[tuple[int, int]], terms: list[Mention], topics: Sequence[str]) -> str:
    """`low` with every sentence blanked that names no term and no guarantee: cues can only matter in the
    others (same length, so offsets hold)."""
    starts = sorted(m.start for m in terms)
    parts, last, i = [], 0, 0
    for start, end in sentences:
        while i < len(starts) and starts[i] < start:
            i += 1
        keep = (i < len(starts) and starts[i] < end) or any(t in low[start:end] for t in topics)
        if not keep:
            parts.append(low[last:start])
            parts.append(" " * (end - start))
            last = end
    parts.append(low[last:])
    return "".join(parts)


def find_mentions(text: str, lex: Lexicon, sentences: Sequence[tuple[int, int]] | None = None) -> list[Mention]:
    """Every mention in `text`, sorted by position. Cues are matched with quotation marks blanked out
    (same length, so offsets hold): 'was “broadly willing” to act' reads as 'was broadly willing to act'.
    Given the sentences, stance cues are looked for only in those that name a term or a guarantee (the
    speaker cues everywhere: a quotation's speaker may be named a sentence away)."""
    cb = lex.codebook
    original, text = text, text.translate(_QUOTE_MARKS)
    low = lower_text(text)
    tokens = tokenize(text)
    taken: list[Mention] = []
    spans = _Spans()
    everywhere = KeywordCounts(low)
    terms = [Mention(MentionKind.TERM, m.start(), m.end(), p.term,
                     {"polarity": p.polarity, "provider": p.provider, "generic": p.generic})
             for p in cb.term_patterns for m in p.regex.finditer(low, everywhere)]
    _take(terms, taken, spans)
    topics = [t.lower() for t in cb.lexicon.guarantee_lists.topic]
    relevant = low if sentences is None else _relevant(low, sentences, terms, topics)
    in_relevant = everywhere if relevant is low else KeywordCounts(relevant)
    officials = [Mention(MentionKind.OFFICIAL, s, e, oid)
                 for s, e, oid in find_forms(text, tokens, lex.officials, lex.official_index)]
    _take(officials, taken, spans)
    groups = regex_mentions(relevant, MentionKind.GROUP, lex.words["skip_group"], in_relevant)
    _take(groups, taken, spans)
    venue = lex.regexes["venue_nouns"]
    actors = [Mention(MentionKind.ACTOR, s, e, aid, {"demonym": dem, "possessive": possessive_at(original, e)})
              for s, e, (aid, dem) in find_forms(text, tokens, lex.actors, lex.actor_index)
              if venue is None or not venue.match(text, e + 1) or text[e:e + 1] != " "]
    _take(actors, taken, spans)
    cues = regex_mentions(low, MentionKind.PASSIVE_ATTRIBUTION, lex.words["passive_attribution"], everywhere)
    for kind in (MentionKind.GUARANTEE_CUE, MentionKind.NAMED_GUARANTOR):
        cues += regex_mentions(relevant, kind, lex.words[kind], in_relevant)
    _take(cues, taken, spans)
    rest: list[Mention] = []
    for kind in (MentionKind.SPEECH, MentionKind.OFFICIAL_ANAPHORA):
        rest += regex_mentions(low, kind, lex.words[kind], everywhere)
    for kind in (MentionKind.FIRST_PERSON, MentionKind.PLURAL_ANAPHORA, MentionKind.SPECULATION):
        rest += regex_mentions(relevant, kind, lex.words[kind], in_relevant)
    # these stand for terms of earlier sentences, so they are looked for everywhere
    for kind in (MentionKind.TERM_ANAPHORA, MentionKind.TERM_LIST_ANAPHORA):
        rest += regex_mentions(low, kind, lex.words[kind], everywhere)
    _take(rest, taken, spans)
    return sorted(taken, key=lambda m: m.start)
