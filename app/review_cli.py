"""`peacegraph keys add|list|revoke` (named API keys, app/keys.py) and `peacegraph review export|import|stats`
(reviews as training data, app/review_corpus.py). Registered on the main command by app/cli.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from app.keys import KeyProblem, KeyRing
from app.settings import get_settings

# app.cli's helpers are imported inside the commands: app.cli registers these commands when it is imported
# (also as `python -m app.cli`), so importing it here would be circular.

keys_cli = typer.Typer(help="Named API keys: who may write, and whose name a review carries.", no_args_is_help=True)
review_cli = typer.Typer(help="Reviews: export them as training data, import coded gold as reviews.",
                         no_args_is_help=True)


def _ring() -> KeyRing:
    return KeyRing(get_settings().keys_path())


@keys_cli.command("add")
def keys_add(name: Annotated[str, typer.Argument(help="the reviewer's name (letters, digits, _.@-)")]) -> None:
    """Make a key for NAME and print it once: only its hash is kept."""
    from app.console import fail, out, store_from  # noqa: F401
    try:
        secret = _ring().add(name)
    except KeyProblem as exc:
        raise fail(str(exc)) from None
    out.print(secret, highlight=False, markup=False, soft_wrap=True)


@keys_cli.command("list")
def keys_list(as_json: Annotated[bool, typer.Option("--json", help="one JSON list")] = False) -> None:
    """Every key's name, when it was made and whether it was revoked (never the key)."""
    from app.console import fail, out, store_from  # noqa: F401
    keys = sorted(_ring().keys().values(), key=lambda k: k.name)
    rows = [{"name": k.name, "created": k.created, "revoked": k.revoked} for k in keys]
    if as_json:
        print(json.dumps(rows))
        return
    for r in rows:
        out.print(f"{r['name']:<24} created {r['created']}" + (f"  revoked {r['revoked']}" if r["revoked"] else ""),
                  highlight=False, markup=False, soft_wrap=True)
    if not rows:
        out.print(f"no keys in {get_settings().keys_path()}", highlight=False, markup=False)


@keys_cli.command("revoke")
def keys_revoke(name: str) -> None:
    """Revoke NAME's key: it stops working at once (its reviews keep its name)."""
    from app.console import fail, out, store_from  # noqa: F401
    try:
        _ring().revoke(name)
    except KeyProblem as exc:
        raise fail(str(exc)) from None
    out.print(f"revoked {name}", highlight=False, markup=False)


@review_cli.command("export")
def review_export(out_dir: Annotated[Path, typer.Argument(help="folder to write (texts, gold JSONL, sets.yaml)")]
                  ) -> None:
    """Write every reviewed document as training data: texts and gold rows (reviewed positions required,
    unreviewed optional, rejected left out), with a sets.yaml for corpus/sets.yaml."""
    from app.console import fail, out, store_from  # noqa: F401
    from app.review_corpus import export_reviewed

    with store_from(get_settings()) as store:
        report = export_reviewed(store, out_dir)
    out.print(f"{report.documents} documents, {report.required} reviewed rows, {report.optional} optional rows "
              f"→ {out_dir}", highlight=False, markup=False, soft_wrap=True)


@review_cli.command("import")
def review_import(gold: Annotated[Path, typer.Argument(help="a gold JSONL file (corpus format)")],
                  reviewer: Annotated[str | None, typer.Option(help="the name the reviews carry "
                                                                       "(default: import:FILE)")] = None) -> None:
    """Take a gold file as reviews of the stored documents: rows that match an extracted position confirm it,
    rows that match none add it, extracted positions no row names are rejected."""
    from app.console import fail, out, store_from
    from app.review_corpus import import_gold, read_gold

    try:
        rows = read_gold(gold)
    except (OSError, ValueError) as exc:
        raise fail(str(exc)) from None
    with store_from(get_settings()) as store:
        report = import_gold(store, rows, reviewer or f"import:{gold.name}", gold.name)
    out.print(f"confirmed {report.confirmed}, edited {report.edited}, added {report.added}, "
              f"rejected {report.rejected}, unchanged {report.unchanged}, skipped {len(report.skipped)}",
              highlight=False, markup=False)
    for line in report.skipped:
        out.print(f"  skipped: {line}", highlight=False, markup=False, soft_wrap=True)


@review_cli.command("stats")
def review_stats() -> None:
    """Reviews so far and the extractor's precision and recall against them (as GET /review/stats)."""
    from app import reviewing
    from app.console import fail, out, store_from  # noqa: F401

    with store_from(get_settings()) as store:
        print(json.dumps(reviewing.stats(store)))
