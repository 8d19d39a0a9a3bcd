"""The search design before the 1 M work, kept to measure against: today's index and bodies.

A copy (not an import) of the mapping, the facet aggregations and the request body the engine
used before: nested packages walked for budget and delivery counts, one filtered aggregation
per facet, fuzzy multi-field matching, exact total hits, hits and facets in one request. The
bench builds this index beside the engine's from the same documents and sends both designs the
same pages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from facets.common import DELIVERY_BAND_DAYS
from facets.filters import Facet
from facets.model import Taxonomy
from facets.selection import Selection

Clause = dict[str, Any]

# -- index ------------------------------------------------------------------------------------
FRENCH_ELISIONS = [
    "l",
    "m",
    "t",
    "qu",
    "n",
    "s",
    "j",
    "d",
    "c",
    "jusqu",
    "quoiqu",
    "lorsqu",
    "puisqu",
]

ANALYSIS: dict[str, Any] = {
    "filter": {
        "fr_elision": {"type": "elision", "articles_case": True, "articles": FRENCH_ELISIONS},
        "fr_stop": {"type": "stop", "stopwords": "_french_"},
        "fr_light_stem": {"type": "stemmer", "language": "light_french"},
        "en_stop": {"type": "stop", "stopwords": "_english_"},
        "en_possessive": {"type": "stemmer", "language": "possessive_english"},
        "en_stem": {"type": "stemmer", "language": "light_english"},
        "prefix_ngrams": {"type": "edge_ngram", "min_gram": 1, "max_gram": 20},
    },
    "normalizer": {
        "folded": {"type": "custom", "filter": ["lowercase", "asciifolding"]},
    },
    "analyzer": {
        # "délais" and "delai" meet: elision, folding, light stemming.
        "fr_text": {
            "tokenizer": "standard",
            "filter": ["fr_elision", "lowercase", "asciifolding", "fr_stop", "fr_light_stem"],
        },
        "en_text": {
            "tokenizer": "standard",
            "filter": ["en_possessive", "lowercase", "asciifolding", "en_stop", "en_stem"],
        },
        # Words as written, only folded: exact matches score above stemmed ones.
        "folded_text": {
            "tokenizer": "standard",
            "filter": ["fr_elision", "lowercase", "asciifolding"],
        },
        "prefix_index": {
            "tokenizer": "standard",
            "filter": ["fr_elision", "lowercase", "asciifolding", "prefix_ngrams"],
        },
    },
}


def _text(*, prefix: bool = False) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "en": {"type": "text", "analyzer": "en_text"},
        "exact": {"type": "text", "analyzer": "folded_text"},
    }
    if prefix:
        fields["prefix"] = {
            "type": "text",
            "analyzer": "prefix_index",
            "search_analyzer": "folded_text",
        }
    return {"type": "text", "analyzer": "fr_text", "fields": fields}


def gig_mapping(taxonomy: Taxonomy) -> dict[str, Any]:
    attribute_slugs = sorted({a.slug for s in taxonomy.subcategories for a in s.attributes})
    return {
        "dynamic": "strict",
        "properties": {
            "gig_id": {"type": "long"},
            "title": _text(prefix=True),
            "description": _text(),
            "tags": {
                **_text(prefix=True),
                "fields": {
                    **_text(prefix=True)["fields"],
                    "keyword": {"type": "keyword", "normalizer": "folded"},
                },
            },
            "category": {"type": "keyword"},
            "subcategory": {"type": "keyword"},
            "attributes": {
                "type": "object",
                "dynamic": "strict",
                "properties": {slug: {"type": "keyword"} for slug in attribute_slugs},
            },
            # Nested so a budget and a delivery filter must hold for the same package.
            "packages": {
                "type": "nested",
                "dynamic": "strict",
                "properties": {
                    "tier": {"type": "keyword"},
                    "price_cents": {"type": "integer"},
                    "delivery_days": {"type": "integer"},
                    "revisions": {"type": "integer"},
                },
            },
            "price_from_cents": {"type": "integer"},
            "fastest_delivery_days": {"type": "integer"},
            "seller": {
                "type": "object",
                "dynamic": "strict",
                "properties": {
                    "id": {"type": "long"},
                    "username": {"type": "keyword"},
                    "display_name": {"type": "text", "analyzer": "folded_text"},
                    "level": {"type": "keyword"},
                    "level_rank": {"type": "byte"},
                    "languages": {"type": "keyword"},
                    "country": {"type": "keyword"},
                    "rating": {"type": "float"},
                    "rating_count": {"type": "integer"},
                    "completed_orders": {"type": "integer"},
                    "online": {"type": "boolean"},
                    "last_seen_at": {"type": "date"},
                },
            },
            "thumbnail": {"type": "keyword", "index": False},
            "created_at": {"type": "date"},
            "updated_at": {"type": "date"},
        },
    }


def before_index_body(taxonomy: Taxonomy, *, building: bool) -> dict[str, Any]:
    """Index creation body; while ``building``, no replicas and no refresh (bulk speed)."""
    return {
        "settings": {
            "index": {
                "number_of_shards": 1,
                "number_of_replicas": 0,
                "refresh_interval": "-1" if building else "1s",
                "max_ngram_diff": 20,
            },
            "analysis": ANALYSIS,
        },
        "mappings": gig_mapping(taxonomy),
    }


def before_document(document: dict[str, Any]) -> dict[str, Any]:
    """Today's document from the engine's: the fields the former design did not have left out."""
    found = {k: v for k, v in document.items() if k in BEFORE_FIELDS}
    seller = found.get("seller")
    if isinstance(seller, dict):
        found["seller"] = {k: v for k, v in seller.items() if k in BEFORE_SELLER_FIELDS}
    return found


BEFORE_FIELDS = frozenset(
    {
        "gig_id", "title", "description", "tags", "category", "subcategory", "attributes",
        "packages", "price_from_cents", "fastest_delivery_days", "seller", "thumbnail",
        "created_at", "updated_at",
    }
)  # fmt: skip


BEFORE_SELLER_FIELDS = frozenset(
    {
        "id", "username", "display_name", "level", "level_rank", "languages", "country",
        "rating", "rating_count", "completed_orders", "online", "last_seen_at",
    }
)  # fmt: skip


# -- facets -----------------------------------------------------------------------------------
FIELDS = {"level": "seller.level", "language": "seller.languages", "country": "seller.country"}


def _field(facet_name: str) -> str:
    return FIELDS.get(facet_name, f"attributes.{facet_name}")


def scope_filters(selection: Selection) -> list[Clause]:
    """Category and subcategory narrow the page itself (they are not widened by facets)."""
    clauses: list[Clause] = []
    if selection.subcategory:
        clauses.append({"term": {"subcategory": selection.subcategory}})
    elif selection.category:
        clauses.append({"term": {"category": selection.category}})
    return clauses


def package_clause(*, budget: tuple[int | None, int | None], days: int | None) -> Clause | None:
    """One nested clause: some single package within the budget and the delivery time."""
    inner: list[Clause] = []
    low, high = budget
    if low is not None or high is not None:
        bounds = {k: v for k, v in (("gte", low), ("lte", high)) if v is not None}
        inner.append({"range": {"packages.price_cents": bounds}})
    if days is not None:
        inner.append({"range": {"packages.delivery_days": {"lte": days}}})
    if not inner:
        return None
    return {"nested": {"path": "packages", "query": {"bool": {"filter": inner}}}}


def facet_filters(selection: Selection, facets: Sequence[Facet]) -> dict[str, Clause]:
    """The filter each facet's selection adds, by facet name (absent when nothing selected)."""
    selected: dict[str, Clause] = {}
    for facet in facets:
        if facet.kind == "terms":
            values = _selected_values(selection, facet)
            if values:
                selected[facet.name] = {"terms": {_field(facet.name): list(values)}}
        elif facet.kind == "online" and selection.online:
            selected[facet.name] = {"term": {"seller.online": True}}
    # Budget and delivery share one nested clause (same package); it counts as both facets.
    both = package_clause(
        budget=(selection.budget_min, selection.budget_max), days=selection.delivery_days
    )
    if both is not None:
        selected["packages"] = both
    return selected


