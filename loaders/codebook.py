"""The codebook: actors, officials, terms and the rule lexicon, read from YAML and compiled once.

Every file in `loaders/codebook/` is read (sorted by name), then any extra files the user names
(`PEACEGRAPH_CODEBOOK`), each merged over the previous entry by entry: an analyst's file can add an alias to
RUS without repeating the rest of RUS. A bad entry (an invalid regular expression, an official whose actor
is unknown) is logged and skipped, never fatal: one typo must not stop a corpus from loading.
"""

from __future__ import annotations

import importlib
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, cast

import yaml

from graph.model import Actor, Term
from graph.vocabulary import ActorKind
from loaders.codebook_schema import CodebookError, RuleLexicon, Speculation, validate_file

# the regex parser: public in spirit, private in name since Python 3.11 (the project needs 3.11)
_sre_constants: Any = importlib.import_module("re._constants")
_sre_parser: Any = importlib.import_module("re._parser")

log = logging.getLogger(__name__)

BUILTIN_DIR = Path(__file__).resolve().parent / "codebook"
CONCEPTS_FILE = "concepts.yaml"
_BASE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: loads 10x faster
_BOOL = "tag:yaml.org,2002:bool"


class _CodebookLoader(_BASE_LOADER):
    """The safe loader with YAML 1.2 booleans: only true/false are booleans. Under YAML 1.1 the words `on`,
    `off`, `yes` and `no` in a word list (`complement_preps: [with, on]`) silently became True and False."""


_CodebookLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL]
    for first, resolvers in _BASE_LOADER.yaml_implicit_resolvers.items()
}
_CodebookLoader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_CodebookLoader)
SECTIONS = ("actors", "officials", "terms")


@dataclass(frozen=True)
class ActorInfo:
    id: str
    name: str
    kind: str = "state"
    aliases: tuple[str, ...] = ()
    capital: str | None = None
    demonyms: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    speaks_for: str | None = None  # an organ whose positions are its organisation's (UNSC: UN)


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
    agent_variants: dict[str, str] = field(default_factory=dict)  # who carries it out -> the term it becomes
    agents: tuple[str, ...] = ()  # the only states that carry it out ("Finland joins NATO" is not Ukraine's)
    core: str | None = None  # a pack term's parent in the core vocabulary
    party: str | None = None  # the actor a pack term applies to: the slot of its edges
    slot: str | None = None  # what a core term's slot means ("whose forces"), when it has one
    agentive: str | None = None  # the relation the agent of the term's own verb holds (loaders/agentive.py)


@dataclass(frozen=True)
class PackInfo:
    """A process pack: one peace process's terms, actors and officials, and what tells a document is about it."""

    id: str
    name: str
    description: str | None = None
    parties: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    closed: bool = False
    terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class TermPattern:
    term: str
    regex: WordPattern
    polarity: int = 1
    provider: bool = False
    generic: bool = False


def _syntax(pattern: str) -> Iterator[tuple[int, str, int]]:
    """(index, character, group depth after it) of each character of `pattern` that is regex syntax: not
    escaped and not inside a character class. The one scanner the pattern rewrites below share."""
    depth, escaped, in_class = 0, False, False
    for i, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        else:
            depth += (ch == "(") - (ch == ")")
            yield i, ch, depth


_LOOSE = {" ": r"\s+", "'": "['’]"}


def _loosen(pattern: str) -> str:
    """Outside character classes, a space matches any run of whitespace and an apostrophe either apostrophe,
    so codebook authors write plain "Ukraine's security" and it matches typeset text."""
    loose = {i: _LOOSE[ch] for i, ch, _ in _syntax(pattern) if ch in _LOOSE}
    return "".join(loose.get(i, ch) for i, ch in enumerate(pattern))


_ESCAPE_OR_UPPER = re.compile(r"(\\.)|([A-Z])")


def lower_text(text: str) -> str:
    """Lower-cased text of the same length (offsets hold), for the fast case-sensitive matchers."""
    low = text.lower()
    if len(low) != len(text):  # a few characters (İ) lower into two
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low


