"""The one settings object. Every knob is an environment variable `PEACEGRAPH_<NAME>`.

Lower layers (graph/, loaders/) take plain arguments; only app/ reads the environment, so library users and
tests can build a store or an extractor without touching global state.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

if TYPE_CHECKING:
    from graph.embedded import ServerLimits
    from graph.store import Store
    from loaders.readers import ReadOptions

DEFAULT_USER_AGENT = "peacegraph/0.1 (news position research; set PEACEGRAPH_USER_AGENT to add a contact)"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PEACEGRAPH_", env_file=None, extra="ignore")

    db_url: str | None = Field(
        default=None,
        description="unset or embedded[:PATH] = embedded FalkorDB; falkordb://host:port; bolt:// neo4j:// neo4j+s://",
    )
    db_user: str | None = Field(default=None, description="Neo4j user name")
    db_password: SecretStr | None = Field(default=None, description="Neo4j password")
    db_name: str | None = Field(
        default=None, description="Neo4j database (server default if unset) or FalkorDB graph (default 'peacegraph')"
    )
    data_dir: Path = Field(default=Path("data"), description="where the embedded FalkorDB keeps its files")
    api_key: SecretStr | None = Field(default=None, description="when set, writes through the API need X-API-Key "
                                                                 "(the single legacy key; see also `peacegraph keys`)")
    keys_file: Path | None = Field(default=None, description="the named API keys (`peacegraph keys`), hashed; "
                                                             "default DATA_DIR/api-keys.json")
    cypher_needs_key: bool = Field(default=True, description="when an API key is set, POST /cypher needs it too")
    max_document_bytes: int = Field(default=2_000_000, gt=0, description="larger input files are skipped")
    codebook: Annotated[list[Path], NoDecode] = Field(
        default_factory=list, description="extra codebook YAML files, merged over the built-in one"
    )
    min_confidence: float = Field(
        default=0.0, ge=0.0, le=1.0,
        description="edges below this confidence (the stance model's calibrated probability) are left out of "
                    "/graph, its pages and exports unless a request asks for another floor")
    cypher_row_limit: int = Field(default=1000, gt=0, description="row cap of the read-only Cypher endpoint")
    cypher_timeout_ms: int = Field(default=5000, gt=0, description="time cap of the read-only Cypher endpoint")
    cypher_max_concurrent: int = Field(default=2, gt=0,
                                       description="read-only Cypher calls running at once per API process; "
                                                   "more get 429 at once")
    query_timeout_ms: int = Field(default=30_000, gt=0,
                                  description="time cap of the app's own read queries (writes have none)")
    query_memory_mb: int = Field(default=256, gt=0, description="memory one query may use (embedded FalkorDB)")
    db_memory_mb: int = Field(default=2048, ge=256,
                              description="address space of the embedded FalkorDB server; must hold the data")
    db_reply_deadline_s: float = Field(
        default=300.0, gt=0, description="embedded FalkorDB: a server that sends no reply for this long (at least "
                                         "twice the query time cap) is taken for hung and restarted")
    cache_seconds: float = Field(
        default=2.0, ge=0, description="how long the API reuses a GET response (0 = never); any API write clears it"
    )
    fetch_timeout_ms: int = Field(default=20_000, gt=0,
                                  description="time cap of fetching one URL (a page, a PDF, a feed), whole download")
    fetch_max_bytes: int = Field(default=10_000_000, gt=0,
                                 description="largest page, PDF or feed fetched, and largest .html/.pdf file read")
    fetch_max_redirects: int = Field(default=5, ge=0, description="redirects followed when fetching a URL")
    user_agent: str = Field(default=DEFAULT_USER_AGENT, min_length=1, max_length=500,
                            description="the User-Agent header of every fetch (name yourself and a contact)")
    host: str = Field(default="127.0.0.1", description="address `peacegraph serve` binds")
    port: int = Field(default=8000, gt=0, lt=65536, description="port `peacegraph serve` binds")

    def open_store(self) -> Store:
        """The store these settings name (embedded FalkorDB unless PEACEGRAPH_DB_URL says otherwise)."""
        from graph.backends import open_store

        return open_store(self.db_url, limits=self.server_limits(), data_dir=self.data_dir, user=self.db_user,
                          password=self.db_password.get_secret_value() if self.db_password else None,
                          database=self.db_name)

    def keys_path(self) -> Path:
        """Where the named API keys are kept (app/keys.py)."""
        return self.keys_file if self.keys_file is not None else self.data_dir / "api-keys.json"

    def server_limits(self) -> ServerLimits:
        """The embedded server's bounds, and the time limits every FalkorDB store applies to its queries."""
        from graph.embedded import ServerLimits

        return ServerLimits(query_timeout_ms=self.query_timeout_ms, query_memory_bytes=self.query_memory_mb * 2**20,
                            memory_bytes=self.db_memory_mb * 2**20, reply_deadline_s=self.db_reply_deadline_s)

    def read_options(self, fields: dict[str, str] | None = None) -> ReadOptions:
        """How the loaders read documents: the text limit, the fetch limits, a dump's field mapping."""
        from loaders.readers import FetchOptions, ReadOptions

        fetch = FetchOptions(timeout=self.fetch_timeout_ms / 1000, max_bytes=self.fetch_max_bytes,
                             user_agent=self.user_agent, max_redirects=self.fetch_max_redirects)
        return ReadOptions(max_bytes=self.max_document_bytes, fetch=fetch, fields=tuple(sorted((fields or {}).items())))

    @field_validator("codebook", mode="before")
    @classmethod
    def _split_paths(cls, value: object) -> object:
        """Accept `a.yaml:b.yaml` (PATH-style) from the environment as well as a JSON list."""
        if isinstance(value, str):
            return [p for p in value.split(":") if p]
        return value


@cache
def get_settings() -> Settings:
    return Settings()
