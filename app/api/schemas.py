"""Response and request models of the API.

Lists of flat rows wherever the data allows, so `pandas.DataFrame(response.json())` gives a usable table;
nested lists only where the grouping is the point (an actor's positions by term, evidence on both sides).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from app.api.params import BodyDate


class _Out(BaseModel):
    model_config = ConfigDict(extra="ignore")


class Evidence(_Out):
    """Where an edge comes from: the document, the sentence, who said it."""

    relation: str | None = None
    doc: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    date: str | None = None
    sentence: int | None = None
    quote: str | None = None
    speaker: str | None = None
    speaker_name: str | None = None
    confidence: float | None = None
    rule: str | None = None
    conditional_on: list[str] | None = None


class OfficialRef(_Out):
    id: str
    name: str | None = None
    role: str | None = None


class ActorOut(_Out):
    id: str
    name: str | None = None
    kind: str | None = None
    aliases: list[str] = Field(default_factory=list)
    officials: list[OfficialRef] = Field(default_factory=list)


class OfficialOut(_Out):
    id: str
    name: str | None = None
    role: str | None = None
    represents: str | None = None
    represents_name: str | None = None


class RelationCounts(_Out):
    DEMANDS: int = 0
    OFFERS: int = 0
    SUPPORTS: int = 0
    REJECTS: int = 0


class TermStance(_Out):
    """One term in an actor's positions: edge counts per relation and the sources kept."""

    term: str
    label: str | None = None
    category: str | None = None
    counts: RelationCounts
    sources: list[Evidence]


class ActorRef(_Out):
    id: str
    name: str | None = None
    kind: str | None = None


class ActorPositions(_Out):
    actor: ActorRef
    terms: list[TermStance]


class TermOut(_Out):
    id: str
    label: str | None = None
    category: str | None = None
    definition: str | None = None
    opposite: str | None = None
    demands: int = 0
    offers: int = 0
    supports: int = 0
    rejects: int = 0


class TermRef(_Out):
    id: str
    label: str | None = None
    category: str | None = None


class ActorStance(_Out):
    """One actor's stance on a term: edge counts per relation and the sources kept."""

    actor: str
    name: str | None = None
    kind: str | None = None
    counts: RelationCounts
    sources: list[Evidence]


class TermPositions(_Out):
    term: TermRef
    actors: list[ActorStance]


class GuaranteeOut(_Out):
    """One GUARANTEES edge with its evidence, flat (one table row)."""

    guarantor: str
    guarantor_name: str | None = None
    beneficiary: str
    beneficiary_name: str | None = None
    status: str | None = None
    scope: str | None = None
    proposed_by: str | None = None
    doc: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    date: str | None = None
    sentence: int | None = None
    quote: str | None = None
    speaker: str | None = None
    speaker_name: str | None = None
    confidence: float | None = None
    rule: str | None = None


class ReviewedGuaranteeOut(GuaranteeOut):
    """A GUARANTEES row in a reviewed view (or both): the rows of documents whose guarantees were reviewed carry
    their review (graph/review.py: the `review_key` review calls take, the status, the layer, and for an edit
    what was extracted); the others are GuaranteeOut's rows."""

    review_key: dict[str, Any] | None = None
    review_status: str | None = None
    layer: str | None = None
    extracted_as: dict[str, Any] | None = None


class Conflict(_Out):
    """Actor A favours term_a; actor B rejects it (kind 'rejects') or favours its opposite (kind 'opposite')."""

    kind: Literal["rejects", "opposite"]
    actor_a: str
    actor_a_name: str | None = None
    term_a: str
    term_a_label: str | None = None
    actor_b: str
    actor_b_name: str | None = None
    term_b: str
    term_b_label: str | None = None
    count_a: int
    count_b: int
    evidence_a: list[Evidence]
    evidence_b: list[Evidence]


class CommonGround(_Out):
    term: str
    label: str | None = None
    stance: Literal["favour", "reject"]
    a: str
    b: str
    count_a: int
    count_b: int
    evidence_a: list[Evidence]
    evidence_b: list[Evidence]


class MatrixCell(_Out):
    actor: str
    actor_name: str | None = None
    term: str
    term_label: str | None = None
    demands: int
    offers: int
    supports: int
    rejects: int
    total: int
    documents: int = Field(description="distinct source documents of the cell's edges")


