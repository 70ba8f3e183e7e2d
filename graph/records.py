"""The shapes the store and its engines share: a record, a load's outcome, a writer, the health report.

A leaf module (it imports nothing of the project) so that graph/store.py, which holds the loading logic, and
graph/backends/*, which subclass it, both import from here and never from each other in a circle."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Protocol

Outcome = Literal["loaded", "replaced", "unchanged"]
Record = dict[str, Any]


@dataclass(frozen=True)
class Health:
    backend: str
    url: str
    version: str
    ok: bool = True


class Writer(Protocol):
    """What a writer holding the store's write lock runs its queries (reads and writes) through.

    `send` is for a write whose result the writer does not need: a backend may return before the engine has
    run it, so that the writer prepares its next query while the engine runs this one (on FalkorDB, which is
    sent its parameters as text, a batch's preparation and the server's work were one after the other and
    about equal). Queries still run in the order they are given; `run` returns only after everything sent
    before it has run, and raises the first error of those, as does the end of the write."""

    def run(self, query_name: str, **params: Any) -> list[Record]: ...
    def send(self, query_name: str, **params: Any) -> None: ...


def redact(url: str) -> str:
    """The URL without its password, for messages and `db status`. Plain string work, so that it never raises
    (a malformed URL must still be reported without its secret)."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    end = min((i for i in (rest.find(c) for c in "/?#") if i >= 0), default=len(rest))
    userinfo, at, hostport = rest[:end].rpartition("@")
    if not at or ":" not in userinfo:
        return url
    return f"{scheme}://{userinfo.split(':', 1)[0]}:***@{hostport}{rest[end:]}"
