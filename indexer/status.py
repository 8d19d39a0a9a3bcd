"""What the search side reports about itself, for ``/health``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from opensearchpy import OpenSearch
from opensearchpy.exceptions import OpenSearchException
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import SQLAlchemyError

from indexer.client import IndexNames
from marketplace_core.outbox import SearchOutbox

# What each write block on an index means (OpenSearch sets the first one by itself when the
# node's disk passes the flood-stage watermark, and lifts it once usage falls back below
# the high watermark).
BLOCK_REASONS = {
    "read_only_allow_delete": "the node's disk passed its flood-stage watermark",
    "read_only": "the index was made read-only",
    "write": "writes to the index are blocked",
}


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


@dataclass(frozen=True)
class SyncStatus:
    """Whether changes reach search: the outbox's backlog, the last error a drain kept, and
    any block on the gig index that refuses writes."""

    ok: bool
    outbox_rows: int | None = None
    retrying_rows: int | None = None
    oldest_row_at: datetime | None = None
    last_error: str | None = None
    write_blocks: list[str] = field(default_factory=list)


def write_blocks(client: OpenSearch, names: IndexNames) -> list[str]:
    """Blocks refusing writes on the indices behind the gig alias, each with its reason."""
    try:
        found = client.indices.get_settings(
            index=names.gigs, name="index.blocks.*", ignore_unavailable=True
        )
    except OpenSearchException:
        return []  # unreachable or no alias: the cluster check says so
    blocks = []
    for index, info in sorted(found.items()):
        for block, value in sorted(info["settings"].get("index", {}).get("blocks", {}).items()):
            if str(value).lower() == "true" and block in BLOCK_REASONS:
                blocks.append(f"{index}: {block} ({BLOCK_REASONS[block]})")
    return blocks


def sync_status(client: OpenSearch, engine: Engine, names: IndexNames) -> SyncStatus:
    blocks = write_blocks(client, names)
    outbox = SearchOutbox.__table__
    try:
        with engine.connect() as conn:
            rows, retrying, oldest = conn.execute(
                select(
                    func.count(),
                    func.count().filter(outbox.c.attempts > 0),
                    func.min(outbox.c.created_at),
                )
            ).one()
            last_error = conn.scalar(
                select(outbox.c.last_error)
                .where(outbox.c.last_error.is_not(None))
                .order_by(outbox.c.available_at.desc())
                .limit(1)
            )
    except SQLAlchemyError:
        return SyncStatus(ok=False, write_blocks=blocks)  # the database check says why
    return SyncStatus(
        ok=not blocks and not retrying,
        outbox_rows=rows,
        retrying_rows=retrying,
        oldest_row_at=oldest,
        last_error=last_error,
        write_blocks=blocks,
    )
