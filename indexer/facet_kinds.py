"""Each kind of facet as OpenSearch filters, counts and buckets: one small class per kind.

As in opensearch-py's ``FacetedSearch``: a facet's selection filters the results, and its
counts are taken under the selections of all the *other* facets, so it can be widened. Facets
whose other selections are the same are counted under one filter aggregation (with nothing
selected, at the top level): a page walks its matches once per distinct filter, not once per
facet. Budget and delivery are one selection for the same package: a range on the prices of
the packages delivering within the band (``package_prices.<band>``), no nested document.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from facets.common import DELIVERY_BAND_DAYS, DELIVERY_BANDS
from facets.filters import (
    BY_COUNT,
    ONLINE_LABEL,
    Bar,
    Bucket,
    Facet,
    FacetResult,
    band_key,
    band_label,
    band_params,
    band_steps,
    has_budget,
    histogram,
    selected_values,
)
from facets.hours import OVERLAPS, hours_label, zones_within
from facets.model import Taxonomy
from facets.selection import Selection

Clause = dict[str, Any]
Band = tuple[int, int | None]
Bands = Sequence[Band]
Agg = Mapping[str, Any]
PACKAGES = "packages"  # the one selection budget and delivery share
ALL = "all"  # the group counted under every selection: its count is the page's total
FIELDS = {"level": "seller.level", "language": "seller.languages", "country": "seller.country"}
PAIRS = 400  # distinct price step pairs: at most 24 steps x 25 lower ones / 2


class FacetKind(Protocol):
    @property
    def facet(self) -> Facet: ...

    @property
    def own(self) -> str:
        """The selection its counts leave out."""
        ...

    def clause(self, selection: Selection) -> Clause | None: ...

    def aggregation(self, selection: Selection, bands: Bands) -> Clause: ...

    def read(
        self, agg: Agg, selection: Selection, taxonomy: Taxonomy, bands: Bands
    ) -> FacetResult: ...


@dataclass(frozen=True)
class _KindBase:
    """What every kind shares: its facet, the selection its counts leave out (by default the
    facet's own), its result."""

    facet: Facet

    @property
    def own(self) -> str:
        return self.facet.name

    def _result(
        self,
        selection: Selection,
        buckets: list[Bucket],
        children: dict[str, list[Bucket]] | None = None,
        histogram: list[Bar] | None = None,
    ) -> FacetResult:
        facet = self.facet
        label = facet.label.get(selection.lang)
        return FacetResult(
            facet.name, label, facet.kind, facet.multi, buckets, children or {}, histogram or []
        )


@dataclass(frozen=True)
class TermsKind(_KindBase):
    """Seller level, language, country and a subcategory's attributes: keyword values."""

    field: str

    def clause(self, selection: Selection) -> Clause | None:
        values = selected_values(selection, self.facet)
        return {"terms": {self.field: list(values)}} if values else None

    def aggregation(self, selection: Selection, bands: Bands) -> Clause:
        return {"terms": {"field": self.field, "size": max(len(self.facet.choices), 10)}}

    def read(self, agg: Agg, selection: Selection, taxonomy: Taxonomy, bands: Bands) -> FacetResult:
        counts = {b["key"]: b["doc_count"] for b in agg["buckets"]}
        chosen = set(selected_values(selection, self.facet))
        lang = selection.lang
        buckets = [
            Bucket(
                c.slug,
                c.label.get(lang),
                counts.get(c.slug, 0),
                c.slug in chosen,
                {self.facet.name: c.slug},
            )
            for c in self.facet.choices
            if counts.get(c.slug) or c.slug in chosen
        ]
        if self.facet.name in BY_COUNT:
            buckets.sort(key=lambda b: -b.count)
        return self._result(selection, buckets)


@dataclass(frozen=True)
class OnlineKind(_KindBase):
    field: str = "seller.online"

    def clause(self, selection: Selection) -> Clause | None:
        return {"term": {self.field: True}} if selection.online else None

    def aggregation(self, selection: Selection, bands: Bands) -> Clause:
        return {"filter": {"term": {self.field: True}}}

    def read(self, agg: Agg, selection: Selection, taxonomy: Taxonomy, bands: Bands) -> FacetResult:
        bucket = Bucket(
            "true",
            ONLINE_LABEL.get(selection.lang),
            agg["doc_count"],
            selection.online,
            {"online": "true"},
        )
        return self._result(selection, [bucket])


@dataclass(frozen=True)
class CategoryKind(_KindBase):
    """The category tree with its subcategories' counts; the scope is not a facet selection.

    Counted on subcategories alone: a gig has one subcategory, in one category, so a
    category's count is the sum of its subcategories' (one pass instead of two)."""

    def clause(self, selection: Selection) -> Clause | None:
        return None

    def aggregation(self, selection: Selection, bands: Bands) -> Clause:
        return {"terms": {"field": "subcategory", "size": 200}}

    def read(self, agg: Agg, selection: Selection, taxonomy: Taxonomy, bands: Bands) -> FacetResult:
        lang = selection.lang
        counts = {b["key"]: int(b["doc_count"]) for b in agg["buckets"]}
        buckets: list[Bucket] = []
        children: dict[str, list[Bucket]] = {}
        for category in taxonomy.categories:
            subs = [
                Bucket(s.slug, s.label.get(lang), counts[s.slug], False, {"subcategory": s.slug})
                for s in category.subcategories
                if counts.get(s.slug)
            ]
            if not subs:
                continue
            buckets.append(
                Bucket(
                    category.slug,
                    category.label.get(lang),
                    sum(b.count for b in subs),
                    selection.category == category.slug,
                    {"category": category.slug},
                )
            )
            children[category.slug] = subs
        return self._result(selection, buckets, children=children)


def package_clause(budget: tuple[int | None, int | None], delivery: str) -> Clause | None:
    """Some single package within the budget and the delivery band."""
    low, high = budget
    if low is not None or high is not None:
        bounds = {k: v for k, v in (("gte", low), ("lte", high)) if v is not None}
        return {"range": {f"package_prices.{delivery}": bounds}}
    if DELIVERY_BAND_DAYS[delivery] is not None:
        return {"term": {"delivery_within": delivery}}
    return None


@dataclass(frozen=True)
class _PackageSelection(_KindBase):
    """Budget and delivery: one selection, for the same package."""

    @property
    def own(self) -> str:
        return PACKAGES

    def clause(self, selection: Selection) -> Clause | None:
        return package_clause((selection.budget_min, selection.budget_max), selection.delivery)


@dataclass(frozen=True)
class BudgetKind(_PackageSelection):
    """Gigs with a package in each price band, within the selected delivery band."""

    def aggregation(self, selection: Selection, bands: Bands) -> Clause:
        # Price steps with the step below them, counted as keywords (see read).
        return {"terms": {"field": f"price_steps.{selection.delivery}", "size": PAIRS}}

    def read(self, agg: Agg, selection: Selection, taxonomy: Taxonomy, bands: Bands) -> FacetResult:
        pairs = [
            (int(s), int(p), int(b["doc_count"]))
            for b in agg["buckets"]
            for s, p in [str(b["key"]).split(":")]
        ]
        chosen = (selection.budget_min, selection.budget_max)
        buckets = []
        for band in bands:
            first, last = band_steps(band)
            # Each gig once: its cheapest price at or above the band's first step.
            count = sum(n for s, p, n in pairs if first <= s <= last and p < first)
            buckets.append(
                Bucket(
                    band_key(band),
                    band_label(band, selection.lang),
                    count,
                    chosen == band_params(band),
                    {
                        k: str(v)
                        for k, v in zip(
                            ("budget_min", "budget_max"), band_params(band), strict=True
                        )
                        if v is not None
                    },
                )
            )
        # A gig's cheapest price is the one with no cheaper step below it (p == -1): each
        # gig once, in the same count as the bands (no aggregation of its own).
        cheapest: dict[int, int] = {}
        for s, p, n in pairs:
            if p < 0:
                cheapest[s] = cheapest.get(s, 0) + n
        return self._result(selection, buckets, histogram=histogram(cheapest))


@dataclass(frozen=True)
class DeliveryKind(_PackageSelection):
    """Gigs with a package delivering within each band, within the selected budget."""

    def aggregation(self, selection: Selection, bands: Bands) -> Clause:
        limited = {slug: days for slug, days in DELIVERY_BAND_DAYS.items() if days is not None}
        if has_budget(selection):
            budget = (selection.budget_min, selection.budget_max)
            return {
                "filters": {
                    "filters": {slug: package_clause(budget, slug) for slug in limited},
                }
            }
        return {"terms": {"field": "delivery_within", "size": len(limited)}}

    def read(self, agg: Agg, selection: Selection, taxonomy: Taxonomy, bands: Bands) -> FacetResult:
        found = agg["buckets"]
        if isinstance(found, list):  # terms, else filters (keyed)
            found = {b["key"]: b for b in found}
        buckets = [
            Bucket(
                c.slug,
                c.label.get(selection.lang),
                found[c.slug]["doc_count"] if c.slug in found else 0,
                selection.delivery == c.slug,
                {"delivery": c.slug},
            )
            for c in DELIVERY_BANDS
            if DELIVERY_BAND_DAYS[c.slug] is not None
        ]
        return self._result(selection, buckets)


@dataclass(frozen=True)
class HoursKind(_KindBase):
    """Sellers whose working day shares at least so many hours with the buyer's: the seller
    zones that do at the search's instant (facets.hours), a terms filter on the seller's
    zone. Counted for each threshold, and for the one chosen."""

    at: datetime
    field: str = "seller.timezone"

    def _zones(self, selection: Selection, hours: int) -> Clause:
        assert selection.tz is not None
        return {"terms": {self.field: list(zones_within(selection.tz, hours, self.at))}}

    def _thresholds(self, selection: Selection) -> list[int]:
        return sorted({*OVERLAPS, *([selection.overlap] if selection.overlap else [])})

    def clause(self, selection: Selection) -> Clause | None:
        if selection.overlap is None or selection.tz is None:
            return None
        return self._zones(selection, selection.overlap)

    def aggregation(self, selection: Selection, bands: Bands) -> Clause:
        return {
            "filters": {
                "filters": {str(n): self._zones(selection, n) for n in self._thresholds(selection)}
            }
        }

    def read(self, agg: Agg, selection: Selection, taxonomy: Taxonomy, bands: Bands) -> FacetResult:
        buckets = [
            Bucket(
                str(n),
                hours_label(n).get(selection.lang),
                int(agg["buckets"][str(n)]["doc_count"]),
                selection.overlap == n,
                {"overlap": str(n)},
            )
            for n in self._thresholds(selection)
        ]
        return self._result(selection, buckets)


def kind_of(facet: Facet, at: datetime | None = None) -> FacetKind:
    if facet.kind == "terms":
        return TermsKind(facet, FIELDS.get(facet.name, f"attributes.{facet.name}"))
    if facet.kind == "online":
        return OnlineKind(facet)
    if facet.kind == "hours":
        return HoursKind(facet, at or datetime.now(UTC))
    if facet.kind == "category":
        return CategoryKind(facet)
    if facet.kind == "budget":
        return BudgetKind(facet)
    return DeliveryKind(facet)


# -- a page's facets together -------------------------------------------------------------------
@dataclass(frozen=True)
class PageFacets:
    """The facets of one page with their selections, as filters, aggregations and results."""

    kinds: tuple[FacetKind, ...]
    selected: dict[str, Clause]  # by selection name (a facet's, or PACKAGES)

    @classmethod
    def of(
        cls, selection: Selection, facets: Sequence[Facet], at: datetime | None = None
    ) -> PageFacets:
        """``at``: the search's instant, for the facets that depend on it (working hours)."""
        kinds = tuple(kind_of(f, at) for f in facets)
        selected: dict[str, Clause] = {}
        for kind in kinds:
            clause = kind.clause(selection)
            if clause is not None:
                selected[kind.own] = clause
        return cls(kinds, selected)

    def filters(self) -> list[Clause]:
        """Every selection: what the results must match."""
        return list(self.selected.values())

    def _group(self, kind: FacetKind) -> str:
        return f"but_{kind.own}" if kind.own in self.selected else ALL

    def aggregations(self, selection: Selection, bands: Sequence[Band]) -> dict[str, Any]:
        """One filter aggregation per distinct set of other selections (the group of facets
        that have no selection of their own is the page's total); nothing selected, the
        facets are counted at the top level."""
        if not self.selected:
            return {k.facet.name: k.aggregation(selection, bands) for k in self.kinds}
        groups: dict[str, dict[str, Any]] = {ALL: {}}
        for kind in self.kinds:
            groups.setdefault(self._group(kind), {})[kind.facet.name] = kind.aggregation(
                selection, bands
            )
        aggs: dict[str, Any] = {}
        for name, inner in groups.items():
            left_out = name.removeprefix("but_") if name != ALL else None
            clauses = [c for own, c in self.selected.items() if own != left_out]
            aggs[name] = {"filter": {"bool": {"filter": clauses}}}
            if inner:
                aggs[name]["aggs"] = inner
        return aggs

    def total(self, response: Mapping[str, Any]) -> int:
        """The page's total from the facets' response: the matches under every selection."""
        if self.selected:
            return int(response["aggregations"][ALL]["doc_count"])
        return int(response["hits"]["total"]["value"])

    def read(
        self,
        aggregations: Mapping[str, Any],
        selection: Selection,
        taxonomy: Taxonomy,
        bands: Sequence[Band],
    ) -> list[FacetResult]:
        results: list[FacetResult] = []
        for kind in self.kinds:
            name = kind.facet.name
            agg = aggregations[self._group(kind)][name] if self.selected else aggregations[name]
            results.append(kind.read(agg, selection, taxonomy, bands))
        return results
