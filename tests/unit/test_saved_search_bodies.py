"""What a saved search is stored as and how a new gig is percolated, compared as built bodies:
its words one single-field query per text field, the filters a gig's values decide as plain
fields, the others left in the stored queries; the gig's values filtering the candidates."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from facets.selection import Selection, parse_selection
from facets.taxonomy import TAXONOMY
from indexer.alerts import gig_filters, saved_search_documents, wanted
from marketplace_core.thesaurus.rules import EMPTY, Thesaurus, validate_rule

MSM = "2<75%"


def selection(query: str) -> Selection:
    return parse_selection(parse_qsl(query), TAXONOMY)


def stored(query: str, thesaurus: Thesaurus = EMPTY) -> dict[str, Any]:
    """The documents a saved search stores, by name (the deletes of other names aside)."""
    actions = saved_search_documents(query, selection(query), TAXONOMY, thesaurus)
    assert len({a["_id"].split(":")[0] for a in actions}) == 1  # one key, however many
    return {a["_id"].split(":")[1]: a["_source"] for a in actions if a["_op_type"] == "index"}


def test_words_are_one_single_field_query_per_field_and_filters_plain_fields() -> None:
    query = "q=logo vintage&level=level_2&language=fr&budget_max=5000&delivery=3d"
    docs = stored(query)
    assert list(docs) == ["title~0", "tags~0", "description~0"]
    assert docs["title~0"]["saved_search"] == {
        "match": {"title": {"query": "logo vintage", "minimum_should_match": MSM}}
    }
    assert docs["title~0"]["saved_query"] == query
    assert docs["title~0"]["rephrased"] is False
    chosen = selection(query)
    assert wanted(chosen) == {
        "levels": ["level_2"],
        "languages": ["fr"],
        "band": "3d",
        "budget_max": 5000,
    }


def test_the_thesaurus_phrasings_are_stored_queries_too() -> None:
    thesaurus = Thesaurus([validate_rule("fr", "equivalence", ["cv", "curriculum vitae"])])
    docs = stored("q=cv moderne", thesaurus)
    assert list(docs) == [f"{f}~{i}" for i in (0, 1) for f in ("title", "tags", "description")]
    assert docs["tags~1"]["saved_search"] == {
        "match": {"tags": {"query": "curriculum vitae moderne", "minimum_should_match": MSM}}
    }
    assert docs["tags~1"]["rephrased"] is True
    # Rephrased no more: the phrasings' documents are deleted.
    actions = saved_search_documents("q=cv moderne", selection("q=cv moderne"), TAXONOMY, EMPTY)
    deleted = {a["_id"].split(":")[1] for a in actions if a["_op_type"] == "delete"}
    assert {"title~1", "tags~1", "description~1", "all"} <= deleted
    assert "title~0" not in deleted


def test_a_subcategory_attribute_stays_in_the_stored_query() -> None:
    docs = stored("subcategory=conception-logo&style=vintage")
    assert list(docs) == ["all"]
    doc = docs["all"]
    assert doc["saved_search"] == {
        "bool": {
            "must": [{"match_all": {}}],
            "filter": [{"terms": {"attributes.style": ["vintage"]}}],
        }
    }
    assert doc["wants"] == {"subcategory": "conception-logo"}


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
