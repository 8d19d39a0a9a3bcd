"""The search reports: reading the search log and the search events.

Every figure is an aggregation: on the query log for the searches (``query``, ``results``,
``at``, ``visitor``), on the events index for what followed (each event carries its search's
query, category and time, see :mod:`indexer.events`). A report sends one request to each and
merges them by query or by period (:mod:`marketplace_core.insights.reports`).

Distinct searches and visitors are OpenSearch ``cardinality`` counts: exact up to
``PRECISION`` per row, within about 1 % beyond.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from opensearchpy import OpenSearch
from opensearchpy.exceptions import TransportError

from facets.model import Taxonomy
from facets.selection import Selection
from facets.taxonomy import TAXONOMY
from indexer.client import IndexNames
from indexer.search import BudgetBands, SearchResult, search_steps
from indexer.steps import Batch, Responses, Steps, run
from marketplace_core.insights.reports import (
    Interval,
    Outcomes,
    Row,
    SearchCounts,
    Window,
    ZeroResultRow,
    row,
    rows,
    synonym_request,
    without_clicks,
)
from marketplace_core.insights.rules import EventType
from marketplace_core.thesaurus.rules import EMPTY, Thesaurus

PRECISION = 3000  # cardinality: exact below this many distinct values per bucket
CANDIDATES = 10  # per row asked for, when a report keeps only some of what it reads


@dataclass(frozen=True)
class Scope:
    window: Window
    category: str | None = None


# -- the bodies ---------------------------------------------------------------------------


def _filters(scope: Scope, time_field: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = [
        {
            "range": {
                time_field: {
                    "gte": scope.window.start.isoformat(),
                    "lt": scope.window.end.isoformat(),
                }
            }
        },
        {"exists": {"field": "query"}},  # pages of words; browse pages are not searches
    ]
    if scope.category:
        found.append({"term": {"category": scope.category}})
    return found


def _search_query(scope: Scope, *extra: dict[str, Any]) -> dict[str, Any]:
    return {"bool": {"filter": [*_filters(scope, "at"), *extra]}}


def _event_query(scope: Scope, *extra: dict[str, Any]) -> dict[str, Any]:
    # Events are dated by their search, so a click on Monday's search counts on Monday.
    found = [*_filters(scope, "searched_at"), {"range": {"results": {"gt": 0}}}, *extra]
    return {"bool": {"filter": found}}


SEARCH_AGGS: dict[str, Any] = {
    "zero": {"filter": {"term": {"results": 0}}},
    "visitors": {"cardinality": {"field": "visitor", "precision_threshold": PRECISION}},
}


def distinct_searches() -> dict[str, Any]:
    return {"searches": {"cardinality": {"field": "search_id", "precision_threshold": PRECISION}}}


OUTCOME_AGGS: dict[str, Any] = {
    "clicks": {
        "filter": {"term": {"type": EventType.CLICK.value}},
        "aggs": {**distinct_searches(), "position": {"sum": {"field": "position"}}},
    },
    "orders": {
        "filter": {"term": {"type": EventType.ORDER.value}},
        "aggs": distinct_searches(),
    },
    "favorites": {"filter": {"term": {"type": EventType.FAVORITE.value}}},
    "quote_requests": {"filter": {"term": {"type": EventType.QUOTE_REQUEST.value}}},
}


def _counts(bucket: dict[str, Any], searches: int | None = None) -> SearchCounts:
    return SearchCounts(
        searches=int(bucket["doc_count"] if searches is None else searches),
        zero_results=int(bucket["zero"]["doc_count"]),
        visitors=int(bucket["visitors"]["value"]),
    )


def _outcomes(bucket: dict[str, Any]) -> Outcomes:
    clicks = bucket["clicks"]
    return Outcomes(
        clicks=int(clicks["doc_count"]),
        clicked_searches=int(clicks["searches"]["value"]),
        position_sum=float(clicks["position"]["value"] or 0.0),
        ordered_searches=int(bucket["orders"]["searches"]["value"]),
        favorites=int(bucket["favorites"]["doc_count"]),
        quote_requests=int(bucket["quote_requests"]["doc_count"]),
    )


def search_or_none(client: OpenSearch, index: str, body: dict[str, Any]) -> dict[str, Any] | None:
    """The response, or None while the index does not exist (nothing recorded yet): a
    404 the client ignores, so that a fresh install logs no failed request."""
    response: dict[str, Any] = client.search(index=index, body=body, ignore=404)
    return None if response.get("status") == 404 and "error" in response else response


# -- per query ----------------------------------------------------------------------------


def _query_counts(
    client: OpenSearch,
    names: IndexNames,
    scope: Scope,
    size: int,
    *,
    order: dict[str, str] | None = None,
) -> tuple[dict[str, SearchCounts], list[str]]:
    terms: dict[str, Any] = {"field": "query", "size": size}
    terms["order"] = [order or {"_count": "desc"}, {"_key": "asc"}]
    response = search_or_none(
        client,
        names.querylog,
        {
            "size": 0,
            "query": _search_query(scope),
            "aggs": {
                "queries": {
                    "terms": terms,
                    "aggs": {
                        **SEARCH_AGGS,
                        "with_results": {"filter": {"range": {"results": {"gt": 0}}}},
                    },
                }
            },
        },
    )
    if response is None:
        return {}, []
    buckets = response["aggregations"]["queries"]["buckets"]
    return {str(b["key"]): _counts(b) for b in buckets}, [str(b["key"]) for b in buckets]


def _query_outcomes(
    client: OpenSearch, names: IndexNames, scope: Scope, queries: Sequence[str]
) -> dict[str, Outcomes]:
    if not queries:
        return {}
    response = search_or_none(
        client,
        names.search_events,
        {
            "size": 0,
            "query": _event_query(scope, {"terms": {"query": list(queries)}}),
            "aggs": {
                "queries": {"terms": {"field": "query", "size": len(queries)}, "aggs": OUTCOME_AGGS}
            },
        },
    )
    if response is None:
        return {}
    return {str(b["key"]): _outcomes(b) for b in response["aggregations"]["queries"]["buckets"]}


def top_searches(client: OpenSearch, names: IndexNames, scope: Scope, limit: int) -> list[Row]:
    """The most searched queries, with what their searches led to."""
    counts, order = _query_counts(client, names, scope, limit)
    return rows(counts, _query_outcomes(client, names, scope, order), order)


def no_click_searches(client: OpenSearch, names: IndexNames, scope: Scope, limit: int) -> list[Row]:
    """Queries whose results nobody clicked, most such searches first."""
    counts, order = _query_counts(
        client, names, scope, limit * CANDIDATES, order={"with_results": "desc"}
    )
    return without_clicks(rows(counts, _query_outcomes(client, names, scope, order), order), limit)


def zero_result_searches(
    client: OpenSearch,
    names: IndexNames,
    scope: Scope,
    limit: int,
    *,
    thesaurus: Thesaurus = EMPTY,
    taxonomy: Taxonomy = TAXONOMY,
) -> list[ZeroResultRow]:
    """Queries that found nothing in the window and still find nothing today (the search
    buyers get, with the current thesaurus), each with the thesaurus rule that would help."""
    response = search_or_none(
        client,
        names.querylog,
        {
            "size": 0,
            "query": _search_query(scope, {"term": {"results": 0}}),
            "aggs": {
                "queries": {
                    "terms": {
                        "field": "query",
                        "size": limit * 2,
                        "order": [{"_count": "desc"}, {"_key": "asc"}],
                    },
                    "aggs": {"last": {"max": {"field": "at"}}},
                }
            },
        },
    )
    if response is None:
        return []
    buckets = response["aggregations"]["queries"]["buckets"]
    now = searched_now(client, names, [str(b["key"]) for b in buckets], scope.category, thesaurus)
    found: list[ZeroResultRow] = []
    for bucket, result in zip(buckets, now, strict=True):
        if result.total:
            continue  # fixed since (a synonym, new gigs)
        targets = list(result.did_you_mean)
        guessed = taxonomy.subcategory(result.guessed_subcategory or "")
        if guessed is not None:
            targets.append(guessed.label.get("fr").lower())
        found.append(
            ZeroResultRow(
                query=str(bucket["key"]),
                searches=int(bucket["doc_count"]),
                last_searched_at=_date(bucket["last"].get("value_as_string")),
                add_synonym=synonym_request(str(bucket["key"]), targets),
            )
        )
    return found[:limit]


def _date(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def searched_now(
    client: OpenSearch,
    names: IndexNames,
    queries: Sequence[str],
    category: str | None,
    thesaurus: Thesaurus,
) -> list[SearchResult]:
    """Each query as a buyer would search it now (first page, one gig), all at once."""
    bands = BudgetBands()
    steps = [
        search_steps(names, Selection(q=q, category=category, size=1), TAXONOMY, bands, thesaurus)
        for q in queries
    ]
    return run(client, together(steps))


def together(each: Sequence[Steps[SearchResult]]) -> Steps[list[SearchResult]]:
    """Several searches run in step: each round's requests of all of them in one batch."""
    results: dict[int, SearchResult] = {}
    batches: dict[int, Batch] = {}
    for i, steps in enumerate(each):
        try:
            batches[i] = next(steps)
        except StopIteration as done:
            results[i] = done.value
    while batches:
        order = list(batches.items())
        batches = {}
        try:
            responses: Responses = yield [query for _, batch in order for query in batch]
        except TransportError:
            # One refused request fails the whole batch: each search's own batch then, so
            # that each handles its own errors (a page without results goes on without the
            # suggestion index).
            for i, batch in order:
                try:
                    try:
                        part = yield batch
                    except TransportError as exc:
                        batches[i] = each[i].throw(exc)
                    else:
                        batches[i] = each[i].send(part)
                except StopIteration as done:
                    results[i] = done.value
            continue
        start = 0
        for i, batch in order:
            part = responses[start : start + len(batch)]
            start += len(batch)
            try:
                batches[i] = each[i].send(part)
            except StopIteration as done:
                results[i] = done.value
    return [results[i] for i in range(len(each))]


