"""Run a results-page search and read the response into plain results and facets.

:func:`search_steps` is the results page (the JSON API and the HTML pages run it with their
client); :func:`search_page` runs it with the blocking client.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from opensearchpy import OpenSearch
from opensearchpy.exceptions import TransportError

from facets.filters import FacetResult, budget_bands, facets_for
from facets.model import Lang, Taxonomy
from facets.selection import Selection
from indexer.client import IndexNames
from indexer.facet_kinds import Band, PageFacets
from indexer.merchandising import Applied, Merchandised, merchandised
from indexer.search_query import (
    TYPING,
    Words,
    facets_body,
    hits_body,
    scope_filters,
    text_query,
)
from indexer.spelling import SpellingCheck
from indexer.steps import Batch, Steps, run
from indexer.understanding import QueryUnderstanding, Understood
from marketplace_core.merchandising.rules import Plan
from marketplace_core.thesaurus.rules import EMPTY, Thesaurus

BANDS_TTL_SECONDS = 300.0
RELATED_SEARCHES = 5


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
    understood: Understood | None = None
    # The correction whose results these are, when the buyer's words found too little.
    showing_results_for: str | None = None
    # No gig holds enough of the words: these hold some of them, the rarest weighing most.
    relaxed: bool = False
    related_searches: list[str] = field(default_factory=list)  # popular, when none found
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
    understanding: QueryUnderstanding | None = None,
    at: datetime | None = None,
    merchandising: Plan | None = None,
) -> Steps[SearchResult]:
    """A results page: the price bands (usually cached), then the hits and the facets in
    one ``_msearch`` (the buyer's words, their thesaurus phrasings, the subcategory they are
    understood to be about), with a check of the words' spelling. When a word is held by
    no gig and one within its edit budget is (``indexer.spelling``), the page is searched
    for the correction and answers for it when that finds something (saying so): the
    misspelt word matched nothing, so what the words found is only what the others did. A
    word that exists is never swapped for another it resembles. When no gig holds enough of
    the words, those holding some of them, the rarest first (saying so). When nothing is
    found: spelling suggestions that do find something, the subcategory for a buyer
    request, popular related searches. ``at``: the search's instant (working hours)."""
    index = names.gigs
    at = at or datetime.now(UTC)
    facets = facets_for(selection, taxonomy)
    page = PageFacets.of(selection, facets, at)
    price_bands = yield from bands.steps(index, selection)
    words = understood_words(selection, selection.q, thesaurus, understanding)
    spelling = (
        SpellingCheck.of(selection.q, thesaurus) if selection.q and selection.correct else None
    )
    merch = merchandised(merchandising, selection)  # pins, hides, boosts (support's rules)
    yield from merch.fetch_pins(index, page)
    hits, counts = yield page_requests(
        index, selection, page, price_bands, words, at, merch, spelling
    )
    total = page.total(counts)
    correction = spelling.correction(counts, typing=_typing(hits)) if spelling else None
    shown_for: str | None = None
    if correction:
        fixed = understood_words(selection, correction, thesaurus, understanding)
        fixed_hits, fixed_counts = yield page_requests(
            index, selection, page, price_bands, fixed, at, merch
        )
        if page.total(fixed_counts):
            hits, counts, words, shown_for = fixed_hits, fixed_counts, fixed, correction
            total = page.total(counts)
        else:
            words = fixed  # nothing holds all of the corrected words: some of them, below
    if not total and len(words.text.split()) > 1:
        some = replace(words, relaxed=True)
        some_hits, some_counts = yield page_requests(
            index, selection, page, price_bands, some, at, merch
        )
        if page.total(some_counts):
            hits, counts, words = some_hits, some_counts, some
            total = page.total(counts)
            shown_for = correction
    shown, following = merch.merge(hits["hits"]["hits"])
    total += merch.off_words
    found = [_hit(h) for h in shown]
    result_facets = page.read(counts["aggregations"], selection, taxonomy, price_bands)
    result = SearchResult(
        total,
        found,
        result_facets,
        following,
        understood=words.understood,
        showing_results_for=shown_for,
        relaxed=words.relaxed,
        applied_rules=merch.applied(shown),
    )
    if total or not selection.q:
        return result
    extras = yield from zero_result_steps(names, selection, words.understood)
    return replace(
        result,
        did_you_mean=extras.did_you_mean,
        guessed_subcategory=extras.guessed_subcategory,
        related_searches=extras.related_searches,
    )


