"""The codebook: actors, officials, terms and the rule lexicon, read from YAML and compiled once.

Every file in `loaders/codebook/` is read (sorted by name), then any extra files the user names
(`PEACEGRAPH_CODEBOOK`), each merged over the previous entry by entry: an analyst's file can add an alias to
RUS without repeating the rest of RUS. A bad entry (an invalid regular expression, an official whose actor
is unknown) is logged and skipped, never fatal: one typo must not stop a corpus from loading.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

log = logging.getLogger(__name__)

BUILTIN_DIR = Path(__file__).resolve().parent / "codebook"
SECTIONS = ("actors", "officials", "terms")


@dataclass(frozen=True)
class ActorInfo:
    id: str
    name: str
    kind: str = "state"
    aliases: tuple[str, ...] = ()
    capital: str | None = None
    demonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class OfficialInfo:
    id: str
    name: str
    represents: str
    role: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class TermInfo:
    id: str
    label: str
    category: str | None = None
    definition: str | None = None
    opposite: str | None = None
    beneficiary: str | None = None
    conceded_by: str | None = None
    specialises: str | None = None
    generic_group: str | None = None


@dataclass(frozen=True)
class TermPattern:
    term: str
    regex: re.Pattern[str]
    polarity: int = 1
    provider: bool = False
    generic: bool = False


@dataclass(frozen=True)
class Cue:
    """One compiled lexicon entry: a regex and what it means."""

    kind: str
    regex: re.Pattern[str]
    relation: str | None = None
    confidence: float = 1.0
    scope: str = "right"
    adjacent: bool = False


def _loosen(pattern: str) -> str:
    """Outside character classes, a space matches any run of whitespace and an apostrophe either apostrophe,
    so codebook authors write plain "Ukraine's security" and it matches typeset text."""
    out, depth, escaped = [], 0, False
    for ch in pattern:
        if escaped:
            out.append(ch)
            escaped = False
            continue
        if ch == "\\":
            escaped = True
        elif ch == "[":
            depth += 1
        elif ch == "]" and depth:
            depth -= 1
        elif depth == 0 and ch == " ":
            out.append(r"\s+")
            continue
        elif depth == 0 and ch == "'":
            out.append("['’]")
            continue
        out.append(ch)
    return "".join(out)


def word_regex(pattern: str, *, ignore_case: bool = True) -> re.Pattern[str]:
    """A codebook pattern as a regex matched on word boundaries (where the pattern starts/ends in a word)."""
    flags = re.IGNORECASE if ignore_case else 0
    return re.compile(rf"(?<![\w-])(?:{_loosen(pattern)})(?![\w])", flags)


@dataclass
class Codebook:
    actors: dict[str, ActorInfo]
    officials: dict[str, OfficialInfo]
    terms: dict[str, TermInfo]
    rules: dict[str, Any]
    term_patterns: list[TermPattern] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)
    actor_forms: dict[str, tuple[str, bool]] = field(default_factory=dict)  # surface -> (actor id, is demonym)
    official_forms: dict[str, str] = field(default_factory=dict)  # surface -> official id
    max_form_words: int = 1

    def rule_regex(self, key: str) -> re.Pattern[str] | None:
        """A list of patterns in rules.yaml as one alternation (longest first)."""
        return self.rule_regex_list(_as_list(self.rules.get(key)))

    @staticmethod
    def rule_regex_list(patterns: Iterable[str]) -> re.Pattern[str] | None:
        return _alternation(tuple(str(p) for p in patterns))


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, dict):
        value = value.get("cues", [])
    return [str(v) for v in value]


@cache
def _alternation(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    good = []
    for p in patterns:
        try:
            re.compile(p)
            good.append(p)
        except re.error as exc:
            log.warning("codebook: skipping invalid pattern %r: %s", p, exc)
    if not good:
        return None
    good.sort(key=len, reverse=True)
    return word_regex("|".join(f"(?:{p})" for p in good))


def _merge(target: dict[str, Any], source: dict[str, Any], origin: str) -> None:
    for section, entries in source.items():
        if section in SECTIONS:
            if not isinstance(entries, dict):
                log.warning("codebook %s: section %r is not a mapping; skipped", origin, section)
                continue
            bucket = target.setdefault(section, {})
            for key, entry in entries.items():
                entry = entry or {}
                if not isinstance(entry, dict):
                    log.warning("codebook %s: %s.%s is not a mapping; skipped", origin, section, key)
                    continue
                bucket[str(key)] = {**bucket.get(str(key), {}), **entry}
        else:
            target[section] = entries


def read_sources(extra: Sequence[Path] = ()) -> dict[str, Any]:
    """The merged raw YAML of the built-in codebook and the extra files."""
    merged: dict[str, Any] = {}
    for path in [*sorted(BUILTIN_DIR.glob("*.yaml")), *map(Path, extra)]:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ValueError(f"codebook {path}: {exc}") from exc
        if not isinstance(data, dict):
            raise ValueError(f"codebook {path}: expected a mapping at the top level")
        _merge(merged, data, str(path))
    return merged


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value if v)


def _build_actors(raw: dict[str, Any]) -> dict[str, ActorInfo]:
    actors = {}
    for key, e in raw.items():
        if not e.get("name"):
            log.warning("codebook: actor %s has no name; skipped", key)
            continue
        actors[key] = ActorInfo(id=key, name=str(e["name"]), kind=str(e.get("kind", "state")),
                                aliases=_strings(e.get("aliases")) + _strings(e.get("official_name")),
                                capital=e.get("capital"), demonyms=_strings(e.get("demonyms")))
    return actors


def _build_officials(raw: dict[str, Any], actors: dict[str, ActorInfo]) -> dict[str, OfficialInfo]:
    officials = {}
    for key, e in raw.items():
        if not e.get("name") or e.get("represents") not in actors:
            log.warning("codebook: official %s needs a name and a known actor in `represents`; skipped", key)
            continue
        officials[key] = OfficialInfo(id=key, name=str(e["name"]), represents=str(e["represents"]),
                                      role=e.get("role"), aliases=_strings(e.get("aliases")))
    return officials


def _build_terms(raw: dict[str, Any]) -> tuple[dict[str, TermInfo], list[TermPattern]]:
    terms, patterns = {}, []
    for key, e in raw.items():
        terms[key] = TermInfo(id=key, label=str(e.get("label") or key.replace("_", " ")),
                              category=e.get("category"), definition=e.get("definition"),
                              opposite=e.get("opposite"), beneficiary=e.get("beneficiary"),
                              conceded_by=e.get("conceded_by"), specialises=e.get("specialises"),
                              generic_group=e.get("generic_group"))
        for item in e.get("patterns") or []:
            spec = item if isinstance(item, dict) else {"re": item}
            try:
                patterns.append(TermPattern(term=key, regex=word_regex(str(spec["re"])),
                                            polarity=int(spec.get("polarity", 1)),
                                            provider=bool(spec.get("provider", False)),
                                            generic=bool(spec.get("generic", False))))
            except (re.error, KeyError, ValueError) as exc:
                log.warning("codebook: term %s: skipping pattern %r: %s", key, item, exc)
    return terms, patterns


def _build_cues(rules: dict[str, Any]) -> list[Cue]:
    cues = []
    for name, spec in (rules.get("triggers") or {}).items():
        relation = spec.get("relation", name)
        for pattern in spec.get("cues", []):
            try:
                cues.append(Cue(kind="trigger", regex=word_regex(pattern), relation=relation,
                                confidence=float(spec.get("confidence", 0.7)), scope=spec.get("scope", "right"),
                                adjacent=bool(spec.get("adjacent", False))))
            except re.error as exc:
                log.warning("codebook: trigger %s: skipping pattern %r: %s", name, pattern, exc)
    return cues


def _surface_forms(actors: dict[str, ActorInfo], officials: dict[str, OfficialInfo]
                   ) -> tuple[dict[str, tuple[str, bool]], dict[str, str]]:
    actor_forms: dict[str, tuple[str, bool]] = {}
    for a in actors.values():
        for form in (a.name, *a.aliases, *( [a.capital] if a.capital else [])):
            actor_forms.setdefault(form, (a.id, False))
        for form in a.demonyms:
            actor_forms.setdefault(form, (a.id, True))
    official_forms: dict[str, str] = {}
    for o in officials.values():
        for form in (o.name, *o.aliases):
            official_forms.setdefault(form, o.id)
    return actor_forms, official_forms


@cache
def _load(extra: tuple[Path, ...]) -> Codebook:
    raw = read_sources(extra)
    actors = _build_actors(raw.get("actors", {}))
    officials = _build_officials(raw.get("officials", {}), actors)
    terms, term_patterns = _build_terms(raw.get("terms", {}))
    rules = {k: v for k, v in raw.items() if k not in SECTIONS}
    actor_forms, official_forms = _surface_forms(actors, officials)
    longest = max((len(f.split()) for f in [*actor_forms, *official_forms]), default=1)
    return Codebook(actors=actors, officials=officials, terms=terms, rules=rules, term_patterns=term_patterns,
                    cues=_build_cues(rules), actor_forms=actor_forms, official_forms=official_forms,
                    max_form_words=longest)


def load_codebook(extra: Iterable[Path | str] = ()) -> Codebook:
    """The built-in codebook merged with `extra` files (cached: compiling it takes a moment)."""
    return _load(tuple(Path(p) for p in extra))
