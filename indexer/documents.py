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
from facets.labels import gig_labels
from facets.taxonomy import TAXONOMY
from marketplace_core.catalog.enums import GigStatus, PackageTier, SellerLevel
from marketplace_core.catalog.models import Gig
from marketplace_core.sellers.quality import SellerRecord, SellerSignals, signals

# Bump with any change to what :meth:`GigParts.document` makes of the same rows: documents
# stored by an earlier builder are then built again (``indexer.document_store``).
DOCUMENT_FORMAT = 1
LEVEL_RANK = {level: rank for rank, level in enumerate(SellerLevel)}
NO_RECORD = SellerRecord()


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
    def timezone(self) -> str: ...
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
    record: SellerRecord = NO_RECORD  # the seller's orders and answers, counted

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
        labels = gig_labels(TAXONOMY, gig.subcategory, gig.attributes)
        signs = signals(self.record)
        return {
            "gig_id": gig.id,
            "title": gig.title,
            "description": gig.description,
            "tags": list(gig.tags),
            "labels": {
                lang: [*names, *labels.values[lang]] for lang, names in labels.names.items()
            },
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
            "quality": quality(
                seller.completed_orders, seller.rating_average, signs, seller.rating_count
            ),
            "seller": {
                "id": seller.id,
                "username": seller.username,
                "display_name": seller.display_name,
                "level": seller.level.value,
                "level_rank": LEVEL_RANK[seller.level],
                "languages": list(self.languages),
                "country": seller.country,
                "timezone": seller.timezone,
                "rating": round(seller.rating_average, 2),
                "rating_count": seller.rating_count,
                "completed_orders": seller.completed_orders,
                "online": seller.search_online,
                "last_seen_at": seller.last_seen_at.isoformat() if seller.last_seen_at else None,
                "on_time_rate": signs.on_time_rate,
                "completion_rate": signs.completion_rate,
                "response_hours": signs.response_hours,
                "repeat_buyer_rate": signs.repeat_buyer_rate,
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


# The seller's record as a factor on the relevance score of the best matches (rescored):
# each signal's weight times how good it is (0–1), summed, plus an exploration boost for a
# seller with few orders. At least 1, at most MAX_QUALITY: a gig whose text matches 25 %
# better is never overtaken, close matches are ordered by the record. See the README.
QUALITY_WEIGHTS = {
    "rating": 0.06,
    "volume": 0.04,
    "on_time": 0.04,
    "completion": 0.04,
    "response": 0.03,
    "repeat": 0.03,
}
MAX_QUALITY = 1.25
NEW_SELLER_ORDERS = 5  # fewer completed orders than this: a new seller, to be explored
EXPLORATION = 0.05  # at most, for a seller without any order, shrinking to 0 at 5
RATING_PRIOR, RATING_PRIOR_WEIGHT = 4.5, 5  # stars assumed, and how many reviews they weigh
VOLUME_FULL = 500  # completed orders that count as a full record
RESPONSE_HALF_HOURS = 24.0  # an answer within a day is worth half one within minutes


def _share(value: float, low: float, high: float) -> float:
    return min(1.0, max(0.0, (value - low) / (high - low)))


def quality_parts(
    completed_orders: int, rating: float, rating_count: int, signs: SellerSignals
) -> dict[str, float]:
    """How good each signal is, 0–1, and the exploration a new seller gets (0–1)."""
    stars = (rating * rating_count + RATING_PRIOR * RATING_PRIOR_WEIGHT) / (
        rating_count + RATING_PRIOR_WEIGHT
    )
    return {
        "rating": _share(stars, 3.0, 5.0),
        "volume": min(1.0, math.log1p(completed_orders) / math.log1p(VOLUME_FULL)),
        "on_time": _share(signs.on_time_rate, 0.5, 1.0),
        "completion": _share(signs.completion_rate, 0.5, 1.0),
        "response": 1 / (1 + signs.response_hours / RESPONSE_HALF_HOURS),
        "repeat": min(1.0, signs.repeat_buyer_rate / 0.4),
        "exploration": max(0.0, 1 - completed_orders / NEW_SELLER_ORDERS),
    }


def quality(
    completed_orders: int, rating: float, signs: SellerSignals, rating_count: int = 0
) -> float:
    """The factor, between 1 and :data:`MAX_QUALITY` (see :data:`QUALITY_WEIGHTS`)."""
    parts = quality_parts(completed_orders, rating, rating_count, signs)
    boost = sum(weight * parts[name] for name, weight in QUALITY_WEIGHTS.items())
    boost += EXPLORATION * parts["exploration"]
    return round(min(MAX_QUALITY, 1 + boost), 4)


def parts_of(gig: Gig) -> GigParts:
    """The parts of a loaded ORM gig (its seller, packages and languages loaded too)."""
    seller = gig.seller
    languages = [lang.language for lang in seller.languages]
    return GigParts(gig, seller, gig.packages, languages, gig.images[0].key if gig.images else None)
