"""A small client for notebooks: plain lists of dicts, pandas DataFrames, networkx graphs.

    >>> pg = PeaceGraph("http://127.0.0.1:8000")                      # doctest: +SKIP
    >>> pg.guarantees(beneficiary="Kyiv", as_frame=True)              # doctest: +SKIP
    >>> g = pg.graph(actor="RUS")                                     # doctest: +SKIP
    >>> pg.matrix(process="gaza", as_frame=True)                      # doctest: +SKIP

Every reading method takes `process` (a process pack's id or name): what that process's documents say only.

It takes a base URL or an injected `httpx.Client` (Starlette's TestClient is one), so it is tested against
the real app without a server and without a mock. Errors from the API (problem details) become
`PeaceGraphError` with the server's `detail`.
"""

from __future__ import annotations

from typing import Any

import httpx
import networkx as nx

from app.graphdata import to_networkx

Rows = list[dict[str, Any]]


class PeaceGraphError(RuntimeError):
    """The API answered with an error; `status` and `problem` (the RFC 9457 body) say which."""

    def __init__(self, status: int, problem: dict[str, Any]):
        self.status = status
        self.problem = problem
        super().__init__(f"{status} {problem.get('title', '')}: {problem.get('detail', '')}".strip())


def _frame(rows: Rows) -> Any:
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - pandas is a test/notebook dependency
        raise RuntimeError("as_frame=True needs pandas: pip install pandas") from exc
    return pd.json_normalize(rows) if any(isinstance(v, dict) for r in rows for v in r.values()) \
        else pd.DataFrame(rows)


def _flatten_groups(groups: Rows, head: str) -> Rows:
    """Grouped positions (one entry per term or actor with `sources`) → one row per source."""
    rows: Rows = []
    for g in groups:
        base = {k: v for k, v in g.items() if k not in ("counts", "sources")}
        for s in g["sources"]:
            rows.append({**base, **s, head: g[head]})
    return rows


def _flatten_sides(items: Rows) -> Rows:
    """Conflicts / common ground → one row each, evidence reduced to the first quote and document counts."""
    rows: Rows = []
    for item in items:
        row = {k: v for k, v in item.items() if k not in ("evidence_a", "evidence_b")}
        for side in ("a", "b"):
            ev = item[f"evidence_{side}"]
            row[f"docs_{side}"] = sorted({e["doc"] for e in ev})
            row[f"quote_{side}"] = ev[0]["quote"] if ev else None
        rows.append(row)
    return rows


