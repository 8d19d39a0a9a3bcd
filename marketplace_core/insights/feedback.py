"""What buyers did after a search, fed back into search. Pure rules, no I/O.

Two signals, each counted only from enough distinct visitors (:data:`MIN_VISITORS`), so one
visitor clicking over and over cannot push a term:

- **popularity** for the autocomplete: a search that led to a click counts more than a
  search alone, one that led to an order more still;
- **where a query's clicks land**: the subcategories of the gigs buyers opened after typing
  it, the evidence query understanding reads ("logo" is about *Conception de logo*).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

MIN_VISITORS = 3
# In searches: a search that led to a click counts 1 + CLICK_WEIGHT, to an order 1 + both.
CLICK_WEIGHT = 2
ORDER_WEIGHT = 5
UNDERSTOOD_SHARE = 0.5  # of a query's clicks, for its subcategory to be the understood one


@dataclass(frozen=True)
class QueryOutcomes:
    """What the searches of one query led to."""

    clicked_searches: int  # searches with at least one click
    ordered_searches: int  # searches with at least one order
    visitors: int  # distinct visitors who clicked or ordered


@dataclass(frozen=True)
class ClickedSubcategory:
    """Clicks of one query on gigs of one subcategory."""

    subcategory: str
    clicks: int
    visitors: int  # distinct visitors among those clicks


@dataclass(frozen=True)
class Understood:
    subcategory: str
    confidence: float  # its share of the query's clicks, 0–1
    visitors: int


def popularity(
    searches: Mapping[str, int],
    outcomes: Mapping[str, QueryOutcomes],
    *,
    min_visitors: int = MIN_VISITORS,
) -> dict[str, int]:
    """Each query's search count, plus the weight of its clicks and orders when enough
    distinct visitors made them."""
    weighted = dict(searches)
    for query, n in searches.items():
        found = outcomes.get(query)
        if found is not None and found.visitors >= min_visitors:
            weighted[query] = (
                n + CLICK_WEIGHT * found.clicked_searches + ORDER_WEIGHT * found.ordered_searches
            )
    return weighted


def click_shares(
    places: Sequence[ClickedSubcategory], *, min_visitors: int = MIN_VISITORS
) -> dict[str, float]:
    """Each subcategory's share of the query's clicks, for those clicked by enough visitors."""
    total = sum(p.clicks for p in places)
    if not total:
        return {}
    return {p.subcategory: p.clicks / total for p in places if p.visitors >= min_visitors}


def understood_subcategory(
    places: Sequence[ClickedSubcategory],
    *,
    min_visitors: int = MIN_VISITORS,
    min_share: float = UNDERSTOOD_SHARE,
) -> Understood | None:
    """The subcategory most of a query's clicks land in, if enough visitors say so."""
    shares = click_shares(places, min_visitors=min_visitors)
    if not shares:
        return None
    best = max(shares, key=lambda s: (shares[s], s))
    if shares[best] < min_share:
        return None
    visitors = next(p.visitors for p in places if p.subcategory == best)
    return Understood(best, round(shares[best], 4), visitors)


def clicked_places(
    placed: Sequence[str],
    places: Sequence[ClickedSubcategory],
    *,
    min_visitors: int = MIN_VISITORS,
    min_share: float = 0.25,
) -> list[str]:
    """Of the subcategories where a term's gigs are, those where its clicks land, most
    clicked first. Without enough evidence, or when buyers click elsewhere, ``placed`` as is."""
    shares = click_shares(places, min_visitors=min_visitors)
    kept = sorted((s for s in placed if shares.get(s, 0.0) >= min_share), key=lambda s: -shares[s])
    return kept or list(placed)
