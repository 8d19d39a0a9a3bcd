"""Incremental sync: the search outbox drained into every live gig index.

Rows are taken in bulk, oldest first (on PostgreSQL with ``FOR UPDATE SKIP LOCKED``, so two
workers never take the same rows, and the lock is held until the rows are settled). Seller rows
stand for the seller's active gigs. Each document is rebuilt from the database at send time,
so the newest state wins, and kept as the stored document a rebuild sends
(``indexer.document_store``); a gig that is gone or not active becomes a delete. Writes carry the
document's external version, so an older write never overwrites a newer one, and reach every
live index, so a change is not lost across a rebuild's alias swap. Each item's result is
checked: a row is deleted once all of its writes landed, else it is retried later with backoff.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from opensearchpy import OpenSearch
from opensearchpy.exceptions import OpenSearchException
from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session, sessionmaker

from indexer.alerts import match_new_gigs
from indexer.bulk import send_bulk
from indexer.client import IndexNames
from indexer.document_store import BuiltDocument, build_active, index_action, store_documents
from indexer.documents import GigParts
from indexer.gig_source import load_parts
from indexer.metrics import DRAIN_ERRORS
from marketplace_core.catalog.enums import GigStatus
from marketplace_core.catalog.models import Gig
from marketplace_core.catalog.presence import sweep_presence
from marketplace_core.clock import Clock
from marketplace_core.outbox import OutboxEntity, SearchOutbox

log = logging.getLogger(__name__)

DRAIN_BATCH = 500
MAX_BATCHES = 20  # per call; the next call goes on, so one call never runs for long
RETRY_FIRST = timedelta(seconds=1)
RETRY_MAX = timedelta(minutes=5)
ERROR_MAX_CHARS = 2000
_DB_CHUNK = 500  # ids per IN (...) list


class SyncParts(Protocol):
    """What the sync needs of a running engine (the runtime holds it)."""

    sessions: sessionmaker[Session]
    search: OpenSearch
    names: IndexNames
    clock: Clock

    @property
    def online_window(self) -> timedelta: ...


def retry_delay(attempts: int) -> timedelta:
    """How long a row waits after its ``attempts``-th failure: doubling, capped."""
    return min(RETRY_FIRST * (1 << min(attempts, 20)), RETRY_MAX)


def item_error(op_type: str, result: dict[str, Any]) -> str | None:
    """None if a bulk item counts as done, else the error to keep on the row."""
    status = int(result.get("status", 500))
    error = result.get("error")
    if 200 <= status < 300:
        return None
    if status == 409:  # a newer version of the document is already there
        return None
    if status == 404 and op_type == "delete" and error is None:  # nothing to delete
        return None
    if isinstance(error, dict) and error.get("type") == "index_not_found_exception":
        return None  # the index was deleted meanwhile (a rebuild replaced it)
    reason = f"{error.get('type')}: {error.get('reason')}" if isinstance(error, dict) else error
    return f"{op_type} {result.get('_index')}/{result.get('_id')}: {status} {reason}"


@dataclass(frozen=True)
class DrainReport:
    taken: tuple[int, ...] = ()  # row ids this drain took
    done: int = 0  # rows deleted: every write landed
    failed: int = 0  # rows kept for a retry
    writes: int = 0  # bulk items sent
    errors: tuple[str, ...] = field(default=(), repr=False)

    def __add__(self, other: DrainReport) -> DrainReport:
        return DrainReport(
            self.taken + other.taken,
            self.done + other.done,
            self.failed + other.failed,
            self.writes + other.writes,
            self.errors + other.errors,
        )


def drain_outbox(
    runtime: SyncParts, *, batch_size: int = DRAIN_BATCH, max_batches: int = MAX_BATCHES
) -> DrainReport:
    """Drain batches until the outbox has no more ready rows, or a batch fails."""
    report = DrainReport()
    for _ in range(max_batches):
        batch = drain_batch(runtime, batch_size=batch_size)
        report += batch
        if len(batch.taken) < batch_size or batch.failed:
            break
    return report


def drain_batch(runtime: SyncParts, *, batch_size: int = DRAIN_BATCH) -> DrainReport:
    with runtime.sessions() as session, session.begin():
        rows = take_rows(session, runtime.clock.now(), batch_size)
        if not rows:
            return DrainReport()
        gig_ids = _gig_ids_by_row(session, rows)
        # Documents are read before the target indices are listed: an index created after
        # the listing belongs to a rebuild that reads the database later still.
        gigs = load_parts(session.connection(), {g for ids in gig_ids.values() for g in ids})
        built = build_active(gigs.values())
        created: set[int] = set()
        targets, results, failure = _send(
            runtime.search, runtime.names, gig_ids, gigs, built, created
        )
        # Written after the send: on SQLite the first write holds the database until commit.
        store_documents(session.connection(), list(built.values()))

        now = runtime.clock.now()
        done: list[int] = []
        errors: list[str] = []
        for row in rows:
            error = failure or _row_error(row, gig_ids[row.id], targets, results)
            if error is None:
                done.append(row.id)
                continue
            row.attempts += 1
            row.available_at = now + retry_delay(row.attempts)
            row.last_error = error[:ERROR_MAX_CHARS]
            errors.append(error)
        if done:
            session.execute(delete(SearchOutbox).where(SearchOutbox.id.in_(done)))
        _alert(session, runtime, [gigs[g] for g in sorted(created) if g in gigs])
        if errors:
            DRAIN_ERRORS.inc(len(errors))
            log.warning("%d outbox rows kept for a retry; first: %s", len(errors), errors[0])
        return DrainReport(
            taken=tuple(row.id for row in rows),
            done=len(done),
            failed=len(rows) - len(done),
            writes=len(results),
            errors=tuple(errors),
        )


def _alert(session: Session, runtime: SyncParts, new_gigs: list[GigParts]) -> None:
    """Saved searches matched by the new gigs, recorded with the drain's commit; a failure
    here is logged and never keeps the outbox rows (the index is right)."""
    if not new_gigs:
        return
    try:
        with session.begin_nested():
            match_new_gigs(session, runtime.search, runtime.names, new_gigs, runtime.clock.now())
    except Exception:
        log.warning("saved-search matching failed for %d new gigs", len(new_gigs), exc_info=True)


def take_rows(session: Session, now: datetime, limit: int) -> Sequence[SearchOutbox]:
    """The oldest ready rows, locked for this transaction; rows another drain holds are
    skipped (PostgreSQL; SQLite has one writer at a time and no row locks)."""
    return session.scalars(
        select(SearchOutbox)
        .where(or_(SearchOutbox.available_at.is_(None), SearchOutbox.available_at <= now))
        .order_by(SearchOutbox.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()


def sync_targets(client: OpenSearch, names: IndexNames) -> list[str]:
    """Every gig index a write must reach: the alias target and any newer one being built.

    Older ones are no longer searched and the rebuild that replaced them deletes them. An
    index without the strict mapping was not created by the engine (a write racing a
    rebuild's delete can auto-create one): it is skipped, and the next rebuild deletes it.
    """
    pattern = re.compile(rf"^{re.escape(names.gigs)}_v(\d+)$")
    found = client.indices.get(
        index=f"{names.gigs}_v*",
        allow_no_indices=True,
        ignore_unavailable=True,
        filter_path="*.aliases,*.mappings.dynamic",
    )
    versions: dict[str, int] = {}
    live: list[int] = []
    for name, info in found.items():
        match = pattern.match(name)
        if match is None or info.get("mappings", {}).get("dynamic") != "strict":
            continue
        versions[name] = int(match.group(1))
        if names.gigs in info.get("aliases", {}):
            live.append(versions[name])
    floor = max(live, default=0)
    return sorted((n for n, v in versions.items() if v >= floor), key=versions.__getitem__)


def _gig_ids_by_row(session: Session, rows: Sequence[SearchOutbox]) -> dict[int, set[int]]:
    # A seller's inactive gigs have no document (their own rows deleted it): skipped.
    seller_ids = {r.entity_id for r in rows if r.entity == OutboxEntity.SELLER}
    gigs_of: dict[int, set[int]] = defaultdict(set)
    for chunk in _chunks(sorted(seller_ids)):
        for seller_id, gig_id in session.execute(
            select(Gig.seller_id, Gig.id).where(
                Gig.seller_id.in_(chunk), Gig.status == GigStatus.ACTIVE
            )
        ):
            gigs_of[seller_id].add(gig_id)
    return {
        row.id: {row.entity_id} if row.entity == OutboxEntity.GIG else gigs_of[row.entity_id]
        for row in rows
    }


def _send(
    client: OpenSearch,
    names: IndexNames,
    gig_ids: dict[int, set[int]],
    gigs: dict[int, GigParts],
    built: dict[int, BuiltDocument],
    created: set[int],
) -> tuple[list[str], dict[tuple[str, str], str | None], str | None]:
    """The target indices; results by (index, id), None when done, else the error; and the
    transport failure that stopped the sending, if any. ``created`` gets the gigs new in the
    searched index (published, or active again): what saved searches are alerted of."""
    targets: list[str] = []
    results: dict[tuple[str, str], str | None] = {}
    wanted = sorted({g for ids in gig_ids.values() for g in ids})
    try:
        targets = sync_targets(client, names)
        actions = (
            _action(i, gig_id, gigs.get(gig_id), built.get(gig_id))
            for gig_id in wanted
            for i in targets
        )
        for ok, item in send_bulk(client, actions):
            ((op_type, result),) = item.items()
            key = (str(result.get("_index")), str(result.get("_id")))
            results[key] = None if ok else item_error(op_type, result)
            if ok and result.get("result") == "created" and key[0] == targets[0]:
                created.add(int(key[1]))
    except OpenSearchException as exc:
        return targets, results, f"search unreachable: {exc}"
    return targets, results, None


def _action(
    index: str, gig_id: int, parts: GigParts | None, document: BuiltDocument | None
) -> dict[str, Any]:
    if document is not None:
        return index_action(index, document)
    action: dict[str, Any] = {"_op_type": "delete", "_index": index, "_id": str(gig_id)}
    if parts is not None:
        # Versioned, so a write of the active gig that arrives late cannot bring it back. A
        # gig removed from the database has no version left: an unconditional delete.
        action |= {"_version": parts.version, "_version_type": "external"}
    return action


def _row_error(
    row: SearchOutbox,
    gig_ids: Iterable[int],
    targets: list[str],
    results: dict[tuple[str, str], str | None],
) -> str | None:
    for gig_id in gig_ids:
        for index in targets:
            error = results.get((index, str(gig_id)), "no result")
            if error is not None:
                return f"{row.entity.value} {row.entity_id}: {error}"
    return None


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), _DB_CHUNK):
        yield ids[start : start + _DB_CHUNK]


def presence_sweep(runtime: SyncParts) -> int:
    """One presence sweep in its own transaction; the flips' outbox rows commit with it."""
    with runtime.sessions.begin() as session:
        return sweep_presence(session, runtime.clock.now(), runtime.online_window)
