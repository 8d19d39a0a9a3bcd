"""What the search side reports about itself, for ``/health``."""

from __future__ import annotations

from dataclasses import dataclass

from opensearchpy import OpenSearch
from opensearchpy.exceptions import OpenSearchException

from indexer.client import IndexNames


@dataclass(frozen=True)
class SearchStatus:
    ok: bool
    status: str | None = None  # green, yellow or red
    version: str | None = None
    indexed_gigs: int | None = None
    error: str | None = None


def search_status(client: OpenSearch, names: IndexNames) -> SearchStatus:
    try:
        cluster = client.cluster.health(request_timeout=2)
        version = client.info()["version"]["number"]
        indexed = None
        if client.indices.exists_alias(name=names.gigs):
            indexed = int(client.count(index=names.gigs)["count"])
    except OpenSearchException as exc:
        return SearchStatus(ok=False, error=str(exc))
    status = str(cluster["status"])
    return SearchStatus(status in ("green", "yellow"), status, str(version), indexed)


def cluster_status(client: OpenSearch) -> str | None:
    """green, yellow or red; None when the cluster does not answer."""
    try:
        return str(client.cluster.health(request_timeout=2)["status"])
    except OpenSearchException:
        return None
