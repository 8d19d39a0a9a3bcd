"""The search request bodies, built from a selection, compared as data."""

from __future__ import annotations

from typing import Any

import pytest

from facets.filters import BUDGET, budget_bands, facets_for
from facets.selection import Selection, parse_selection
from facets.taxonomy import TAXONOMY
from indexer.documents import step_pairs
from indexer.facet_kinds import BudgetKind, PageFacets
from indexer.search_query import (
    LEAN,
    Words,
    decode_cursor,
    encode_cursor,
    facets_body,
    hits_body,
    next_cursor,
    text_query,
)
from indexer.spelling import SpellingCheck
from indexer.understanding import Understood
from marketplace_core.errors import InvalidInput

BANDS = [(0, 1500), (1501, 4000), (4001, None)]


def bodies_for(
    query: list[tuple[str, str]], *, understood: Understood | None = None
) -> tuple[Selection, dict[str, Any], dict[str, Any]]:
    selection = parse_selection(query, TAXONOMY)
    page = PageFacets.of(selection, facets_for(selection, TAXONOMY))
    words = Words(selection.q, understood=understood)
    spelling = SpellingCheck.of(selection.q) if selection.q else None
    return (
        selection,
        hits_body(selection, page, words),
        facets_body(selection, page, BANDS, words, spelling),
    )


def keys(node: Any) -> set[str]:
    if isinstance(node, dict):
        return set(node) | {k for v in node.values() for k in keys(v)}
    if isinstance(node, list):
        return {k for v in node for k in keys(v)}
    return set()


LOGO_PAGE = [
    ("subcategory", "conception-logo"),
    ("level", "level_1"),
    ("level", "top_rated"),
    ("budget_max", "3000"),
    ("delivery", "3d"),
    ("style", "vintage"),
]
LEVELS = {"terms": {"seller.level": ["level_1", "top_rated"]}}
VINTAGE = {"terms": {"attributes.style": ["vintage"]}}
# Some package of at most $30 that delivers within 3 days: one range, no nested document.
PACKAGE_3D_MAX_30 = {"range": {"package_prices.3d": {"lte": 3000}}}


def test_the_hits_match_every_selection_budget_and_delivery_on_one_package() -> None:
    _, hits, _ = bodies_for(LOGO_PAGE)
    assert hits["query"]["bool"]["filter"] == [
        {"term": {"subcategory": "conception-logo"}},
        PACKAGE_3D_MAX_30,
        LEVELS,
        VINTAGE,
    ]
    assert "post_filter" not in hits
    assert "aggs" not in hits
    assert hits["track_total_hits"] is False  # the total comes with the facets


def test_each_facet_counts_under_the_other_selections_grouped_by_what_they_leave_out() -> None:
    _, _, counts = bodies_for(LOGO_PAGE)
    assert counts["size"] == 0
    assert counts["query"]["bool"]["filter"] == [
        {"match_all": {}},
        {"term": {"subcategory": "conception-logo"}},
    ]
    aggs = counts["aggs"]

    def under(group: str) -> list[Any]:
        return list(aggs[group]["filter"]["bool"]["filter"])

    # Facets without a selection of their own count under all of them: that is the total.
    assert under("all") == [PACKAGE_3D_MAX_30, LEVELS, VINTAGE]
    assert {"language", "country", "online", "format-fichier", "inclus"} <= set(aggs["all"]["aggs"])
    assert under("but_level") == [PACKAGE_3D_MAX_30, VINTAGE]
    assert set(aggs["but_level"]["aggs"]) == {"level"}
    assert under("but_style") == [PACKAGE_3D_MAX_30, LEVELS]
    # Budget and delivery share the package selection: both leave it out.
    assert under("but_packages") == [LEVELS, VINTAGE]
    budget = aggs["but_packages"]["aggs"]["budget"]
    delivery = aggs["but_packages"]["aggs"]["delivery"]
    # Budget bands within the selected delivery band, counted as keywords.
    assert budget == {"terms": {"field": "price_steps.3d", "size": 400}}
    # Delivery bands within the selected budget, on the same package.
    assert delivery == {
        "filters": {
            "filters": {
                "24h": {"range": {"package_prices.24h": {"lte": 3000}}},
                "3d": {"range": {"package_prices.3d": {"lte": 3000}}},
                "7d": {"range": {"package_prices.7d": {"lte": 3000}}},
            }
        }
    }
    assert "nested" not in keys(counts)


def test_delivery_alone_is_the_fastest_package_and_budget_alone_any_package() -> None:
    _, hits, counts = bodies_for([("delivery", "24h")])
    assert hits["query"]["bool"]["filter"] == [{"term": {"delivery_within": "24h"}}]
    assert counts["aggs"]["but_packages"]["aggs"]["delivery"] == {
        "terms": {"field": "delivery_within", "size": 3}
    }
    _, hits, counts = bodies_for([("budget_min", "2000"), ("budget_max", "5000")])
    assert hits["query"]["bool"]["filter"] == [
        {"range": {"package_prices.any": {"gte": 2000, "lte": 5000}}}
    ]
    budget = counts["aggs"]["but_packages"]["aggs"]["budget"]
    assert budget["terms"]["field"] == "price_steps.any"


