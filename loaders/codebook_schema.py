"""The codebook's YAML, validated: one pydantic model per kind of entry, unknown keys refused.

Like spaCy's config, a codebook file is checked when it is read: a misspelt key ("patern", "represent") is an
error naming the file, the entry and the key, never a setting silently ignored. Values are checked for their
shape only where the extractor relies on it; spaCy patterns stay plain data (spaCy checks them when they are
compiled, and a bad one is logged and skipped, as is an invalid regular expression).
"""

from __future__ import annotations

from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PatternSpec(_Entry):
    """A term's regular expression with what it says about the term."""

    re: str
    polarity: int = 1  # -1: names what the term negates ("foreign troops" for no foreign troops)
    provider: bool = False  # wording about giving a guarantee ("act as guarantor")
    generic: bool = False  # a guarantee of no named beneficiary


class DependencyPatternSpec(_Entry):
    pattern: list[dict[str, Any]]
    polarity: int = 1


class TermEntry(_Entry):
    label: str | None = None
    category: str | None = None
    definition: str | None = None
    slot: str | None = None  # what the term is about when it matters ("whose forces", "the mediator")
    core: str | None = None  # a pack term's parent in the core vocabulary
    party: str | None = None  # the actor a pack term applies to (russian_withdrawal: RUS)
    opposite: str | None = None
    beneficiary: str | None = None
    conceded_by: str | None = None
    specialises: str | None = None
    generic_group: str | None = None
    patterns: list[str | PatternSpec] = Field(default_factory=list)
    token_patterns: list[list[dict[str, Any]]] = Field(default_factory=list)
    dependency_patterns: list[list[dict[str, Any]] | DependencyPatternSpec] = Field(default_factory=list)
    agent_variants: dict[str, str] = Field(default_factory=dict)
    agents: list[str] = Field(default_factory=list)
    examples: list[str] = Field(default_factory=list)  # sentences the term is found in (tests read them)
    agentive: Literal["DEMANDS", "OFFERS", "SUPPORTS"] | None = None  # its verb's agent holds it (agentive.py)


class ActorEntry(_Entry):
    name: str | None = None
    kind: str | None = None
    official_name: str | None = None
    aliases: list[str] = Field(default_factory=list)
    capital: str | None = None
    demonyms: list[str] = Field(default_factory=list)
    members: list[str] = Field(default_factory=list)
    speaks_for: str | None = None  # an organ whose positions are its organisation's (UNSC: UN)


class OfficialEntry(_Entry):
    name: str | None = None
    aliases: list[str] = Field(default_factory=list)
    role: str | None = None
    roles: list[str] = Field(default_factory=list)
    represents: str | None = None