def post_filter(selected: Mapping[str, Clause]) -> Clause | None:
    return {"bool": {"filter": list(selected.values())}} if selected else None


def _selected_values(selection: Selection, facet: Facet) -> tuple[str, ...]:
    if facet.name == "level":
        return selection.levels
    if facet.name == "language":
        return selection.languages
    if facet.name == "country":
        return selection.countries
    return selection.attributes.get(facet.name, ())


# -- aggregations ---------------------------------------------------------------------------
def aggregations(
    selection: Selection,
    facets: Sequence[Facet],
    selected: Mapping[str, Clause],
    budget_bands: Sequence[tuple[int, int | None]],
) -> dict[str, Any]:
    aggs: dict[str, Any] = {}
    for facet in facets:
        others = [c for name, c in selected.items() if name not in (facet.name, "packages")]
        if facet.kind not in ("budget", "delivery") and "packages" in selected:
            others.append(selected["packages"])
        if facet.kind == "budget":
            # Same package as the delivery selection, whatever the budget selection.
            inner = _nested_counts(
                _package_filters(days=selection.delivery_days),
                {
                    "range": {
                        "field": "packages.price_cents",
                        "ranges": [
                            {
                                "key": band_key(band),
                                "from": band[0],
                                **({"to": band[1] + 1} if band[1] is not None else {}),
                            }
                            for band in budget_bands
                        ],
                    }
                },
            )
        elif facet.kind == "delivery":
            inner = _nested_counts(
                _package_filters(budget=(selection.budget_min, selection.budget_max)),
                {
                    "filters": {
                        "filters": {
                            slug: {"range": {"packages.delivery_days": {"lte": days}}}
                            for slug, days in DELIVERY_BAND_DAYS.items()
                            if days is not None
                        }
                    }
                },
            )
        elif facet.kind == "category":
            inner = {
                "terms": {"field": "category", "size": 50},
                "aggs": {"sub": {"terms": {"field": "subcategory", "size": 100}}},
            }
        elif facet.kind == "online":
            inner = {"filter": {"term": {"seller.online": True}}}
        else:
            inner = {"terms": {"field": _field(facet.name), "size": max(len(facet.choices), 10)}}
        aggs[facet.name] = {"filter": {"bool": {"filter": others}}, "aggs": {"f": inner}}
    return aggs


