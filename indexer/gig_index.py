"""Settings, analyzers and the strict mapping of the gig index."""

from __future__ import annotations

from typing import Any

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


def gig_index_body(taxonomy: Taxonomy, *, building: bool) -> dict[str, Any]:
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


# One replica as soon as the cluster has a second node (none on a single node, which stays
# green): losing a node loses no shard.
LIVE_SETTINGS: dict[str, Any] = {"index": {"refresh_interval": "1s", "auto_expand_replicas": "0-1"}}
