"""Bodies of the buyer profile: sellers' published reviews of a buyer (R-REV-4)."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from marketplace_core.reviews.models import Review
from marketplace_core.reviews.service import BuyerProfile
from search_api.schemas.base import ReadModel


class BuyerReviewOut(ReadModel):
    """A seller's published review of the buyer: never private feedback, no e-mail."""

    id: int = Field(description="what support names to remove it (R-REV-6)")
    seller_username: str
    rating: int
    text: str
    published_at: datetime

    @classmethod
    def of(cls, row: Review, seller_username: str) -> BuyerReviewOut:
        return cls.read(row, seller_username=seller_username)


class BuyerProfileOut(ReadModel):
    user_id: int
    reviews_count: int = Field(description="sellers' published reviews of this buyer")
    rating_average: float | None = Field(description="their average stars; null without any")
    reviews: list[BuyerReviewOut] = Field(description="newest first")

    @classmethod
    def of(cls, profile: BuyerProfile) -> BuyerProfileOut:
        reviews = [BuyerReviewOut.of(review, seller) for review, seller in profile.reviews]
        return cls.read(profile, reviews=reviews)
