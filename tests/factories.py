"""Hand-built DocumentGraphs for store and API tests (no extractor involved)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from graph.model import Actor, Document, DocumentGraph, Guarantee, Official, Position, Provenance, Term
from graph.vocabulary import ActorKind, GuaranteeStatus, Relation

if TYPE_CHECKING:
    from starlette.types import ASGIApp

ACTORS = {
    "RUS": Actor(id="RUS", name="Russia", aliases=["Kremlin", "Moscow"]),
    "UKR": Actor(id="UKR", name="Ukraine", aliases=["Kyiv", "Kiev"]),
    "USA": Actor(id="USA", name="United States", aliases=["US", "Washington"]),
    "DEU": Actor(id="DEU", name="Germany", aliases=["Berlin"]),
    "ISR": Actor(id="ISR", name="Israel"),
    "NATO": Actor(id="NATO", name="North Atlantic Treaty Organization", kind=ActorKind.ORGANIZATION, aliases=["NATO"]),
}
TERMS = {t: Term(id=t, label=t.replace("_", " ").capitalize()) for t in
         ("neutral_status", "nato_non_accession", "security_guarantees_ukraine", "eu_membership", "ceasefire")}
OFFICIALS = {"sergey-lavrov": Official(id="sergey-lavrov", name="Sergey Lavrov", role="Foreign Minister",
                                       represents="RUS")}


def make_graph(
    doc: str,
    *,
    text: str = "",
    date: str | None = "2022-03-16",
    positions: Iterable[tuple[str, str, str, int]] = (("RUS", "DEMANDS", "neutral_status", 0),),
    guarantees: Iterable[tuple[str, str, str, int]] = (("RUS", "UKR", "proposed", 1),),
    speaker: str | None = "sergey-lavrov",
    quote: str = "a quote",
) -> DocumentGraph:
    """A consistent DocumentGraph: every actor and term its edges use is included."""
    positions, guarantees = list(positions), list(guarantees)
    text = text or f"text of {doc}"

    def prov(sentence: int) -> Provenance:
        return Provenance(doc=doc, sentence=sentence, quote=quote, speaker=speaker, date=date, confidence=0.9,
                          rule="test")

    actor_ids = {a for a, _, _, _ in positions} | {g for g, _, _, _ in guarantees} | {b for _, b, _, _ in guarantees}
    officials = [OFFICIALS[speaker]] if speaker else []
    actor_ids |= {o.represents for o in officials}
    return DocumentGraph(
        document=Document(id=doc, title=f"Title {doc}", outlet="Test Outlet", date=date, text=text,
                          sha256=hashlib.sha256(text.encode()).hexdigest()),
        actors=[ACTORS[a] for a in sorted(actor_ids)],
        officials=officials,
        terms=[TERMS[t] for t in sorted({t for _, _, t, _ in positions})],
        positions=[Position(actor=a, relation=Relation(r), term=t, provenance=prov(s)) for a, r, t, s in positions],
        guarantees=[Guarantee(guarantor=g, beneficiary=b, status=GuaranteeStatus(st), provenance=prov(s))
                    for g, b, st, s in guarantees],
    )


# -- additions for the API, page and notebook tests -------------------------------------------------------------
XSS_QUOTE = '<script>window.__xss=1</script> and <img src=x onerror="window.__xss=2"> said nothing'


def api_corpus() -> list[DocumentGraph]:
    """Three hand-built documents with known answers for the API tests: RUS demands NATO non-accession and
    neutrality, NATO rejects non-accession, Ukraine offers neutrality; DEU is willing, ISR declines and USA is
    proposed as guarantor of Ukraine; in 2023 RUS rejects neutrality (a stance change on the timeline)."""
    return [
        make_graph("api-1", date="2022-03-16",
                   positions=[("RUS", "DEMANDS", "nato_non_accession", 0), ("RUS", "DEMANDS", "neutral_status", 1),
                              ("UKR", "OFFERS", "neutral_status", 2), ("NATO", "REJECTS", "nato_non_accession", 3)],
                   guarantees=[("DEU", "UKR", "willing", 4), ("ISR", "UKR", "declined", 5),
                               ("USA", "UKR", "proposed", 6)],
                   quote="Moscow wants a neutral Ukraine outside NATO"),
        make_graph("api-2", date="2023-05",
                   positions=[("RUS", "REJECTS", "neutral_status", 0), ("RUS", "DEMANDS", "nato_non_accession", 1),
                              ("UKR", "SUPPORTS", "security_guarantees_ukraine", 2)],
                   guarantees=[("USA", "UKR", "willing", 3)], quote="Talks stalled in spring"),
        make_graph("api-3", date="2025-04", speaker=None,
                   positions=[("UKR", "REJECTS", "nato_non_accession", 0), ("UKR", "DEMANDS", "eu_membership", 1)],
                   guarantees=[], quote=XSS_QUOTE),
    ]


def _in(process: str | None, graph: DocumentGraph) -> DocumentGraph:
    return graph.model_copy(update={"document": graph.document.model_copy(update={"process": process})})


def process_corpus() -> list[DocumentGraph]:
    """Two peace processes in one store, for the process filter's tests. In Gaza the US and Germany favour a
    ceasefire that Israel rejects, and both reject EU membership; in Sudan it is the other way round. A fifth
    document, of no process, has the US support a ceasefire."""
    return [
        _in("gaza", make_graph("gz-1", date="2024-01-10", speaker=None, quote="Gaza: ceasefire now",
                               positions=[("USA", "DEMANDS", "ceasefire", 0), ("ISR", "REJECTS", "ceasefire", 1),
                                          ("DEU", "SUPPORTS", "ceasefire", 2)],
                               guarantees=[("USA", "ISR", "willing", 3)])),
        _in("gaza", make_graph("gz-2", date="2024-06-01", speaker=None, quote="Gaza: no EU talk",
                               positions=[("USA", "REJECTS", "eu_membership", 0),
                                          ("DEU", "REJECTS", "eu_membership", 1)], guarantees=[])),
        _in("sudan", make_graph("sd-1", date="2024-03-05", speaker=None, quote="Sudan: no ceasefire",
                                positions=[("USA", "REJECTS", "ceasefire", 0), ("ISR", "DEMANDS", "ceasefire", 1),
                                           ("DEU", "REJECTS", "ceasefire", 2)],
                                guarantees=[("DEU", "USA", "proposed", 3)])),
        _in("sudan", make_graph("sd-2", date="2024-08-20", speaker=None, quote="Sudan: EU membership",
                                positions=[("USA", "DEMANDS", "eu_membership", 0),
                                           ("DEU", "DEMANDS", "eu_membership", 1)], guarantees=[])),
        _in(None, make_graph("np-1", date="2024-09-01", speaker=None, quote="no process",
                             positions=[("USA", "SUPPORTS", "ceasefire", 0)], guarantees=[])),
    ]


def dense_corpus(docs: int = 5) -> list[DocumentGraph]:
    """Every (actor, relation, term) combination of the factory vocabulary in each of `docs` documents:
    120 position edges a document, enough to push the graph page past its physics threshold."""
    combos = [(a, r, t) for a in ACTORS for r in ("DEMANDS", "OFFERS", "SUPPORTS", "REJECTS") for t in TERMS]
    return [make_graph(f"dense-{n}", date=f"2024-0{n % 9 + 1}",
                       positions=[(a, r, t, i) for i, (a, r, t) in enumerate(combos)], guarantees=[])
            for n in range(docs)]


@contextmanager
def live_server(app: ASGIApp) -> Iterator[str]:
    """Serve an ASGI app with uvicorn in a background thread on 127.0.0.1 and a free port; yield its URL.

    The socket is bound here and handed to uvicorn, so there is no race for the port."""
    import socket
    import threading

    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        for _ in range(400):  # bounded wait for start-up, not a timing assertion
            if server.started or not thread.is_alive():
                break
            threading.Event().wait(0.025)
        if not server.started:
            raise RuntimeError("uvicorn did not start")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(15)
        sock.close()
