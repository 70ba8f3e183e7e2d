"""The query catalogue: one Cypher query a file, loaded by name.

`load("guarantees")` returns the text of `queries/guarantees.cypher`; `load(name, engine="neo4j")` prefers a
`guarantees.neo4j.cypher` variant when one exists. Files ship as package data, so an installed wheel has them.

A file may declare `// scalar reply: …`: every column it returns is a string, an integer or null, except the
columns named after `floats:` (and `booleans:`), e.g. `// scalar reply: floats: confidence`. The FalkorDB
backend reads such a query's reply in FalkorDB's plain (non-compact) form, which has no type tag per cell and
costs a fraction to receive; the declaration gives back the types that form leaves out (a float or a boolean
arrives as text there). tests/integration/test_falkor_reply.py holds every declaring query to the compact
reply's values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources

ENGINES = ("falkordb", "neo4j")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_PARAMS_LINE = re.compile(r"^//\s*params:(.*)$", re.IGNORECASE | re.MULTILINE)
PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_SCALAR_LINE = re.compile(r"^//\s*scalar reply:(.*)$", re.IGNORECASE | re.MULTILINE)
_TYPED_COLUMNS = re.compile(r"\b(floats|booleans):\s*([A-Za-z_][A-Za-z0-9_]*(?:\s*,\s*[A-Za-z_][A-Za-z0-9_]*)*)")


class UnknownQueryName(LookupError):
    """No query file of that name (kept separate from graph.errors so this package stands alone)."""


@dataclass(frozen=True)
class ScalarReply:
    """A `// scalar reply:` declaration: the columns that are floats or booleans (the rest: str, int or null)."""

    floats: tuple[str, ...] = ()
    booleans: tuple[str, ...] = ()


@dataclass(frozen=True)
class Query:
    name: str
    text: str  # the file as written, its comment header included
    params: tuple[str, ...]
    scalar_reply: ScalarReply | None = None

    @cached_property
    def statement(self) -> str:
        """What an engine is sent: the text without its comment lines and blank lines. The header is for
        readers; an engine parses every byte it receives, and FalkorDB's Bolt port crashes on a query text over
        4 KB."""
        return _body(self.text)


def _body(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("//"))


def _files() -> dict[str, str]:
    root = resources.files(__name__)
    return {p.name[: -len(".cypher")]: p.read_text(encoding="utf-8") for p in root.iterdir()
            if p.name.endswith(".cypher")}


@cache
def _catalogue() -> dict[str, str]:
    return _files()


def names() -> list[str]:
    """Engine-neutral query names (variants like `x.neo4j` are folded into `x`)."""
    return sorted({n.split(".", 1)[0] for n in _catalogue()})


def declared_params(text: str) -> tuple[str, ...]:
    """Parameters a query file declares in its `// params: $a, $b` header line."""
    found: list[str] = []
    for line in _PARAMS_LINE.findall(text):
        found.extend(PARAMETER.findall(line))
    return tuple(dict.fromkeys(found))


def declared_scalar_reply(text: str) -> ScalarReply | None:
    """The file's `// scalar reply:` declaration, or None when it has none."""
    lines = _SCALAR_LINE.findall(text)
    if not lines:
        return None
    typed: dict[str, list[str]] = {"floats": [], "booleans": []}
    for line in lines:
        for kind, columns in _TYPED_COLUMNS.findall(line):
            typed[kind].extend(c.strip() for c in columns.split(","))
    return ScalarReply(floats=tuple(typed["floats"]), booleans=tuple(typed["booleans"]))


@cache
def load(name: str, engine: str | None = None) -> Query:
    if not _NAME.match(name):
        raise UnknownQueryName(f"invalid query name {name!r}")
    files = _catalogue()
    key = f"{name}.{engine}" if engine and f"{name}.{engine}" in files else name
    if key not in files:
        raise UnknownQueryName(f"no query named {name!r} (known: {', '.join(names())})")
    text = files[key]
    return Query(name=name, text=text, params=declared_params(text), scalar_reply=declared_scalar_reply(text))


def statements(text: str) -> list[str]:
    """Split a multi-statement file (schema files) on `;`, dropping comments and blanks."""
    return [s.strip() for s in _body(text).split(";") if s.strip()]
