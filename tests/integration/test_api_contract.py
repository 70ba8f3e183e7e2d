"""The API keeps its own OpenAPI contract: schemathesis, all checks, against the real app on the seeded store.

Notebook clients are generated from `/openapi.json`, so every status code and content type a route answers
with, and every parameter format it accepts, must be what the schema says. Schemathesis generates requests
from the schema (valid ones, and invalid ones that must be refused), sends them to the app in-process and
runs every check on the answers: no server error, status codes and content types documented, bodies
matching their schemas, schema-valid requests accepted, invalid ones rejected, a 405's `Allow` header right.

Bounded and deterministic: a few examples per operation in the generated phases (each run takes well under a
minute, on the embedded FalkorDB) and derandomized generation, so CI generates the same cases every run.

Writes are left out of the seeded run: the seeded store is shared read-only by the session's API tests, and a
POST that loads a document or a review would change what they read. They run on an empty store of their
own, with an API key, in `test_write_routes_keep_the_contract`; `POST /documents/fetch` is left out there,
since it would fetch generated URLs from the network.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import SecretStr
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import Status, events
from schemathesis.schemas import BaseSchema

from app.main import create_app
from app.settings import Settings
from graph.store import Store
from loaders.ingest import ingest_paths
from tests.conftest import SEEDS
from tests.integration.conftest import API_KEY

PROBLEM = "application/problem+json"
MAX_EXAMPLES = 8
# What a schema-valid request may be answered with, by schemathesis' default (positive_data_acceptance).
POSITIVE_EXPECTED = ["2xx", "3xx", "401", "403", "404", "409", "429", "5xx"]


@dataclass
class Run:
    """What one schemathesis run found: cases sent, and each failed check as `METHOD /path: check: title`."""

    cases: int = 0
    failures: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def by_check(self) -> Counter[str]:
        return Counter(f.split(": ")[1] for f in self.failures)


def run_schemathesis(app: FastAPI, *, writes: bool, headers: dict[str, str] | None = None) -> Run:
    """Every phase the `st run` command has (examples, coverage, fuzzing, stateful), with all checks, run
    in-process on the app. The engine is what `st run` drives; the pytest plugin's lazy fixture loader does
    not run under this pytest (it sets a node attribute pytest 9 no longer has)."""
    config = SchemathesisConfig.from_dict({
        "headers": headers or {},
        # derandomized: every run (and CI) generates the same cases, so no seed is needed
        "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True},
        "checks": {"enabled": True},
        # A schema cannot say which strings are Cypher: a statement that is not is a 400 (bad query), or a
        # 422 when it runs over the endpoint's time limit, as the schema lists.
        "operations": [{"include-path": "/cypher", "checks": {"positive_data_acceptance": {
            "expected-statuses": [*POSITIVE_EXPECTED, "400", "422"]}}},
            # Nor which texts and files hold something to read: a document with nothing in it is a 422
            # (unreadable), a file of a kind that is not read a 415, as the schema lists.
            {"include-path": "/documents", "checks": {"positive_data_acceptance": {
                "expected-statuses": [*POSITIVE_EXPECTED, "422"]}}},
            {"include-path": "/documents/file", "checks": {"positive_data_acceptance": {
                "expected-statuses": [*POSITIVE_EXPECTED, "415", "422"]}}}],
    })
    schema: BaseSchema = schemathesis.openapi.from_asgi("/openapi.json", app, config=config)
    schema.hooks.register_hook_with_name(_date_range_in_order, "map_case")
    schema.hooks.register_hook_with_name(_serializable, "filter_case")
    if writes:  # not /documents/fetch: it fetches the URL it is given, from the network
        schema = schema.include(method_regex="^(POST|DELETE)$", path_regex="^/(documents|review)").exclude(
            path="/documents/fetch")
    else:
        schema = schema.exclude(method_regex="^(POST|DELETE)$", path_regex="^/(documents|review)")
    run = Run()
    for event in schemathesis.engine.from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            run.cases += len(event.recorder.cases)
            for case_id, checks in event.recorder.checks.items():
                run.failures.extend(f"{event.recorder.label}: {c.name}: {_what(event.recorder, case_id, c)}"
                                    for c in checks if c.status == Status.FAILURE)
        elif isinstance(event, events.NonFatalError | events.FatalError):
            run.errors.append(str(getattr(event, "value", None) or getattr(event, "exception", event)))
    run.failures = sorted(set(run.failures))
    return run


def _date_range_in_order(context: Any, case: Any) -> Any:
    """Two dates each valid can still make a range that ends before it starts, which the API refuses (422,
    tested in test_api.py) and a schema cannot express (it has no rule across parameters): such a pair is
    sent in order."""
    query = case.query
    if query and isinstance(query.get("date_from"), str) and isinstance(query.get("date_to"), str):
        start, end = query["date_from"], query["date_to"]
        if start > end and not start.startswith(end):
            case.query = {**query, "date_from": end, "date_to": start}
    return case


def _serializable(context: Any, case: Any) -> bool:
    """A query string cannot tell one value from a list of one: a negative case that gives a repeatable
    parameter (`actor`) a single string instead of a list is sent as a valid request (`actor=`), which
    schemathesis then reports as a schema violation accepted. Such cases are not sent."""
    arrays = {p["name"] for p in case.operation.definition.raw.get("parameters", [])
              if p.get("in") == "query" and "array" in str(p.get("schema"))}
    return not any(name in arrays and value is not None and not isinstance(value, list)
                   for name, value in (case.query or {}).items())


def _what(recorder: Any, case_id: str, check: Any) -> str:
    """A failure as a line to act on: its title, the request, and the start of the answer."""
    failure = check.failure_info.failure if check.failure_info else None
    title = f"{failure.title} ({' '.join(failure.message.split())[:200]})" if failure else ""
    interaction = recorder.interactions.get(case_id)
    if interaction is None:
        return title
    request, response = interaction.request, interaction.response
    answer = f"{response.status_code} {response.content[:160]!r}" if response is not None else "no answer"
    body = f" {request.body[:120]!r}" if request.body else ""
    return f"{title}: {request.method} {request.uri}{body} -> {answer}"


@pytest.fixture
def seeded_app(falkordb_store: Store, data_dir: Path) -> Iterator[FastAPI]:
    """The real app over the seeds, loaded into an embedded FalkorDB graph of its own, uncached (a cached
    answer would hide what a request does). The contract is the app's, the same on either engine, and a run
    is 2,000-odd requests (most from the coverage phase, which max-examples does not bound): on Neo4j that
    doubled the time for nothing new, so the runs are FalkorDB's alone (not a skipped Neo4j case, which CI
    counts as a failure). The parts that differ by engine (a NUL in a name, 404s) have tests of their own
    below, run on both."""
    summary = ingest_paths(falkordb_store, [SEEDS])
    assert summary.count("loaded") >= 5 and not summary.skipped, summary
    app = create_app(Settings(data_dir=data_dir, cache_seconds=0), store=falkordb_store)
    with TestClient(app):
        yield app


def test_reads_keep_the_contract(seeded_app: FastAPI) -> None:
    run = run_schemathesis(seeded_app, writes=False)
    assert run.cases > 100, run
    _passes(run)


def _passes(run: Run) -> None:
    assert not run.errors, run.errors
    assert not run.failures, (f"{run.cases} cases, failures by check {dict(run.by_check())}:\n"
                              + "\n".join(run.failures[:40]))


def test_write_routes_keep_the_contract(falkordb_store: Store, data_dir: Path) -> None:
    """The writes (adding, uploading and deleting documents, reviews) on an empty store of their own, with the
    server's API key sent (it is also the reviewer key), so that they get past the key check to their
    answers: 201, 200 for nothing changed, 404, 413, 415, 422 … each as the schema lists it."""
    app = create_app(Settings(data_dir=data_dir, cache_seconds=0, api_key=SecretStr(API_KEY)),
                     store=falkordb_store)
    with TestClient(app):
        run = run_schemathesis(app, writes=True, headers={"X-API-Key": API_KEY})
    assert run.cases > 20, run
    _passes(run)


# -- the points schemathesis found, one test each ---------------------------------------------------------------
def _schema(api: TestClient) -> dict[str, Any]:
    return api.get("/openapi.json").json()


def test_a_404_is_documented_as_problem_json(api: TestClient) -> None:
    """An unknown document is a 404 problem, and the schema says so (not only 200 and 422)."""
    spec = _schema(api)
    declared = spec["paths"]["/documents/{doc_id}"]["get"]["responses"]
    assert declared["404"]["content"] == {PROBLEM: {"schema": {"$ref": "#/components/schemas/ProblemDetail"}}}
    assert set(spec["components"]["schemas"]["ProblemDetail"]["required"]) == {"title", "status"}
    answer = api.get("/documents/no-such-document")
    assert answer.status_code == 404 and answer.headers["content-type"].startswith(PROBLEM)
    assert "application/json" not in declared["422"]["content"]


def test_every_problem_a_route_declares_is_problem_json(api: TestClient) -> None:
    """The API's error responses are `application/problem+json`, the pages' are HTML; none is plain JSON."""
    for path, operations in _schema(api)["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if int(status) < 400:
                    continue
                media = set(response["content"])
                assert media == ({"text/html"} if path.startswith("/pages") else {PROBLEM}), (method, path, status)
                assert "503" in operation["responses"] and "500" in operation["responses"], (method, path)


def test_a_write_that_changes_nothing_documents_its_200(api: TestClient) -> None:
    """POST /documents answers 201 for a new document and 200 for one stored already: both are listed."""
    declared = _schema(api)["paths"]["/documents"]["post"]["responses"]
    assert {"200", "201", "401", "413", "422", "501"} <= set(declared)


def test_405_allows_every_method_of_the_path(api: TestClient) -> None:
    """`/documents/{id}` has GET and DELETE, served by two routes: a 405 names both in `Allow`."""
    answer = api.request("PUT", "/documents/some-id")
    assert answer.status_code == 405 and answer.headers["content-type"].startswith(PROBLEM)
    assert {m.strip() for m in answer.headers["allow"].split(",")} == {"GET", "DELETE"}
    assert {m.strip() for m in api.options("/documents").headers["allow"].split(",")} == {"GET", "POST"}
    # a concrete path wins over a templated one, as in OpenAPI: /documents/file is not /documents/{doc_id}
    assert api.options("/documents/file").headers["allow"] == "POST"


def test_a_non_iso_date_is_a_422_the_schema_predicts(api: TestClient) -> None:
    """Dates are declared as what the API takes (a full ISO date, YYYY or YYYY-MM, or empty for no filter): a
    date the schema refuses is a 422 problem naming the parameter, one it allows is answered."""
    schema = next(p["schema"] for p in _schema(api)["paths"]["/guarantees"]["get"]["parameters"]
                  if p["name"] == "date_from")
    assert {"type": "string", "format": "date", "pattern": schema["anyOf"][0]["pattern"]} in schema["anyOf"]
    declared = jsonschema_rs.validator_for(schema, validate_formats=True)
    for date in ("16/03/2022", "2022-3", "２０２２", "0000", "0000-01-01", "2022-02-30", "2022\n", " 2022"):
        assert not declared.is_valid(date), date
        answer = api.get("/guarantees", params={"date_from": date})
        assert answer.status_code == 422 and answer.headers["content-type"].startswith(PROBLEM), date
        assert answer.json()["errors"][0]["location"] == "query parameter 'date_from'"
    for date in ("2022", "2022-03", "0999", "2022-03-16", "0001-01-01", ""):
        assert declared.is_valid(date), date
        assert api.get("/guarantees", params={"date_from": date}).status_code == 200, date


def test_an_empty_process_filter_means_every_process(api: TestClient) -> None:
    """`process=` (as an HTML form sends an empty field) is no filter; it was a 500 (a length check on None)."""
    assert api.get("/terms", params={"process": ""}).json() == api.get("/terms").json()
    assert api.get("/pages/candidates", params={"process": ""}).status_code == 200


def test_an_empty_filter_field_is_declared_as_no_filter(api: TestClient) -> None:
    """A form sends its empty fields (`status=`, `min_confidence=`): no filter, and the schema allows the empty
    string for them; a blank one is refused as the schema refuses it (it was taken as no filter)."""
    parameters = {p["name"]: p["schema"] for p in _schema(api)["paths"]["/graph"]["get"]["parameters"]}
    for name in ("status", "min_confidence", "date_from"):
        declared = jsonschema_rs.validator_for(parameters[name])
        assert declared.is_valid("") and not declared.is_valid(" "), name
        assert api.get("/graph", params={name: ""}).json() == api.get("/graph").json(), name
        assert api.get("/graph", params={name: " "}).status_code == 422, name


def test_a_nul_character_in_a_parameter_is_unknown_not_a_server_error(api: TestClient) -> None:
    """FalkorDB's query header cannot carry a NUL character; no stored name holds one, so a parameter with it
    names nothing: a 404 for an actor or a document, no rows for a process filter (it was a 500)."""
    assert api.get("/actors/RU%00S").status_code == 404
    assert api.get("/documents/doc%00").status_code == 404
    assert api.get("/actors/RUS/positions", params={"process": "gaza\x00"}).json()["terms"] == []
