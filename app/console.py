"""What every `peacegraph` command shares: the two consoles, the exit codes, `fail`, and `store_from`.

Why a module of its own: `app.cli` registers the commands of `app.review_cli`, which needs these helpers too;
kept in `app.cli` they made the two modules import each other.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape

from app.services.errors import ServiceError
from app.settings import Settings
from graph.errors import StoreError

err = Console(stderr=True)
out = Console()

EXIT_FAILED = 1
EXIT_ERROR = 2


def fail(message: str, code: int = EXIT_ERROR) -> typer.Exit:
    err.print(f"[red]error:[/red] {escape(message)}", highlight=False, markup=True, soft_wrap=True)
    return typer.Exit(code)


@contextmanager
def store_from(settings: Settings) -> Iterator[Any]:
    """The store for one command; a store error or a service's refusal (an unknown actor, a bad range) ends
    the command with one `error:` line."""
    try:
        store = settings.open_store()
    except StoreError as exc:
        raise fail(str(exc)) from None
    try:
        yield store
    except (StoreError, ServiceError) as exc:
        raise fail(str(exc)) from None
    finally:
        store.close()
