"""`peacegraph` command line: load, extract, query, serve, and look after the database.

Every expected failure (database down, bad URL, bad file, unknown query) ends as one `error: …` line on
stderr and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import json
import logging
import signal
import sys
from contextlib import suppress
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from app.console import EXIT_FAILED, err, fail, out, store_from
from app.settings import Settings, get_settings

cli = typer.Typer(help="Peace-deal position graph explorer.", no_args_is_help=True, pretty_exceptions_enable=False,
                  add_completion=False)
db_cli = typer.Typer(help="Look after the graph database.", no_args_is_help=True)
cli.add_typer(db_cli, name="db")

def one_line(text: str) -> str:
    """An error message on one line (YAML and validation errors span several)."""
    return " ".join(text.split())


def settings_error(exc: ValidationError) -> str:
    """Which PEACEGRAPH_ variable is wrong and why, for every bad one."""
    parts = []
    for error in exc.errors():
        name = "PEACEGRAPH_" + "_".join(str(p) for p in error.get("loc", ())[:1]).upper()
        value = error.get("input")
        shown = f"={value!r}" if isinstance(value, str | int | float) else ""
        parts.append(f"{name}{shown}: {str(error.get('msg', 'invalid value')).removeprefix('Value error, ')}")
    return "bad configuration: " + "; ".join(parts)


def check_codebook(settings: Settings) -> None:
    """Extra codebook files that are missing or invalid stop the command at once, with one line."""
    if not settings.codebook:
        return
    from loaders.codebook import load_codebook

    try:
        load_codebook(settings.codebook)
    except (ValueError, OSError) as exc:
        raise fail(f"PEACEGRAPH_CODEBOOK: {one_line(str(exc))}") from None


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            print(f"peacegraph {version('peacegraph')}")
        except PackageNotFoundError:  # running from a checkout that was never installed
            print("peacegraph (not installed)")
        raise typer.Exit()


@cli.callback()
def _setup(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="log what happens")] = False,
           show_version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                      help="print the version and exit")] = False) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        get_settings()  # a configuration mistake is one line here, before any command runs
    except ValidationError as exc:
        raise fail(settings_error(exc)) from None


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


@db_cli.command("migrate")
def db_migrate() -> None:
    """Bring a store written by an older peacegraph up to the stored format this one reads (the service refuses
    an older store until then). Back it up first (`peacegraph db backup`)."""
    from graph.format import FORMAT_VERSION, migrate, stored_version

    with store_from(get_settings()) as store:
        before = stored_version(store)
        done = migrate(store)
    out.print(f"stored format {before} → {FORMAT_VERSION}: {done.cells} Stance cells' kept sources re-read from their "
              f"edges, {done.guarantees} guarantees' rows rendered, {done.documents} documents' lists of guarantees "
              "written", highlight=False, markup=False)


@db_cli.command("reset")
def db_reset(yes: Annotated[bool, typer.Option("--yes", help="really delete everything")] = False) -> None:
    """Delete the whole graph."""
    if not yes:
        raise fail("this deletes every node and edge; run again with --yes to confirm")
    with store_from(get_settings()) as store:
        store.reset()
    out.print("graph deleted")


@db_cli.command("backup")
def db_backup(path: Annotated[Path, typer.Argument(help="file to write (JSON lines; gzip when it ends in .gz)")]
              ) -> None:
    """Write the whole store — documents, edges, aggregates, reviews — to PATH, while the service runs."""
    from graph.backup import BackupError, backup

    with store_from(get_settings()) as store:
        try:
            done = backup(store, path)
        except (BackupError, OSError) as exc:
            raise fail(str(exc)) from None
    out.print(f"backed up {done['nodes']} nodes and {done['edges']} edges to {path}", highlight=False, markup=False,
              soft_wrap=True)


@db_cli.command("restore")
def db_restore(path: Annotated[Path, typer.Argument(help="a file written by `peacegraph db backup`")],
               yes: Annotated[bool, typer.Option("--yes", help="replace what the store holds now")] = False) -> None:
    """Replace the store's content by a backup's (either engine's backup restores into either engine)."""
    from graph.backup import BackupError, read, restore

    try:
        read(path)  # a bad file stops here, before anything is deleted
    except (BackupError, OSError) as exc:
        raise fail(str(exc)) from None
    with store_from(get_settings()) as store:
        if not yes and any(store.counts()["nodes"].values()):
            raise fail("the store holds data and restoring replaces all of it; run again with --yes to confirm")
        try:
            done = restore(store, path)
        except BackupError as exc:
            raise fail(str(exc)) from None
    out.print(f"restored {done['nodes']} nodes and {done['edges']} edges from {path}", highlight=False,
              markup=False, soft_wrap=True)


# -- extract / load ------------------------------------------------------------------------------------------
def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err, transient=True, disable=not err.is_terminal)


