"""The one Jinja environment of the HTML pages (autoescaping on), with the few filters the templates share."""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

TEMPLATES = Path(__file__).parent / "templates"

NAV = [("graph", "/pages/graph", "Graph"), ("guarantees", "/pages/guarantees", "Guarantees"),
       ("matrix", "/pages/matrix", "Stance matrix"), ("compare", "/pages/compare", "Compare two actors"),
       ("timeline", "/pages/timeline", "Timeline"), ("documents", "/pages/documents", "Documents"),
       ("candidates", "/pages/candidates", "New actors"), ("review", "/pages/review", "Review")]


def query_string(form: dict[str, Any], **changes: Any) -> str:
    """The form's filters as a query string (lists repeated, empty values left out), with `changes` applied."""
    merged = {**form, **changes}
    pairs: list[tuple[str, str]] = []
    for key, value in merged.items():
        for v in value if isinstance(value, list | tuple) else [value]:
            if v not in (None, ""):
                pairs.append((key, str(v)))
    return urlencode(pairs)


def options(items: Iterable[Mapping[str, Any]], value: str, text: str, selected: Any = None) -> Markup:
    """`<option>` elements for a filter form's select: `item[value]` as the value, `item[text]` (or the value)
    as the text, escaped; those in `selected` (a list, or one value) marked. Built here rather than in a Jinja
    loop: the forms list every actor and term and 500 documents on every page, and the loop cost 10 ms."""
    chosen: Container[Any] = selected if isinstance(selected, list | tuple | set) else (selected,)
    parts = []
    for item in items:
        v = item.get(value)
        mark = " selected" if v in chosen else ""
        parts.append(f'<option value="{escape(v)}"{mark}>{escape(item.get(text) or v)}</option>')
    return Markup("".join(parts))


def document_options(docs: Iterable[Mapping[str, Any]], selected: str | None) -> Markup:
    """The document filter's `<option>`s: date and title (at most 60 characters), escaped."""
    parts = []
    for d in docs:
        mark = " selected" if d["id"] == selected else ""
        label = f"{d.get('date') or ''} {(d.get('title') or d['id'])[:60]}"
        parts.append(f'<option value="{escape(d["id"])}"{mark}>{escape(label)}</option>')
    return Markup("".join(parts))


_env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                   trim_blocks=True, lstrip_blocks=True)
_env.globals["nav"] = NAV
_env.filters["qs"] = query_string
_env.globals["options"] = options
_env.globals["document_options"] = document_options


def render(name: str, **context: Any) -> str:
    return _env.get_template(name).render(**context)
