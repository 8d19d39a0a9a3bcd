"""The search request body, built from a selection, compared as data."""

from __future__ import annotations

from typing import Any

import pytest

from facets.filters import budget_bands, facet_filters, facets_for
from facets.selection import Selection, parse_selection
from facets.taxonomy import TAXONOMY
from indexer.search_query import decode_cursor, encode_cursor, search_body
from marketplace_core.errors import InvalidInput

BANDS = [(0, 1500), (1501, 4000), (4001, None)]


def body_for(query: list[tuple[str, str]]) -> tuple[Selection, dict[str, Any]]:
    selection = parse_selection(query, TAXONOMY)
    facets = facets_for(selection, TAXONOMY)
    return selection, search_body(selection, facets, facet_filters(selection, facets), BANDS)


def keys(node: Any) -> set[str]:
    if isinstance(node, dict):
        return set(node) | {k for v in node.values() for k in keys(v)}
    if isinstance(node, list):
        return {k for v in node for k in keys(v)}
    return set()


NESTED_3D_MAX_30 = {
    "nested": {
        "path": "packages",
        "query": {
            "bool": {
                "filter": [
                    {"range": {"packages.price_cents": {"lte": 3000}}},
                    {"range": {"packages.delivery_days": {"lte": 3}}},
                ]
            }
        },
    }
}


def test_selection_goes_to_post_filter_and_budget_with_delivery_share_one_package() -> None:
    _, body = body_for(
        [
            ("subcategory", "conception-logo"),
            ("level", "level_1"),
            ("level", "top_rated"),
            ("budget_max", "3000"),
            ("delivery", "3d"),
            ("style", "vintage"),
        ]
    )
    assert body["query"]["bool"]["filter"] == [{"term": {"subcategory": "conception-logo"}}]
    assert body["post_filter"] == {
        "bool": {
            "filter": [
                {"terms": {"seller.level": ["level_1", "top_rated"]}},
                {"terms": {"attributes.style": ["vintage"]}},
                NESTED_3D_MAX_30,
            ]
        }
    }


def test_each_facet_counts_under_the_other_facets_only() -> None:
    _, body = body_for(
        [
            ("subcategory", "conception-logo"),
            ("level", "level_1"),
            ("budget_max", "3000"),
            ("delivery", "3d"),
            ("style", "vintage"),
        ]
    )
    aggs = body["aggs"]
    assert aggs["level"]["filter"]["bool"]["filter"] == [
        {"terms": {"attributes.style": ["vintage"]}},
        NESTED_3D_MAX_30,
    ]
    assert aggs["style"]["filter"]["bool"]["filter"] == [
        {"terms": {"seller.level": ["level_1"]}},
        NESTED_3D_MAX_30,
    ]
    # Budget and delivery: the other facets outside, the other half of the package inside.
    level_and_style = [
        {"terms": {"seller.level": ["level_1"]}},
        {"terms": {"attributes.style": ["vintage"]}},
    ]
    assert aggs["budget"]["filter"]["bool"]["filter"] == level_and_style
    assert aggs["delivery"]["filter"]["bool"]["filter"] == level_and_style
    budget_inner = aggs["budget"]["aggs"]["f"]["aggs"]["p"]["filter"]["bool"]["filter"]
    assert budget_inner == [{"range": {"packages.delivery_days": {"lte": 3}}}]
    delivery_inner = aggs["delivery"]["aggs"]["f"]["aggs"]["p"]["filter"]["bool"]["filter"]
    assert delivery_inner == [{"range": {"packages.price_cents": {"lte": 3000}}}]
    ranges = aggs["budget"]["aggs"]["f"]["aggs"]["p"]["aggs"]["b"]["range"]["ranges"]
    assert ranges == [
        {"key": "0-1500", "from": 0, "to": 1501},
        {"key": "1501-4000", "from": 1501, "to": 4001},
        {"key": "4001-", "from": 4001},
    ]


def test_no_selection_no_post_filter_and_a_category_tree() -> None:
    _, body = body_for([])
    assert "post_filter" not in body
    assert "category" in body["aggs"]
    assert body["sort"][0] == {"seller.completed_orders": "desc"}  # browsing: best sellers


def test_user_text_never_reaches_a_query_string_syntax() -> None:
    _, body = body_for([("q", 'logo "AND (title:*) OR \\')])
    assert not keys(body) & {"query_string", "simple_query_string"}
    assert "function_score" in body["query"]
    assert body["highlight"]["encoder"] == "html"


def test_pages_use_from_and_cursors_search_after() -> None:
    _, body = body_for([("sort", "price_asc"), ("page", "3"), ("size", "10")])
    assert body["from"] == 20
    assert body["sort"] == [{"price_from_cents": "asc"}, {"gig_id": "asc"}]
    cursor = encode_cursor("price_asc", [1500, 42])
    _, after = body_for([("sort", "price_asc"), ("cursor", cursor)])
    assert after["search_after"] == [1500, 42]
    assert "from" not in after


def test_a_cursor_from_another_sort_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        decode_cursor(encode_cursor("newest", [1]), "price_asc")
    assert caught.value.problems[0].field == "cursor"


def test_budget_bands_follow_the_prices() -> None:
    assert budget_bands([1200, 2600, 9800]) == [
        (0, 1000),
        (1001, 2500),
        (2501, 10000),
        (10001, None),
    ]
    assert budget_bands([]) == [(0, None)]
    # Quartiles that round to the same amount give fewer bands, never empty ones.
    assert budget_bands([510, 520, 530]) == [(0, None)]
