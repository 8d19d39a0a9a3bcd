"""Configuration from environment variables, with defaults that run everything locally."""

from __future__ import annotations

import importlib
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    data_dir: Path = Field(default=Path("var"), alias="MICROTACHE_DATA_DIR")
    database_url: str | None = Field(default=None, alias="DATABASE_URL")

    # No URL: the engine starts its own OpenSearch node (indexer.opensearch_local). Several
    # nodes' URLs, comma-separated, make the client fail over between them.
    opensearch_url: str | None = Field(default=None, alias="OPENSEARCH_URL")
    opensearch_user: str | None = Field(default=None, alias="OPENSEARCH_USER")
    opensearch_password: str | None = Field(default=None, alias="OPENSEARCH_PASSWORD")
    opensearch_verify_certs: bool = Field(default=True, alias="OPENSEARCH_VERIFY_CERTS")
    opensearch_ca_certs: str | None = Field(default=None, alias="OPENSEARCH_CA_CERTS")
    opensearch_index_prefix: str = Field(default="microtache", alias="OPENSEARCH_INDEX_PREFIX")
    # Embedded node only.
    opensearch_heap: str = Field(default="1g", alias="OPENSEARCH_HEAP")
    opensearch_port: int = Field(default=0, alias="OPENSEARCH_PORT")  # 0: a free port
    opensearch_start_timeout: float = Field(default=180.0, alias="OPENSEARCH_START_TIMEOUT")
    # More than one: a local cluster of that many nodes (a JVM and OPENSEARCH_HEAP each).
    opensearch_nodes: int = Field(default=1, ge=1, le=9, alias="OPENSEARCH_NODES")

    # No broker: the API process runs the periodic work itself (see README).
    celery_broker_url: str | None = Field(default=None, alias="CELERY_BROKER_URL")

    # A seller is "online" when seen (web or app heartbeat) within this window.
    online_window_seconds: int = Field(default=300, alias="ONLINE_WINDOW_SECONDS")

    # Autocomplete answers are kept this long: the suggestion index is rebuilt hourly, and
    # buyers type the same few prefixes over and over. 0 turns the cache off.
    autocomplete_cache_seconds: float = Field(default=60.0, alias="AUTOCOMPLETE_CACHE_SECONDS")

    # Requests per client (signed-in user, else address) to GET /search and GET
    # /autocomplete, e.g. "120/minute"; empty: no limit. Shared through Redis with a broker.
    search_rate_limit: str = Field(default="120/minute", alias="SEARCH_RATE_LIMIT")
    autocomplete_rate_limit: str = Field(default="600/minute", alias="AUTOCOMPLETE_RATE_LIMIT")
    # Origins of front-ends on other sites that may call the API from a browser (CORS),
    # comma-separated; the engine's own pages need none.
    cors_origins: str = Field(default="", alias="CORS_ORIGINS")

    # Searches and search events (clicks, orders… after a search) are kept this long.
    insights_retention_days: int = Field(default=90, ge=1, alias="INSIGHTS_RETENTION_DAYS")

    # How often each API process checks whether the search thesaurus changed.
    thesaurus_refresh_seconds: float = Field(default=2.0, alias="THESAURUS_REFRESH_SECONDS")
    # How often each API process checks whether the merchandising rules changed.
    merchandising_refresh_seconds: float = Field(default=2.0, alias="MERCHANDISING_REFRESH_SECONDS")

    # How often each API process rebuilds its query understanding (gigs per subcategory,
    # where the query log's buyers went).
    understanding_refresh_seconds: float = Field(
        default=300.0, alias="UNDERSTANDING_REFRESH_SECONDS"
    )

    # Accounts. No secret key: one is generated once into the data dir (see accounts.tokens).
    secret_key: str | None = Field(default=None, alias="MICROTACHE_SECRET_KEY")
    # Access tokens' keys, "kid:secret,…", the first signing (see accounts.tokens); unset:
    # one key, the secret key.
    token_signing_keys: str | None = Field(default=None, alias="TOKEN_SIGNING_KEYS")
    access_token_seconds: int = Field(default=900, alias="ACCESS_TOKEN_SECONDS")
    session_days: int = Field(default=30, alias="SESSION_DAYS")
    # Failed logins allowed per window, per account and per client address.
    login_window_seconds: int = Field(default=900, alias="LOGIN_WINDOW_SECONDS")
    login_failures_per_account: int = Field(default=5, alias="LOGIN_FAILURES_PER_ACCOUNT")
    login_failures_per_address: int = Field(default=20, alias="LOGIN_FAILURES_PER_ADDRESS")

    # Uploaded files (quote attachments). No directory: "files" in the data dir.
    file_storage_dir: Path | None = Field(default=None, alias="FILE_STORAGE_DIR")
    # R-QUO-2: each attachment of a quote request up to 1 GB.
    quote_attachment_max_bytes: int = Field(default=1 << 30, alias="QUOTE_ATTACHMENT_MAX_BYTES")
    # R-REQ-1: a buyer request's attachment up to 30 MB.
    request_attachment_max_bytes: int = Field(
        default=30 << 20, alias="REQUEST_ATTACHMENT_MAX_BYTES"
    )

    # Gig images as uploaded, before they are re-encoded.
    gig_image_max_bytes: int = Field(default=10 << 20, alias="GIG_IMAGE_MAX_BYTES")

    # Orders: "test" moves no real money (see orders.payments); else a provider's dotted path.
    payment_provider: str = Field(default="test", alias="PAYMENT_PROVIDER")
    # "logging" logs e-mails (see notifications.emails); else a sender's dotted path.
    email_sender: str = Field(default="logging", alias="EMAIL_SENDER")
    public_base_url: str = Field(default="http://127.0.0.1:8000", alias="PUBLIC_BASE_URL")

    # "json": one JSON object per log line (with the request id), for log collectors.
    log_format: Literal["text", "json"] = Field(default="text", alias="LOG_FORMAT")

    seed_gigs: int = Field(default=2000, alias="MICROTACHE_SEED_GIGS")
    seed: int = Field(default=42, alias="MICROTACHE_SEED")

    @property
    def opensearch_home(self) -> Path:
        return self.data_dir / "opensearch"

    @property
    def files_dir(self) -> Path:
        return self.file_storage_dir or self.data_dir / "files"

    @property
    def sqlalchemy_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'microtache.db').resolve()}"


def load_object(path: str, setting: str) -> Any:
    """What a setting names by its dotted path: ``package.module:Name`` or
    ``package.module.Name`` (a provider's class, a sender's factory)."""
    module_name, sep, attr = path.partition(":")
    if not sep:
        module_name, _, attr = path.rpartition(".")
    if not module_name or not attr:
        raise ValueError(
            f"{setting} must be a dotted path such as package.module:Name, not {path!r}"
        )
    return getattr(importlib.import_module(module_name), attr)


@lru_cache
def get_settings() -> Settings:
    return Settings()