def _literal_runs(items: Any) -> tuple[str, list[tuple[str, ...]]]:
    """The longest literal every match contains, and the alternative sets ("one of these") met on the way."""
    best, run, choices = "", [], []  # type: tuple[str, list[str], list[tuple[str, ...]]]

    def flush() -> None:
        nonlocal best, run
        for piece in "".join(run).split(" "):
            if len(piece) > len(best):
                best = piece
        run = []

    for op, arg in items:
        if op is _sre_constants.LITERAL:
            run.append(chr(arg))
            continue
        if op is _sre_constants.SUBPATTERN and arg[3]:  # a plain group: its contents are required too
            flush()
            inner, inner_choices = _literal_runs(arg[3])
            best = inner if len(inner) > len(best) else best
            choices += inner_choices
            continue
        if op is _sre_constants.MAX_REPEAT and arg[0] >= 1 and len(arg[2]) == 1 and \
                arg[2][0][0] is _sre_constants.LITERAL:
            run.append(chr(arg[2][0][1]))  # "s+" still needs one "s"
        flush()
        if op is _sre_constants.BRANCH:
            alternatives = [_literal_runs(branch)[0] for branch in arg[1]]
            if all(len(a) >= 3 for a in alternatives):
                choices.append(tuple(alternatives))
    flush()
    return best, choices


def required_keywords(pattern: str) -> tuple[str, ...]:
    """Strings of which every match of `pattern` contains at least one (empty when nothing is certain): a
    cheap `in` test that skips the regex for the many patterns whose keyword a document lacks."""
    try:
        best, choices = _literal_runs(_sre_parser.parse(pattern))
    except re.error:
        return ()
    if len(best) >= 4 or (best and not choices):
        return (best,)
    return min(choices, key=len) if choices else ((best,) if best else ())


_WORD_START = re.compile(r"(?<![\w-])\w")
_WINDOW = 160  # characters around a keyword in which its pattern can match (codebook patterns are shorter)


