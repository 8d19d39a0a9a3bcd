"""Facets: what a results page can filter and count, declared once (no search engine here).

A page's facets depend on where the buyer is (the category tree until a subcategory is chosen,
then that subcategory's own attributes, the common ones always). Several values in one facet
are OR, facets combine with AND; a facet's counts ignore its own selection so the buyer can
widen it; budget and delivery hold for the same package. How an engine filters and counts
them lives with the engine (``indexer.facet_kinds``); the results come back as
:class:`FacetResult` with :class:`Bucket` values.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from facets.common import COUNTRIES, DELIVERY_BANDS, LANGUAGES, SELLER_LEVELS
from facets.hours import HOURS_CHOICES
from facets.model import Choice, Label, Lang, Taxonomy
from facets.selection import Selection

Kind = Literal["category", "terms", "online", "delivery", "budget", "hours"]


@dataclass(frozen=True)
class Facet:
    name: str  # the query parameter it sets
    label: Label
    kind: Kind
    choices: tuple[Choice, ...] = ()
    multi: bool = True


LEVEL = Facet("level", Label("Niveau du vendeur", "Seller level"), "terms", SELLER_LEVELS)
LANGUAGE = Facet("language", Label("Langue du vendeur", "Seller language"), "terms", LANGUAGES)
COUNTRY = Facet("country", Label("Pays du vendeur", "Seller location"), "terms", COUNTRIES)
ONLINE = Facet("online", Label("Statut en ligne", "Online status"), "online", multi=False)
# Beside the country: sellers whose working day shares hours with the buyer's (facets.hours).
HOURS = Facet(
    "overlap",
    Label("Dans mes horaires", "Works in my hours"),
    "hours",
    choices=HOURS_CHOICES,
    multi=False,
)
DELIVERY = Facet(
    "delivery",
    Label("Délai de livraison", "Delivery time"),
    "delivery",
    choices=DELIVERY_BANDS,
    multi=False,
)
BUDGET = Facet("budget", Label("Budget", "Budget"), "budget", multi=False)
CATEGORY = Facet("category", Label("Catégorie", "Category"), "category", multi=False)
ONLINE_LABEL = Label("Vendeurs en ligne", "Online sellers")
# Long lists show their most useful values first.
BY_COUNT = frozenset({"language", "country"})


def facets_for(selection: Selection, taxonomy: Taxonomy) -> list[Facet]:
    """The facets of this page: the category tree until a subcategory is chosen, then its
    own attributes; the common ones always, the working hours when the buyer's time zone
    is known."""
    found: list[Facet] = []
    if selection.subcategory is None:
        found.append(CATEGORY)
    found += [BUDGET, DELIVERY, LEVEL, LANGUAGE, COUNTRY]
    if selection.tz is not None:
        found.append(HOURS)
    found.append(ONLINE)
    sub = taxonomy.subcategory(selection.subcategory) if selection.subcategory else None
    if sub is not None:
        found += [Facet(a.slug, a.label, "terms", a.choices) for a in sub.attributes]
    return found


def selected_values(selection: Selection, facet: Facet) -> tuple[str, ...]:
    """The values chosen in a multi-valued facet."""
    if facet.name == "level":
        return selection.levels
    if facet.name == "language":
        return selection.languages
    if facet.name == "country":
        return selection.countries
    return selection.attributes.get(facet.name, ())


def has_budget(selection: Selection) -> bool:
    return selection.budget_min is not None or selection.budget_max is not None


# -- bands ----------------------------------------------------------------------------------
NICE_STEPS = (
    500,
    1000,
    1500,
    2000,
    2500,
    3000,
    4000,
    5000,
    7500,
    10000,
    15000,
    20000,
    25000,
    30000,
    40000,
    50000,
    75000,
    100000,
    150000,
    200000,
    300000,
    500000,
    1000000,
)


def price_step(cents: int) -> int:
    """The step of the price grid holding ``cents``: step k is (NICE_STEPS[k-1],
    NICE_STEPS[k]], step 0 is up to the first, the last is above the last. Every budget band
    is a run of whole steps."""
    return bisect_left(NICE_STEPS, cents)


def band_steps(band: tuple[int, int | None]) -> tuple[int, int]:
    """The first and last step of a budget band (the last step unbounded when open)."""
    low, high = band
    return price_step(low), price_step(high) if high is not None else len(NICE_STEPS)


def budget_bands(quartiles: Sequence[float]) -> list[tuple[int, int | None]]:
    """Price bands suited to the results: cut at the prices' quartiles, rounded to nice
    amounts, e.g. up to $15, $15–$40, $40–$100, $100 and more (integer cents, upper bound
    inclusive, the last one open)."""
    cuts: list[int] = []
    for value in quartiles:
        nice = min(NICE_STEPS, key=lambda step: abs(step - value))
        if nice > (cuts[-1] if cuts else 500):
            cuts.append(nice)
    if not cuts:
        return [(0, None)]
    bands: list[tuple[int, int | None]] = []
    low = 0
    for cut in cuts:
        bands.append((low, cut))
        low = cut + 1
    bands.append((low, None))
    return bands


# -- buckets --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Bucket:
    value: str
    label: str
    count: int
    selected: bool
    params: dict[str, str] = field(default_factory=dict)  # what selecting it sets


@dataclass(frozen=True)
class Bar:
    """One bar of the budget's price histogram: the gigs whose cheapest package (within the
    delivery band) costs ``min_cents``–``max_cents`` (``None``: and above)."""

    min_cents: int
    max_cents: int | None
    count: int


@dataclass(frozen=True)
class FacetResult:
    name: str
    label: str
    kind: Kind
    multi: bool
    buckets: list[Bucket]
    children: dict[str, list[Bucket]] = field(default_factory=dict)  # category tree
    histogram: list[Bar] = field(default_factory=list)  # budget: prices, for a slider


def step_bounds(step: int) -> tuple[int, int | None]:
    """The prices of step ``step`` of the grid (see :func:`price_step`), in cents."""
    low = NICE_STEPS[step - 1] + 1 if step > 0 else 0
    return low, NICE_STEPS[step] if step < len(NICE_STEPS) else None


def histogram(cheapest: dict[int, int]) -> list[Bar]:
    """Bars over the price grid from the gig counts per step of their cheapest price, from
    the first step holding a gig to the last (the empty steps between kept, at 0)."""
    if not cheapest:
        return []
    first, last = min(cheapest), max(cheapest)
    return [Bar(*step_bounds(s), cheapest.get(s, 0)) for s in range(first, last + 1)]


def band_params(band: tuple[int, int | None]) -> tuple[int | None, int | None]:
    return (band[0] or None, band[1])


def band_key(band: tuple[int, int | None]) -> str:
    return f"{band[0]}-{band[1] if band[1] is not None else ''}"


def band_label(band: tuple[int, int | None], lang: Lang) -> str:
    low, high = band
    if not low and high is not None:
        return f"Jusqu'à {_dollars(high)}" if lang == "fr" else f"Up to {_dollars(high)}"
    if high is None:
        return f"{_dollars(low)} et plus" if lang == "fr" else f"{_dollars(low)} & above"
    return f"{_dollars(low)} – {_dollars(high)}"


def _dollars(cents: int) -> str:
    return f"${cents // 100}" if cents % 100 in (0, 1) else f"${cents / 100:.2f}"
