"""Closed sets of values stored in the catalog tables."""

from __future__ import annotations

from enum import StrEnum


class SellerLevel(StrEnum):
    NEW = "new"
    LEVEL_1 = "level_1"
    LEVEL_2 = "level_2"
    TOP_RATED = "top_rated"


class GigStatus(StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    PAUSED = "paused"
    DELETED = "deleted"


class PackageTier(StrEnum):
    BASIC = "basic"
    STANDARD = "standard"
    PREMIUM = "premium"


TIER_ORDER: tuple[PackageTier, ...] = (PackageTier.BASIC, PackageTier.STANDARD, PackageTier.PREMIUM)
