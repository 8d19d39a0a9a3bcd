"""Review tables: public reviews, and private feedback kept apart (R-REV-5)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from marketplace_core.db import Base, UTCDateTime, string_enum
from marketplace_core.orders.enums import Actor


class Review(Base):
    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    author: Mapped[Actor] = mapped_column(string_enum(Actor, "review_author"))
    author_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    # The buyer's review is about the seller (shown on the seller's page), the seller's about
    # the buyer (shown on the buyer's profile).
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"), index=True)
    buyer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    rating: Mapped[int] = mapped_column(Integer)
    communication: Mapped[int | None] = mapped_column(Integer)
    as_described: Mapped[int | None] = mapped_column(Integer)
    would_recommend: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, default="")
    work_sample_key: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # R-REV-4, double blind: the buyer's review is published once the seller has reviewed,
    # or when the review window closes; the seller's is published at once.
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    # Set when the order is cancelled by support (no review stands on a cancelled order,
    # R-REV-3) or when support removes a review that breaks the terms (R-REV-6).
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # R-REV-6: why support removed it (a code of reviews.rules.REMOVAL_REASONS), and by whom.
    removal_reason: Mapped[str | None] = mapped_column(String(32))
    removal_explanation: Mapped[str | None] = mapped_column(Text)
    removed_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    __table_args__ = (
        UniqueConstraint("order_id", "author", name="order_author"),
        CheckConstraint("rating BETWEEN 1 AND 5", name="rating_stars"),
        CheckConstraint(
            "(communication IS NULL OR communication BETWEEN 1 AND 5) AND "
            "(as_described IS NULL OR as_described BETWEEN 1 AND 5) AND "
            "(would_recommend IS NULL OR would_recommend BETWEEN 1 AND 5)",
            name="criteria_stars",
        ),
    )


class PrivateFeedback(Base):
    """Never returned by a public endpoint, nor shown to the other party (R-REV-5)."""

    __tablename__ = "private_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), unique=True)
    author_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
