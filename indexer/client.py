"""The OpenSearch client and the names of the engine's indices."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson
from opensearchpy import AsyncOpenSearch, OpenSearch
from opensearchpy.exceptions import SerializationError
from opensearchpy.serializer import JSONSerializer

from marketplace_core.config import Settings

POOL_MAXSIZE = 48

# What the layers above hold without importing opensearch-py themselves.
SearchClient = OpenSearch


class FastJSONSerializer(JSONSerializer):
    """opensearch-py's serializer on orjson: the rebuild serializes every document and the
    API reads every response, both in the interpreter the rest of their work shares.
    What orjson cannot encode itself (a ``Decimal``) goes through the standard ``default``."""

    def dumps(self, data: Any) -> str:
        if isinstance(data, str):
            return data
        try:
            return orjson.dumps(data, default=self.default, option=orjson.OPT_NON_STR_KEYS).decode()
        except TypeError as exc:
            raise SerializationError(data, exc) from exc

    def loads(self, s: str) -> Any:
        try:
            return orjson.loads(s)
        except orjson.JSONDecodeError as exc:
            raise SerializationError(s, exc) from exc


def _options(settings: Settings, timeout: float) -> dict[str, Any]:
    auth = None
    if settings.opensearch_user:
        auth = (settings.opensearch_user, settings.opensearch_password or "")
    return {
        "http_auth": auth,
        "verify_certs": settings.opensearch_verify_certs,
        "ca_certs": settings.opensearch_ca_certs,
        "ssl_show_warn": settings.opensearch_verify_certs,
        "timeout": timeout,
        "http_compress": False,
        "max_retries": 2,
        "retry_on_timeout": True,
        # As many kept connections as requests the API runs at once (its thread pool has
        # 40): with the default of 10, busy moments open and drop a connection per request.
        "pool_maxsize": POOL_MAXSIZE,
        "serializer": FastJSONSerializer(),
    }


def hosts(url: str) -> list[str]:
    """The nodes of ``OPENSEARCH_URL``: one URL, or several comma-separated (a request that
    fails on one node is retried on another)."""
    return [part.strip() for part in url.split(",") if part.strip()]


def make_client(url: str, settings: Settings, *, timeout: float = 30.0) -> OpenSearch:
    return OpenSearch(hosts=hosts(url), **_options(settings, timeout))


def make_async_client(url: str, settings: Settings, *, timeout: float = 30.0) -> AsyncOpenSearch:
    """For the API's search endpoints, which await OpenSearch on the event loop instead of
    holding a thread each: under load, threads contending for the interpreter stretched the
    slowest answers. Make it inside the loop that will use it (the app's lifespan)."""
    return AsyncOpenSearch(hosts=hosts(url), **_options(settings, timeout))


@dataclass(frozen=True)
class IndexNames:
    """Searches go through aliases; a rebuild fills ``<alias>_v<N>`` and swaps the alias."""

    prefix: str

    @property
    def gigs(self) -> str:
        return f"{self.prefix}_gigs"

    def gigs_version(self, version: int) -> str:
        return f"{self.gigs}_v{version}"

    @property
    def suggest(self) -> str:
        """The autocomplete suggestions, rebuilt behind this alias like the gigs."""
        return f"{self.prefix}_suggest"

    def suggest_version(self, version: int) -> str:
        return f"{self.suggest}_v{version}"

    @property
    def saved_searches(self) -> str:
        """The buyers' saved searches as percolator queries, run against each new gig (one
        per distinct query, filters as plain fields: ``indexer.alerts``)."""
        return f"{self.prefix}_saved_queries"

    @property
    def request_alerts(self) -> str:
        """The sellers' alerts on buyer requests as percolator queries."""
        return f"{self.prefix}_request_alerts"

    @property
    def querylog(self) -> str:
        """One plain index of the searches buyers made (append-only, not versioned)."""
        return f"{self.prefix}_querylog"

    @property
    def search_events(self) -> str:
        """What buyers did with each results page (plain, append-only, like the query log)."""
        return f"{self.prefix}_search_events"
