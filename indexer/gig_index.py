"""Settings, analyzers and the strict mapping of the gig index.

Laid out for the results page at a million gigs: no nested documents (budget and delivery
are counted on per-band price lists of the gig itself, see ``indexer.documents``), facet
keywords with eager global ordinals, the default browse order as the index sort, prefixes
indexed with the words they begin (``index_prefixes``) instead of every edge n-gram.
"""

from __future__ import annotations

from typing import Any

from facets.common import DELIVERY_BAND_DAYS
from facets.model import Taxonomy

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
        # A second pass: the light stemmer drops one ending at a time, so "québécoise" and
        # "québécois" (française, français) meet only after two.
        "fr_light_stem_again": {"type": "stemmer", "language": "light_french"},
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
            "filter": [
                "fr_elision",
                "lowercase",
                "asciifolding",
                "fr_stop",
                "fr_light_stem",
                "fr_light_stem_again",
            ],
        },
        # English stems of French text (and of the English labels): French elisions and
        # stop words go too, or "de" would count as a word matched.
        "en_text": {
            "tokenizer": "standard",
            "filter": [
                "fr_elision",
                "en_possessive",
                "lowercase",
                "asciifolding",
                "fr_stop",
                "en_stop",
                "en_stem",
            ],
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


PREFIX_CHARS = 8  # the longest word start kept beside the terms


def _text(*, prefix: bool) -> dict[str, Any]:
    exact: dict[str, Any] = {"type": "text", "analyzer": "folded_text"}
    if prefix:
        # "logo minim" as the buyer types: the last word as the start of a word, answered
        # from the 1–8 letter prefixes Lucene keeps beside the terms.
        exact["index_prefixes"] = {"min_chars": 1, "max_chars": PREFIX_CHARS}
    fields: dict[str, Any] = {"en": {"type": "text", "analyzer": "en_text"}, "exact": exact}
    return {"type": "text", "analyzer": "fr_text", "fields": fields}


def _facet_keyword() -> dict[str, Any]:
    # Counted on every results page: global ordinals built at refresh, not by a search.
    return {"type": "keyword", "eager_global_ordinals": True}


# The default browse order (best sellers), then the tiebreak: a page of it stops early.
INDEX_SORT = (
    ("seller.completed_orders", "desc"),
    ("seller.rating", "desc"),
    ("gig_id", "asc"),
)


def gig_mapping(taxonomy: Taxonomy) -> dict[str, Any]:
    attribute_slugs = sorted({a.slug for s in taxonomy.subcategories for a in s.attributes})
    return {
        "dynamic": "strict",
        "properties": {
            "gig_id": {"type": "long"},
            "title": {
                **_text(prefix=True),
                "index_options": "offsets",  # cheap highlight
                "copy_to": "spelling",
            },
            "description": {
                "type": "text",
                "analyzer": "fr_text",
                "fields": {"en": {"type": "text", "analyzer": "en_text"}},
                "copy_to": "spelling",
            },
            "tags": {**_text(prefix=False), "copy_to": "spelling"},
            # What the taxonomy calls the gig (facets.labels), per language: a buyer's words
            # may be the taxonomy's, or English, where the seller wrote French.
            "labels": {
                "type": "object",
                "dynamic": "strict",
                "properties": {
                    "fr": {"type": "text", "analyzer": "fr_text", "copy_to": "spelling"},
                    "en": {"type": "text", "analyzer": "en_text", "copy_to": "spelling"},
                },
            },
            # Every searched word as written (folded): the dictionary a misspelt word is
            # corrected from, and a word it lacks matches nothing. Which gigs hold a word
            # only, no frequencies nor positions.
            "spelling": {
                "type": "text",
                "analyzer": "folded_text",
                "index_options": "docs",
                "norms": False,
            },
            "category": _facet_keyword(),
            "subcategory": _facet_keyword(),
            "attributes": {
                "type": "object",
                "dynamic": "strict",
                "properties": {slug: _facet_keyword() for slug in attribute_slugs},
            },
            # Shown, never searched: budget and delivery are searched on package_prices.
            "packages": {"type": "object", "enabled": False},
            # The prices of the packages delivering within each delivery band: "some package
            # at most $20 and within 24 h" is a range on package_prices.24h.
            "package_prices": {
                "type": "object",
                "dynamic": "strict",
                "properties": {band: {"type": "integer"} for band in DELIVERY_BAND_DAYS},
            },
            # Budget counts as keywords: a terms count is a fraction of a range count's cost
            # (see indexer.documents.step_pairs).
            "price_steps": {
                "type": "object",
                "dynamic": "strict",
                "properties": {band: _facet_keyword() for band in DELIVERY_BAND_DAYS},
            },
            # The delivery bands the fastest package meets.
            "delivery_within": _facet_keyword(),
            "price_from_cents": {"type": "integer"},
            "fastest_delivery_days": {"type": "integer"},
            "quality": {"type": "float"},  # the seller's record as a gentle score factor
            "seller": {
                "type": "object",
                "dynamic": "strict",
                "properties": {
                    "id": {"type": "long"},
                    "username": {"type": "keyword"},
                    "display_name": {"type": "text", "analyzer": "folded_text"},
                    "level": _facet_keyword(),
                    "level_rank": {"type": "byte"},
                    "languages": _facet_keyword(),
                    "country": _facet_keyword(),
                    # « Dans mes horaires » filters on the zone (facets.hours).
                    "timezone": _facet_keyword(),
                    "rating": {"type": "float"},
                    "rating_count": {"type": "integer"},
                    "completed_orders": {"type": "integer"},
                    "online": {"type": "boolean"},
                    "last_seen_at": {"type": "date"},
                    # The record buyers care about (marketplace_core.sellers.quality).
                    "on_time_rate": {"type": "float"},
                    "completion_rate": {"type": "float"},
                    "response_hours": {"type": "float"},
                    "repeat_buyer_rate": {"type": "float"},
                },
            },
            "thumbnail": {"type": "keyword", "index": False},
            "created_at": {"type": "date"},
            "updated_at": {"type": "date"},
        },
    }


def gig_index_body(taxonomy: Taxonomy, *, building: bool) -> dict[str, Any]:
    """Index creation body; while ``building``, no replicas and no refresh (bulk speed)."""
    return {
        "settings": {
            "index": {
                "number_of_shards": 1,
                "number_of_replicas": 0,
                "refresh_interval": "-1" if building else "1s",
                "max_ngram_diff": 20,
                "sort.field": [field for field, _ in INDEX_SORT],
                "sort.order": [order for _, order in INDEX_SORT],
            },
            "analysis": ANALYSIS,
        },
        "mappings": gig_mapping(taxonomy),
    }


# One replica as soon as the cluster has a second node (none on a single node, which stays
# green): losing a node loses no shard.
LIVE_SETTINGS: dict[str, Any] = {"index": {"refresh_interval": "1s", "auto_expand_replicas": "0-1"}}
