"""Facets: what a results page can filter and count, as OpenSearch filters and aggregations.

Disjunctive faceting (as in opensearch-py's FacetedSearch): the selection goes to the
``post_filter``; each facet's aggregation is wrapped in the filters of all the *other* facets,
so a facet's counts ignore its own selection and the buyer can widen it. Several values in one
facet are OR, facets combine with AND. Budget and delivery hold for the same package (nested).
No HTTP, no SQL, no client: plain dicts in, plain dicts out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from facets.common import COUNTRIES, DELIVERY_BAND_DAYS, DELIVERY_BANDS, LANGUAGES, SELLER_LEVELS
from facets.model import Choice, Label, Lang, Taxonomy
from facets.selection import Selection

Kind = Literal["category", "terms", "online", "delivery", "budget"]
Clause = dict[str, Any]


@dataclass(frozen=True)
class Facet:
    name: str  # the query parameter it sets
    label: Label
    kind: Kind
    field: str = ""
    choices: tuple[Choice, ...] = ()
    multi: bool = True


LEVEL = Facet(
    "level", Label("Niveau du vendeur", "Seller level"), "terms", "seller.level", SELLER_LEVELS
)
LANGUAGE = Facet(
    "language",
    Label("Langue du vendeur", "Seller language"),
    "terms",
    "seller.languages",
    LANGUAGES,
)
COUNTRY = Facet(
    "country", Label("Pays du vendeur", "Seller location"), "terms", "seller.country", COUNTRIES
)
ONLINE = Facet(
    "online", Label("Statut en ligne", "Online status"), "online", "seller.online", multi=False
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


def facets_for(selection: Selection, taxonomy: Taxonomy) -> list[Facet]:
    """The facets of this page: the category tree until a subcategory is chosen, then its
    own attributes; the common ones always."""
    found: list[Facet] = []
    if selection.subcategory is None:
        found.append(CATEGORY)
    found += [BUDGET, DELIVERY, LEVEL, LANGUAGE, COUNTRY, ONLINE]
    sub = taxonomy.subcategory(selection.subcategory) if selection.subcategory else None
    if sub is not None:
        found += [
            Facet(a.slug, a.label, "terms", f"attributes.{a.slug}", a.choices)
            for a in sub.attributes
        ]
    return found


# -- filters --------------------------------------------------------------------------------
def scope_filters(selection: Selection) -> list[Clause]:
    """Category and subcategory narrow the page itself (they are not widened by facets)."""
    clauses: list[Clause] = []
    if selection.subcategory:
        clauses.append({"term": {"subcategory": selection.subcategory}})
    elif selection.category:
        clauses.append({"term": {"category": selection.category}})
    return clauses


def package_clause(*, budget: tuple[int | None, int | None], days: int | None) -> Clause | None:
    """One nested clause: some single package within the budget and the delivery time."""
    inner: list[Clause] = []
    low, high = budget
    if low is not None or high is not None:
        bounds = {k: v for k, v in (("gte", low), ("lte", high)) if v is not None}
        inner.append({"range": {"packages.price_cents": bounds}})
    if days is not None:
        inner.append({"range": {"packages.delivery_days": {"lte": days}}})
    if not inner:
        return None
    return {"nested": {"path": "packages", "query": {"bool": {"filter": inner}}}}


def facet_filters(selection: Selection, facets: Sequence[Facet]) -> dict[str, Clause]:
    """The filter each facet's selection adds, by facet name (absent when nothing selected)."""
    selected: dict[str, Clause] = {}
    for facet in facets:
        if facet.kind == "terms":
            values = _selected_values(selection, facet)
            if values:
                selected[facet.name] = {"terms": {facet.field: list(values)}}
        elif facet.kind == "online" and selection.online:
            selected[facet.name] = {"term": {facet.field: True}}
    # Budget and delivery share one nested clause (same package); it counts as both facets.
    both = package_clause(
        budget=(selection.budget_min, selection.budget_max), days=selection.delivery_days
    )
    if both is not None:
        selected["packages"] = both
    return selected


def post_filter(selected: Mapping[str, Clause]) -> Clause | None:
    return {"bool": {"filter": list(selected.values())}} if selected else None


def _selected_values(selection: Selection, facet: Facet) -> tuple[str, ...]:
    if facet.name == "level":
        return selection.levels
    if facet.name == "language":
        return selection.languages
    if facet.name == "country":
        return selection.countries
    return selection.attributes.get(facet.name, ())


# -- aggregations ---------------------------------------------------------------------------
def aggregations(
    selection: Selection,
    facets: Sequence[Facet],
    selected: Mapping[str, Clause],
    budget_bands: Sequence[tuple[int, int | None]],
) -> dict[str, Any]:
    aggs: dict[str, Any] = {}
    for facet in facets:
        others = [c for name, c in selected.items() if name not in (facet.name, "packages")]
        if facet.kind not in ("budget", "delivery") and "packages" in selected:
            others.append(selected["packages"])
        if facet.kind == "budget":
            # Same package as the delivery selection, whatever the budget selection.
            inner = _nested_counts(
                _package_filters(days=selection.delivery_days),
                {
                    "range": {
                        "field": "packages.price_cents",
                        "ranges": [
                            {
                                "key": band_key(band),
                                "from": band[0],
                                **({"to": band[1] + 1} if band[1] is not None else {}),
                            }
                            for band in budget_bands
                        ],
                    }
                },
            )
        elif facet.kind == "delivery":
            inner = _nested_counts(
                _package_filters(budget=(selection.budget_min, selection.budget_max)),
                {
                    "filters": {
                        "filters": {
                            slug: {"range": {"packages.delivery_days": {"lte": days}}}
                            for slug, days in DELIVERY_BAND_DAYS.items()
                            if days is not None
                        }
                    }
                },
            )
        elif facet.kind == "category":
            inner = {
                "terms": {"field": "category", "size": 50},
                "aggs": {"sub": {"terms": {"field": "subcategory", "size": 100}}},
            }
        elif facet.kind == "online":
            inner = {"filter": {"term": {facet.field: True}}}
        else:
            inner = {"terms": {"field": facet.field, "size": max(len(facet.choices), 10)}}
        aggs[facet.name] = {"filter": {"bool": {"filter": others}}, "aggs": {"f": inner}}
    return aggs


