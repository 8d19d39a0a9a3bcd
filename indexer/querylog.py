"""The query log: what buyers searched and how many results they got.

A search request only appends to an in-memory buffer; the buffer is written to the
``<prefix>_querylog`` index with one ``_bulk`` request by :meth:`QueryLog.flush`, which the
engine's periodic loop calls, or a background thread once ``flush_every`` entries wait.
The autocomplete reads it back as popularity: searches per query that returned results.
Each entry carries its page's search id (the document's id) and pseudonymous visitor, which
search events point to (see :mod:`indexer.events`).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from opensearchpy import OpenSearch

from indexer.buffer import ANALYTICS_SETTINGS, Buffer, create_small_index
from indexer.bulk import bulk_all
from indexer.client import IndexNames
from indexer.vocabulary import normalize_text
from marketplace_core.clock import Clock

log = logging.getLogger(__name__)

MAX_QUERY_CHARS = 200

QUERYLOG_MAPPING: dict[str, Any] = {
    "dynamic": "strict",
    "properties": {
        "query": {
            "type": "keyword",
            "ignore_above": 256,
            "fields": {"folded": {"type": "keyword", "normalizer": "folded"}},
        },
        "category": {"type": "keyword"},
        "subcategory": {"type": "keyword"},
        "results": {"type": "integer"},
        "at": {"type": "date"},
        "visitor": {"type": "keyword"},
    },
}


@dataclass(frozen=True)
class LoggedSearch:
    query: str | None  # normalised: trimmed, spaces collapsed, lower case; None: browsing
    category: str | None
    subcategory: str | None
    results: int
    at: datetime
    search_id: str | None = None
    visitor: str | None = None

    def document(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "category": self.category,
            "subcategory": self.subcategory,
            "results": self.results,
            "at": self.at.isoformat(),
            "visitor": self.visitor,
        }


def ensure_querylog_index(client: OpenSearch, names: IndexNames) -> None:
    # One replica as soon as the cluster has a second node, like the gig index.
    replicas = {"auto_expand_replicas": "0-1"}
    if not create_small_index(client, names.querylog, QUERYLOG_MAPPING, replicas):
        # Fields added since the index was made (the mapping only ever grows).
        client.indices.put_mapping(index=names.querylog, body=QUERYLOG_MAPPING)
        client.indices.put_settings(index=names.querylog, body={"index": ANALYTICS_SETTINGS})


class QueryLog:
    """A thread-safe buffer of searches, written in bulk away from the request."""

    def __init__(
        self,
        client: OpenSearch,
        names: IndexNames,
        *,
        clock: Clock,
        flush_every: int = 500,
        max_buffered: int = 50_000,
    ) -> None:
        self._client = client
        self._names = names
        self._clock = clock
        self._flush_every = flush_every
        self._buffer: Buffer[LoggedSearch] = Buffer(max_buffered)
        self._index_ready = False
        # The searches with an id of the last flush that wrote any, by id: the events of the
        # same flush find their search here rather than reading it back.
        self.written: dict[str, dict[str, Any]] = {}

    @property
    def pending(self) -> int:
        return len(self._buffer)

    def record(
        self,
        query: str,
        *,
        category: str | None = None,
        subcategory: str | None = None,
        results: int,
        search_id: str | None = None,
        visitor: str | None = None,
    ) -> None:
        """Buffer one search; never does I/O on the caller's thread. A page without words
        is kept only with its search id (events may point to it)."""
        normalised = normalize_text(query)[:MAX_QUERY_CHARS]
        if not normalised and search_id is None:
            return
        entry = LoggedSearch(
            normalised or None,
            category,
            subcategory,
            results,
            self._clock.now(),
            search_id,
            visitor,
        )
        full = self._buffer.add([entry]) >= self._flush_every
        if full and not self._buffer.flushing:
            threading.Thread(target=self.flush_quietly, name="querylog-flush", daemon=True).start()

    def flush(self, *, refresh: bool = False) -> int:
        """Write every buffered entry with one ``_bulk``; return how many were written.

        On failure the entries go back to the buffer and the error is raised.
        """
        with self._buffer.taking() as entries:
            if not entries:
                return 0
            if not self._index_ready:
                ensure_querylog_index(self._client, self._names)
                self._index_ready = True
            index = self._names.querylog
            documents = [(e.search_id, e.document()) for e in entries]
            written = bulk_all(
                self._client,
                (
                    {"_index": index, "_source": document}
                    | ({"_id": search_id} if search_id else {})
                    for search_id, document in documents
                ),
            )
            self.written = {sid: document for sid, document in documents if sid is not None}
            if refresh:
                self._client.indices.refresh(index=index)
            return written

    def flush_quietly(self) -> None:
        """Flush, logging a failure instead of raising (the entries stay buffered)."""
        try:
            self.flush()
        except Exception:
            log.warning("query log flush failed; entries kept for the next one", exc_info=True)


def _query_buckets(
    client: OpenSearch,
    names: IndexNames,
    filters: list[dict[str, Any]],
    since: datetime | None,
    queries: dict[str, Any],
) -> list[dict[str, Any]]:
    """The ``queries`` aggregation's buckets over the logged searches matching ``filters``
    (since ``since``); none before anything was logged."""
    if not client.indices.exists(index=names.querylog):
        return []
    if since is not None:
        filters = [*filters, {"range": {"at": {"gte": since.isoformat()}}}]
    response = client.search(
        index=names.querylog,
        body={"size": 0, "query": {"bool": {"filter": filters}}, "aggs": {"queries": queries}},
    )
    buckets: list[dict[str, Any]] = response["aggregations"]["queries"]["buckets"]
    return buckets


def popular_queries(
    client: OpenSearch,
    names: IndexNames,
    *,
    min_results: int = 1,
    since: datetime | None = None,
    limit: int = 20_000,
) -> dict[str, int]:
    """Each logged query that returned at least ``min_results`` results, with its search count."""
    filters: list[dict[str, Any]] = [{"range": {"results": {"gte": min_results}}}]
    queries = {"terms": {"field": "query", "size": limit}}
    buckets = _query_buckets(client, names, filters, since, queries)
    return {str(b["key"]): int(b["doc_count"]) for b in buckets}


def narrowed_searches(
    client: OpenSearch,
    names: IndexNames,
    *,
    since: datetime | None = None,
    limit: int = 20_000,
) -> list[tuple[str, str, int]]:
    """(query, subcategory, searches): buyers who typed the query and narrowed the page to
    the subcategory (a search with both, that found something). Query understanding reads
    it as where those buyers went."""
    filters: list[dict[str, Any]] = [
        {"range": {"results": {"gte": 1}}},
        {"exists": {"field": "subcategory"}},
    ]
    queries = {
        "terms": {"field": "query", "size": limit},
        "aggs": {"places": {"terms": {"field": "subcategory", "size": 5}}},
    }
    buckets = _query_buckets(client, names, filters, since, queries)
    return [
        (str(q["key"]), str(p["key"]), int(p["doc_count"]))
        for q in buckets
        for p in q["places"]["buckets"]
    ]
