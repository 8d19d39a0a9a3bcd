"""Run a results-page search and read the response into plain results and facets.

:func:`search_steps` is the results page (the JSON API and the HTML pages run it with their
client); :func:`search_page` runs it with the blocking client.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

from opensearchpy import OpenSearch

from facets.filters import FacetResult, budget_bands, facets_for
from facets.model import Taxonomy
from facets.selection import Selection
from indexer.client import IndexNames
from indexer.facet_kinds import PageFacets
from indexer.merchandising import Applied, merchandised
from indexer.search_query import (
    facets_body,
    hits_body,
    scope_filters,
    text_query,
)
from indexer.steps import Steps, run
from marketplace_core.merchandising.rules import Plan
from marketplace_core.thesaurus.rules import EMPTY, Thesaurus

BANDS_TTL_SECONDS = 300.0
# Fewer exact matches than this, and the page is searched again with typo tolerance.
FUZZY_BELOW = 10


@dataclass(frozen=True)
class GigHit:
    id: int
    title: str
    title_highlighted: str
    subcategory: str
    category: str
    price_from_cents: int
    fastest_delivery_days: int
    thumbnail: str | None
    seller: dict[str, Any]


@dataclass(frozen=True)
class SearchResult:
    total: int
    hits: list[GigHit]
    facets: list[FacetResult]
    next_cursor: str | None
    did_you_mean: list[str] = field(default_factory=list)
    guessed_subcategory: str | None = None
    applied_rules: list[Applied] = field(default_factory=list)  # merchandising


class BudgetBands:
    """Price bands per category scope, from the prices' quartiles, cached for a while."""

    def __init__(self, ttl: float = BANDS_TTL_SECONDS) -> None:
        self.ttl = ttl
        self._cache: dict[tuple[str, str | None], tuple[float, list[tuple[int, int | None]]]] = {}
        self._lock = threading.Lock()

    def steps(self, index: str, selection: Selection) -> Steps[list[tuple[int, int | None]]]:
        key = (index, selection.subcategory or selection.category)
        now = time.monotonic()
        with self._lock:
            hit = self._cache.get(key)
        if hit and now - hit[0] < self.ttl:
            return hit[1]
        [response] = yield [
            (
                index,
                {
                    "size": 0,
                    "query": {"bool": {"filter": scope_filters(selection)}},
                    "track_total_hits": False,
                    "aggs": {
                        "q": {
                            "percentiles": {
                                "field": "price_from_cents",
                                "percents": [25, 50, 75],
                                # HDR: a counter per value, a fraction of t-digest's cost.
                                "hdr": {"number_of_significant_value_digits": 2},
                            }
                        }
                    },
                },
            )
        ]
        values = [v for v in response["aggregations"]["q"]["values"].values() if v is not None]
        bands = budget_bands(values)
        with self._lock:
            self._cache[key] = (now, bands)
        return bands

    def get(
        self, client: OpenSearch, index: str, selection: Selection
    ) -> list[tuple[int, int | None]]:
        return run(client, self.steps(index, selection))