def _as_inputs(paths: list[str]) -> list[Path | str]:
    """URLs stay text (a Path would fold their `//`); everything else is a path."""
    return [p if "://" in p[:16] else Path(p) for p in paths]


def _say_empty_folders(inputs: list[Path | str]) -> int:
    """A folder with no document in it is named on stderr (rather than a silent "0 loaded"); so are dumps in a
    folder, which are loaded only when named."""
    from loaders.readers import DOCUMENT_SUFFIXES, DUMP_SUFFIXES

    empty = 0
    for path in inputs:
        if not isinstance(path, Path) or not path.is_dir():
            continue
        files = [p for p in path.rglob("*") if p.is_file()]
        dumps = [p for p in files if p.suffix.lower() in DUMP_SUFFIXES]
        if dumps:
            err.print(f"[yellow]note[/yellow] {escape(str(path))}: {len(dumps)} dump file(s) "
                      f"({', '.join(escape(p.name) for p in dumps[:3])}{' …' if len(dumps) > 3 else ''}) not loaded; "
                      "name a dump to load its rows", highlight=False, soft_wrap=True)
        if not any(p.suffix.lower() in DOCUMENT_SUFFIXES for p in files):
            empty += 1
            err.print(f"[yellow]note[/yellow] {escape(str(path))}: this folder holds no "
                      f"{', '.join(sorted(DOCUMENT_SUFFIXES))} documents", highlight=False, soft_wrap=True)
    return empty


def _read_options(settings: Settings, fields: list[str] | None) -> Any:
    """The settings' read options with the dump field mapping of `--field`; a bad mapping is one error line."""
    from loaders.readers.dumps import parse_mapping

    try:
        return settings.read_options(parse_mapping(fields or []))
    except ValueError as exc:
        raise fail(str(exc)) from None


FIELD_HELP = ("for dumps (.jsonl, .json, .csv): which field holds a document field, e.g. text=body, "
              "date=published_at, outlet=source.name (repeatable)")


def _stdin_item(settings: Settings) -> Any:
    """`extract -`: the document read from standard input (front matter honoured), as an extraction item."""
    import loaders

    text = sys.stdin.read()
    try:
        graph = loaders.extract_text(text, doc_id="stdin", codebook_paths=settings.codebook)
    except (loaders.DocumentError, ValueError) as exc:
        return loaders.ExtractItem(None, error=f"standard input: {exc}")
    return loaders.ExtractItem(None, graph=graph)


