"""The codebook's grammar of stances, compiled: predicate lemmas per relation, negators, verbs of saying, modals,
condition markers and the other word lists of `rules.yaml`'s `grammar` section, with the few helpers that
match a token against them ("rule out": a lemma and its particle). Dependency labels the readers share are
here too, so both `loaders.holders` and `loaders.stances` read the tree with one vocabulary.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Token

from graph.vocabulary import StanceClass
from loaders.codebook_schema import Confidence
from loaders.codebook_schema import Grammar as GrammarSection

SUBJECTS = frozenset({"nsubj", "csubj"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
SIDE_DEPS = frozenset({"advcl", "conj", "parataxis", "npadvmod", "appos", "punct", "dep"})
RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom"})
GROUP_PRONOUNS = frozenset({"it", "its", "they", "their", "them"})
PERSONAL_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers"})
NOUNS = frozenset({"NOUN", "PROPN"})
CONTROL_OBJECTS = frozenset({"dobj", "dative"})


@dataclass(frozen=True, slots=True)
class PredicateClass:
    relation: StanceClass
    confidence: float


@dataclass
class Grammar:
    """The codebook's `grammar` section, compiled into lemma lookups."""

    predicates: dict[str, list[tuple[str | None, PredicateClass]]]
    light_verbs: frozenset[str]
    negators: dict[str, list[str | None]]
    speech: dict[str, list[str | None]]
    obligation: frozenset[str]
    permission: frozenset[str]
    future: frozenset[str]
    hedges: frozenset[str]
    hedge_factor: float
    confidence: Confidence
    condition_marks: tuple[tuple[str, ...], ...]
    no_stance: frozenset[str]
    event_verbs: frozenset[str]
    copula: frozenset[str]
    complement_preps: frozenset[str]
    plan_nouns: frozenset[str]
    adjunct_preps: frozenset[str]
    group_nouns: frozenset[str]
    support_verbs: frozenset[str]
    control_verbs: frozenset[str]
    denials: frozenset[str]
    refusal_conditions: frozenset[str]
    threat_verbs: frozenset[str]
    force_nouns: frozenset[str]
    object_anaphora: frozenset[str]
    participation: frozenset[str]
    report_nouns: frozenset[str]
    condition_nouns: frozenset[str]
    truth_words: frozenset[str]
    negative_subjects: frozenset[str]

    @classmethod
    def build(cls, g: GrammarSection) -> Grammar:
        """The section validated by codebook_schema (its defaults are there)."""
        predicates: dict[str, list[tuple[str | None, PredicateClass]]] = {}
        for relation, spec in g.predicates.items():
            kind = StanceClass(spec.relation or relation)
            pc = PredicateClass(kind, spec.confidence)
            for entry in spec.lemmas:
                first, second = _split(entry)
                predicates.setdefault(first, []).append((second, pc))
        for entries in predicates.values():  # two-word entries ("agree to") before one-word ones ("agree")
            entries.sort(key=lambda e: e[0] is None)
        return cls(
            predicates=predicates,
            light_verbs=words(g.light_verbs),
            negators=_lookup(g.negators),
            speech=_lookup(g.speech),
            obligation=words(g.obligation),
            permission=words(g.permission),
            future=words(g.future),
            hedges=words(g.hedges),
            hedge_factor=g.hedge_factor,
            confidence=g.confidence,
            condition_marks=tuple(tuple(str(w).lower().split()) for w in g.condition_marks),
            no_stance=words(g.no_stance),
            event_verbs=words(g.event_verbs),
            copula=words(g.copula) or frozenset({"be"}),
            complement_preps=words(g.complement_preps),
            plan_nouns=words(g.plan_nouns),
            adjunct_preps=words(g.adjunct_preps),
            group_nouns=words(g.group_nouns),
            support_verbs=words(g.support_verbs),
            control_verbs=words(g.control_verbs),
            denials=words(g.denials),
            refusal_conditions=words(g.refusal_conditions),
            threat_verbs=words(g.threat_verbs),
            force_nouns=words(g.force_nouns),
            object_anaphora=words(g.object_anaphora),
            participation=words(g.participation),
            report_nouns=words(g.report_nouns),
            condition_nouns=words(g.condition_nouns),
            truth_words=words(g.truth_words),
            negative_subjects=words(g.negative_subjects),
        )


def words(entries: Iterable[Any]) -> frozenset[str]:
    """A word list of the grammar section, lower-cased."""
    return frozenset(str(w).lower() for w in entries)


def _split(entry: Any) -> tuple[str, str | None]:
    words = str(entry).lower().split()
    return words[0], (" ".join(words[1:]) or None)


def _lookup(entries: Iterable[Any] | None) -> dict[str, list[str | None]]:
    out: dict[str, list[str | None]] = {}
    for entry in entries or []:
        first, second = _split(entry)
        out.setdefault(first, []).append(second)
    return out


def _has_particle(tok: Token, second: str) -> bool:
    """"rule out", "call for", "in favour": the second word as a particle, preposition or next token."""
    words = second.split()
    nxt = tok.doc[tok.i + 1: tok.i + 1 + len(words)]
    if [t.lower_ for t in nxt] == words:
        return True
    return len(words) == 1 and any(
        c.lower_ == words[0] and c.dep_ in ("prt", "prep", "advmod", "agent")
        and not any(o.dep_ == "dobj" and tok.i < o.i < c.i for o in tok.children)  # "called X for Y": no "call for"
        for c in tok.children)


def match_lexicon(table: dict[str, list[Any]], tok: Token) -> Any | None:
    for second, value in table.get(tok.lemma_.lower(), []) or table.get(tok.lower_, []):
        if second is None or _has_particle(tok, second):
            return value if value is not None else True
    return None


def matches_lexicon(table: dict[str, list[str | None]], tok: Token) -> bool:
    return any(second is None or _has_particle(tok, second)
               for second in table.get(tok.lemma_.lower(), []) or table.get(tok.lower_, []))


def negated_relation(relation: StanceClass) -> StanceClass:
    """A negated stance predicate: "did not reject" supports, "is not prepared to offer" rejects."""
    return StanceClass.SUPPORTS if relation == StanceClass.REJECTS else StanceClass.REJECTS
