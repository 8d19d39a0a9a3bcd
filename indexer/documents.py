"""A gig's search document: the gig, its packages and its seller's attributes, flattened.

Built from plain rows (see ``indexer.gig_source``) rather than ORM objects: a rebuild reads
every active gig, and rows cost a fraction of what mapped objects do. ORM objects have the
same attributes, so they build the same document (:func:`parts_of`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from facets.common import DELIVERY_BAND_DAYS
from facets.filters import price_step
from marketplace_core.catalog.enums import GigStatus, PackageTier, SellerLevel
from marketplace_core.catalog.models import Gig

LEVEL_RANK = {level: rank for rank, level in enumerate(SellerLevel)}


class GigFields(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def seller_id(self) -> int: ...
    @property
    def title(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def tags(self) -> list[str]: ...
    @property
    def category(self) -> str: ...
    @property
    def subcategory(self) -> str: ...
    @property
    def attributes(self) -> dict[str, Any]: ...
    @property
    def status(self) -> GigStatus: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def updated_at(self) -> datetime: ...
    @property
    def version(self) -> int: ...


class SellerFields(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def username(self) -> str: ...
    @property
    def display_name(self) -> str: ...
    @property
    def level(self) -> SellerLevel: ...
    @property
    def country(self) -> str: ...
    @property
    def rating_average(self) -> float: ...
    @property
    def rating_count(self) -> int: ...
    @property
    def completed_orders(self) -> int: ...
    @property
    def search_online(self) -> bool: ...
    @property
    def last_seen_at(self) -> datetime | None: ...
    @property
    def version(self) -> int: ...


class PackageFields(Protocol):
    @property
    def tier(self) -> PackageTier: ...
    @property
    def price_cents(self) -> int: ...
    @property
    def delivery_days(self) -> int: ...
    @property
    def revisions(self) -> int: ...


@dataclass(frozen=True, slots=True)
class GigParts:
    """What one gig's document is made of."""

    gig: GigFields
    seller: SellerFields
    packages: Sequence[PackageFields]
    languages: Sequence[str]
    thumbnail: str | None = None  # the key of the gig's first image

    @property
    def version(self) -> int:
        """The document's external version: an older write never overwrites a newer one.

        Both versions only grow (each UPDATE of the row bumps it, and a package or a
        language change bumps its gig or seller), and a gig never changes seller, so their
        sum grows on every change that reaches the document, including a seller change
        that leaves the gig untouched.
        """
        return self.gig.version + self.seller.version

    def document(self) -> dict[str, Any]:
        """Only database values, no clock: a document is a function of its version."""
        gig, seller = self.gig, self.seller
        packages = sorted(self.packages, key=lambda p: p.price_cents)
        fastest = min(p.delivery_days for p in packages)
        # Per delivery band, the prices of the packages delivering within it.
        prices = {
            band: sorted(
                {p.price_cents for p in packages if days is None or p.delivery_days <= days}
            )
            for band, days in DELIVERY_BAND_DAYS.items()
        }
        return {
            "gig_id": gig.id,
            "title": gig.title,
            "description": gig.description,
            "tags": list(gig.tags),
            "category": gig.category,
            "subcategory": gig.subcategory,
            "attributes": dict(gig.attributes),
            "packages": [
                {
                    "tier": p.tier.value,
                    "price_cents": p.price_cents,
                    "delivery_days": p.delivery_days,
                    "revisions": p.revisions,
                }
                for p in packages
            ],
            "package_prices": prices,
            "price_steps": {band: step_pairs(within) for band, within in prices.items()},
            "delivery_within": [
                band
                for band, days in DELIVERY_BAND_DAYS.items()
                if days is not None and fastest <= days
            ],
            "price_from_cents": packages[0].price_cents,
            "fastest_delivery_days": fastest,
            "quality": quality(seller.completed_orders, seller.rating_average),
            "seller": {
                "id": seller.id,
                "username": seller.username,
                "display_name": seller.display_name,
                "level": seller.level.value,
                "level_rank": LEVEL_RANK[seller.level],
                "languages": list(self.languages),
                "country": seller.country,
                "rating": round(seller.rating_average, 2),
                "rating_count": seller.rating_count,
                "completed_orders": seller.completed_orders,
                "online": seller.search_online,
                "last_seen_at": seller.last_seen_at.isoformat() if seller.last_seen_at else None,
            },
            # Images are stored by key; the front end builds the URL.
            "thumbnail": self.thumbnail,
            "created_at": gig.created_at.isoformat(),
            "updated_at": gig.updated_at.isoformat(),
        }


def step_pairs(prices: Sequence[int]) -> list[str]:
    """Each price's step of the grid with the step of the next cheaper price ("5:2", "2:-1").

    A budget band is a run of steps [i, j]; a gig has a price in it exactly when one of its
    pairs (s, p) has i <= s <= j and p < i: the cheapest price at or above step i, unique. So
    summing the counts of those pairs counts each gig once per band (``BudgetKind``)."""
    steps = sorted({price_step(p) for p in prices})
    return [f"{s}:{p}" for s, p in zip(steps, [-1, *steps], strict=False)]


def quality(completed_orders: int, rating: float) -> float:
    """Rating and completed orders as a factor of at most 1.25 on the relevance score: they
    order close matches, never overturn a clearly better one."""
    return round(min(1.25, 1 + 0.02 * math.log1p(completed_orders) + 0.01 * rating), 4)


def parts_of(gig: Gig) -> GigParts:
    """The parts of a loaded ORM gig (its seller, packages and languages loaded too)."""
    seller = gig.seller
    languages = [lang.language for lang in seller.languages]
    return GigParts(gig, seller, gig.packages, languages, gig.images[0].key if gig.images else None)