@cli.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="files or folders (.txt, .md, .html, .pdf), dumps (.jsonl, "
                                                    ".json, .csv), http(s) URLs; - reads standard input")],
    jsonl: Annotated[bool, typer.Option("--jsonl",
                                        help="JSON lines in the scorer's format (default: a table)")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="worker processes")] = 1,
    field: Annotated[list[str] | None, typer.Option("--field", help=FIELD_HELP)] = None,
) -> None:
    """Extract positions without touching the database."""
    import loaders

    settings = get_settings()
    check_codebook(settings)
    options = _read_options(settings, field)
    inputs = _as_inputs(paths)
    failed = _say_empty_folders(inputs)
    files = [p for p in inputs if str(p) != "-"]
    items = [_stdin_item(settings)] if len(files) < len(inputs) else []
    if files:
        items = [*items, *loaders.iter_extract(files, codebook_paths=settings.codebook, jobs=jobs, options=options)]
    for item in items:
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
    paths: Annotated[list[str], typer.Argument(help="files or folders (.txt, .md, .html, .pdf), dumps (.jsonl, "
                                                    ".json, .csv: one article a row), http(s) URLs of pages or PDFs")],
    force: Annotated[bool, typer.Option("--force", help="reload documents even when unchanged")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="extraction worker processes")] = 1,
    batch: Annotated[int, typer.Option("--batch", min=1, help="documents per database round")] = 50,
    field: Annotated[list[str] | None, typer.Option("--field", help=FIELD_HELP)] = None,
) -> None:
    """Extract documents and store their graphs; unchanged documents are skipped."""
    import loaders

    settings = get_settings()
    options = _read_options(settings, field)
    inputs = _as_inputs(paths)
    empty = _say_empty_folders(inputs)
    summary = load_paths(settings, inputs, force=force, jobs=jobs, batch=batch, loaders=loaders, options=options)
    parts = [f"{summary[k]} {k}" for k in ("loaded", "replaced", "unchanged")]
    parts.append(f"{len(summary['skipped'])} skipped")
    out.print(", ".join(parts), highlight=False)
    for reason in summary["skipped"]:
        out.print(f"  skipped {reason}", highlight=False, markup=False, soft_wrap=True)
    if summary["skipped"] or empty:
        raise typer.Exit(EXIT_FAILED)


def load_paths(settings: Settings, paths: list[Path | str], *, force: bool = False, jobs: int = 1, batch: int = 50,
               loaders: Any = None, options: Any = None) -> dict[str, Any]:
    """Shared by `load` and `demo`: the ingest use case (loaders/ingest.py) with a progress bar, as a dict of
    counts and skip reasons."""
    from loaders.ingest import ingest_paths

    check_codebook(settings)

    with store_from(settings) as store, _progress() as progress:
        task = progress.add_task("loading", total=None)
        summary = ingest_paths(store, paths, codebook_paths=settings.codebook, jobs=jobs, batch=batch, force=force,
                               on_document=lambda _item: progress.advance(task),
                               options=options or settings.read_options())
    return summary.as_dict()


# -- watch ---------------------------------------------------------------------------------------------------
@cli.command()
def watch(
    feeds: Annotated[list[str], typer.Argument(help="RSS or Atom feed URLs")],
    every: Annotated[str, typer.Option("--every", help="time between polls: 30s, 15m, 1h")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="poll once and stop (for cron)")] = False,
) -> None:
    """Follow feeds: each new item's linked article is loaded once; seen items are remembered across restarts
    (in PEACEGRAPH_DATA_DIR/feeds/). One line per item; Ctrl-C stops after the current item."""
    import threading
    from datetime import datetime

    from loaders.readers import DocumentError
    from loaders.readers.feeds import SeenItems
    from loaders.readers.fetch import check_url
    from loaders.watch import parse_interval
    from loaders.watch import watch as follow

    settings = get_settings()
    check_codebook(settings)
    try:
        interval = parse_interval(every)
        urls = [check_url(f) for f in feeds]
    except (ValueError, DocumentError) as exc:
        raise fail(str(exc)) from None

    def say(line: str) -> None:
        out.print(f"{datetime.now():%Y-%m-%d %H:%M:%S} {line}", highlight=False, markup=False, soft_wrap=True)

    stop = threading.Event()

    def on_signal(signum: int, frame: object) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        say("stopping after the current item (Ctrl-C again to stop at once)")

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    with store_from(settings) as store:
        try:
            seen = SeenItems.for_store(settings.data_dir, f"{settings.db_url or 'embedded'}|{settings.db_name or ''}")
        except (DocumentError, OSError) as exc:
            raise fail(str(exc)) from None
        say(f"watching {len(urls)} feed(s)" + ("" if once else f", every {every}") + "; Ctrl-C stops")
        with suppress(KeyboardInterrupt):  # a second Ctrl-C: stop at once (the store is still closed)
            follow(store, urls, seen, every=interval, options=settings.read_options(), codebook_paths=settings.codebook,
                   say=say, stop=stop, polls=1 if once else None)
    say("stopped")