def test_budget_counts_each_gig_once_per_band_from_its_price_step_pairs() -> None:
    """Pairs of (price step, step of the next cheaper price): summed over a band's steps
    with the lower step below the band, each gig counts once, whatever its prices."""
    bands = [(0, 1000), (1001, 2500), (2501, 10000), (10001, None)]
    gigs = [[900], [1200, 1800, 2400], [800, 2600, 9000, 12000], [150000], [1000, 1001]]
    counts: dict[str, int] = {}
    for prices in gigs:
        for pair in step_pairs(prices):
            counts[pair] = counts.get(pair, 0) + 1
    agg = {"buckets": [{"key": k, "doc_count": n} for k, n in counts.items()]}
    selection = parse_selection([], TAXONOMY)
    result = BudgetKind(BUDGET).read(agg, selection, TAXONOMY, bands)

    def expected(low: int, high: int | None) -> int:
        return sum(any(low <= p and (high is None or p <= high) for p in g) for g in gigs)

    assert [b.count for b in result.buckets] == [expected(lo, hi) for lo, hi in bands]
    assert [b.count for b in result.buckets] == [3, 2, 1, 2]


def test_no_selection_counts_at_the_top_level_with_the_category_tree() -> None:
    _, hits, counts = bodies_for([])
    assert "category" in counts["aggs"]
    # The tree from subcategory counts alone: a category's is the sum of its own.
    assert counts["aggs"]["category"] == {"terms": {"field": "subcategory", "size": 200}}
    assert counts["track_total_hits"] is True  # the total is the facets request's own
    assert hits["sort"][0] == {"seller.completed_orders": "desc"}  # browsing: best sellers


def test_never_typo_tolerant_the_spelling_checked_beside_the_facets() -> None:
    _, hits, counts = bodies_for([("q", "lgo minimaliste")])
    assert "fuzziness" not in str(hits) + str(counts)
    suggester = counts["suggest"]["spelling"]
    assert suggester["text"] == "lgo minimaliste"
    # Only words no gig holds are given corrections: a word that exists is never another.
    assert suggester["term"]["suggest_mode"] == "missing"
    assert suggester["term"]["field"] == "spelling"
    assert "suggest" not in hits
    _, _, browse = bodies_for([("category", "graphisme-design")])
    assert "suggest" not in browse  # no words, nothing to check


def test_the_taxonomy_labels_match_beside_the_text_and_add_to_it() -> None:
    clause = text_query("charte graphique")
    alternatives = clause["bool"]["must"][0]["bool"]["should"]
    fields = [a["multi_match"]["fields"] for a in alternatives if "multi_match" in a]
    assert ["labels.fr^2", "labels.en^2"] in fields
    assert any("title^3" in f for f in fields)
    # Alternatives of a should: a gig matching both the text and its labels scores both.
    assert clause["bool"]["must"][0]["bool"]["minimum_should_match"] == 1


def test_the_understood_subcategory_leans_the_best_matches_gently() -> None:
    understood = Understood("graphisme-design", "conception-logo", 0.8)
    _, hits, counts = bodies_for([("q", "logo")], understood=understood)
    functions = hits["rescore"][-1]["query"]["rescore_query"]["function_score"]["functions"]
    lean = {"filter": {"term": {"subcategory": "conception-logo"}}, "weight": 1 + LEAN * 0.8}
    assert lean in functions
    assert hits["rescore"][-1]["window_size"] == 100  # a reordering of the best only
    assert "conception-logo" not in str(hits["query"]) + str(counts)  # no gig left out


def test_user_text_never_reaches_a_query_string_syntax() -> None:
    _, hits, counts = bodies_for([("q", 'logo "AND (title:*) OR \\')])
    assert not (keys(hits) | keys(counts)) & {"query_string", "simple_query_string"}
    # Words together, then the seller's record, reorder the best matches once found.
    together, record = hits["rescore"]
    assert together["query"]["score_mode"] == "total"
    assert "match_phrase" in str(together)
    assert "cross_fields" in str(together)
    assert record["query"]["score_mode"] == "multiply"
    assert "function_score" not in str(hits["query"]) + str(counts["query"])
    assert "match_phrase" not in str(hits["query"]) + str(counts["query"])
    assert hits["highlight"]["encoder"] == "html"


def test_pages_use_from_and_cursors_search_after() -> None:
    _, body, _ = bodies_for([("sort", "price_asc"), ("page", "3"), ("size", "10")])
    assert body["from"] == 20
    assert body["sort"] == [{"price_from_cents": "asc"}, {"gig_id": "asc"}]
    cursor = encode_cursor("price_asc", [1500, 42])
    _, after, _ = bodies_for([("sort", "price_asc"), ("cursor", cursor)])
    assert after["search_after"] == [1500, 42]
    assert "from" not in after


def test_by_relevance_the_score_alone_orders_and_the_cursor_is_an_offset() -> None:
    selection, body, _ = bodies_for([("q", "logo"), ("page", "2"), ("size", "10")])
    assert "sort" not in body  # the score's order: the best hits found without scoring all
    # Within the first page's pool (indexer.diversity): from the top, cut after.
    assert (body["from"], body["size"]) == (0, 30)
    _, deeper, _ = bodies_for([("q", "logo"), ("page", "5"), ("size", "10")])
    assert (deeper["from"], deeper["size"]) == (40, 10)
    assert [step["window_size"] for step in body["rescore"]] == [100]  # one word: no phrase
    hits = [{"sort": [1.0]}] * 10
    cursor = next_cursor(selection, hits)
    assert cursor is not None
    _, after, _ = bodies_for([("q", "logo"), ("size", "10"), ("cursor", cursor)])
    assert (after["from"], after["size"]) == (0, 30)  # the third page: 20 to 30
    assert "search_after" not in after
    assert next_cursor(selection, hits[:9]) is None  # a short page is the last
    deep = encode_cursor("relevance", [9_990])
    deep_selection, deep_body, _ = bodies_for([("q", "logo"), ("size", "10"), ("cursor", deep)])
    assert deep_body["rescore"][0]["window_size"] == 100  # the same window for every page
    assert next_cursor(deep_selection, hits) is None  # no deeper than the result window
    with pytest.raises(InvalidInput):
        bodies_for([("q", "logo"), ("cursor", encode_cursor("relevance", [10_000]))])


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
