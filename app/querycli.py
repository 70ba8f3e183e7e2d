"""What `peacegraph query` needs beyond running a query: which queries a user may run (reads only), what
parameters each takes (from its `// params:` header), defaults for the ones not given, and actor and term
names resolved the way the API resolves them (`Kyiv` → UKR).

A query file declares its parameters as `$a, $b (description)`: the description applies to every name
before it, and "or null" in it makes the parameter optional. Required paging parameters get the API's
defaults (`DEFAULTS`), so `peacegraph query guarantees beneficiary=Kyiv` needs nothing else.

`process=` takes a process pack's id or name as the API does (`process=Russia–Ukraine`). A query read from the
aggregates, which sum every process, has a `<name>_process` variant counted from one process's edges; given
`process=`, `peacegraph query stance_matrix process=gaza` runs that variant.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import queries
from app.services.errors import NotFound
from app.services.resolve import resolve_actor, resolve_process_param, resolve_term
from graph.store import Store

WRITES = re.compile(r"\b(CREATE|MERGE|DELETE|DETACH|SET|REMOVE|DROP)\b", re.IGNORECASE)
DEFAULTS: dict[str, Any] = {"skip": 0, "limit": 100, "per_side": 5, "per_group": 5}
ACTOR_PARAMS = {"actor", "a", "b", "guarantor", "beneficiary"}
TERM_PARAMS = {"term"}
LIST_PARAMS = {"actors", "terms", "relations", "statuses", "ids"}


class QueryUsageError(ValueError):
    """A query name or parameter the user got wrong; the message says what to type instead."""


@dataclass(frozen=True)
class Param:
    name: str
    description: str
    required: bool
    nullable: bool = True


def is_read(name: str) -> bool:
    """A query that only reads: no write clause in its body, and not a schema file."""
    return not name.startswith("schema") and not WRITES.search(queries.load(name).statement)


def read_queries() -> list[str]:
    return [n for n in queries.names() if is_read(n)]


def summary(name: str) -> str:
    """The first sentence of the query file's leading comment."""
    lines = []
    for line in queries.load(name).text.splitlines():
        if not line.startswith("//") or line.lower().startswith("// params:") or line.startswith("// Returns"):
            break
        lines.append(line[2:].strip())
    text = " ".join(lines)
    return text.split(". ")[0].rstrip(".")


def _split_top(line: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for ch in line:
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    return [*parts, current]


def params_of(name: str) -> list[Param]:
    """The parameters the query's `// params:` header declares, in order, each with its description."""
    header = next((line.split(":", 1)[1] for line in queries.load(name).text.splitlines()
                   if line.lower().startswith("// params:")), "")
    found: list[Param] = []
    pending: list[str] = []
    for segment in _split_top(header):
        m = re.match(r"\s*\$(\w+)\s*(?:\((.*)\))?\s*$", segment, re.S)
        if not m:
            continue
        pending.append(m.group(1))
        if m.group(2) is not None:
            description = m.group(2).strip()
            optional = "or null" in description
            found += [Param(p, description, not optional and p not in DEFAULTS, optional) for p in pending]
            pending = []
    found += [Param(p, "", p not in DEFAULTS, False) for p in pending]
    return found


def _value(raw: str) -> Any:
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        return raw


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    return [v.strip() for v in str(value).split(",") if v.strip()]


def variant(name: str, pairs: list[str]) -> str:
    """The query to run: `name`, or its `<name>_process` variant when a process is given that `name` does not
    take (the aggregates it reads sum every process)."""
    given = any(p.split("=", 1)[0].strip().lstrip("$") == "process" and p.split("=", 1)[1].strip()
                for p in pairs if "=" in p)
    if given and name in queries.names() and "process" not in queries.load(name).params \
            and f"{name}_process" in queries.names():
        return f"{name}_process"
    return name


def build_params(store: Store, name: str, pairs: list[str]) -> dict[str, Any]:
    """`key=value` pairs → the query's parameters: JSON values parsed, lists split on commas, actor and term
    names resolved to ids, the rest defaulted; a missing or unknown parameter is a QueryUsageError."""
    if name not in queries.names():
        raise QueryUsageError(f"no query named {name!r}; `peacegraph query --list` shows them")
    if not is_read(name):
        raise QueryUsageError(f"{name!r} writes to the database; `peacegraph query` runs read queries only "
                              "(use `peacegraph load` or `peacegraph db reset`)")
    declared = {p.name: p for p in params_of(name)}
    given: dict[str, Any] = {}
    for pair in pairs:
        if "=" not in pair:
            raise QueryUsageError(f"parameter {pair!r} is not key=value")
        key, raw = pair.split("=", 1)
        key = key.strip().lstrip("$")
        if key not in declared:
            takes = ", ".join(declared) or "no parameters"
            raise QueryUsageError(f"query {name!r} has no parameter {key!r} (it takes: {takes})")
        given[key] = _value(raw)
    for p in declared.values():
        if p.name not in given and p.required:
            hint = " (an id, name or alias: Moscow, Kyiv, RUS)" if p.name in ACTOR_PARAMS | {"actors"} else ""
            raise QueryUsageError(f"query {name!r} needs {p.name}=… ({p.description or 'no description'}){hint}")
    values = {p.name: given.get(p.name, None if p.nullable else DEFAULTS.get(p.name)) for p in declared.values()}
    try:
        for key, value in values.items():
            if value is None:
                continue
            if key in LIST_PARAMS:
                value = _as_list(value)
            if key in ACTOR_PARAMS:
                value = resolve_actor(store, str(value))["id"]
            elif key == "actors":
                value = [resolve_actor(store, str(v))["id"] for v in value]
            elif key in TERM_PARAMS:
                value = resolve_term(store, str(value))["id"]
            elif key == "terms":
                value = [resolve_term(store, str(v))["id"] for v in value]
            elif key == "relations":
                value = [str(v).upper() for v in value]
            elif key == "process":
                value = resolve_process_param(str(value))
            values[key] = value
    except NotFound as exc:
        raise QueryUsageError(str(exc)) from None
    return values


def listing() -> list[str]:
    """One line a read query: its name, its parameters (required ones marked) and what it answers."""
    lines = []
    for name in read_queries():
        params = ", ".join(f"{p.name}{'' if p.required else '?'}" for p in params_of(name)) or "-"
        lines.append(f"{name:<22} {params}\n{'':<22} {summary(name)}")
    return lines
