"""The gig search request body: relevance, filters, facets, sort, highlight, paging.

Pure (plain dicts); tested by comparing built bodies. User text only ever goes into
match-type queries, never into a query-string syntax.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from typing import Any

from facets.filters import Facet, aggregations, post_filter, scope_filters
from facets.selection import Selection
from marketplace_core.errors import InvalidInput
from marketplace_core.thesaurus.rules import Variant

Clause = dict[str, Any]

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


def text_query(q: str, *, fuzzy: bool = True) -> Clause:
    """Title and tags above description; exact words above stems above fuzzy matches;
    all the words above some of them."""
    if not q:
        return {"match_all": {}}
    # 0 edits up to 2 letters, 1 up to 5, then 2.
    fuzziness = {"fuzziness": "AUTO", "prefix_length": 1} if fuzzy else {}
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
                        **fuzziness,
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


def with_variants(q: str, variants: Sequence[Variant]) -> Clause:
    """The buyer's words or any of their thesaurus phrasings (marketplace_core.thesaurus),
    whichever matches best, a phrasing at its weight. Phrasings are spelled by the
    thesaurus, so without fuzziness: the costly part, and already applied to the words."""
    if not variants:
        return text_query(q)
    phrasings = (
        {"bool": {"must": [text_query(v.text, fuzzy=False)], "boost": v.weight}} for v in variants
    )
    return {"dis_max": {"queries": [text_query(q), *phrasings]}}


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


def search_body(
    selection: Selection,
    facets: Sequence[Facet],
    selected: dict[str, Clause],
    budget_bands: Sequence[tuple[int, int | None]],
    variants: Sequence[Variant] = (),
) -> dict[str, Any]:
    query: Clause = {
        "bool": {
            "must": [with_variants(selection.q, variants)],
            "filter": scope_filters(selection),
        }
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
    if selection.cursor:
        body["search_after"] = decode_cursor(selection.cursor, selection.effective_sort)
    else:
        body["from"] = (selection.page - 1) * selection.size
    return body


def encode_cursor(sort: str, values: Sequence[Any]) -> str:
    raw = json.dumps([sort, list(values)], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        cursor_sort, values = json.loads(base64.urlsafe_b64decode(padded))
    except (ValueError, TypeError) as exc:
        raise InvalidInput.one("cursor", "cursor.invalid", "cursor is not valid") from exc
    if cursor_sort != sort or not isinstance(values, list):
        raise InvalidInput.one(
            "cursor",
            "cursor.sort_changed",
            "cursor belongs to another sort; start again from page 1",
        )
    return values
