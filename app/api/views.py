"""Server-rendered views: guarantees, the stance matrix, two actors compared, a stance timeline, documents.

Each route takes the page's parameters, asks `app.services.pages` for the page's data and renders its
template; the data comes through the same services as the JSON API, so a view shows what the API answers.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse

from app.api.deps import SettingsDep, StoreDep, writes_need_key
from app.api.graph import GraphFilterDep
from app.api.pages import form_of
from app.api.params import DateFrom, DateTo, Process, Skip, ViewParam
from app.api.responses import PAGE_NOT_FOUND
from app.graphdata import GraphFilter
from app.presentation import phrase
from app.services import pages
from app.templating import render
from graph.vocabulary import Relation, ReviewView
from loaders.codebook import load_codebook

router = APIRouter(prefix="/pages", tags=["pages"])

Html = HTMLResponse
OptionalText = Annotated[str | None, Query()]


def _form(request: Request, f: GraphFilter) -> dict[str, Any]:
    form = form_of(request)
    form["actor"], form["term"], form["process"] = f.actors or [], f.terms or [], f.process or ""
    return form


@router.get("/guarantees", response_class=HTMLResponse, responses=PAGE_NOT_FOUND,
            summary="Guarantees: guarantor x beneficiary (HTML)")
def guarantees_page(request: Request, store: StoreDep, f: GraphFilterDep) -> Html:
    """Guarantors down, beneficiaries across; each cell holds one chip per status with its number of sources,
    and a click on a chip lists them. The filters are those of `/graph` (relation fixed to GUARANTEES)."""
    return Html(render("guarantees.html", page="guarantees", form=_form(request, f), **pages.guarantees(store, f)))


@router.get("/matrix", response_class=HTMLResponse, responses=PAGE_NOT_FOUND,
            summary="Stance matrix: actors x terms (HTML)")
def matrix_page(request: Request, store: StoreDep, f: GraphFilterDep) -> Html:
    """A heat map of actors (rows) by terms (columns): colour says favour / oppose / mixed, depth and number
    say how many sources; a click on a cell lists them. The filters are those of `/graph`."""
    return Html(render("matrix.html", page="matrix", form=_form(request, f), **pages.matrix(store, f)))


@router.get("/compare", response_class=HTMLResponse, responses=PAGE_NOT_FOUND,
            summary="Conflicts and common ground of two actors (HTML)")
def compare_page(request: Request, store: StoreDep, a: OptionalText = None, b: OptionalText = None,
                 term: OptionalText = None, process: Process = None, view: ViewParam = ReviewView.REVIEWED) -> Html:
    """Where two actors clash (one favours what the other rejects, or they favour opposite terms) and where
    they agree (from `/analysis/conflicts` and `/analysis/common-ground`), each card with the number of
    sources on both sides; the sentences are loaded from `/graph` when a card is opened. With `process`, both
    actors as that process's documents quote them; `view`, the review layer counted."""
    return Html(render("compare.html", page="compare", **pages.compare(store, a, b, term, process, view)))


@router.get("/timeline", response_class=HTMLResponse, responses=PAGE_NOT_FOUND,
            summary="An actor's stance on terms over time (HTML)")
def timeline_page(request: Request, store: StoreDep, actor: OptionalText = None, term: OptionalText = None,
                  process: Process = None, view: ViewParam = ReviewView.REVIEWED) -> Html:
    """A chart of the actor's positions in date order, one lane per term, each point linking to its source
    (from `/analysis/timeline`); a change of stance is ringed. `process` keeps that process's documents;
    `view` says which review layer (reviewed by default)."""
    return Html(render("timeline.html", page="timeline", phrase=phrase,
                       **pages.timeline(store, actor, term, process, view)))


@router.get("/candidates", response_class=HTMLResponse, summary="Actors the codebook does not know (HTML)")
def candidates_page(request: Request, store: StoreDep, settings: SettingsDep, process: Process = None) -> Html:
    """Names of armed groups, parties and people the loaded documents mention and the codebook does not know,
    with their mention counts, and the YAML that adds them to a pack (as `peacegraph actors --unknown`)."""
    return Html(render("candidates.html", page="candidates", **pages.candidates(store, process, settings.codebook)))


# -- review --------------------------------------------------------------------------------------------------
@router.get("/review", response_class=HTMLResponse, summary="The review queue and the agreement figures (HTML)")
def review_page(store: StoreDep, limit: Annotated[int, Query(ge=1, le=1000)] = 50) -> Html:
    """Unreviewed positions, lowest confidence first (as `GET /review/queue`), each linking to its place on its
    document's page, the review progress of each document, the figures of `GET /review/stats`, and the
    orphaned reviews."""
    return Html(render("review.html", page="review", **pages.review(store, limit)))


# -- documents -----------------------------------------------------------------------------------------------
@router.get("/documents", response_class=HTMLResponse, summary="Documents (HTML)")
def documents_page(request: Request, store: StoreDep, settings: SettingsDep, date_from: DateFrom = None,
                   date_to: DateTo = None, skip: Skip = 0, process: Process = None) -> Html:
    """The documents, newest first, and a form that adds files (dropped or chosen) and URLs one at a time
    through `POST /documents/file` and `POST /documents/fetch` (static/upload.js), each with its progress,
    its result and a link to the new document."""
    from loaders.readers import DOCUMENT_SUFFIXES, DUMP_SUFFIXES

    return Html(render("documents.html", page="documents", needs_key=writes_need_key(settings),
                       accept=",".join((*DOCUMENT_SUFFIXES, *DUMP_SUFFIXES)),
                       **pages.documents_list(store, date_from, date_to, skip, process)))


@router.get("/documents/{doc_id}", response_class=HTMLResponse, responses=PAGE_NOT_FOUND,
            summary="One document, positions highlighted (HTML)")
def document_page(store: StoreDep, settings: SettingsDep, doc_id: Annotated[str, Path(min_length=1, max_length=200)]
                  ) -> Html:
    """The document's text with every sentence that gave a position or guarantee highlighted; each highlight
    links to what was extracted from it, and each extracted line links back to its sentence. Positions and
    guarantees are shown as reviewed (rejected ones struck through, edits applied, added ones marked), each with
    review controls (static/review.js); reviews whose sentence is gone are listed."""
    return Html(render("document.html", page="documents", relations=list(Relation),
                       needs_key=writes_need_key(settings),
                       **pages.document(store, doc_id, load_codebook(settings.codebook))))
