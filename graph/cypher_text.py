"""Reading a Cypher statement's structure without a parser: which parts are code, which are data.

The read-only `POST /cypher` endpoint refuses file and network access (`LOAD CSV`, procedures outside `db.*`
and `algo.*`, namespaced functions outside the built-in namespaces) and wraps the statement to cap its rows.
Both need to see the code as the engine will: string literals and comments are data, a keyword spelled
inside them is not a keyword, and `/* … */` between two keywords is a space. `code_view` gives that view;
a statement whose braces do not balance in it could close the wrapper's own `CALL {`, so it is not wrapped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Procedures that only read the graph's own data and metadata (FalkorDB and Neo4j).
ALLOWED_PROCEDURE_NAMESPACES = ("db", "algo")
# Built-in namespaced functions of FalkorDB and Neo4j 5 (dates, durations, points, vectors, strings, lists).
ALLOWED_FUNCTION_NAMESPACES = ("db", "algo", "date", "datetime", "localdatetime", "localtime", "time", "duration",
                               "point", "vector", "vec", "string", "list", "math")

_LOAD_CSV = re.compile(r"\bLOAD\s+CSV\b", re.IGNORECASE)
_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_DOTTED = rf"{_NAME}(?:\s*\.\s*{_NAME})*"
_CALL = re.compile(rf"\bCALL\s+({_DOTTED})", re.IGNORECASE)
_FUNCTION = re.compile(rf"({_NAME}(?:\s*\.\s*{_NAME})+)\s*\(")


@dataclass(frozen=True)
class CodeView:
    """The statement as code, character for character the same length as the text (so a span found in the
    code slices the text): string literals filled with `_`, comments blanked, quoted names made plain."""

    code: str
    balanced: bool  # braces balance and never close more than they opened


def code_view(text: str) -> CodeView:
    out: list[str] = []
    depth = 0
    balanced = True
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in "'\"":  # a string literal: kept as one of the same length
            j = i + 1
            while j < n and text[j] != ch:
                j += 2 if text[j] == "\\" else 1
            j = min(j, n - 1)
            out.append(ch + "_" * (j - i - 1) + ch if j > i else ch)
            i = j + 1
        elif ch == "`":  # a quoted name: its letters stay (a procedure may be called `apoc`.`load`.json)
            j = text.find("`", i + 1)
            j = n - 1 if j < 0 else j
            out.append(" " + re.sub(r"\W", "_", text[i + 1:j]) + (" " if j > i else ""))
            i = j + 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            if j < 0:
                balanced = False
            j = n if j < 0 else j + 2
            out.append(" " * (j - i))
            i = j
        else:
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
                balanced = balanced and depth >= 0
            out.append(ch)
            i += 1
    return CodeView("".join(out), balanced and depth == 0)


_RETURN = re.compile(r"\bRETURN\b", re.IGNORECASE)
_RETURN_END = re.compile(r"\b(ORDER\s+BY|SKIP|LIMIT|UNION)\b", re.IGNORECASE)
_ALIAS = re.compile(r"\bAS\s+(\S+)\s*$", re.IGNORECASE)
_DISTINCT = re.compile(r"\s*DISTINCT\b", re.IGNORECASE)


def return_columns(text: str) -> list[str]:
    """The column names of the statement's last top-level RETURN, in order (best effort: an alias, else
    the expression's text, as the engine names it). Used to keep the user's column order when a wrapper's
    `RETURN *` sorts the columns."""
    code = code_view(text).code
    depth = 0
    start = None
    for i, ch in enumerate(code):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif depth == 0 and ch in "Rr" and _RETURN.match(code, i) and (i == 0 or not code[i - 1].isalnum()):
            start = i + len("RETURN")
    if start is None:
        return []
    end_match = _RETURN_END.search(code, start)
    end = end_match.start() if end_match else len(code)
    distinct = _DISTINCT.match(code, start)
    if distinct:
        start = distinct.end()
    columns, depth, item = [], 0, start
    for i in range(start, end + 1):
        ch = code[i] if i < end else ","
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "," and depth == 0:
            alias = _ALIAS.search(code, item, i)
            name = text[alias.start(1):alias.end(1)].strip("`") if alias else text[item:i].strip()
            columns.append(name)
            item = i + 1
    return columns


def _namespace(dotted: str) -> str:
    return dotted.split(".", 1)[0].strip().lower()


def forbidden_access(text: str) -> str | None:
    """Why this statement may reach files or the network (None if it cannot): `LOAD CSV`, a procedure
    outside db.* and algo.*, or a namespaced function outside the built-in ones (APOC and plug-ins)."""
    code = code_view(text).code
    if _LOAD_CSV.search(code):
        return "LOAD CSV is not allowed here: it reads files and URLs"
    for match in _CALL.finditer(code):
        name = re.sub(r"\s+", "", match.group(1))
        if "." not in name or _namespace(name) not in ALLOWED_PROCEDURE_NAMESPACES:
            return (f"procedure {name} is not allowed here: only "
                    f"{', '.join(ns + '.*' for ns in ALLOWED_PROCEDURE_NAMESPACES)} procedures, which read the graph")
    for match in _FUNCTION.finditer(code):
        name = re.sub(r"\s+", "", match.group(1))
        if _namespace(name) not in ALLOWED_FUNCTION_NAMESPACES:
            return f"function {name} is not allowed here: plug-in functions may reach files or the network"
    return None
