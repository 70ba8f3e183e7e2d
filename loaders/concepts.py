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
from typing import Any, TypeVar, cast

from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.matcher import DependencyMatcher, Matcher
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

from loaders.parse import pipeline

log = logging.getLogger(__name__)
STEM = 4
_Matcher = TypeVar("_Matcher", Matcher, DependencyMatcher)


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
        self._forms = _irregular_forms()
        self._strings = vocab.strings
        self.token: list[_Gated] = []
        self.dependency: list[_Gated] = []
        self.polarity: dict[str, int] = {}
        for term, raw in terms.items():
            for n, pattern in enumerate(raw.get("token_patterns") or []):
                if (matcher := self._compile(Matcher(vocab), f"{term}#t{n}", pattern, term)) is not None:
                    self.token.append(self._gated(pattern, matcher))
            for n, item in enumerate(raw.get("dependency_patterns") or []):
                pattern = item.get("pattern") if isinstance(item, dict) else item
                if isinstance(item, dict):
                    self.polarity[f"{term}#d{n}"] = int(item.get("polarity", 1))
                if pattern and (dependency := self._compile(DependencyMatcher(vocab), f"{term}#d{n}", pattern,
                                                            term)) is not None:
                    nodes = [node.get("RIGHT_ATTRS", {}) for node in pattern]
                    self.dependency.append(self._gated(nodes, dependency))
        self.stems = tuple(sorted({stem for g in (*self.token, *self.dependency) for need in g.needs
                                   for stem in need}))
        self.plan_stems = tuple(sorted({_stem(str(w).lower()) for w in plan_nouns}))

    def _gated(self, specs: list[Any], matcher: Any) -> _Gated:
        """A pattern's matcher with what a sentence must hold for it to match: for the parse, the stems (and
        irregular forms: "gave" for give, "held" for hold) of every required token's words; for the matcher,
        the words themselves."""
        required = _required_words(specs)
        needs = tuple(frozenset({_stem(w) for w in words} | {f for w in words for f in self._forms.get(w.lower(), ())})
                      for words in required)
        gates = tuple(frozenset(self._strings.add(w) for w in words) for words in required)
        return _Gated(gates, needs, matcher)

    @staticmethod
    def _compile(matcher: _Matcher, key: str, pattern: Any, term: str) -> _Matcher | None:
        try:
            matcher.add(key, [pattern])
            return matcher
        except (ValueError, KeyError, TypeError) as exc:  # a bad pattern is logged and skipped, not fatal
            log.warning("codebook: term %s: skipping pattern %r: %s", term, pattern, exc)
            return None

    def may_say(self, low_sentence: str) -> bool:
        """Could a pattern match here: does the lower-cased sentence hold a word of each of its tokens?"""
        present = {stem for stem in self.stems if stem in low_sentence}
        return bool(present) and any(g.may_occur(present) for g in (*self.token, *self.dependency))

    def may_name_plan(self, low_sentence: str) -> bool:
        return any(stem in low_sentence for stem in self.plan_stems)

    def find(self, doc: Doc) -> list[ConceptMatch]:
        """Every pattern whose telling word the sentence holds, run on its own: spaCy's matchers cost in
        proportion to their patterns, and a sentence holds the telling words of few."""
        vocab = doc.vocab
        words = {int(h) for h in doc.to_array([LEMMA, LOWER, ORTH]).ravel()}  # the sentence's words, as hashes
        out: list[ConceptMatch] = []
        for gated in self.token:
            if gated.may_match(words):
                for key, start, end in gated.matcher(doc):
                    span = doc[start:end]
                    out.append(ConceptMatch(vocab.strings[key].split("#")[0], span.start_char, span.end_char,
                                            span.root.i))
        for gated in self.dependency:
            if gated.may_match(words):
                for key, ids in gated.matcher(doc):
                    name = vocab.strings[key]
                    toks = sorted(ids)
                    anchor = doc[ids[0]]  # the term's words: what the anchor governs of the match ("along the line")
                    span = doc[max(toks[0], anchor.left_edge.i):min(toks[-1], anchor.right_edge.i) + 1]
                    out.append(ConceptMatch(name.split("#")[0], span.start_char, span.end_char, ids[0],
                                            self.polarity.get(name, 1)))
        return out


@dataclass(frozen=True)
class _Gated:
    """One pattern's matcher, and what a sentence needs to hold for it to match."""

    gates: tuple[frozenset[int], ...]  # per required token: the hashes of its words, as spaCy stores them
    needs: tuple[frozenset[str], ...]  # per required token: stems and forms of its words
    matcher: Any  # spaCy Matcher or DependencyMatcher (untyped)

    def may_match(self, words: set[int]) -> bool:
        """Every required token's words are among the sentence's (lemmas, lower-case forms, forms as written):
        only then can spaCy's matcher find the pattern, so only then is it run."""
        return all(not gate.isdisjoint(words) for gate in self.gates)

    def may_occur(self, present: set[str]) -> bool:
        return bool(self.needs) and all(not need.isdisjoint(present) for need in self.needs)


def _required_words(specs: Iterable[Any]) -> list[list[str]]:
    """The words of each token a pattern requires (optional tokens and tokens that name no word left out)."""
    out = []
    for spec in specs:
        if isinstance(spec, dict) and spec.get("OP") not in ("?", "*"):
            words = [str(w) for w in _lemmas(spec)]
            if words:
                out.append(words)
    return out


def _irregular_forms() -> dict[str, set[str]]:
    """Lemma -> its irregular forms ("give" -> gave, given), from the model's own lemmatizer exceptions."""
    forms: dict[str, set[str]] = {}
    lemmatizer = cast(Lemmatizer, pipeline().get_pipe("lemmatizer"))
    table = lemmatizer.lookups.get_table("lemma_exc") if lemmatizer.lookups.has_table("lemma_exc") else {}
    for by_form in table.values():
        for form, lemmas in by_form.items():
            for lemma in lemmas:
                forms.setdefault(lemma.lower(), set()).add(form.lower())
    return forms


def _rarest_words(specs: Iterable[Any]) -> frozenset[str]:
    """The words of the pattern's most telling required token (the one whose words are longest): the matcher
    runs only on sentences holding one of them. Empty when no required token names its words."""
    words = _required_words(specs)
    return frozenset(max(words, key=lambda ws: min(len(w) for w in ws))) if words else frozenset()


def _stem(word: str) -> str:
    """Enough of a word to find its inflections ("withdr" for withdrew, withdrawing) and few other words."""
    word = word.lower()
    return word[:max(STEM, min(len(word) - 2, 8))] if len(word) > STEM else word