class PeaceGraph:
    """Client of the peacegraph API (`base_url`, or an `httpx.Client` already pointed at it)."""

    def __init__(self, base_url: str | None = None, *, client: httpx.Client | None = None,
                 api_key: str | None = None, timeout: float = 30.0):
        if client is None and base_url is None:
            raise ValueError("give a base_url (e.g. http://127.0.0.1:8000) or an httpx client")
        self._own = client is None
        self._http = client or httpx.Client(base_url=base_url or "", timeout=timeout)
        self._headers = {"X-API-Key": api_key} if api_key else {}

    def close(self) -> None:
        if self._own:
            self._http.close()

    def __enter__(self) -> PeaceGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing -----------------------------------------------------------------------------------------
    def _request(self, method: str, path: str, *, params: dict[str, Any] | None = None,
                 json: Any = None) -> Any:
        clean = {k: v for k, v in (params or {}).items() if v is not None}
        response = self._http.request(method, path, params=clean, json=json, headers=self._headers)
        if response.status_code >= 400:
            try:
                problem = response.json()
            except ValueError:
                problem = {"detail": response.text}
            raise PeaceGraphError(response.status_code, problem)
        return response.json() if response.content else None

    def _get(self, path: str, **params: Any) -> Any:
        return self._request("GET", path, params=params)

    @staticmethod
    def _out(rows: Rows, as_frame: bool) -> Any:
        return _frame(rows) if as_frame else rows

    # -- reading ------------------------------------------------------------------------------------------
    def health(self) -> dict[str, Any]:
        return self._get("/health")

    def actors(self, *, as_frame: bool = False) -> Any:
        return self._out(self._get("/actors"), as_frame)

    def officials(self, *, as_frame: bool = False) -> Any:
        return self._out(self._get("/officials"), as_frame)

    def terms(self, *, process: str | None = None, as_frame: bool = False) -> Any:
        """Every term with its position counts per relation (those of one process's documents with `process`)."""
        return self._out(self._get("/terms", process=process), as_frame)

    def positions(self, actor: str, *, relation: str | list[str] | None = None, date_from: str | None = None,
                  date_to: str | None = None, process: str | None = None, view: str | None = None,
                  as_frame: bool = False) -> Any:
        """An actor's positions: a list of terms with counts and sources, or (as_frame) one row per source;
        `view`: reviewed (default), extracted or both."""
        data = self._get(f"/actors/{actor}/positions", relation=relation, date_from=date_from, date_to=date_to,
                         process=process, view=view)
        return _frame(_flatten_groups(data["terms"], "term")) if as_frame else data["terms"]

    def term_positions(self, term: str, *, relation: str | list[str] | None = None, process: str | None = None,
                       view: str | None = None, as_frame: bool = False) -> Any:
        """Who demands/offers/supports/rejects a term: actors with counts and sources, or one row per source."""
        data = self._get(f"/terms/{term}/positions", relation=relation, process=process, view=view)
        return _frame(_flatten_groups(data["actors"], "actor")) if as_frame else data["actors"]

    def guarantees(self, *, guarantor: str | None = None, beneficiary: str | None = None, status: str | None = None,
                   date_from: str | None = None, date_to: str | None = None, process: str | None = None,
                   limit: int = 1000, view: str | None = None, as_frame: bool = False) -> Any:
        """Guarantees as reviewed (default), `view="extracted"` or `view="both"`."""
        rows = self._get("/guarantees", guarantor=guarantor, beneficiary=beneficiary, status=status,
                         date_from=date_from, date_to=date_to, process=process, limit=limit, view=view)
        return self._out(rows, as_frame)

    def conflicts(self, *, term: str | None = None, process: str | None = None, view: str | None = None,
                  as_frame: bool = False) -> Any:
        """Conflicts as reviewed (default), `view="extracted"` or `view="both"` (as every analysis read)."""
        rows = self._get("/analysis/conflicts", term=term, process=process, view=view)
        return _frame(_flatten_sides(rows)) if as_frame else rows

    def common_ground(self, a: str, b: str, *, process: str | None = None, view: str | None = None,
                      as_frame: bool = False) -> Any:
        rows = self._get("/analysis/common-ground", a=a, b=b, process=process, view=view)
        return _frame(_flatten_sides(rows)) if as_frame else rows

    def matrix(self, *, actor: list[str] | None = None, term: list[str] | None = None, process: str | None = None,
               view: str | None = None, as_frame: bool = False) -> Any:
        return self._out(self._get("/analysis/matrix", actor=actor, term=term, process=process, view=view),
                         as_frame)

    def timeline(self, actor: str, term: str | None = None, *, process: str | None = None, page: int = 5000,
                 view: str | None = None, as_frame: bool = False) -> Any:
        """Every point of the actor's timeline (the API pages it: this asks page by page until a short one)."""
        rows: Rows = []
        while True:
            got = self._get("/analysis/timeline", actor=actor, term=term, process=process, skip=len(rows),
                            limit=page, view=view)
            rows.extend(got)
            if len(got) < page:
                return self._out(rows, as_frame)

    def documents(self, *, as_frame: bool = False, **filters: Any) -> Any:
        return self._out(self._get("/documents", **filters), as_frame)

    def document(self, doc_id: str, *, view: str | None = None) -> dict[str, Any]:
        """One document; its positions as reviewed (default), `view="extracted"` or `view="both"`."""
        return self._get(f"/documents/{doc_id}", view=view)

    def graph_data(self, **filters: Any) -> dict[str, Any]:
        """Node-link JSON of `/graph` (filters: actor, term, relation, status, date_from, date_to, doc, process,
        min_confidence, limit, view: reviewed (default), extracted or both)."""
        return self._get("/graph", **filters)

    def graph(self, **filters: Any) -> nx.MultiDiGraph:
        """The filtered subgraph as a networkx MultiDiGraph."""
        return to_networkx(self.graph_data(**filters))

    def cypher(self, query: str, params: dict[str, Any] | None = None, *, as_frame: bool = False) -> Any:
        """Run read-only Cypher; the rows (the server caps their number)."""
        result = self._request("POST", "/cypher", json={"query": query, "params": params or {}})
        return self._out(result["rows"], as_frame)

    def frame(self, what: str, *args: Any, **kwargs: Any) -> Any:
        """Any listing as a DataFrame: `pg.frame("guarantees", beneficiary="UKR")`."""
        method = getattr(self, what, None)
        if method is None or what.startswith("_") or what in ("frame", "graph", "graph_data", "close", "document",
                                                             "health", "add_document", "delete_document",
                                                             "review_stats"):
            raise ValueError(f"no table called {what!r}")
        return method(*args, as_frame=True, **kwargs)

    def review_queue(self, *, limit: int = 50, as_frame: bool = False) -> Any:
        """Unreviewed positions, lowest confidence first (the documents' progress: `review_progress`)."""
        return self._out(self._get("/review/queue", limit=limit)["items"], as_frame)

    def review_progress(self, *, as_frame: bool = False) -> Any:
        return self._out(self._get("/review/queue", limit=1)["documents"], as_frame)

    def review_stats(self) -> dict[str, Any]:
        """Reviews so far and the extractor's precision and recall against them."""
        return self._get("/review/stats")

    def review_history(self, doc: str, sentence: int, actor: str, relation: str, term: str, *,
                       as_frame: bool = False) -> Any:
        return self._out(self._get("/review/history", doc=doc, sentence=sentence, actor=actor, relation=relation,
                                   term=term), as_frame)

    def guarantee_review_history(self, doc: str, sentence: int, guarantor: str, beneficiary: str, *,
                                 as_frame: bool = False) -> Any:
        return self._out(self._get("/review/guarantees/history", doc=doc, sentence=sentence, guarantor=guarantor,
                                   beneficiary=beneficiary), as_frame)

    # -- writing ------------------------------------------------------------------------------------------
    def add_document(self, text: str, **meta: Any) -> dict[str, Any]:
        """Extract and store a document (title, outlet, date, url, id …); needs the API key if one is set."""
        return self._request("POST", "/documents", json={"text": text, **meta})

    def delete_document(self, doc_id: str) -> None:
        self._request("DELETE", f"/documents/{doc_id}")
