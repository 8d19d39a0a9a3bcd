"""The applied filters shown above the results, each with what removes it (R-SRCH-6)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from facets.common import COUNTRIES, DELIVERY_BANDS, LANGUAGES, SELLER_LEVELS
from facets.filters import (
    BUDGET,
    COUNTRY,
    DELIVERY,
    HOURS,
    LANGUAGE,
    LEVEL,
    ONLINE,
    band_label,
)
from facets.hours import hours_label
from facets.model import Choice, Label, Taxonomy
from facets.selection import Selection

Params = list[tuple[str, str]]
PAGING = ("page", "cursor")  # a changed filter starts again from the first page
CATEGORY_LABEL = Label("Catégorie", "Category")
SUBCATEGORY_LABEL = Label("Sous-catégorie", "Subcategory")


@dataclass(frozen=True)
class Chip:
    param: str
    value: str
    label: str  # "Niveau du vendeur : Top Rated"
    remove: Params  # the page's parameters without this filter


def active_filters(
    selection: Selection, params: Sequence[tuple[str, str]], taxonomy: Taxonomy
) -> list[Chip]:
    lang = selection.lang
    base = [(k, v) for k, v in params if k not in PAGING]
    chips: list[Chip] = []

    def chip(param: str, value: str, name: Label, shown: str, remove: Params) -> None:
        sep = " : " if lang == "fr" else ": "
        chips.append(Chip(param, value, f"{name.get(lang)}{sep}{shown}", remove))

    def without(*names: str, value: str | None = None) -> Params:
        return [(k, v) for k, v in base if not (k in names and (value is None or v == value))]

    if selection.subcategory:
        sub = taxonomy.subcategory(selection.subcategory)
        assert sub is not None
        # Removing the subcategory keeps the category and drops the attributes that were its.
        chip(
            "subcategory",
            sub.slug,
            SUBCATEGORY_LABEL,
            sub.label.get(lang),
            without("subcategory", *selection.attributes),
        )
    if selection.category:
        category = taxonomy.category(selection.category)
        assert category is not None
        chip(
            "category",
            category.slug,
            CATEGORY_LABEL,
            category.label.get(lang),
            without("category", "subcategory", *selection.attributes),
        )
    if selection.budget_min is not None or selection.budget_max is not None:
        shown = band_label((selection.budget_min or 0, selection.budget_max), lang)
        value = f"{selection.budget_min or ''}-{selection.budget_max or ''}"
        chip("budget", value, BUDGET.label, shown, without("budget_min", "budget_max"))
    if selection.delivery != "any":
        chip(
            "delivery",
            selection.delivery,
            DELIVERY.label,
            _label(DELIVERY_BANDS, selection.delivery, lang),
            without("delivery"),
        )
    for facet, values, choices in (
        (LEVEL, selection.levels, SELLER_LEVELS),
        (LANGUAGE, selection.languages, LANGUAGES),
        (COUNTRY, selection.countries, COUNTRIES),
    ):
        for value in values:
            chip(
                facet.name,
                value,
                facet.label,
                _label(choices, value, lang),
                without(facet.name, value=value),
            )
    if selection.overlap is not None:
        shown = hours_label(selection.overlap).get(lang)
        chip("overlap", str(selection.overlap), HOURS.label, shown, without("overlap"))
    if selection.online:
        chip("online", "true", ONLINE.label, "oui" if lang == "fr" else "yes", without("online"))
    sub = taxonomy.subcategory(selection.subcategory) if selection.subcategory else None
    for name, values in selection.attributes.items():
        attribute = sub.attribute(name) if sub else None
        assert attribute is not None
        for value in values:
            chip(
                name,
                value,
                attribute.label,
                _label(attribute.choices, value, lang),
                without(name, value=value),
            )
    return chips


def _label(choices: Sequence[Choice], slug: str, lang: str) -> str:
    found = next((c for c in choices if c.slug == slug), None)
    return found.label.get("en" if lang == "en" else "fr") if found else slug
