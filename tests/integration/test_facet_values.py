"""Facet value search and the budget's price histogram on the real node, over the seeded
catalog of the results pages' tests, checked against the database."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from tests.integration.test_search import Catalog, Row, catalog, facet

__all__ = ["catalog"]  # the module-scoped catalog fixture, shared


def values(catalog: Catalog, query: str, status: int = 200) -> Any:
    response = catalog.client.get(f"/search/facet-values?{query}")
    assert response.status_code == status, response.text
    return response.json()


def counted(body: Any) -> dict[str, int]:
    return {v["value"]: v["count"] for v in body["values"]}


def test_letters_name_values_in_either_language_or_by_code(catalog: Catalog) -> None:
    assert set(counted(values(catalog, "facet=language&q=por"))) == {"pt"}
    assert set(counted(values(catalog, "facet=language&q=germ&lang=en"))) == {"de"}
    assert set(counted(values(catalog, "facet=language&q=Alle"))) == {"de"}
    assert set(counted(values(catalog, "facet=country&q=belg"))) == {"BE"}
    assert set(counted(values(catalog, "facet=language&q=zz"))) == set()
    assert values(catalog, "facet=language&q=por")["label"] == "Langue du vendeur"


def test_counts_honour_the_other_filters_and_leave_out_the_facets_own(catalog: Catalog) -> None:
    query = "facet=language&q=e&level=top_rated&country=FR&language=es"
    body = values(catalog, query)

    def expected(code: str) -> int:
        return sum(
            1
            for r in catalog.rows
            if r.level == "top_rated" and r.country == "FR" and code in r.languages
        )

    found = counted(body)
    assert {"en", "es"} <= set(found)  # Anglais / English, Espagnol
    for code, count in found.items():
        assert count == expected(code), code
    assert [v["value"] for v in body["values"] if v["selected"]] == ["es"]
    # The same counts the results page shows beside those values.
    page = facet(catalog.get("level=top_rated&country=FR&language=es"), "language")
    assert {c: page[c] for c in found} == found
    # Without the other filters, the counts grow back.
    wider = counted(values(catalog, "facet=language&q=e"))
    assert wider["en"] == len(catalog.expected(lambda r: "en" in r.languages)) > found["en"]


def test_the_page_words_are_matched_as_the_results_page_matches_them(catalog: Catalog) -> None:
    body = values(catalog, "facet=language&q=an&query=logo&budget_max=3000")
    page = facet(catalog.get("q=logo&budget_max=3000"), "language")
    assert counted(body) == {c: n for c, n in page.items() if c in counted(body)}
    assert counted(body), "the words should find gigs of English speakers"


def test_attribute_values_of_the_subcategory(catalog: Catalog) -> None:
    body = values(catalog, "facet=style&q=vint&subcategory=conception-logo&level=level_1")
    expected = catalog.expected(
        lambda r: (
            r.subcategory == "conception-logo"
            and r.level == "level_1"
            and "vintage" in r.attributes["style"]
        )
    )
    assert counted(body) == {"vintage": len(expected)}


def test_bad_requests_name_the_field(catalog: Catalog) -> None:
    def problem(query: str) -> tuple[str, str]:
        [error] = values(catalog, query, 422)["detail"]
        return error["field"], error["rule"]

    assert problem("q=por") == ("facet", "facet.required")
    assert problem("facet=budget&q=1") == ("facet", "facet.unknown")
    assert problem("facet=style&q=vin") == ("facet", "facet.unknown")  # no subcategory
    assert problem("facet=language&limit=0") == ("limit", "limit.range")
    assert problem("facet=language&level=boss") == ("level", "level.unknown")
    assert problem(f"facet=language&query={'a' * 201}") == ("query", "q.too_long")


def test_the_budget_histogram_counts_each_gig_once_by_its_cheapest_package(
    catalog: Catalog,
) -> None:
    # Under the other filters (the level), within the delivery band, whatever budget is chosen.
    body = catalog.get("level=level_2&delivery=3d&budget_min=1000&budget_max=4000")
    [budget] = [f for f in body["facets"] if f["name"] == "budget"]
    bars = budget["histogram"]
    assert len(bars) >= 3

    def cheapest(r: Row) -> int | None:
        prices = [p for p, d in r.packages if d <= 3]
        return min(prices) if prices else None

    in_band = [r for r in catalog.rows if r.level == "level_2" and cheapest(r) is not None]
    assert sum(b["count"] for b in bars) == len(in_band)
    for bar in bars:
        low, high = bar["min_cents"], bar["max_cents"]
        assert bar["count"] == sum(
            1
            for r in in_band
            if low <= (cheapest(r) or 0) and (high is None or (cheapest(r) or 0) <= high)
        )
    # Bars follow each other on the price grid.
    for before, after in pairwise(bars):
        assert after["min_cents"] == before["max_cents"] + 1