class TimelinePoint(Evidence):
    actor: str
    term: str
    label: str | None = None
    stance: Literal["favour", "reject"]
    changed: bool = Field(description="the stance differs from this actor's previous dated point on the term")


class DocumentSummary(_Out):
    id: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    date: str | None = None
    language: str | None = None
    process: str | None = None
    complete: bool | None = None
    positions: int = 0
    guarantees: int = 0
    mentions: int = 0
    source: str | None = None
    content_type: str | None = None
    date_origin: str | None = None


class DocumentPosition(Evidence):
    actor: str
    actor_name: str | None = None
    term: str
    term_label: str | None = None
    span_start: int | None = None
    span_end: int | None = None
    slot: str | None = None  # the actor the term is about (whose forces, the mediator), where the text names it
    # the review layer (graph/review.py): what review calls name it by, its status, its latest review, which
    # layer holds it (extracted, reviewed or both) and, for an edited one, what was extracted
    review_key: dict[str, Any] | None = None
    review_status: str | None = None
    review: dict[str, Any] | None = None
    layer: str | None = None
    extracted_as: dict[str, Any] | None = None


class DocumentGuarantee(Evidence):
    guarantor: str
    guarantor_name: str | None = None
    beneficiary: str
    beneficiary_name: str | None = None
    status: str | None = None
    scope: str | None = None
    proposed_by: str | None = None
    # the review layer, as a position's (graph/review.py: GuaranteeKey)
    review_key: dict[str, Any] | None = None
    review_status: str | None = None
    review: dict[str, Any] | None = None
    layer: str | None = None
    extracted_as: dict[str, Any] | None = None


class Mention(_Out):
    type: str
    id: str
    name: str | None = None
    kind: str | None = None
    role: str | None = None
    represents: str | None = None


class DocumentDetail(_Out):
    id: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    date: str | None = None
    language: str | None = None
    process: str | None = None
    sha256: str | None = None
    complete: bool | None = None
    text: str | None = None
    source: str | None = Field(default=None, description="file name, URL, or '<dump file>, row N'")
    content_type: str | None = Field(default=None, description="MIME type of what was read")
    meta_origin: str | None = Field(default=None, description="where title, outlet, author and URL came from "
                                                              "('page metadata', 'front matter', 'meta.yaml' …)")
    date_origin: str | None = Field(default=None, description="where the date came from; 'inferred' when it "
                                                              "was read from the text's dateline")
    positions: list[DocumentPosition]
    guarantees: list[DocumentGuarantee]
    officials: list[Mention]
    actors: list[Mention]
    terms: list[Mention]


class NewDocument(BaseModel):
    """A document to extract and store; `id` defaults to one derived from the text's hash."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1)
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    date: BodyDate | None = None
    url: str | None = None
    language: str | None = None
    process: str | None = Field(default=None, description="the peace process it is about (a process pack's id); "
                                                            "detected from the text when absent")
    id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:\-]{0,199}$")


class DocumentStored(_Out):
    id: str
    outcome: str
    positions: int
    guarantees: int


class StoredItem(DocumentStored):
    title: str | None = None
    source: str | None = None


class DocumentsStored(_Out):
    """What an upload or a fetch stored (one document, or one per row of a dump) and what it skipped, why."""

    documents: list[StoredItem]
    skipped: list[str]


class FetchDocument(BaseModel):
    """A web page or a PDF to fetch, extract and store."""

    model_config = ConfigDict(extra="forbid")

    url: str = Field(min_length=8, max_length=4000, pattern=r"^[hH][tT][tT][pP][sS]?://",
                     description="an http(s) URL of an article page or a PDF")


class GraphData(_Out):
    """Node-link JSON: `networkx.node_link_graph(data, edges="links")` reads it as a MultiDiGraph."""

    model_config = ConfigDict(extra="allow")

    directed: bool = True
    multigraph: bool = True
    graph: dict[str, Any]
    nodes: list[dict[str, Any]]
    links: list[dict[str, Any]]


class CypherRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    query: str = Field(min_length=1, max_length=20_000, description="one read-only Cypher statement")
    params: dict[str, Any] = Field(default_factory=dict, description="query parameters ($name)")


class CypherResult(_Out):
    rows: list[dict[str, Any]]
    count: int
    truncated: bool = Field(description="more rows matched than the server's row limit")
    limit: int


class HealthOut(_Out):
    status: Literal["ok"]
    backend: str
    url: str
    version: str
