"""The gig rules of the catalog, without a database."""

from __future__ import annotations

import pytest

from facets.taxonomy import TAXONOMY
from marketplace_core.catalog.rules import GigInput, PackageInput, validate_gig
from marketplace_core.errors import InvalidInput

BASIC = PackageInput("basic", 1500, 3, 1, "Un logo, deux propositions")


def logo_gig(**overrides: object) -> GigInput:
    fields: dict[str, object] = {
        "title": "Je vais créer un logo minimaliste pour votre entreprise",
        "description": "Un logo clair et moderne, livré en vectoriel.",
        "subcategory": "conception-logo",
        "packages": [BASIC],
        "tags": ["logo", "Logo Minimaliste"],
        "attributes": {"style": ["minimaliste"], "format-fichier": ["svg", "png"]},
    }
    fields.update(overrides)
    return GigInput(**fields)  # type: ignore[arg-type]


def problems(gig: GigInput) -> list[tuple[str, str, str]]:
    with pytest.raises(InvalidInput) as caught:
        validate_gig(gig, TAXONOMY)
    return [(p.field, p.rule, p.message) for p in caught.value.problems]


def test_valid_gig_is_normalised_and_placed_in_its_category() -> None:
    valid = validate_gig(logo_gig(), TAXONOMY)
    assert valid.category == "graphisme-design"
    assert valid.tags == ["logo", "logo minimaliste"]
    assert valid.attributes == {"style": ["minimaliste"], "format-fichier": ["svg", "png"]}


def test_unknown_attribute_is_refused_naming_it_and_listing_the_allowed_ones() -> None:
    [(field, rule, message)] = problems(logo_gig(attributes={"accent": ["quebecois"]}))
    assert field == "attributes.accent"
    assert rule == "attribute.unknown"
    assert "'accent'" in message
    for allowed in ("style", "format-fichier", "inclus"):
        assert allowed in message


def test_value_outside_the_allowed_ones_lists_them() -> None:
    [(field, rule, message)] = problems(logo_gig(attributes={"style": ["baroque"]}))
    assert (field, rule) == ("attributes.style", "attribute.value_not_allowed")
    assert "'baroque'" in message
    style = TAXONOMY.subcategory("conception-logo").attribute("style")  # type: ignore[union-attr]
    assert style is not None
    assert all(value in message for value in style.allowed)


def test_single_valued_attribute_takes_exactly_one_value() -> None:
    [(field, rule, _)] = problems(logo_gig(attributes={"style": ["minimaliste", "vintage"]}))
    assert (field, rule) == ("attributes.style", "attribute.cardinality")


def test_multi_valued_attribute_accepts_several() -> None:
    valid = validate_gig(logo_gig(attributes={"format-fichier": ["svg", "pdf", "png"]}), TAXONOMY)
    assert valid.attributes["format-fichier"] == ["svg", "pdf", "png"]


def test_unknown_subcategory() -> None:
    [(field, rule, _)] = problems(logo_gig(subcategory="astrologie", attributes={}))
    assert (field, rule) == ("subcategory", "subcategory.unknown")


def test_at_most_five_tags() -> None:
    [(field, rule, _)] = problems(logo_gig(tags=["a", "b", "c", "d", "e", "f"]))
    assert (field, rule) == ("tags", "tags.max")


def test_duplicate_tags_collapse() -> None:
    valid = validate_gig(logo_gig(tags=["Logo", "logo", " LOGO "]), TAXONOMY)
    assert valid.tags == ["logo"]


@pytest.mark.parametrize("price", [0, 499, -500])
def test_price_under_five_dollars_is_refused(price: int) -> None:
    [(field, rule, message)] = problems(logo_gig(packages=[PackageInput("basic", price, 3)]))
    assert (field, rule) == ("packages.0.price_cents", "package.price_min")
    assert "500" in message


def test_five_dollars_is_allowed() -> None:
    assert validate_gig(logo_gig(packages=[PackageInput("basic", 500, 1)]), TAXONOMY)


def test_basic_package_is_required() -> None:
    [(field, rule, _)] = problems(logo_gig(packages=[PackageInput("standard", 900, 3)]))
    assert (field, rule) == ("packages", "package.basic_required")


def test_premium_needs_standard_and_tiers_are_unique() -> None:
    found = problems(
        logo_gig(packages=[BASIC, PackageInput("premium", 9000, 2), PackageInput("basic", 900, 1)])
    )
    assert {rule for _, rule, _ in found} == {
        "package.tier_unique",
        "package.premium_needs_standard",
    }
    [(_, rule, _)] = problems(logo_gig(packages=[BASIC, PackageInput("premium", 9000, 2)]))
    assert rule == "package.premium_needs_standard"


def test_delivery_days_at_least_one() -> None:
    [(field, _, _)] = problems(logo_gig(packages=[PackageInput("basic", 900, 0)]))
    assert field == "packages.0.delivery_days"


def test_every_problem_is_reported_at_once() -> None:
    found = problems(
        logo_gig(
            title="court",
            attributes={"style": ["baroque"]},
            packages=[PackageInput("basic", 100, 3)],
        )
    )
    assert {f for f, _, _ in found} == {"title", "attributes.style", "packages.0.price_cents"}


def test_packages_come_back_in_tier_order() -> None:
    valid = validate_gig(
        logo_gig(
            packages=[PackageInput("premium", 9000, 1), PackageInput("standard", 3000, 2), BASIC]
        ),
        TAXONOMY,
    )
    assert [p.tier for p in valid.packages] == ["basic", "standard", "premium"]
