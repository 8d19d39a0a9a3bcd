"""Search events in OpenSearch: what buyers did with each results page.

Like the query log, an event is only appended to an in-memory buffer on the request's
thread; :meth:`EventLog.flush` (every few seconds, off the request path) writes the buffer
with one ``_bulk``. Each event is written once whatever the retries: its document id is its
natural key and it is sent with ``op_type=create``.

At flush time each event is completed with what the reports group by — its search's query,
category, result count and time (kept from the query log's flush just before, else read back
by search id with ``_mget``), and its gig's subcategory (from the database) — so a report is
one aggregation on one index. Searches this process buffered are written first; an event
whose search another process has not written yet waits for a later flush (up to
``RESOLVE_WITHIN``).

Orders come from the orders core: each flush also reads the orders placed from a search
lately (:func:`marketplace_core.insights.orders.order_events`). With the database away, the
flush fails and keeps everything for the next one.

Searches and events are kept ``INSIGHTS_RETENTION_DAYS`` (90 by default): :func:`purge_expired`
deletes older ones, run periodically.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from opensearchpy import OpenSearch
from opensearchpy.exceptions import NotFoundError

from indexer.buffer import ANALYTICS_SETTINGS, Buffer, create_small_index
from indexer.bulk import bulk_all
from indexer.client import IndexNames
from indexer.querylog import QUERYLOG_MAPPING, QueryLog
from marketplace_core.clock import Clock
from marketplace_core.insights.rules import (
    RESOLVE_WITHIN,
    EventType,
    SearchEvent,
    SearchIds,
    retention_cutoff,
)

log = logging.getLogger(__name__)

# Orders are read back this far at each flush: an order committed just after a read, or
# whose event a stopped process never wrote, is still found by the next one.
ORDERS_LOOKBACK = timedelta(minutes=10)
MGET_BATCH = 1000

_SEARCH_FIELDS = ("query", "category", "subcategory", "results", "at", "visitor")

EVENTS_MAPPING: dict[str, Any] = {
    "dynamic": "strict",
    "properties": {
        "search_id": {"type": "keyword"},
        "type": {"type": "keyword"},
        "gig_id": {"type": "long"},
        "gig_subcategory": {"type": "keyword"},
        "position": {"type": "integer"},
        "visitor": {"type": "keyword"},
        "at": {"type": "date"},
        # Copied from the search, so the reports group events like searches.
        "query": QUERYLOG_MAPPING["properties"]["query"],
        "category": {"type": "keyword"},
        "subcategory": {"type": "keyword"},
        "results": {"type": "integer"},
        "searched_at": {"type": "date"},
    },
}

# Read from the database: the orders placed from a search since a time, and the gigs'
# subcategories (the events' own, for what a query's clicks learn).
OrderEvents = Callable[[datetime], Sequence[SearchEvent]]
GigSubcategories = Callable[[set[int]], Mapping[int, str]]


def ensure_events_index(client: OpenSearch, names: IndexNames) -> None:
    replicas = {"number_of_replicas": 0}
    if not create_small_index(client, names.search_events, EVENTS_MAPPING, replicas):
        client.indices.put_settings(index=names.search_events, body={"index": ANALYTICS_SETTINGS})


def event_document(
    event: SearchEvent, search: dict[str, Any], gig_subcategory: str | None
) -> dict[str, Any]:
    return {
        "search_id": event.search_id,
        "type": event.type.value,
        "gig_id": event.gig_id,
        "gig_subcategory": gig_subcategory,
        "position": event.position,
        # Said by the event's request, else by its search's (the same buyer).
        "visitor": event.visitor or search.get("visitor"),
        "at": event.at.isoformat(),
        "query": search.get("query"),
        "category": search.get("category"),
        "subcategory": search.get("subcategory"),
        "results": search.get("results"),
        "searched_at": search.get("at"),
    }


class EventLog:
    """A thread-safe buffer of search events, written in bulk away from the request."""

    def __init__(
        self,
        client: OpenSearch,
        names: IndexNames,
        *,
        clock: Clock,
        searches: QueryLog,
        ids: SearchIds,
        orders: OrderEvents,
        subcategories: GigSubcategories,
        max_buffered: int = 50_000,
    ) -> None:
        self._client = client
        self._names = names
        self._clock = clock
        self._searches = searches
        self._ids = ids
        self._orders = orders
        self._subcategories = subcategories
        self._buffer: Buffer[SearchEvent] = Buffer(max_buffered)
        self._index_ready = False
        self._orders_written: dict[str, datetime] = {}  # key → order time, within the lookback
        self.dropped = 0  # events whose search was never found

    @property
    def pending(self) -> int:
        return len(self._buffer)

    def record(self, events: Iterable[SearchEvent]) -> None:
        """Buffer events; never does I/O on the caller's thread."""
        self._buffer.add(events)

    def flush(self, *, refresh: bool = False) -> int:
        """Write the searches buffered so far, then every event whose search is found, with
        one ``_bulk``; return how many events were written (or had been before). On failure
        the events go back to the buffer and the error is raised. ``refresh``: both indices
        are searchable on return, whichever flush wrote to them."""
        self._searches.flush()  # the searches before the events pointing to them
        with self._buffer.taking() as taken:
            written, waiting = self._write([*taken, *self._new_orders()])
            if refresh:
                indices = f"{self._names.querylog},{self._names.search_events}"
                self._client.indices.refresh(index=indices, ignore_unavailable=True)
            # Orders are read again at the next flush; the others wait in the buffer.
            self._buffer.put_back([e for e in waiting if e.type is not EventType.ORDER])
            return written

    def _new_orders(self) -> list[SearchEvent]:
        since = self._clock.now() - ORDERS_LOOKBACK
        self._orders_written = {k: t for k, t in self._orders_written.items() if t >= since}
        return [e for e in self._orders(since) if e.key not in self._orders_written]

    def _write(self, events: Sequence[SearchEvent]) -> tuple[int, list[SearchEvent]]:
        first: dict[str, SearchEvent] = {}
        for event in events:
            first.setdefault(event.key, event)
        unique = list(first.values())
        if not unique:
            return 0, []
        # Most events follow their search within seconds: it was written by this flush.
        searches = dict(self._searches.written)
        missing = {e.search_id for e in unique} - searches.keys()
        searches |= self._read(self._names.querylog, missing, _SEARCH_FIELDS)
        subcategories = self._subcategories({e.gig_id for e in unique})
        now = self._clock.now()
        ready: list[SearchEvent] = []
        waiting: list[SearchEvent] = []
        for event in unique:
            if event.search_id in searches:
                ready.append(event)
                continue
            issued = self._ids.issued_at(event.search_id)
            if issued is not None and now - issued < RESOLVE_WITHIN:
                waiting.append(event)
            else:
                self.dropped += 1
                log.info("search event dropped: no search %s", event.search_id)
        if not ready:
            return 0, waiting
        if not self._index_ready:
            ensure_events_index(self._client, self._names)
            self._index_ready = True
        index = self._names.search_events

        def actions() -> Iterable[dict[str, Any]]:
            for event in ready:
                yield {
                    "_op_type": "create",
                    "_index": index,
                    "_id": event.key,
                    "_source": event_document(
                        event, searches[event.search_id], subcategories.get(event.gig_id)
                    ),
                }

        # A 409 is an event written before (a retry, another process): it counts as done.
        written = bulk_all(self._client, actions())
        for event in ready:
            if event.type is EventType.ORDER:
                self._orders_written[event.key] = event.at
        return written, waiting

    def _read(self, index: str, ids: set[str], fields: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The sources of the documents found among ``ids`` (real-time: no refresh needed)."""
        found: dict[str, dict[str, Any]] = {}
        ordered = sorted(ids)
        for start in range(0, len(ordered), MGET_BATCH):
            try:
                response = self._client.mget(
                    index=index,
                    body={"ids": ordered[start : start + MGET_BATCH]},
                    _source_includes=list(fields),
                )
            except NotFoundError:  # no such index yet
                return found
            for doc in response["docs"]:
                if doc.get("found"):
                    found[str(doc["_id"])] = doc.get("_source", {})
        return found


@dataclass(frozen=True)
class PurgeReport:
    searches: int
    events: int


def purge_before(
    client: OpenSearch, names: IndexNames, cutoff: datetime, *, refresh: bool = False
) -> PurgeReport:
    """Delete the searches and the events older than ``cutoff``."""
    deleted = []
    for index in (names.querylog, names.search_events):
        if not client.indices.exists(index=index):
            deleted.append(0)
            continue
        response = client.delete_by_query(
            index=index,
            body={"query": {"range": {"at": {"lt": cutoff.isoformat()}}}},
            conflicts="proceed",
            refresh=refresh,
        )
        deleted.append(int(response.get("deleted", 0)))
    return PurgeReport(*deleted)


def purge_expired(
    client: OpenSearch, names: IndexNames, clock: Clock, retention_days: int
) -> PurgeReport:
    """The retention job: searches and events kept ``retention_days``, no longer."""
    return purge_before(client, names, retention_cutoff(clock.now(), retention_days))