# -- query ---------------------------------------------------------------------------------------------------
@cli.command()
def query(
    name: Annotated[str | None, typer.Argument(help="a read query of queries/ (without .cypher)")] = None,
    params: Annotated[list[str] | None, typer.Argument(help="key=value parameters (JSON values allowed; actor "
                                                            "and term names resolved like the API)")] = None,
    list_: Annotated[bool, typer.Option("--list", help="show the read queries and their parameters")] = False,
) -> None:
    """Run a named read query and print its rows as JSON lines; unset parameters take their defaults."""
    from app import querycli

    if list_ or name is None:
        for line in querycli.listing():
            out.print(line, highlight=False, markup=False, soft_wrap=True)
        out.print("parameters marked ? are optional; e.g. peacegraph query guarantees beneficiary=Kyiv",
                  highlight=False, markup=False)
        return
    name = querycli.variant(name, params or [])
    with store_from(get_settings()) as store:
        try:
            values = querycli.build_params(store, name, params or [])
        except querycli.QueryUsageError as exc:
            raise fail(str(exc)) from None
        for row in store.run(name, **values):
            print(json.dumps(row, ensure_ascii=False, default=str))


# -- export --------------------------------------------------------------------------------------------------
@cli.command("actors")
def actors_cmd(
    unknown: Annotated[bool, typer.Option(
        "--unknown", help="actors the codebook does not know, found in the loaded documents, with a YAML snippet "
                          "to add them")] = False,
    process: Annotated[str | None, typer.Option(help="only documents about this peace process")] = None,
    limit: Annotated[int, typer.Option(min=1, help="candidates at most")] = 50,
) -> None:
    """The stored actors; with --unknown, the candidate actors the codebook does not know, with their
    mention counts and a ready pack snippet (YAML) to add them."""
    from app.candidates import candidate_rows, taken_ids, yaml_snippet
    from app.services.resolve import resolve_process_param

    settings = get_settings()
    with store_from(settings) as store:
        if not unknown:
            for row in store.run("actors"):
                print(json.dumps(row, ensure_ascii=False, default=str))
            return
        rows = candidate_rows(store, resolve_process_param(process), limit, settings.codebook)
    if not rows:
        out.print("no unknown actors in the loaded documents", highlight=False, markup=False)
        return
    for r in rows:
        out.print(f"{r['mentions']:>5}  {r['documents']:>3} doc(s)  {r['name']}  ({r['kind']})"
                  f"{'  ' + ', '.join(r['processes']) if r['processes'] else ''}", highlight=False, markup=False)
    out.print("\n# add them to a pack (PEACEGRAPH_CODEBOOK=mine.yaml), after checking each:", highlight=False,
              markup=False)
    print(yaml_snippet(rows, resolve_process_param(process), taken_ids(settings.codebook)))


