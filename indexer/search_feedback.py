"""The feedback of search events into search: what a query's searches led to (for the
autocomplete's popularity) and where its clicks land (for the autocomplete's places and for
query understanding). Aggregations on the events index; the rules that read them, with their
distinct-visitor floor, are in :mod:`marketplace_core.insights.feedback`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol, TypeVar

from opensearchpy import OpenSearch

from indexer.client import IndexNames
from indexer.insights import PRECISION, distinct_searches, search_or_none
from indexer.vocabulary import fold, normalize_text, stem_key
from marketplace_core.insights.feedback import (
    ClickedSubcategory,
    QueryOutcomes,
    Understood,
    clicked_places,
    understood_subcategory,
)
from marketplace_core.insights.rules import EventType

FEEDBACK_TERMS = 20_000  # queries read back


def _per_query(
    client: OpenSearch,
    names: IndexNames,
    filters: list[dict[str, Any]],
    since: datetime | None,
    size: int,
    aggs: dict[str, Any],
) -> list[dict[str, Any]]:
    """The buckets of one terms aggregation on the events' query, each with ``aggs``."""
    if since is not None:
        filters = [*filters, {"range": {"at": {"gte": since.isoformat()}}}]
    body = {
        "size": 0,
        "query": {"bool": {"filter": filters}},
        "aggs": {"queries": {"terms": {"field": "query", "size": size}, "aggs": aggs}},
    }
    response = search_or_none(client, names.search_events, body)
    return [] if response is None else list(response["aggregations"]["queries"]["buckets"])


def _visitors() -> dict[str, Any]:
    return {"cardinality": {"field": "visitor", "precision_threshold": PRECISION}}


def search_outcomes(
    client: OpenSearch, names: IndexNames, *, since: datetime | None = None
) -> dict[str, QueryOutcomes]:
    """Per query: its searches that led to clicks, to orders, and by how many visitors."""
    filters: list[dict[str, Any]] = [
        {"exists": {"field": "query"}},
        {"terms": {"type": [EventType.CLICK.value, EventType.ORDER.value]}},
    ]
    aggs = {
        "clicks": {
            "filter": {"term": {"type": EventType.CLICK.value}},
            "aggs": distinct_searches(),
        },
        "orders": {
            "filter": {"term": {"type": EventType.ORDER.value}},
            "aggs": distinct_searches(),
        },
        "visitors": _visitors(),
    }
    return {
        str(b["key"]): QueryOutcomes(
            clicked_searches=int(b["clicks"]["searches"]["value"]),
            ordered_searches=int(b["orders"]["searches"]["value"]),
            visitors=int(b["visitors"]["value"]),
        )
        for b in _per_query(client, names, filters, since, FEEDBACK_TERMS, aggs)
    }


def clicked_subcategories(
    client: OpenSearch,
    names: IndexNames,
    *,
    queries: Sequence[str] | None = None,
    since: datetime | None = None,
) -> dict[str, list[ClickedSubcategory]]:
    """Per query (as the query log writes it), the subcategories its clicks land in, most
    clicked first, with how many distinct visitors clicked there. The evidence query
    understanding reads; :func:`understood` reads it for one query."""
    if queries is not None and not queries:
        return {}
    filters: list[dict[str, Any]] = [
        {"term": {"type": EventType.CLICK.value}},
        {"exists": {"field": "gig_subcategory"}},
    ]
    filters.append(
        {"terms": {"query": list(queries)}}
        if queries is not None
        else {"exists": {"field": "query"}}
    )
    places = {
        "places": {
            "terms": {"field": "gig_subcategory", "size": 10},
            "aggs": {"visitors": _visitors()},
        }
    }
    size = len(queries) if queries else FEEDBACK_TERMS
    return {
        str(b["key"]): [
            ClickedSubcategory(str(p["key"]), int(p["doc_count"]), int(p["visitors"]["value"]))
            for p in b["places"]["buckets"]
        ]
        for b in _per_query(client, names, filters, since, size, places)
    }


class Placed(Protocol):
    @property
    def subcategory(self) -> str: ...


P = TypeVar("P", bound=Placed)


def where_clicked(
    client: OpenSearch, names: IndexNames, keys: Sequence[str], placements: Sequence[list[P]]
) -> list[list[P]]:
    """For autocomplete terms (their folded keys) and the places of each, the places to keep:
    where buyers who typed the term (any spelling or plural of it) click, when enough of them
    did; all of them otherwise."""
    merged: dict[str, dict[str, ClickedSubcategory]] = {}
    for query, places in clicked_subcategories(client, names).items():
        into = merged.setdefault(stem_key(fold(query)), {})
        for c in places:
            had = into.get(c.subcategory, ClickedSubcategory(c.subcategory, 0, 0))
            # Visitors of two spellings may be the same people: the larger count, not the sum.
            into[c.subcategory] = ClickedSubcategory(
                c.subcategory, had.clicks + c.clicks, max(had.visitors, c.visitors)
            )
    kept: list[list[P]] = []
    for key, placed in zip(keys, placements, strict=True):
        clicked = list(merged.get(stem_key(key), {}).values())
        chosen = clicked_places([p.subcategory for p in placed], clicked)
        kept.append([p for p in placed if p.subcategory in chosen])
    return kept


def understood(client: OpenSearch, names: IndexNames, q: str) -> Understood | None:
    """The subcategory buyers who typed ``q`` went on to open, when enough of them agree."""
    query = normalize_text(q)
    places = clicked_subcategories(client, names, queries=[query]).get(query, [])
    return understood_subcategory(places)