@dataclass(frozen=True)
class WordPattern:
    """A codebook pattern compiled for speed. It is lower-cased and matched on lower-cased text; the left word
    boundary is checked here rather than by a lookbehind (which stops the engine's prefix scan); and when the
    pattern has a required literal, the regex runs only in a window around each place `str.find` finds it,
    instead of over the whole document (a 1,000-word article has ~300 patterns to try)."""

    regex: re.Pattern[str]
    keywords: tuple[str, ...] = ()
    reach: int = _WINDOW  # how far from its keyword a match can extend (the pattern's widest match, and slack)

    keyword: str = ""  # the one required literal, when there is exactly one
    full: re.Pattern[str] | None = None  # the pattern with its optional opening, to widen a match leftwards

    def _widen(self, low: str, m: re.Match[str]) -> re.Match[str]:
        """The match the whole pattern would give: its optional opening ("legally binding ") included, so
        spans, and which of two overlapping mentions is longer, are as written in the codebook."""
        if self.full is None:
            return m
        start = m.start()
        for word in _WORD_START.finditer(low, max(0, start - _WINDOW // 2), start):
            wide = self.full.match(low, word.start())
            if wide is not None and wide.end() >= m.end() and _left_boundary(low, word.start()):
                return wide
        return m

    @classmethod
    def compile(cls, pattern: str) -> WordPattern:
        whole = _ESCAPE_OR_UPPER.sub(lambda m: m.group(1) or m.group(2).lower(), pattern)
        lowered = _strip_optional_opening(whole)
        full = re.compile(rf"(?:{_loosen(whole)})(?![\w])") if lowered != whole else None
        # A pattern that opens with an optional part has no prefix for the engine to scan for; \b at least lets it
        # give up mid-word at once (a fifth faster). Before a mandatory first part it would cost the engine its
        # prefix scan (2-3x slower), so only there.
        opening = r"\b" if _opens_optionally(lowered) else ""
        regex = re.compile(rf"{opening}(?:{_loosen(lowered)})(?![\w])")
        try:
            widest = _sre_parser.parse(lowered).getwidth()[1]
        except (re.error, OverflowError):
            widest = _WINDOW
        if re.search(r"\(\?<?[=!]", lowered):
            widest = _WINDOW  # a lookaround reads past the match: give it the whole window
        keywords = required_keywords(lowered)
        return cls(regex, keywords, min(_WINDOW, widest + 16), keywords[0] if len(keywords) == 1 else "", full)

    def finditer(self, low: str, counts: KeywordCounts | None = None) -> Iterator[re.Match[str]]:
        counts = counts if counts is not None else KeywordCounts(low)
        if self.keywords and not any(counts[k] for k in self.keywords):
            return
        if not self.keyword or counts[self.keyword] * self.reach * 2 > len(low):  # windows would cover it all
            yield from (self._widen(low, m) for m in self.regex.finditer(low) if _left_boundary(low, m.start()))
            return
        pos = low.find(self.keyword)
        last_end = 0
        while pos >= 0:
            start = max(last_end, low.rfind(" ", 0, max(0, pos - self.reach)) + 1)
            stop = low.find(" ", pos + len(self.keyword) + self.reach)
            stop = len(low) if stop < 0 else stop
            for m in self.regex.finditer(low, start, stop):
                if m.start() > pos:
                    break
                if m.end() > pos and _left_boundary(low, m.start()):
                    m = self._widen(low, m)
                    yield m
                    last_end = m.end()
                    break
            pos = low.find(self.keyword, max(pos + 1, last_end))


class KeywordCounts(dict[str, int]):
    """How often each keyword occurs in one text, counted once however many patterns share the keyword."""

    def __init__(self, low: str) -> None:
        super().__init__()
        self.low = low

    def __missing__(self, keyword: str) -> int:
        self[keyword] = count = self.low.count(keyword)
        return count


def _strip_optional_opening(pattern: str) -> str:
    """`(?:legally binding |clear )?security guarantees` → `security guarantees`: an optional opening only widens
    the span to the left, and without it the engine can scan for the literal start (several times faster)."""
    while pattern.startswith("(") and not pattern.startswith(("(?=", "(?!", "(?<")):
        close = next((i for i, ch, depth in _syntax(pattern) if ch == ")" and depth == 0), None)
        if close is None:
            return pattern
        rest = pattern[close + 1:]
        if not rest.startswith("?") or rest.startswith(("??", "?+")) or not rest[1:].strip():
            return pattern
        pattern = rest[1:]
    return pattern


def _opens_optionally(pattern: str) -> bool:
    try:
        items = list(_sre_parser.parse(pattern))
    except re.error:
        return False
    while items:
        op, arg = items[0]
        if op is _sre_constants.SUBPATTERN:
            items = list(arg[3])
            continue
        return op in (_sre_constants.MAX_REPEAT, _sre_constants.MIN_REPEAT) and arg[0] == 0
    return False


def _left_boundary(low: str, start: int) -> bool:
    return start == 0 or not (low[start - 1].isalnum() or low[start - 1] in "_-")


def word_regex(pattern: str, *, ignore_case: bool = True) -> re.Pattern[str]:
    """A codebook pattern as a regex matched on word boundaries (where the pattern starts/ends in a word)."""
    flags = re.IGNORECASE if ignore_case else 0
    return re.compile(rf"(?<![\w-])(?:{_loosen(pattern)})(?![\w])", flags)


@dataclass
class Codebook:
    actors: dict[str, ActorInfo]
    officials: dict[str, OfficialInfo]
    terms: dict[str, TermInfo]
    lexicon: RuleLexicon  # the rule lexicon's sections, validated, with the defaults of codebook_schema
    term_patterns: list[TermPattern] = field(default_factory=list)
    actor_forms: dict[str, tuple[str, bool]] = field(default_factory=dict)  # surface -> (actor id, is demonym)
    official_forms: dict[str, str] = field(default_factory=dict)  # surface -> official id
    compiled: dict[str, Any] = field(default_factory=dict)  # matchers other modules build once per codebook
    concept_patterns: dict[str, dict[str, Any]] = field(default_factory=dict)  # term -> spaCy patterns
    packs: dict[str, PackInfo] = field(default_factory=dict)
    core_terms: tuple[str, ...] = ()  # the ids of the core vocabulary
    process: str | None = None  # the process this view reads documents of (None: the core vocabulary)
    _sources: Sources | None = field(default=None, repr=False)

    def view(self, process: str | None) -> Codebook:
        """The codebook a document of `process` is read with (see `_view_terms`); built once per process."""
        if self._sources is None:
            return self
        key = f"view:{process or ''}"
        if key not in self.compiled:
            self.compiled[key] = _codebook(self._sources, _view_terms(self._sources, process), base=self,
                                           process=process)
        return cast(Codebook, self.compiled[key])

    def core_of(self, term: str) -> str | None:
        """The core term a term folds to: itself for a core term, its parent for a pack term, else None."""
        if term in self.core_terms:
            return term
        info = self.terms.get(term)
        if info is None:
            for pack in self.packs.values():
                if term in pack.terms:
                    return self.view(pack.id).terms[term].core
            return None
        return info.core

    def actor_node(self, actor: str) -> Actor:
        """The graph's node of a codebook actor: what a document's graph stores, and a review's new node."""
        info = self.actors[actor]
        return Actor(id=actor, name=info.name, kind=ActorKind.of(info.kind), aliases=list(info.aliases))

    def term_node(self, term: str) -> Term:
        """The graph's node of a codebook term (a pack term names its core parent)."""
        info, core = self.terms[term], self.core_of(term)
        return Term(id=term, label=info.label, category=info.category, definition=info.definition,
                    opposite=info.opposite, core=core if core != term else None)

    def find_actor(self, typed: str) -> ActorInfo | None:
        """The actor `typed` names by id, name or alias, any case, as the store resolves a stored one
        (queries/resolve_actor.cypher): an id wins over a name, a name over an alias. Used where a person picks
        an actor no stored document mentions yet (a review)."""
        value = typed.strip().lower()
        for matches in (lambda a: a.id.lower() == value, lambda a: a.name.lower() == value,
                        lambda a: any(alias.lower() == value for alias in a.aliases)):
            found = next((a for a in self.actors.values() if matches(a)), None)
            if found is not None:
                return found
        return None

    def find_term(self, typed: str) -> TermInfo | None:
        """The term `typed` names by id (spaces and hyphens read as underscores) or label, any case, as
        queries/resolve_term.cypher resolves a stored one."""
        value = typed.strip().lower()
        key = "_".join(value.replace("-", " ").split())
        return next((t for t in self.terms.values() if t.id.lower() == key), None) or next(
            (t for t in self.terms.values() if t.label.lower() == value), None)

    def rule_regex(self, key: str) -> re.Pattern[str] | None:
        """A list of patterns in rules.yaml as one alternation (longest first), case-insensitive."""
        return self.rule_regex_list(self._patterns(key))

    @staticmethod
    def rule_regex_list(patterns: Iterable[str]) -> re.Pattern[str] | None:
        return _alternation(tuple(str(p) for p in patterns))

    def rule_words(self, key: str | list[str]) -> list[WordPattern]:
        """The same patterns as fast `WordPattern`s (one each, so each gets its own keyword)."""
        patterns = self._patterns(key) if isinstance(key, str) else key
        return _word_patterns(tuple(str(p) for p in patterns))

    def _patterns(self, key: str) -> list[str]:
        """The pattern list of a lexicon section by its name (a section with more than patterns, such as
        `speculation`, gives its `cues`)."""
        value = getattr(self.lexicon, key)
        if isinstance(value, Speculation):
            value = value.cues
        return [str(v) for v in value or ()]


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


def split_alternatives(pattern: str) -> list[str]:
    """`a|b(c|d)|e` → [`a`, `b(c|d)`, `e`]: each top-level alternative gets its own keyword and prefix scan,
    which the engine cannot do for an alternation as a whole."""
    cuts = [i for i, ch, depth in _syntax(pattern) if ch == "|" and depth == 0]
    parts = [pattern[a + 1:b] for a, b in zip([-1, *cuts], [*cuts, len(pattern)], strict=True)]
    return [p for p in parts if p]


def word_patterns(pattern: str) -> list[WordPattern]:
    return [WordPattern.compile(p) for p in split_alternatives(pattern)]


@cache
def _word_patterns(patterns: tuple[str, ...]) -> list[WordPattern]:
    return [w for p in patterns if _valid(p) for w in word_patterns(p)]


def _valid(pattern: str) -> bool:
    try:
        re.compile(pattern)
        return True
    except re.error as exc:
        log.warning("codebook: skipping invalid pattern %r: %s", pattern, exc)
        return False


_LIST_FIELDS = ("patterns", "token_patterns", "dependency_patterns", "examples")


@dataclass
class Sources:
    """The merged raw YAML: global sections (actors, officials, the rule lexicon), the core terms (files with
    no `pack:`), each pack's header and terms, and the terms an extra file adds outside any pack."""

    sections: dict[str, Any] = field(default_factory=dict)
    core: dict[str, dict[str, Any]] = field(default_factory=dict)
    packs: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> {"header": {...}, "terms": {...}}
    added: list[str] = field(default_factory=list)  # terms of extra files outside core and packs: in every view

    def __getitem__(self, key: str) -> Any:  # the old merged mapping's reads
        return self.get(key)

    def get(self, key: str, default: Any = None) -> Any:
        if key == "terms":
            return self.all_terms()
        return self.sections.get(key, default)

    def all_terms(self) -> dict[str, dict[str, Any]]:
        """Every term once: the packs' first (their order decides between overlapping patterns), then the
        core terms they do not define."""
        out: dict[str, dict[str, Any]] = {}
        for pack in self.packs.values():
            for key, entry in pack["terms"].items():
                out.setdefault(key, entry)
        for key, entry in self.core.items():
            out.setdefault(key, entry)
        return out


def _merge_entry(old: dict[str, Any], new: dict[str, Any], concat: bool = False) -> dict[str, Any]:
    merged = {**old, **new}
    if concat:
        for key in _LIST_FIELDS:
            if key in old and key in new:
                merged[key] = [*old[key], *new[key]]
    return merged


def _entries(data: Any, section: str) -> dict[str, dict[str, Any]]:
    return {str(k): (v or {}) for k, v in (data.get(section) or {}).items()}


def _merge(target: Sources, data: dict[str, Any], extra: bool) -> None:
    pack = data.get("pack")
    for section in ("actors", "officials"):
        bucket = target.sections.setdefault(section, {})
        for key, entry in _entries(data, section).items():
            bucket[key] = {**bucket.get(key, {}), **entry}
    for section, value in data.items():
        if section not in (*SECTIONS, "pack"):
            target.sections[section] = value
    terms = _entries(data, "terms")
    if pack is not None:
        pid = pack if isinstance(pack, str) else pack["id"]
        scope = target.packs.setdefault(pid, {"header": {"id": pid}, "terms": {}})
        if isinstance(pack, dict):
            scope["header"] = {**scope["header"], **pack}
        for key, entry in terms.items():
            scope["terms"][key] = _merge_entry(scope["terms"].get(key, {}), entry)
        return
    for key, entry in terms.items():
        owners = [p["terms"] for p in target.packs.values() if key in p["terms"]]
        if not extra or key in target.core or not owners:
            if extra and key not in target.core and not owners and key not in target.added:
                target.added.append(key)  # a new term of the analyst's: every process uses it
            target.core[key] = _merge_entry(target.core.get(key, {}), entry)
        for bucket in owners if extra else []:  # an analyst's file refines a pack term without naming the pack
            bucket[key] = _merge_entry(bucket[key], entry)


def read_sources(extra: Sequence[Path] = ()) -> Sources:
    """The merged, validated YAML of the built-in codebook (every file under loaders/codebook/, packs
    included) and the extra files. A file that is not YAML, or holds an unknown key, is a `CodebookError`
    naming the file, the entry and the key."""
    merged = Sources()
    # a pack's terms.yaml sets the order of its terms (which wins when two term patterns match the same
    # words); a concepts.yaml only adds spaCy patterns to them, wherever its entries stand
    builtin = sorted(BUILTIN_DIR.rglob("*.yaml"),
                     key=lambda p: (p.parent != BUILTIN_DIR, str(p.parent), p.name == CONCEPTS_FILE, p.name))
    for n, path in enumerate([*builtin, *map(Path, extra)]):
        try:
            text = path.read_text(encoding="utf-8")
            data = load_yaml(text) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise CodebookError(f"codebook {path}: {exc}") from exc
        checked = validate_file(data, str(path), text)
        raw = {key: data[key] for key in checked.model_fields_set if key in data}
        if checked.pack is not None:
            raw["pack"] = checked.pack.model_dump(exclude_unset=True) if isinstance(data.get("pack"), dict) \
                else checked.pack.id
        _merge(merged, raw, extra=n >= len(builtin))
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
                                capital=e.get("capital"), demonyms=_strings(e.get("demonyms")),
                                members=_strings(e.get("members")), speaks_for=e.get("speaks_for"))
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
                              generic_group=e.get("generic_group"),
                              agent_variants={str(k): str(v) for k, v in (e.get("agent_variants") or {}).items()},
                              agents=tuple(str(a) for a in e.get("agents") or ()),
                              core=e.get("core"), party=e.get("party"), slot=e.get("slot"),
                              agentive=e.get("agentive"))
        for item in e.get("patterns") or []:
            spec = item if isinstance(item, dict) else {"re": item}
            try:
                patterns += [TermPattern(term=key, regex=compiled, polarity=int(spec.get("polarity", 1)),
                                         provider=bool(spec.get("provider", False)),
                                         generic=bool(spec.get("generic", False)))
                             for compiled in word_patterns(str(spec["re"]))]
            except (re.error, KeyError, ValueError, TypeError) as exc:
                log.warning("codebook: term %s: skipping pattern %r: %s", key, item, exc)
    return terms, patterns


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