@cli.command("export")
def export_cmd(
    path: Annotated[Path, typer.Argument(help="file to write ('-' for standard output)")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="graphml, csv or json")] = "graphml",
    what: Annotated[str, typer.Option("--what", help="for csv: positions or guarantees")] = "positions",
    actor: Annotated[list[str] | None, typer.Option(help="actor id, name or alias (repeatable)")] = None,
    term: Annotated[list[str] | None, typer.Option(help="term id or label (repeatable)")] = None,
    relation: Annotated[list[str] | None, typer.Option(help="DEMANDS, OFFERS, SUPPORTS, REJECTS, GUARANTEES")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="earliest date (partial ISO)")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="latest date (partial ISO)")] = None,
    doc: Annotated[str | None, typer.Option(help="only edges from this document")] = None,
    process: Annotated[str | None, typer.Option(help="only edges from documents about this peace process")] = None,
    min_confidence: Annotated[float | None, typer.Option(
        min=0.0, max=1.0, help="only edges whose confidence reaches this (default: PEACEGRAPH_MIN_CONFIDENCE)")] = None,
    limit: Annotated[int, typer.Option(min=1, help="edges at most (newest first)")] = 20_000,
) -> None:
    """Write the graph (the same filters as GET /graph) as GraphML, CSV or node-link JSON."""
    from app import export
    from app.graphdata import GraphFilter, confidence_floor, fetch
    from app.services.resolve import resolve_actors, resolve_process_param, resolve_terms

    fmt, what = fmt.lower(), what.lower()
    if fmt not in ("graphml", "csv", "json"):
        raise fail(f"--format {fmt!r}: choose graphml, csv or json")
    if what not in ("positions", "guarantees"):
        raise fail(f"--what {what!r}: choose positions or guarantees")
    settings = get_settings()
    with store_from(settings) as store:
        f = GraphFilter(actors=resolve_actors(store, actor), terms=resolve_terms(store, term),
                        relations=[r.upper() for r in relation] if relation else None, date_from=date_from,
                        date_to=date_to, doc=doc, process=resolve_process_param(process),
                        min_confidence=confidence_floor(min_confidence, settings.min_confidence), limit=limit)
        data = fetch(store, f)
    if fmt == "graphml":
        body: str | bytes = export.graphml(data)
    elif fmt == "csv":
        body = export.positions_csv(data) if what == "positions" else export.guarantees_csv(data)
    else:
        body = export.node_link_json(data)
    if str(path) == "-":
        sys.stdout.write(body.decode("utf-8") if isinstance(body, bytes) else body)
        return
    try:
        path.write_bytes(body) if isinstance(body, bytes) else path.write_text(body, encoding="utf-8")
    except OSError as exc:
        raise fail(f"{path}: cannot write ({exc.strerror or exc})") from None
    err.print(f"wrote {path}: {len(data['nodes'])} nodes, {len(data['links'])} edges", highlight=False,
              markup=False)


# -- serve / demo --------------------------------------------------------------------------------------------
def _terminated(signum: int, frame: object) -> None:
    raise SystemExit(0)


@cli.command()
def serve(
    host: Annotated[str | None, typer.Option(help="address to bind (default PEACEGRAPH_HOST)")] = None,
    port: Annotated[int | None, typer.Option(help="port (default PEACEGRAPH_PORT)")] = None,
    workers: Annotated[int, typer.Option(min=1, help="worker processes, each with its own connections and cache "
                                                     "(see the README's Production section)")] = 1,
) -> None:
    """Serve the JSON API, its docs at /docs and the graph pages."""
    import uvicorn

    settings = get_settings()
    check_codebook(settings)
    # uvicorn shuts down gracefully on SIGTERM, then raises the signal again; with the default action that kills
    # the process before the store is closed (the embedded server and its lease would be left behind). As an
    # exception it unwinds through `store_from` like Ctrl-C does. With several workers uvicorn's supervisor
    # takes SIGTERM and SIGINT over, stops the workers (each closes its store) and returns.
    signal.signal(signal.SIGTERM, _terminated)
    host, port = host or settings.host, port or settings.port
    # A wrong URL or a database that is down: one error line, not a traceback. With several workers the store
    # opened here only checks that and holds a lease on the embedded server, so the workers share the one
    # server it started, and it stops when the last of them (this process, after them) lets go.
    with store_from(settings) as store:
        if workers == 1:
            from app.main import create_app

            uvicorn.run(create_app(settings, store=store), host=host, port=port, log_level="info")
        else:  # each worker process builds its own app and store from the same PEACEGRAPH_* environment
            uvicorn.run("app.main:create_app", factory=True, workers=workers, host=host, port=port,
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


def _register_review_commands() -> None:
    """`peacegraph keys …` and `peacegraph review …` live in app/review_cli.py (with the helpers of app/console.py)."""
    from app.review_cli import keys_cli, review_cli

    cli.add_typer(keys_cli, name="keys")
    cli.add_typer(review_cli, name="review")


_register_review_commands()


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
