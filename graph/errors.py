"""Typed errors of the store layer: callers (CLI, API) turn each into one clear message."""


class StoreError(Exception):
    """Base class of everything the store raises on purpose."""


class StoreUnavailable(StoreError):
    """The database cannot be reached or started (wrong URL, server down, bad credentials)."""


class QueryError(StoreError):
    """The database refused or failed a query (syntax, type or engine error)."""


class WriteRefused(QueryError):
    """A write was attempted through a read-only path (e.g. the notebook Cypher endpoint)."""


class UnknownQuery(StoreError):
    """No `queries/<name>.cypher` file by that name."""


class ConfigurationError(StoreError):
    """The database URL or settings make no sense (unknown scheme, missing path)."""


class QueryLimitExceeded(QueryError):
    """The database stopped a query at one of its limits (time, memory) or the query brought the server down;
    the query was not run again."""


class StoreBusy(StoreUnavailable):
    """The database's queue of waiting queries is full; try again shortly."""


class StoreTooOld(StoreError):
    """The store was written in an older stored format than this code reads; `peacegraph db migrate` brings it
    up to date (graph/format.py)."""