class PackHeader(_Entry):
    """A process pack: the terms, actors and officials of one peace process."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str | None = None
    description: str | None = None
    parties: list[str] = Field(default_factory=list)  # actors whose mentions tell a document is about it
    keywords: list[str] = Field(default_factory=list)  # places and words that tell it too (regular expressions)
    closed: bool | None = None  # its terms are its whole vocabulary (its gold is coded in them): no core terms


class Speculation(_Entry):
    factor: float = 0.5  # an analyst's guess weighs this much of a stated position
    cues: list[str] = Field(default_factory=list)


class Interview(_Entry):
    question: list[str] = Field(default_factory=list)
    answer: list[str] = Field(default_factory=list)


class GuaranteeLists(_Entry):
    cues: list[str] = Field(default_factory=list)
    continue_: list[str] = Field(default_factory=list, alias="continue")
    skip_groups: list[str] = Field(default_factory=list)
    topic: list[str] = Field(default_factory=lambda: ["guarant"])  # words that make guarantees the topic
    default_term: str | None = None
    named_guarantor: list[str] = Field(default_factory=list)


class Predicate(_Entry):
    relation: str | None = None  # None: the key it is listed under
    confidence: float = 0.7
    lemmas: list[Any] = Field(default_factory=list)


class Confidence(_Entry):
    """The confidence of each way a stance or a guarantor is read (rules.yaml `grammar.confidence`): data of the
    codebook, not literals in the readers. A factor multiplies the predicate's own confidence; the others are
    the stance's confidence (times its holder's factor, where the holder was found in other words)."""

    act: float = 0.7  # a giver's act: "Britain gave security guarantees to Ukraine"
    said_of_term: float = 0.9  # factor: "X is unacceptable", "X would amount to surrender"
    side_clause: float = 0.9  # factor: a relative or appositive clause ("a ceasefire proposed by the US")
    reported: float = 0.9  # factor: a stance with no holder of its own, held by the subject of a verb of saying
    speaker: float = 0.85  # factor: the same, held by the speaker of the sentence or of its clause
    obligation: float = 0.7  # "X must happen", in a speaker's voice
    obligation_reported: float = 0.75  # "X must happen, he said"
    own_obligation: float = 0.65  # "we must do X": the speaker's own obligation
    permission: float = 0.65  # "Ukraine can join NATO, the plan says"
    future: float = 0.6  # "X would be put to a vote", a future statement
    demand_form: float = 0.6  # a verbless item of a list or an imperative, in a speaker's voice
    plan: float = 0.6  # "the deal would involve X": what its conceding party offers
    condition: float = 0.7  # "… if X": X is what the main clause's holder asks in return
    relative_refusal: float = 0.7  # a relative clause refusing the term, in the speaker's voice
    agentive: float = 0.7  # the agent of an agentive term's own verb ("Qatar mediated the talks"; agentive.py)
    # the factor of a holder found in other words than its name (multiplies the stance's confidence)
    pronoun: float = 0.9  # "he", "it" for the subject of the clause above
    they: float = 0.9  # "they" for the last actor named in the sentence
    group: float = 0.8  # "they", "both sides" for the parties named together before
    last_holder: float = 0.8  # a pronoun for the last holder of the text
    main_holder: float = 0.8  # a condition's holder: the sentence's main holder
    plan_author: float = 0.8  # the author of the plan being described ("the plan calls for …")
    conceder: float = 0.8  # the party a plan's term is conceded by
    # guarantors (loaders/extract.py)
    named_on_guarantee: float = 0.7  # named on the guarantee wording the stance is read on
    guarantor_list: float = 0.8  # listed after a cue ("guarantees from Russia, the US and China")
    named_guarantor: float = 0.7  # listed before a cue ("names Britain and Turkey as guarantors")


class Grammar(_Entry):
    predicates: dict[str, Predicate] = Field(default_factory=dict)
    light_verbs: list[str] = Field(default_factory=list)
    negators: list[Any] = Field(default_factory=list)
    speech: list[Any] = Field(default_factory=list)
    obligation: list[Any] = Field(default_factory=list)
    permission: list[Any] = Field(default_factory=list)
    future: list[Any] = Field(default_factory=list)
    hedges: list[Any] = Field(default_factory=list)
    hedge_factor: float = 0.6  # a hedged predicate ("might accept") weighs this much
    confidence: Confidence = Field(default_factory=Confidence)
    condition_marks: list[Any] = Field(default_factory=list)
    refusal_conditions: list[Any] = Field(default_factory=list)
    threat_verbs: list[Any] = Field(default_factory=list)
    force_nouns: list[Any] = Field(default_factory=list)
    object_anaphora: list[Any] = Field(default_factory=list)
    event_verbs: list[Any] = Field(default_factory=list)
    no_stance: list[Any] = Field(default_factory=list)
    condition_nouns: list[Any] = Field(default_factory=list)
    denials: list[Any] = Field(default_factory=list)
    report_nouns: list[Any] = Field(default_factory=list)
    truth_words: list[Any] = Field(default_factory=list)
    negative_subjects: list[Any] = Field(default_factory=list)
    plan_nouns: list[Any] = Field(default_factory=list)
    complement_preps: list[Any] = Field(default_factory=list)
    participation: list[Any] = Field(default_factory=list)
    adjunct_preps: list[Any] = Field(default_factory=list)
    plan_reach: int = 6  # sentences after a plan with a named author whose "would" clauses are its author's
    group_nouns: list[Any] = Field(default_factory=list)
    support_verbs: list[Any] = Field(default_factory=list)
    control_verbs: list[Any] = Field(default_factory=list)
    copula: list[Any] = Field(default_factory=list)


class UnknownActors(_Entry):
    """How actors the codebook does not know are found (loaders/unknown_actors.py)."""

    role_nouns: list[str] = Field(default_factory=list)  # "rebel group", "militia": a party named next to one
    entity_labels: list[str] = Field(default_factory=list)  # the entity recogniser's labels kept (ORG, NORP …)
    ignore: list[str] = Field(default_factory=list)  # names that are never actors (outlets, places of talks)


class RuleLexicon(_Entry):
    """The rule lexicon (rules.yaml), as the extractor reads it: each section with its defaults, here only.
    A codebook's merged sections are validated into one (`Codebook.lexicon`); a file's into `CodebookFile`."""

    speculation: Speculation = Field(default_factory=Speculation)
    term_anaphora: list[str] | None = None
    term_list_anaphora: list[str] | None = None
    venue_nouns: list[str] | None = None
    speech: list[str] | None = None
    transcript_headers: list[str] | None = None
    question_endings: list[str] = Field(default_factory=list)
    interview: Interview = Field(default_factory=Interview)
    passive_attribution: list[str] | None = None
    official_anaphora: list[str] | None = None
    first_person: list[str] | None = None
    plural_anaphora: list[str] | None = None
    prepositions: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)
    descriptions: list[str] = Field(default_factory=list)
    guarantee_lists: GuaranteeLists = Field(default_factory=GuaranteeLists)
    debris_max_length: int = 200  # a longer paragraph mentioning "subscribe" is kept
    debris: list[str] | None = None
    credits: list[str] | None = None
    grammar: Grammar = Field(default_factory=Grammar)
    unknown_actors: UnknownActors = Field(default_factory=UnknownActors)
    stance_cues: dict[str, list[str]] = Field(default_factory=dict)  # cue words the stance model counts (candidates.py)


class CodebookFile(RuleLexicon):
    """One codebook YAML file: any of the sections below and of the rule lexicon, nothing else."""

    pack: PackHeader | None = None
    actors: dict[str, ActorEntry | None] = Field(default_factory=dict)
    officials: dict[str, OfficialEntry | None] = Field(default_factory=dict)
    terms: dict[str, TermEntry | None] = Field(default_factory=dict)

    @field_validator("pack", mode="before")
    @classmethod
    def _pack_shorthand(cls, value: Any) -> Any:
        return {"id": value} if isinstance(value, str) else value


class CodebookError(ValueError):
    """A codebook file that cannot be used: its message names the file, the entry and the key."""


def _where(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc if not str(part).startswith(("function-", "list[", "str", "Pattern",
                                                                          "DependencyPattern")))


def _line(text: str | None, path: list[str]) -> str:
    """" (line N)" for the key at `path` in the file's YAML, from the parser's marks; "" when not found."""
    if text is None:
        return ""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return ""
    line = None
    for part in path:
        if isinstance(node, yaml.MappingNode):
            found = next(((k, v) for k, v in node.value if k.value == part), None)
            if found is None:
                return ""
            line, node = found[0].start_mark.line + 1, found[1]
        elif isinstance(node, yaml.SequenceNode) and part.isdigit() and int(part) < len(node.value):
            node = node.value[int(part)]
            line = node.start_mark.line + 1
        else:
            return ""
    return f" (line {line})" if line else ""


def validate_file(data: Any, origin: str, text: str | None = None) -> CodebookFile:
    """The file's sections, checked; a `CodebookError` naming every bad key or value otherwise (with its line,
    given the file's `text`)."""
    if not isinstance(data, dict):
        raise CodebookError(f"codebook {origin}: expected a mapping at the top level")
    try:
        return CodebookFile.model_validate(data)
    except ValidationError as exc:
        problems = []
        errors = exc.errors()
        if any(err["type"] == "extra_forbidden" for err in errors):  # the misspelt key, not the union's other tries
            errors = [err for err in errors if err["type"] == "extra_forbidden"]
        for err in errors:
            where = _where(err["loc"])
            if err["type"] == "extra_forbidden":
                *entry, key = where.split(".")
                problems.append(f"{'.'.join(entry) or 'top level'}: unknown key {key!r}{_line(text, [*entry, key])}")
            else:
                problems.append(f"{where}: {err['msg']}")
        raise CodebookError(f"codebook {origin}: " + "; ".join(dict.fromkeys(problems))) from None
