"""Every state of the results pages is a URL: canonical addresses, what a click leads to,
and amounts as buyers type them."""

from __future__ import annotations

import pytest

from facets.selection import Selection
from facets.taxonomy import TAXONOMY
from indexer.search import SearchResult
from marketplace_core.errors import InvalidInput
from search_api.pages.amounts import cents_of, dollars_of
from search_api.pages.search_pages import canonical, paging
from search_api.pages.urls import results_url, toggled, with_value


def test_the_place_is_the_path_and_the_rest_the_query() -> None:
    assert results_url([("q", "logo")], TAXONOMY) == "/recherche?q=logo"
    assert results_url([], TAXONOMY) == "/recherche"
    assert (
        results_url([("category", "graphisme-design")], TAXONOMY) == "/categories/graphisme-design"
    )
    # A subcategory alone finds its category.
    assert (
        results_url([("subcategory", "conception-logo"), ("style", "vintage")], TAXONOMY)
        == "/categories/graphisme-design/conception-logo?style=vintage"
    )
    assert results_url([("q", ""), ("level", "new")], TAXONOMY) == "/recherche?level=new"
    assert results_url([("q", "café & thé")], TAXONOMY) == "/recherche?q=caf%C3%A9+%26+th%C3%A9"


def test_a_multi_valued_filter_adds_beside_the_others_and_removes_only_itself() -> None:
    params = [("q", "logo"), ("level", "new"), ("page", "3")]
    added = toggled(params, "level", "top_rated", multi=True, selected=False, sets={})
    assert added == [("q", "logo"), ("level", "new"), ("level", "top_rated")]  # page 1 again
    removed = toggled(added, "level", "new", multi=True, selected=True, sets={})
    assert removed == [("q", "logo"), ("level", "top_rated")]


def test_a_single_valued_filter_replaces_its_value() -> None:
    params = [("q", "logo"), ("delivery", "7d")]
    assert toggled(
        params, "delivery", "24h", multi=False, selected=False, sets={"delivery": "24h"}
    ) == [
        ("q", "logo"),
        ("delivery", "24h"),
    ]
    band = toggled(
        [("budget_min", "501"), ("budget_max", "1500")],
        "budget",
        "0-2000",
        multi=False,
        selected=False,
        sets={"budget_max": "2000"},
    )
    assert band == [("budget_max", "2000")]
    assert toggled(params, "delivery", "7d", multi=False, selected=True, sets={}) == [("q", "logo")]


def test_choosing_a_category_drops_the_subcategory() -> None:
    params = [("q", "logo"), ("subcategory", "illustration")]
    chosen = toggled(
        params,
        "category",
        "musique-audio",
        multi=False,
        selected=False,
        sets={"category": "musique-audio"},
    )
    assert chosen == [("q", "logo"), ("category", "musique-audio")]


def test_a_correction_replaces_the_words_only() -> None:
    assert with_value([("q", "lgoi"), ("level", "new"), ("cursor", "x")], "q", "logo") == [
        ("level", "new"),
        ("q", "logo"),
    ]


def test_a_filter_form_becomes_the_canonical_parameters() -> None:
    sent = [("q", "logo"), ("prix_min", ""), ("prix_max", "20"), ("delivery", ""), ("level", "new")]
    assert canonical(sent) == [("q", "logo"), ("budget_max", "2000"), ("level", "new")]
    with pytest.raises(InvalidInput) as caught:
        canonical([("prix_max", "vingt")])
    assert caught.value.problems[0].field == "prix_max"


@pytest.mark.parametrize(
    ("typed", "cents"),
    [("20", 2000), ("12,5", 1250), ("12.05", 1205), ("$ 40", 4000), ("", None), ("  ", None)],
)
def test_amounts_in_dollars_become_cents(typed: str, cents: int | None) -> None:
    assert cents_of(typed, "budget") == cents
    if cents is not None:
        assert cents_of(dollars_of(cents), "budget") == cents


@pytest.mark.parametrize("typed", ["-5", "1e3", "12.345", "douze", "12,50,1"])
def test_anything_else_is_refused_naming_the_field(typed: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        cents_of(typed, "budget")
    assert (caught.value.problems[0].field, caught.value.problems[0].rule) == (
        "budget",
        "amount.format",
    )


def test_pages_up_to_fifty_then_more_results_through_the_cursor() -> None:
    params = [("q", "logo")]
    first = paging(Selection(q="logo"), params, SearchResult(2000, [], [], "abc"))
    assert [n for n, _ in first["numbers"]] == [1, 2, 3, None, 50]
    assert first["previous"] is None
    assert first["next"] == "/recherche?q=logo&page=2"
    assert first["more"] is None
    last = paging(
        Selection(q="logo", page=50), [*params, ("page", "50")], SearchResult(2000, [], [], "abc")
    )
    assert last["next"] is None
    assert last["more"] == "/recherche?q=logo&cursor=abc"
    beyond = paging(
        Selection(q="logo", cursor="abc"),
        [*params, ("cursor", "abc")],
        SearchResult(2000, [], [], "def"),
    )
    assert beyond["numbers"] == []
    assert beyond["more"] == "/recherche?q=logo&cursor=def"
