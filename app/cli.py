"""`peacegraph` command line: load, extract, query, serve, and look after the database.

Every expected failure (database down, bad URL, bad file, unknown query) ends as one `error: …` line on
stderr and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from app.settings import Settings, get_settings
from graph.errors import StoreError

cli = typer.Typer(help="Peace-deal position graph explorer.", no_args_is_help=True, pretty_exceptions_enable=False,
                  add_completion=False)
db_cli = typer.Typer(help="Look after the graph database.", no_args_is_help=True)
cli.add_typer(db_cli, name="db")

err = Console(stderr=True)
out = Console()

EXIT_FAILED = 1
EXIT_ERROR = 2


def fail(message: str, code: int = EXIT_ERROR) -> typer.Exit:
    err.print(f"[red]error:[/red] {escape(message)}", highlight=False, markup=True, soft_wrap=True)
    return typer.Exit(code)


@contextmanager
def store_from(settings: Settings) -> Iterator[Any]:
    try:
        store = settings.open_store()
    except StoreError as exc:
        raise fail(str(exc)) from None
    try:
        yield store
    except StoreError as exc:
        raise fail(str(exc)) from None
    finally:
        store.close()


@cli.callback()
def _setup(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="log what happens")] = False) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")


# -- db ------------------------------------------------------------------------------------------------------
@db_cli.command("status")
def db_status(as_json: Annotated[bool, typer.Option("--json", help="one JSON object")] = False) -> None:
    """Backend, URL (without password), server version and counts of nodes and edges."""
    with store_from(get_settings()) as store:
        health = store.health()
        counts = store.counts()
    status = {"backend": health.backend, "url": health.url, "version": health.version, **counts}
    if as_json:
        print(json.dumps(status))
        return
    # soft_wrap: a long URL or count list stays on its line whatever the terminal width; markup off: a URL or
    # label is printed as it is, brackets included.
    out.print(f"backend  {health.backend}\nurl      {health.url}\nversion  {health.version}", highlight=False,
              markup=False, soft_wrap=True)
    for kind in ("nodes", "edges"):
        total = sum(status[kind].values())
        detail = ", ".join(f"{k} {v}" for k, v in sorted(status[kind].items())) or "none"
        out.print(f"{kind:<8} {total}  ({detail})", highlight=False, markup=False, soft_wrap=True)


@db_cli.command("reset")
def db_reset(yes: Annotated[bool, typer.Option("--yes", help="really delete everything")] = False) -> None:
    """Delete the whole graph."""
    if not yes:
        raise fail("this deletes every node and edge; run again with --yes to confirm")
    with store_from(get_settings()) as store:
        store.reset()
    out.print("graph deleted")


# -- extract / load ------------------------------------------------------------------------------------------
def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err, transient=True, disable=not err.is_terminal)


@cli.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="files or folders of .txt/.md documents")],
    jsonl: Annotated[bool, typer.Option("--jsonl", help="JSON lines in the scorer's format (default: a table)")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="worker processes")] = 1,
) -> None:
    """Extract positions without touching the database."""
    import loaders

    settings = get_settings()
    failed = 0
    for item in loaders.iter_extract(paths, max_bytes=settings.max_document_bytes, codebook_paths=settings.codebook,
                                     jobs=jobs):
        if item.error:
            failed += 1
            err.print(f"[yellow]skipped[/yellow] {escape(item.error)}", highlight=False, soft_wrap=True)
            continue
        for row in loaders.position_records(item.graph):
            if jsonl:
                print(json.dumps(row, ensure_ascii=False))
            else:
                status = f" ({row['status']})" if row.get("status") else ""
                out.print(f"{row['doc']}  {row['actor']} {row['relation']} {row['object']}{status}  "
                          f"[{row['confidence']:.2f}] \"{row['quote']}\"", highlight=False, markup=False)
    if failed:
        raise typer.Exit(EXIT_FAILED)


@cli.command()
def load(
    paths: Annotated[list[Path], typer.Argument(help="files or folders of .txt/.md documents")],
    force: Annotated[bool, typer.Option("--force", help="reload documents even when unchanged")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="extraction worker processes")] = 1,
    batch: Annotated[int, typer.Option("--batch", min=1, help="documents per database round")] = 50,
) -> None:
    """Extract documents and store their graphs; unchanged documents are skipped."""
    import loaders

    settings = get_settings()
    summary = load_paths(settings, paths, force=force, jobs=jobs, batch=batch, loaders=loaders)
    parts = [f"{summary[k]} {k}" for k in ("loaded", "replaced", "unchanged")]
    parts.append(f"{len(summary['skipped'])} skipped")
    out.print(", ".join(parts), highlight=False)
    for reason in summary["skipped"]:
        out.print(f"  skipped {reason}", highlight=False, markup=False, soft_wrap=True)
    if summary["skipped"]:
        raise typer.Exit(EXIT_FAILED)


def load_paths(settings: Settings, paths: list[Path], *, force: bool = False, jobs: int = 1, batch: int = 50,
               loaders: Any = None) -> dict[str, Any]:
    """Shared by `load` and `demo`: the ingest use case (loaders/ingest.py) with a progress bar, as a dict of
    counts and skip reasons."""
    from loaders.ingest import ingest_paths

    with store_from(settings) as store, _progress() as progress:
        task = progress.add_task("loading", total=None)
        summary = ingest_paths(store, paths, max_bytes=settings.max_document_bytes, codebook_paths=settings.codebook,
                               jobs=jobs, batch=batch, force=force, on_document=lambda _item: progress.advance(task))
    return summary.as_dict()


# -- query ---------------------------------------------------------------------------------------------------
def _parse_param(pair: str) -> tuple[str, Any]:
    if "=" not in pair:
        raise fail(f"parameter {pair!r} is not key=value")
    key, raw = pair.split("=", 1)
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        value = raw
    return key, value


@cli.command()
def query(
    name: Annotated[str, typer.Argument(help="a query of queries/ (without .cypher)")],
    params: Annotated[list[str] | None, typer.Argument(help="key=value parameters (JSON values allowed)")] = None,
) -> None:
    """Run a named read query and print its rows as JSON lines."""
    values = dict(_parse_param(p) for p in params or [])
    with store_from(get_settings()) as store:
        for row in store.run(name, **values):
            print(json.dumps(row, ensure_ascii=False, default=str))


# -- serve / demo --------------------------------------------------------------------------------------------
@cli.command()
def serve(
    host: Annotated[str | None, typer.Option(help="address to bind (default PEACEGRAPH_HOST)")] = None,
    port: Annotated[int | None, typer.Option(help="port (default PEACEGRAPH_PORT)")] = None,
) -> None:
    """Serve the JSON API, its docs at /docs and the graph pages."""
    import uvicorn

    from app.main import create_app

    settings = get_settings()
    with store_from(settings) as store:  # a wrong URL or a database that is down: one error line, not a traceback
        uvicorn.run(create_app(settings, store=store), host=host or settings.host, port=port or settings.port,
                    log_level="info")


@cli.command()
def demo(
    seeds: Annotated[Path, typer.Option(help="documents to load first")] = Path("seeds"),
    host: Annotated[str | None, typer.Option(help="address to bind")] = None,
    port: Annotated[int | None, typer.Option(help="port")] = None,
) -> None:
    """Load the seed documents into the store, then serve (http://127.0.0.1:8000)."""
    settings = get_settings()
    if not seeds.exists():
        raise fail(f"{seeds}: no such folder (run from the project root or pass --seeds)")
    summary = load_paths(settings, [seeds])
    out.print(f"seeds: {summary['loaded']} loaded, {summary['replaced']} replaced, {summary['unchanged']} unchanged, "
              f"{len(summary['skipped'])} skipped", highlight=False)
    serve(host=host, port=port)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