# -- per period ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Overview:
    total: Row
    periods: list[Row]  # one per day or week (keyed by its first day)


def overview(client: OpenSearch, names: IndexNames, scope: Scope, interval: Interval) -> Overview:
    """The window's figures, and the same per day or per week."""
    histogram = {
        "calendar_interval": interval,
        "min_doc_count": 0,
        "format": "yyyy-MM-dd",
        "extended_bounds": {
            "min": scope.window.first.isoformat(),
            "max": scope.window.last.isoformat(),
        },
    }
    searches = search_or_none(
        client,
        names.querylog,
        {
            "size": 0,
            "track_total_hits": True,
            "query": _search_query(scope),
            "aggs": {
                **SEARCH_AGGS,
                "periods": {
                    "date_histogram": {"field": "at", **histogram},
                    "aggs": SEARCH_AGGS,
                },
            },
        },
    )
    events = search_or_none(
        client,
        names.search_events,
        {
            "size": 0,
            "query": _event_query(scope),
            "aggs": {
                **OUTCOME_AGGS,
                "periods": {
                    "date_histogram": {"field": "searched_at", **histogram},
                    "aggs": OUTCOME_AGGS,
                },
            },
        },
    )
    counts: dict[str, SearchCounts] = {}
    outcomes: dict[str, Outcomes] = {}
    total_counts, total_outcomes = SearchCounts(), Outcomes()
    if searches is not None:
        aggs = searches["aggregations"]
        total_counts = _counts(aggs, int(searches["hits"]["total"]["value"]))
        counts = {b["key_as_string"]: _counts(b) for b in aggs["periods"]["buckets"]}
    if events is not None:
        aggs = events["aggregations"]
        total_outcomes = _outcomes(aggs)
        outcomes = {b["key_as_string"]: _outcomes(b) for b in aggs["periods"]["buckets"]}
    periods = sorted(set(counts) | set(outcomes))
    return Overview(row("total", total_counts, total_outcomes), rows(counts, outcomes, periods))
