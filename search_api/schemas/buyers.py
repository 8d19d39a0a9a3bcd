"""Bodies of the buyer profile: sellers' published reviews of a buyer (R-REV-4)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from marketplace_core.reviews.models import Review
from marketplace_core.reviews.service import BuyerProfile


class BuyerReviewOut(BaseModel):
    """A seller's published review of the buyer: never private feedback, no e-mail."""

    id: int = Field(description="what support names to remove it (R-REV-6)")
    seller_username: str
    rating: int
    text: str
    published_at: datetime

    @classmethod
    def of(cls, row: Review, seller_username: str) -> BuyerReviewOut:
        assert row.published_at is not None
        return cls(
            id=row.id,
            seller_username=seller_username,
            rating=row.rating,
            text=row.text,
            published_at=row.published_at,
        )


class BuyerProfileOut(BaseModel):
    user_id: int
    reviews_count: int = Field(description="sellers' published reviews of this buyer")
    rating_average: float | None = Field(description="their average stars; null without any")
    reviews: list[BuyerReviewOut] = Field(description="newest first")

    @classmethod
    def of(cls, profile: BuyerProfile) -> BuyerProfileOut:
        return cls(
            user_id=profile.user_id,
            reviews_count=profile.reviews_count,
            rating_average=profile.rating_average,
            reviews=[BuyerReviewOut.of(review, seller) for review, seller in profile.reviews],
        )