def _package_filters(
    *, budget: tuple[int | None, int | None] = (None, None), days: int | None = None
) -> list[Clause]:
    clause = package_clause(budget=budget, days=days)
    return clause["nested"]["query"]["bool"]["filter"] if clause else []


def _nested_counts(package_filters: list[Clause], buckets: dict[str, Any]) -> dict[str, Any]:
    """Bucket packages, then count each bucket's distinct gigs (reverse_nested)."""
    buckets = {**buckets, "aggs": {"gigs": {"reverse_nested": {}}}}
    return {
        "nested": {"path": "packages"},
        "aggs": {"p": {"filter": {"bool": {"filter": package_filters}}, "aggs": {"b": buckets}}},
    }


def band_key(band: tuple[int, int | None]) -> str:
    return f"{band[0]}-{band[1] if band[1] is not None else ''}"


# -- body -------------------------------------------------------------------------------------
SORTS: dict[str, list[Clause]] = {
    "relevance": [{"_score": "desc"}, {"seller.completed_orders": "desc"}],
    "best_selling": [{"seller.completed_orders": "desc"}, {"seller.rating": "desc"}],
    "newest": [{"created_at": "desc"}],
    "price_asc": [{"price_from_cents": "asc"}],
    "price_desc": [{"price_from_cents": "desc"}],
    "rating": [{"seller.rating": "desc"}, {"seller.rating_count": "desc"}],
}
TIEBREAK: Clause = {"gig_id": "asc"}  # a total order, so cursors never skip or repeat
SOURCE = [
    "gig_id",
    "title",
    "subcategory",
    "category",
    "price_from_cents",
    "fastest_delivery_days",
    "thumbnail",
    "seller.username",
    "seller.level",
    "seller.rating",
    "seller.rating_count",
    "seller.online",
]


