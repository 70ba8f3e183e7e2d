"""Terms as concepts over the parse: the codebook's spaCy `Matcher` and `DependencyMatcher` patterns.

The regular expressions of `terms.yaml` find a term by its usual wording; these patterns find it said in other
words, by lemma and by grammar: "withdraw its troops from all occupied territories" (a withdrawal verb with a
territory below it), "an exchange of 314 prisoners of war", "ready for talks". Each term may carry
`token_patterns` (spaCy Matcher) and `dependency_patterns` (spaCy DependencyMatcher), plain data in the YAML.
A pattern's lemmas also decide which sentences are worth parsing (`stems`), so a sentence without any of them
is never parsed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc

from loaders.parse import pipeline

log = logging.getLogger(__name__)
STEM = 4


@dataclass(frozen=True)
class ConceptMatch:
    term: str
    start_char: int  # within the sentence
    end_char: int
    head: int  # token index of the match's anchor
    polarity: int = 1


def _lemmas(spec: Any) -> Iterator[str]:
    """Every LEMMA / LOWER / ORTH value a pattern names (for the sentence prefilter)."""
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key in ("LEMMA", "LOWER", "ORTH", "TEXT"):
                if isinstance(value, str):
                    yield value
                elif isinstance(value, dict):
                    for v in value.get("IN", []):
                        yield str(v)
            else:
                yield from _lemmas(value)
    elif isinstance(spec, list):
        for item in spec:
            yield from _lemmas(item)


class Concepts:
    """The compiled patterns of every term, and the stems that make a sentence worth parsing."""

    def __init__(self, terms: dict[str, dict[str, Any]], plan_nouns: Iterable[str] = ()) -> None:
        vocab = pipeline().vocab
        self.token = Matcher(vocab)
        self.dependency = DependencyMatcher(vocab)
        self.polarity: dict[str, int] = {}
        stems: set[str] = set()
        for term, raw in terms.items():
            for n, pattern in enumerate(raw.get("token_patterns") or []):
                if self._add(self.token, f"{term}#t{n}", pattern, term):
                    stems.update(_rarest(pattern))
            for n, item in enumerate(raw.get("dependency_patterns") or []):
                pattern = item.get("pattern") if isinstance(item, dict) else item
                if isinstance(item, dict):
                    self.polarity[f"{term}#d{n}"] = int(item.get("polarity", 1))
                if pattern and self._add(self.dependency, f"{term}#d{n}", pattern, term):
                    stems.update(_rarest([node.get("RIGHT_ATTRS", {}) for node in pattern]))
        self.stems = tuple(sorted(stems))
        self.plan_stems = tuple(sorted({_stem(str(w).lower()) for w in plan_nouns}))

    @staticmethod
    def _add(matcher: Matcher | DependencyMatcher, key: str, pattern: Any, term: str) -> bool:
        try:
            matcher.add(key, [pattern])
            return True
        except (ValueError, KeyError, TypeError) as exc:  # a bad pattern is logged and skipped, not fatal
            log.warning("codebook: term %s: skipping pattern %r: %s", term, pattern, exc)
            return False

    def may_say(self, low_sentence: str) -> bool:
        """Could a pattern match here (does the sentence hold one of their telling words)?"""
        return any(stem in low_sentence for stem in self.stems)

    def may_name_plan(self, low_sentence: str) -> bool:
        return any(stem in low_sentence for stem in self.plan_stems)

    def find(self, doc: Doc) -> list[ConceptMatch]:
        vocab = doc.vocab
        out: list[ConceptMatch] = []
        for key, start, end in self.token(doc):
            term = vocab.strings[key].split("#")[0]
            span = doc[start:end]
            out.append(ConceptMatch(term, span.start_char, span.end_char, span.root.i))
        for key, ids in self.dependency(doc):
            name = vocab.strings[key]
            toks = sorted(ids)
            anchor = doc[ids[0]]  # the term's words: what the anchor governs of the match ("along the line")
            span = doc[max(toks[0], anchor.left_edge.i):min(toks[-1], anchor.right_edge.i) + 1]
            out.append(ConceptMatch(name.split("#")[0], span.start_char, span.end_char, ids[0],
                                    self.polarity.get(name, 1)))
        return out


def _rarest(specs: Iterable[Any]) -> set[str]:
    """The stems of the pattern's most telling required token (the one whose words are longest, then fewest):
    a sentence without any of them cannot match, and "the" or "end" would make every sentence a candidate."""
    best: set[str] = set()
    best_key = -1
    for spec in specs:
        if not isinstance(spec, dict) or spec.get("OP") in ("?", "*"):
            continue
        words = [w.lower() for w in _lemmas(spec)]
        if not words:
            continue
        key = min(len(w) for w in words)
        if key > best_key:  # ties go to the earlier token (a dependency pattern's anchor)
            best_key, best = key, {_stem(w) for w in words}
    return best


def _stem(word: str) -> str:
    """Enough of a word to find its inflections ("withdr" for withdrew, withdrawing) and few other words."""
    return word[:max(STEM, min(len(word) - 2, 8))] if len(word) > STEM else word
