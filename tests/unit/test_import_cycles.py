"""No import cycle within the project's packages.

Why: a cycle makes the import order matter (a module half-initialised when its partner reads it) and hides
which module is the leaf; the two there were (app.cli ↔ app.review_cli, loaders.evaluation ↔ loaders.training)
were kept working only by imports inside functions, so imports anywhere in a module count here, not just
those at its top.
"""

from __future__ import annotations

import ast
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent.parent
PACKAGES = ("app", "graph", "loaders", "queries", "bench")


def modules(root: Path, packages: tuple[str, ...]) -> dict[str, Path]:
    found = {}
    for package in packages:
        for path in (root / package).rglob("*.py"):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def import_graph(root: Path, packages: tuple[str, ...]) -> dict[str, set[str]]:
    """Module → the project modules it imports (`from a import b` counts b when b is a module, else a)."""
    found = modules(root, packages)

    def known(name: str) -> str | None:
        while name and name not in found:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for name, path in found.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str | None] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(known(alias.name) for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parent = package.split(".")[:len(package.split(".")) - node.level + 1]
                    base = ".".join([*parent, base] if base else parent)
                targets.update(known(f"{base}.{a.name}") if f"{base}.{a.name}" in found else known(base)
                               for a in node.names)
        graph[name] = {t for t in targets if t and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            following = next(edges, None)
            if following is not None:
                if following not in index:
                    index[following] = low[following] = len(index)
                    stack.append(following)
                    on_stack.add(following)
                    work.append((following, iter(sorted(graph[following]))))
                elif following in on_stack:
                    low[node] = min(low[node], index[following])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_checker_finds_a_cycle_through_an_import_inside_a_function(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "a.py").write_text("from pkg import b\n")
    (tmp_path / "pkg" / "b.py").write_text("def f():\n    from .c import x\n")
    (tmp_path / "pkg" / "c.py").write_text("import pkg.a\nx = 1\n")
    (tmp_path / "pkg" / "d.py").write_text("from pkg.a import b\n")
    assert cycles(import_graph(tmp_path, ("pkg",))) == [["pkg.a", "pkg.b", "pkg.c"]]


def test_no_import_cycle_in_the_project() -> None:
    graph = import_graph(PROJECT, PACKAGES)
    assert {"app.cli", "app.review_cli", "loaders.evaluation", "loaders.training"} <= graph.keys()
    assert cycles(graph) == []


def imported_names(path: Path) -> set[str]:
    """Every module name an import anywhere in the file names (`from a import b` names a and a.b)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_services_and_the_cli_know_no_http() -> None:
    """The services raise domain errors (app/services/errors.py) and the CLI reports them; neither raises or
    catches the API's `Problem`, nor imports the web framework."""
    found = modules(PROJECT, ("app",))
    layer = [name for name in found if name.startswith("app.services")] + ["app.cli", "app.querycli", "app.console"]
    assert len(layer) > 5
    for name in layer:
        http = {n for n in imported_names(found[name])
                if n.split(".")[0] in ("fastapi", "starlette") or n.startswith("app.api.problems")}
        assert not http, (name, http)
