"""Settings and the strict mapping of the suggestion (autocomplete) index.

One document per term and subcategory. The term is searched three ways: by prefix of any of its
words (edge n-grams), by whole words, and as a whole (folded keyword, for sorting). The text
analysis is the gig index's, so a term and a gig title fold and elide the same way.
"""

from __future__ import annotations

from typing import Any

from indexer.gig_index import ANALYSIS

SUGGEST_MAPPING: dict[str, Any] = {
    "dynamic": "strict",
    "properties": {
        "term": {
            "type": "text",
            "analyzer": "folded_text",
            "norms": False,  # scores are constant per match kind; length must not weigh
            "fields": {
                "prefix": {
                    "type": "text",
                    "analyzer": "prefix_index",
                    "search_analyzer": "folded_text",
                    "norms": False,
                },
                "keyword": {"type": "keyword", "normalizer": "folded"},
            },
        },
        "category": {"type": "keyword"},
        "subcategory": {"type": "keyword"},
        "count": {"type": "integer"},  # active gigs matching the term in the subcategory
        "searches": {"type": "integer"},  # searches with results, from the query log
        "langs": {"type": "keyword"},  # interface languages the term is offered in
        "sources": {"type": "keyword"},  # where the term comes from, for diagnosis
    },
}


def suggest_index_body(*, building: bool) -> dict[str, Any]:
    """Index creation body; while ``building``, no refresh (bulk speed)."""
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
        "mappings": SUGGEST_MAPPING,
    }


# One replica as soon as the cluster has a second node, like the gig index.
LIVE_SETTINGS: dict[str, Any] = {"index": {"refresh_interval": "1s", "auto_expand_replicas": "0-1"}}