def search_steps(
    names: IndexNames,
    selection: Selection,
    taxonomy: Taxonomy,
    bands: BudgetBands,
    thesaurus: Thesaurus = EMPTY,
    merchandising: Plan | None = None,
) -> Steps[SearchResult]:
    """A results page: the price bands (usually cached), then the hits and the facets in
    one ``_msearch`` (the buyer's words and their thesaurus phrasings); when the words as
    written find too little, both again with typo tolerance; when that finds nothing,
    corrections that do find something and a guessed subcategory for a buyer request."""
    index = names.gigs
    facets = facets_for(selection, taxonomy)
    page = PageFacets.of(selection, facets)
    variants = thesaurus.variants(selection.q)
    price_bands = yield from bands.steps(index, selection)
    merch = merchandised(merchandising, selection)  # pins, hides, boosts (support's rules)
    yield from merch.fetch_pins(index, page)
    hits, counts = yield [
        (index, merch.hits(hits_body(selection, page, variants=variants))),
        (index, merch.facets(facets_body(selection, page, price_bands, variants=variants))),
    ]
    total = page.total(counts)
    if selection.q and total < FUZZY_BELOW:
        hits, counts = yield [
            (index, merch.hits(hits_body(selection, page, fuzzy=True, variants=variants))),
            (
                index,
                merch.facets(
                    facets_body(selection, page, price_bands, fuzzy=True, variants=variants)
                ),
            ),
        ]
        total = page.total(counts)
    shown, following = merch.merge(hits["hits"]["hits"])
    found = [_hit(h) for h in shown]
    total += merch.off_words
    result_facets = page.read(counts["aggregations"], selection, taxonomy, price_bands)
    if total or not selection.q:
        return SearchResult(
            total, found, result_facets, following, applied_rules=merch.applied(shown)
        )
    # Both at once: a page with no result should not wait twice more.
    fix, where = yield [(index, did_you_mean_body(selection.q)), (index, guess_body(selection.q))]
    return SearchResult(
        0, [], result_facets, None, read_did_you_mean(fix, selection.q), read_guess(where)
    )


def search_page(
    client: OpenSearch,
    names: IndexNames,
    selection: Selection,
    taxonomy: Taxonomy,
    bands: BudgetBands,
    thesaurus: Thesaurus = EMPTY,
) -> SearchResult:
    """A results page with the blocking client."""
    return run(client, search_steps(names, selection, taxonomy, bands, thesaurus))


def _hit(hit: dict[str, Any]) -> GigHit:
    source = hit["_source"]
    highlighted = hit.get("highlight", {}).get("title", [None])[0]
    return GigHit(
        id=int(source["gig_id"]),
        title=source["title"],
        title_highlighted=highlighted or _escape(source["title"]),
        subcategory=source["subcategory"],
        category=source["category"],
        price_from_cents=int(source["price_from_cents"]),
        fastest_delivery_days=int(source["fastest_delivery_days"]),
        thumbnail=source["thumbnail"],
        seller=source["seller"],
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def did_you_mean_body(q: str, size: int = 3) -> dict[str, Any]:
    """Spelling corrections that do return results (the collate query checks each)."""
    return {
        "size": 0,
        "suggest": {
            "text": q,
            "fix": {
                "phrase": {
                    "field": "title.exact",
                    "size": size,
                    "max_errors": 2,
                    "confidence": 0.0,
                    "direct_generator": [
                        {"field": "title.exact", "suggest_mode": "always", "min_word_length": 3}
                    ],
                    "collate": {
                        "query": {
                            "source": {
                                "match": {
                                    "title.exact": {
                                        "query": "{{suggestion}}",
                                        "operator": "and",
                                    }
                                }
                            }
                        },
                        "prune": False,
                    },
                }
            },
        },
    }


def read_did_you_mean(response: dict[str, Any], q: str) -> list[str]:
    options = response["suggest"]["fix"][0]["options"] if response["suggest"]["fix"] else []
    return [o["text"] for o in options if o["text"] != q.lower()]


def guess_body(q: str) -> dict[str, Any]:
    """Where the gigs closest to a fruitless query are, for a buyer request: the most
    frequent subcategory among the best matches of its words (any of them, typos allowed)."""
    return {
        "size": 0,
        "query": {
            "bool": {
                "should": [
                    text_query(q, fuzzy=True),
                    {
                        "multi_match": {
                            "query": q,
                            "fields": ["title", "tags", "description"],
                            "fuzziness": "AUTO",
                        }
                    },
                ]
            }
        },
        "track_total_hits": False,
        "aggs": {
            "best": {
                "sampler": {"shard_size": 20},
                "aggs": {"sub": {"terms": {"field": "subcategory", "size": 1}}},
            }
        },
    }


def read_guess(response: dict[str, Any]) -> str | None:
    buckets = response["aggregations"]["best"]["sub"]["buckets"]
    return str(buckets[0]["key"]) if buckets else None
