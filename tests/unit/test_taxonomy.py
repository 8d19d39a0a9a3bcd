"""The taxonomy and common filter values are well-formed and hold what the help center names."""

from __future__ import annotations

import re
from zoneinfo import available_timezones

import pytest

from facets.common import (
    COUNTRIES,
    COUNTRY_TIMEZONES,
    DELIVERY_BAND_DAYS,
    DELIVERY_BANDS,
    LANGUAGES,
    PROFICIENCIES,
    SELLER_LEVELS,
    label_of,
)
from facets.model import Attribute, Choice, Label, Subcategory
from facets.taxonomy import TAXONOMY

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")
COMMON_SEARCH_PARAMS = frozenset(
    {
        "q", "category", "subcategory", "budget_min", "budget_max", "delivery", "level",
        "language", "country", "online", "sort", "page", "cursor", "lang", "size",
    }
)  # fmt: skip

SUBCATEGORIES = TAXONOMY.subcategories
ATTRIBUTES = [(s, a) for s in SUBCATEGORIES for a in s.attributes]


def sub(slug: str) -> Subcategory:
    found = TAXONOMY.subcategory(slug)
    assert found is not None, slug
    return found


def attr(sub_slug: str, attr_slug: str) -> Attribute:
    found = sub(sub_slug).attribute(attr_slug)
    assert found is not None, (sub_slug, attr_slug)
    return found


def assert_label(label: Label) -> None:
    assert label.fr.strip()
    assert label.en.strip()


# --- Shape ----------------------------------------------------------------------------------


def test_size_of_the_tree() -> None:
    assert len(TAXONOMY.categories) >= 6
    assert len(SUBCATEGORIES) >= 24
    assert all(len(c.subcategories) >= 2 for c in TAXONOMY)


def test_every_subcategory_has_at_least_two_attributes_of_at_least_two_choices() -> None:
    for s in SUBCATEGORIES:
        assert len(s.attributes) >= 2, s.slug
        for a in s.attributes:
            assert len(a.choices) >= 2, (s.slug, a.slug)


def test_category_and_subcategory_slugs_are_unique_and_well_formed() -> None:
    cat_slugs = [c.slug for c in TAXONOMY]
    sub_slugs = [s.slug for c in TAXONOMY for s in c.subcategories]
    assert len(set(cat_slugs)) == len(cat_slugs)
    assert len(set(sub_slugs)) == len(sub_slugs)
    for slug in cat_slugs + sub_slugs:
        assert SLUG.match(slug), slug


@pytest.mark.parametrize("s", SUBCATEGORIES, ids=lambda s: s.slug)
def test_attribute_slugs_unique_within_subcategory(s: Subcategory) -> None:
    slugs = [a.slug for a in s.attributes]
    assert len(set(slugs)) == len(slugs)


@pytest.mark.parametrize(("s", "a"), ATTRIBUTES, ids=lambda x: x.slug)
def test_attribute_and_choice_slugs(s: Subcategory, a: Attribute) -> None:
    assert SLUG.match(a.slug), a.slug
    assert a.slug not in COMMON_SEARCH_PARAMS
    slugs = [c.slug for c in a.choices]
    assert len(set(slugs)) == len(slugs)
    for slug in slugs:
        assert SLUG.match(slug), (s.slug, a.slug, slug)


def test_every_label_is_filled_in_both_languages() -> None:
    for c in TAXONOMY:
        assert_label(c.label)
        for s in c.subcategories:
            assert_label(s.label)
            for a in s.attributes:
                assert_label(a.label)
                for choice in a.choices:
                    assert_label(choice.label)


def test_subcategories_know_their_category() -> None:
    for c in TAXONOMY:
        for s in c.subcategories:
            assert s.category_slug == c.slug
            assert TAXONOMY.subcategory(s.slug) is s


# --- What the help center and the product name ----------------------------------------------


def test_lookups() -> None:
    assert sub("conception-logo").category_slug == "graphisme-design"
    assert sub("voix-off").category_slug == "musique-audio"
    category = TAXONOMY.category("graphisme-design")
    assert category is not None
    assert category.label == Label("Graphisme et design", "Graphics & Design")
    assert TAXONOMY.subcategory("inconnue") is None
    assert TAXONOMY.category("inconnue") is None
    assert sub("conception-logo").attribute("inconnu") is None


def test_logo_design_filters_are_those_of_the_help_center() -> None:
    logo = sub("conception-logo")
    assert logo.label.fr == "Conception de logo"
    assert [(a.slug, a.label.fr) for a in logo.attributes][:3] == [
        ("style", "Style"),
        ("format-fichier", "Format de fichier"),
        ("inclus", "Inclus dans le service"),
    ]
    style = attr("conception-logo", "style")
    assert not style.multi
    assert {"minimaliste", "vintage", "3d", "mascotte"} <= set(style.allowed)
    fmt = attr("conception-logo", "format-fichier")
    assert fmt.multi
    assert {"ai", "eps", "pdf", "png", "svg"} <= set(fmt.allowed)
    inclus = attr("conception-logo", "inclus")
    assert inclus.multi
    assert {"fichier-source", "haute-resolution", "fond-transparent"} <= set(inclus.allowed)
    choice = inclus.choice("fond-transparent")
    assert choice is not None
    assert choice.label.fr == "Fond transparent"


