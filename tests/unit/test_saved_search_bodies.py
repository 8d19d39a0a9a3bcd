"""What a saved search is stored as and how a new gig is percolated, compared as built bodies:
its words one single-field query per text field, the filters a gig's values decide as plain
fields, the others left in the stored queries; the gig's values filtering the candidates."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from facets.selection import Selection, parse_selection
from facets.taxonomy import TAXONOMY
from indexer.alerts import gig_filters, saved_search_documents, wanted

MSM = "2<75%"


def selection(query: str) -> Selection:
    return parse_selection(parse_qsl(query), TAXONOMY)


def test_words_are_one_single_field_query_per_field_and_filters_plain_fields() -> None:
    chosen = selection("q=logo vintage&level=level_2&language=fr&budget_max=5000&delivery=3d")
    docs = saved_search_documents("k", chosen, TAXONOMY)
    assert [d["_id"].split(":")[1] for d in docs] == ["title", "tags", "description"]
    assert docs[0]["_source"]["saved_search"] == {
        "match": {"title": {"query": "logo vintage", "minimum_should_match": MSM}}
    }
    assert {d["_id"].split(":")[0] for d in docs} == {docs[0]["_id"].split(":")[0]}
    assert docs[0]["_source"]["saved_query"] == "k"
    assert wanted(chosen) == {
        "levels": ["level_2"],
        "languages": ["fr"],
        "band": "3d",
        "budget_max": 5000,
    }


def test_a_subcategory_attribute_stays_in_the_stored_query() -> None:
    chosen = selection("subcategory=conception-logo&style=vintage")
    [doc] = saved_search_documents("k", chosen, TAXONOMY)
    assert doc["_id"].endswith(":all")
    assert doc["_source"]["saved_search"] == {
        "bool": {
            "must": [{"match_all": {}}],
            "filter": [{"terms": {"attributes.style": ["vintage"]}}],
        }
    }
    assert doc["_source"]["wants"] == {"subcategory": "conception-logo"}


def test_a_delivery_band_alone_wants_a_package_in_it() -> None:
    assert wanted(selection("q=logo&delivery=7d")) == {"band": "7d"}
    assert wanted(selection("q=logo&delivery=any")) == {}
    assert wanted(selection("category=graphisme-design&budget_min=1000")) == {
        "category": "graphisme-design",
        "band": "any",
        "budget_min": 1000,
    }


def missing(field: str) -> dict[str, Any]:
    return {"bool": {"must_not": [{"exists": {"field": field}}]}}


def either(*clauses: dict[str, Any]) -> dict[str, Any]:
    return {"bool": {"should": list(clauses), "minimum_should_match": 1}}


def test_a_gig_filters_the_saved_searches_by_its_own_values() -> None:
    document = {
        "category": "graphisme-design",
        "subcategory": "conception-logo",
        "seller": {"level": "level_2", "languages": ["fr", "en"], "country": "FR"},
        "package_prices": {"any": [4000, 9000, 4000], "3d": [4000], "24h": []},
    }
    [category, subcategory, levels, languages, countries, packages] = gig_filters(document)
    assert category == either(
        {"terms": {"wants.category": ["graphisme-design"]}}, missing("wants.category")
    )
    assert subcategory == either(
        {"terms": {"wants.subcategory": ["conception-logo"]}}, missing("wants.subcategory")
    )
    assert countries == either({"terms": {"wants.countries": ["FR"]}}, missing("wants.countries"))
    assert levels == either({"terms": {"wants.levels": ["level_2"]}}, missing("wants.levels"))
    assert languages == either(
        {"terms": {"wants.languages": ["fr", "en"]}}, missing("wants.languages")
    )

    def within(band: str, cents: int) -> dict[str, Any]:
        return {
            "bool": {
                "filter": [
                    {"term": {"wants.band": band}},
                    either(
                        {"range": {"wants.budget_min": {"lte": cents}}}, missing("wants.budget_min")
                    ),
                    either(
                        {"range": {"wants.budget_max": {"gte": cents}}}, missing("wants.budget_max")
                    ),
                ]
            }
        }

    # No band wanted, or some one package of the gig in the wanted band and budget.
    assert packages == either(
        missing("wants.band"), within("3d", 4000), within("any", 4000), within("any", 9000)
    )