def _package_filters(
    *, budget: tuple[int | None, int | None] = (None, None), days: int | None = None
) -> list[Clause]:
    clause = package_clause(budget=budget, days=days)
    return clause["nested"]["query"]["bool"]["filter"] if clause else []


def _nested_counts(package_filters: list[Clause], buckets: dict[str, Any]) -> dict[str, Any]:
    """Bucket packages, then count each bucket's distinct gigs (reverse_nested)."""
    buckets = {**buckets, "aggs": {"gigs": {"reverse_nested": {}}}}
    return {
        "nested": {"path": "packages"},
        "aggs": {"p": {"filter": {"bool": {"filter": package_filters}}, "aggs": {"b": buckets}}},
    }


def band_key(band: tuple[int, int | None]) -> str:
    return f"{band[0]}-{band[1] if band[1] is not None else ''}"


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
class FacetResult:
    name: str
    label: str
    kind: Kind
    multi: bool
    buckets: list[Bucket]
    children: dict[str, list[Bucket]] = field(default_factory=dict)  # category tree


def read_facets(
    selection: Selection,
    facets: Sequence[Facet],
    aggs: Mapping[str, Any],
    taxonomy: Taxonomy,
    budget_bands: Sequence[tuple[int, int | None]],
) -> list[FacetResult]:
    lang = selection.lang
    results: list[FacetResult] = []
    for facet in facets:
        agg = aggs[facet.name]["f"]
        children: dict[str, list[Bucket]] = {}
        if facet.kind == "terms":
            counts = {b["key"]: b["doc_count"] for b in agg["buckets"]}
            chosen = set(_selected_values(selection, facet))
            buckets = [
                Bucket(
                    c.slug,
                    c.label.get(lang),
                    counts.get(c.slug, 0),
                    c.slug in chosen,
                    {facet.name: c.slug},
                )
                for c in facet.choices
                if counts.get(c.slug) or c.slug in chosen
            ]
            if facet.name in ("language", "country"):
                buckets.sort(key=lambda b: -b.count)  # long lists: the most useful first
        elif facet.kind == "online":
            buckets = [
                Bucket(
                    "true",
                    ONLINE_LABEL.get(lang),
                    agg["doc_count"],
                    selection.online,
                    {"online": "true"},
                )
            ]
        elif facet.kind == "delivery":
            found = agg["p"]["b"]["buckets"]
            buckets = [
                Bucket(
                    c.slug,
                    c.label.get(lang),
                    found[c.slug]["gigs"]["doc_count"],
                    selection.delivery == c.slug,
                    {"delivery": c.slug},
                )
                for c in DELIVERY_BANDS
                if c.slug in found
            ]
        elif facet.kind == "budget":
            found = {b["key"]: b["gigs"]["doc_count"] for b in agg["p"]["b"]["buckets"]}
            buckets = [
                Bucket(
                    band_key(band),
                    band_label(band, lang),
                    found.get(band_key(band), 0),
                    (selection.budget_min, selection.budget_max) == _band_params(band),
                    {
                        k: str(v)
                        for k, v in zip(
                            ("budget_min", "budget_max"), _band_params(band), strict=True
                        )
                        if v is not None
                    },
                )
                for band in budget_bands
            ]
        else:
            buckets = []
            for cat_bucket in agg["buckets"]:
                category = taxonomy.category(cat_bucket["key"])
                if category is None:
                    continue
                buckets.append(
                    Bucket(
                        category.slug,
                        category.label.get(lang),
                        cat_bucket["doc_count"],
                        selection.category == category.slug,
                        {"category": category.slug},
                    )
                )
                subs = {b["key"]: b["doc_count"] for b in cat_bucket["sub"]["buckets"]}
                children[category.slug] = [
                    Bucket(s.slug, s.label.get(lang), subs[s.slug], False, {"subcategory": s.slug})
                    for s in category.subcategories
                    if subs.get(s.slug)
                ]
            order = {c.slug: i for i, c in enumerate(taxonomy.categories)}
            buckets.sort(key=lambda b: order[b.value])
        results.append(
            FacetResult(
                facet.name, facet.label.get(lang), facet.kind, facet.multi, buckets, children
            )
        )
    return results


def _band_params(band: tuple[int, int | None]) -> tuple[int | None, int | None]:
    return (band[0] or None, band[1])


def band_label(band: tuple[int, int | None], lang: Lang) -> str:
    low, high = band
    if not low and high is not None:
        return f"Jusqu'à {_dollars(high)}" if lang == "fr" else f"Up to {_dollars(high)}"
    if high is None:
        return f"{_dollars(low)} et plus" if lang == "fr" else f"{_dollars(low)} & above"
    return f"{_dollars(low)} – {_dollars(high)}"


def _dollars(cents: int) -> str:
    return f"${cents // 100}" if cents % 100 in (0, 1) else f"${cents / 100:.2f}"