def _concepts(raw_terms: dict[str, Any]) -> dict[str, dict[str, Any]]:
    concepts = {k: {p: e[p] for p in ("token_patterns", "dependency_patterns") if e.get(p)}
                for k, e in raw_terms.items() if isinstance(e, dict)}
    return {k: v for k, v in concepts.items() if v}


def _packs(sources: Sources) -> dict[str, PackInfo]:
    packs = {}
    for pid, scope in sources.packs.items():
        h = scope["header"]
        packs[pid] = PackInfo(id=pid, name=str(h.get("name") or pid.replace("_", " ")),
                              description=h.get("description"), parties=tuple(h.get("parties") or ()),
                              keywords=tuple(h.get("keywords") or ()), closed=bool(h.get("closed")),
                              terms=tuple(scope["terms"]))
    return packs


def _view_terms(sources: Sources, process: str | None) -> dict[str, dict[str, Any]]:
    """The terms a document of `process` is read with: a closed pack's own terms; an open pack's terms over the
    core ones (its patterns for a core term add to the core term's); the core terms when there is no process.
    Terms an analyst's file adds outside any pack are in every view."""
    added = {k: sources.core[k] for k in sources.added}
    scope = sources.packs.get(process or "")
    if scope is None:
        return dict(sources.core)
    if scope["header"].get("closed"):
        return {**scope["terms"], **{k: v for k, v in added.items() if k not in scope["terms"]}}
    view = dict(sources.core)
    for key, entry in scope["terms"].items():
        view[key] = _merge_entry(view.get(key, {}), entry, concat=True)
    return view


