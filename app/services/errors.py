"""What a service refuses, in the domain's terms; the API maps them to problem details in one place
(`app.api.problems.install`), the CLI to one `error:` line and its exit status (`app.console.store_from`)."""

from __future__ import annotations


class ServiceError(Exception):
    """A request the data cannot answer as asked; the message is for the person who made it."""


class NotFound(ServiceError):
    """An actor, term, document … that the store does not hold."""

    def __init__(self, what: str, value: str):
        super().__init__(f"{what} {value!r} not found")
        self.what = what
        self.value = value


class InvalidRequest(ServiceError):
    """Arguments that cannot go together (a date range that ends before it starts)."""