def understood_words(
    selection: Selection,
    text: str,
    thesaurus: Thesaurus,
    understanding: QueryUnderstanding | None,
) -> Words:
    """The text with its phrasings and what it is about, within the page's scope: under a
    chosen subcategory there is nothing to understand, under a category only its own."""
    understood = None
    if understanding is not None and text and selection.subcategory is None:
        understood = understanding.understand(text, thesaurus)
        if understood is not None and selection.category not in (None, understood.category):
            understood = None
    return Words(text, thesaurus.variants(text), understood)


def page_requests(
    index: str,
    selection: Selection,
    page: PageFacets,
    bands: Sequence[Band],
    words: Words,
    at: datetime,
    merch: Merchandised,
    spelling: SpellingCheck | None = None,
) -> Batch:
    """The hits and the facets of one page, sent together, under the page's rules."""
    return [
        (index, merch.hits(hits_body(selection, page, words, at))),
        (index, merch.facets(facets_body(selection, page, bands, words, spelling))),
    ]


def _typing(hits: dict[str, Any]) -> bool:
    """Whether the words as typed so far, the last one a start, matched the best hits."""
    return any(TYPING in h.get("matched_queries", ()) for h in hits["hits"]["hits"])


@dataclass(frozen=True)
class ZeroResult:
    did_you_mean: list[str]
    guessed_subcategory: str | None
    related_searches: list[str]


def zero_result_steps(
    names: IndexNames, selection: Selection, understood: Understood | None
) -> Steps[ZeroResult]:
    """All at once, a page with no result should not wait thrice: corrections of the whole
    phrase that do find something, where the closest gigs are, and popular searches of the
    same words or subcategory (none while no suggestion index exists). Where the gigs are is
    asked again of the best correction when there is one: a misspelt word's fuzzy matches are
    any short word within an edit (« lgoi » is « loi » as much as « logo »), the correction's
    are what the buyer meant."""
    q = selection.q
    where = understood.subcategory if understood else None
    batch: list[tuple[str, dict[str, Any]]] = [
        (names.gigs, did_you_mean_body(q)),
        (names.gigs, guess_body(q)),
        (names.suggest, related_body(q, selection.lang, where)),
    ]
    try:
        fix, guess, related = yield batch
        popular = read_related(related, q)
    except TransportError as exc:
        if exc.status_code != 404:  # only a missing suggestion index goes without
            raise
        fix, guess = yield batch[:2]
        popular = []
    fixes = read_did_you_mean(fix, q)
    if where is None and fixes:
        (guess,) = yield [(names.gigs, guess_body(fixes[0]))]
    guessed = where or read_guess(guess)
    return ZeroResult(fixes, guessed, popular)


def search_page(
    client: OpenSearch,
    names: IndexNames,
    selection: Selection,
    taxonomy: Taxonomy,
    bands: BudgetBands,
    thesaurus: Thesaurus = EMPTY,
    understanding: QueryUnderstanding | None = None,
) -> SearchResult:
    """A results page with the blocking client."""
    return run(client, search_steps(names, selection, taxonomy, bands, thesaurus, understanding))


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
                    text_query(q),
                    {
                        "multi_match": {
                            "query": q,
                            "fields": ["title", "tags", "description", "labels.fr", "labels.en"],
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


def related_body(q: str, lang: Lang, subcategory: str | None) -> dict[str, Any]:
    """Popular searches (the suggestion index: terms that find gigs, with how often buyers
    searched them) sharing a word with ``q``, or in the subcategory it is about."""
    near: list[dict[str, Any]] = [
        {"match": {"term": {"query": q, "fuzziness": "AUTO", "prefix_length": 1}}}
    ]
    if subcategory:
        near.append({"term": {"subcategory": subcategory}})
    return {
        "size": 3 * RELATED_SEARCHES,
        "_source": ["term"],
        "track_total_hits": False,
        "query": {
            "bool": {
                "filter": [{"term": {"langs": lang}}],
                "should": near,
                "minimum_should_match": 1,
            }
        },
        "sort": [{"searches": "desc"}, {"count": "desc"}, {"term.keyword": "asc"}],
    }


def read_related(response: dict[str, Any], q: str) -> list[str]:
    terms = [str(h["_source"]["term"]) for h in response["hits"]["hits"]]
    return [t for t in dict.fromkeys(terms) if t != q.lower()][:RELATED_SEARCHES]