def test_voice_over_attributes_and_quote_criteria() -> None:
    voix = sub("voix-off")
    expected = ["genre", "langue", "tranche-age", "objectif", "accent"]
    assert [a.slug for a in voix.quote_criteria] == expected
    assert voix.offers_quotes
    assert {a.slug for a in voix.attributes} >= set(expected)
    assert attr("voix-off", "tranche-age").label.fr == "Tranche d'âge"
    assert attr("voix-off", "langue").label.fr == "Langue"
    assert attr("voix-off", "accent").label.fr == "Accent"
    assert attr("voix-off", "objectif").label.fr == "Objectif"
    assert attr("voix-off", "genre").label.fr.startswith("Genre")
    assert {"quebecois", "belge", "suisse"} <= set(attr("voix-off", "accent").allowed)
    assert {"enfant", "senior"} <= set(attr("voix-off", "tranche-age").allowed)
    assert "fr" in attr("voix-off", "langue").allowed


def test_translation_has_language_pairs() -> None:
    pairs = attr("traduction", "paire-langues")
    assert pairs.multi
    assert pairs.label.fr == "Paire de langues"
    assert {"fr-en", "en-fr", "fr-es", "fr-de", "fr-ar"} <= set(pairs.allowed)
    fr_en = pairs.choice("fr-en")
    assert fr_en is not None
    assert fr_en.label == Label("Français → Anglais", "French → English")
    assert sub("traduction").offers_quotes


@pytest.mark.parametrize("s", SUBCATEGORIES, ids=lambda s: s.slug)
def test_quote_criteria_are_attributes_of_the_subcategory(s: Subcategory) -> None:
    for criterion in s.quote_criteria:
        assert any(criterion is own for own in s.attributes), (s.slug, criterion.slug)


def test_quotes_are_offered_only_in_some_subcategories() -> None:
    quoting = {s.slug for s in SUBCATEGORIES if s.offers_quotes}
    assert {
        "voix-off",
        "traduction",
        "site-web-sur-mesure",
        "application-mobile",
        "conception-logo",
        "production-musicale",
        "video-explicative",
    } <= quoting
    assert quoting != {s.slug for s in SUBCATEGORIES}
    for s in SUBCATEGORIES:
        assert s.offers_quotes == bool(s.quote_criteria)
    no_quotes = sub("saisie-de-donnees")
    assert no_quotes.quote_criteria == ()
    assert not no_quotes.offers_quotes


def test_duplicate_choices_are_refused() -> None:
    dup = (Choice("a", Label("A", "A")), Choice("a", Label("B", "B")))
    with pytest.raises(ValueError, match="duplicate choice"):
        Attribute("x", Label("X", "X"), dup)


# --- Common filters -------------------------------------------------------------------------


def test_seller_levels_lowest_to_highest() -> None:
    assert [c.slug for c in SELLER_LEVELS] == ["new", "level_1", "level_2", "top_rated"]
    assert label_of(SELLER_LEVELS, "new") == "Nouveau prestataire"
    assert label_of(SELLER_LEVELS, "new", "en") == "New seller"
    assert label_of(SELLER_LEVELS, "expert") is None


@pytest.mark.parametrize(
    "values", [LANGUAGES, PROFICIENCIES, COUNTRIES, DELIVERY_BANDS, SELLER_LEVELS]
)
def test_common_values_unique_and_labelled(values: tuple[Choice, ...]) -> None:
    slugs = [c.slug for c in values]
    assert len(set(slugs)) == len(slugs)
    for c in values:
        assert_label(c.label)


def test_languages_are_iso_639_1() -> None:
    assert len(LANGUAGES) >= 15
    for c in LANGUAGES:
        assert re.fullmatch(r"[a-z]{2}", c.slug), c.slug
    assert label_of(LANGUAGES, "fr") == "Français"
    assert label_of(LANGUAGES, "en", "en") == "English"


def test_proficiencies() -> None:
    assert [c.slug for c in PROFICIENCIES] == ["basic", "conversational", "fluent", "native"]
    assert label_of(PROFICIENCIES, "native") == "Langue maternelle"


def test_countries_are_uppercase_codes_with_valid_time_zones() -> None:
    zones = available_timezones()
    assert len(COUNTRIES) >= 25
    codes = {c.slug for c in COUNTRIES}
    assert set(COUNTRY_TIMEZONES) == codes
    for code in codes:
        assert COUNTRY_CODE.match(code), code
        assert COUNTRY_TIMEZONES[code], code
        for zone in COUNTRY_TIMEZONES[code]:
            assert zone in zones, (code, zone)
    assert COUNTRY_TIMEZONES["FR"] == ("Europe/Paris",)
    assert len(COUNTRY_TIMEZONES["CA"]) > 1
    assert len(COUNTRY_TIMEZONES["US"]) > 1
    assert label_of(COUNTRIES, "BE") == "Belgique"


def test_delivery_bands() -> None:
    assert [c.slug for c in DELIVERY_BANDS] == ["24h", "3d", "7d", "any"]
    assert DELIVERY_BAND_DAYS == {"24h": 1, "3d": 3, "7d": 7, "any": None}
    assert label_of(DELIVERY_BANDS, "3d") == "Jusqu'à 3 jours"