def text_query(q: str) -> Clause:
    """Title and tags above description; exact words above stems above fuzzy matches;
    all the words above some of them."""
    if not q:
        return {"match_all": {}}
    return {
        "bool": {
            # Anything close enough may match: typo-tolerant, most of the words.
            "must": [
                {
                    "multi_match": {
                        "query": q,
                        "fields": [
                            "title^3",
                            "tags^3",
                            "description",
                            "title.en^2",
                            "tags.en^2",
                            "description.en^0.5",
                        ],
                        "type": "best_fields",
                        "fuzziness": "AUTO",  # 0 edits up to 2 letters, 1 up to 5, then 2
                        "prefix_length": 1,
                        "minimum_should_match": "2<75%",
                    }
                }
            ],
            "should": [
                # The same words as written (folded, not stemmed).
                {
                    "multi_match": {
                        "query": q,
                        "fields": ["title.exact^4", "tags.exact^4"],
                        "operator": "and",
                        "boost": 2,
                    }
                },
                # Every word present, without typos.
                {
                    "multi_match": {
                        "query": q,
                        "fields": ["title^2", "tags^2", "description"],
                        "type": "cross_fields",
                        "operator": "and",
                        "boost": 2,
                    }
                },
                # The words as the beginnings of words: "logo minim" as the buyer types.
                {"match": {"title.prefix": {"query": q, "operator": "and", "boost": 1}}},
                {"match_phrase": {"title.exact": {"query": q, "slop": 1, "boost": 2}}},
            ],
        }
    }


def gentle_boost(query: Clause) -> Clause:
    """Rating and completed orders multiply the score by at most ~1.25: they order close
    matches, never overturn a clearly better one."""
    return {
        "function_score": {
            "query": query,
            "functions": [
                {"weight": 1},
                {
                    "field_value_factor": {
                        "field": "seller.completed_orders",
                        "modifier": "log1p",
                        "factor": 0.02,
                        "missing": 0,
                    }
                },
                {"field_value_factor": {"field": "seller.rating", "factor": 0.01, "missing": 0}},
            ],
            "score_mode": "sum",
            "boost_mode": "multiply",
            "max_boost": 1.25,
        }
    }


def before_body(
    selection: Selection, facets: Sequence[Facet], budget_bands: Sequence[tuple[int, int | None]]
) -> dict[str, Any]:
    """Today's body for a results page (the bench sends no cursor)."""
    selected = facet_filters(selection, facets)
    query: Clause = {
        "bool": {"must": [text_query(selection.q)], "filter": scope_filters(selection)}
    }
    body: dict[str, Any] = {
        "query": gentle_boost(query) if selection.q else query,
        "aggs": aggregations(selection, facets, selected, budget_bands),
        "sort": [*SORTS[selection.effective_sort], TIEBREAK],
        "size": selection.size,
        "track_total_hits": True,
        "_source": SOURCE,
    }
    if (post := post_filter(selected)) is not None:
        body["post_filter"] = post
    if selection.q:
        body["highlight"] = {
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "encoder": "html",  # titles are user text: escaped, then marked
            "fields": {"title": {"number_of_fragments": 0}},
        }
    body["from"] = (selection.page - 1) * selection.size
    return body