def _codebook(sources: Sources, raw_terms: dict[str, Any], base: Codebook | None = None,
              process: str | None = None) -> Codebook:
    terms, term_patterns = _build_terms(raw_terms)
    if base is None:
        actors = _build_actors(sources.get("actors", {}))
        officials = _build_officials(sources.get("officials", {}), actors)
        actor_forms, official_forms = _surface_forms(actors, officials)
        lexicon = RuleLexicon.model_validate({k: v for k, v in sources.sections.items() if k not in SECTIONS})
        packs = _packs(sources)
    else:
        actors, officials, lexicon, packs = base.actors, base.officials, base.lexicon, base.packs
        actor_forms, official_forms = base.actor_forms, base.official_forms
    return Codebook(actors=actors, officials=officials, terms=terms, lexicon=lexicon,
                    term_patterns=term_patterns,
                    actor_forms=actor_forms, official_forms=official_forms,
                    concept_patterns=_concepts(raw_terms), packs=packs, core_terms=tuple(sources.core),
                    process=process, _sources=sources)


@cache
def _load(extra: tuple[Path, ...]) -> Codebook:
    sources = read_sources(extra)
    return _codebook(sources, sources.all_terms())


def load_codebook(extra: Iterable[Path | str] = ()) -> Codebook:
    """The built-in codebook merged with `extra` files (cached: compiling it takes a moment). Its `terms` are
    every term of the core and of every pack; `view(process)` gives the terms one process is read with."""
    return _load(tuple(Path(p) for p in extra))
