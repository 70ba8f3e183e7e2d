"""The one Jinja environment of the HTML pages (autoescaping on), with the few filters the templates share."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape

TEMPLATES = Path(__file__).parent / "templates"

NAV = [("graph", "/pages/graph", "Graph"), ("guarantees", "/pages/guarantees", "Guarantees"),
       ("matrix", "/pages/matrix", "Stance matrix"), ("compare", "/pages/compare", "Compare two actors"),
       ("timeline", "/pages/timeline", "Timeline"), ("documents", "/pages/documents", "Documents")]


def query_string(form: dict[str, Any], **changes: Any) -> str:
    """The form's filters as a query string (lists repeated, empty values left out), with `changes` applied."""
    merged = {**form, **changes}
    pairs: list[tuple[str, str]] = []
    for key, value in merged.items():
        for v in value if isinstance(value, list | tuple) else [value]:
            if v not in (None, ""):
                pairs.append((key, str(v)))
    return urlencode(pairs)


_env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                   trim_blocks=True, lstrip_blocks=True)
_env.globals["nav"] = NAV
_env.filters["qs"] = query_string


def render(name: str, **context: Any) -> str:
    return _env.get_template(name).render(**context)
