"""Buyer request tables: the requests buyers post and the offers sellers send them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace_core.catalog.models import Gig, Seller
from marketplace_core.db import Base, JSONDocument, UTCDateTime, string_enum
from marketplace_core.requests.rules import OfferStatus, RequestStatus
from marketplace_core.uploads.models import Upload


class BuyerRequest(Base):
    """A request posted to every matching seller (R-REQ-1…5)."""

    __tablename__ = "buyer_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    buyer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    category: Mapped[str] = mapped_column(String(64))
    subcategory: Mapped[str] = mapped_column(String(64), index=True)
    description: Mapped[str] = mapped_column(Text)
    # {criterion slug: [value slugs]}, validated against the subcategory's quote criteria.
    criteria: Mapped[dict[str, Any]] = mapped_column(JSONDocument, default=dict)
    delivery_days: Mapped[int] = mapped_column(Integer)
    budget_cents: Mapped[int] = mapped_column(Integer)
    attachment_key: Mapped[str | None] = mapped_column(ForeignKey("uploads.key"))
    status: Mapped[RequestStatus] = mapped_column(
        string_enum(RequestStatus, "buyer_request_status", length=20), index=True
    )
    refusal_reason: Mapped[str | None] = mapped_column(Text)  # support's, sent to the buyer
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Boost once (R-REQ-4): the request's date becomes this one and it lists first.
    boosted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Approval, each new offer, the boost: 14 days after it the request expires (R-REQ-5).
    last_activity_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    expired_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # the deadline it met
    # Bumped on every UPDATE: of two concurrent actions on one request only one wins.
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    attachment: Mapped[Upload | None] = relationship(lazy="joined")
    offers: Mapped[list[RequestOffer]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="RequestOffer.id"
    )

    __table_args__ = (
        CheckConstraint("budget_cents >= 500", name="budget_min"),
        CheckConstraint("delivery_days >= 1 AND delivery_days <= 30", name="delivery_range"),
    )
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy reads it once)


class RequestOffer(Base):
    """A seller's offer on a request, tied to one of their gigs (R-REQ-6): one per seller
    and request."""

    __tablename__ = "buyer_request_offers"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("buyer_requests.id", ondelete="CASCADE"), index=True
    )
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"), index=True)
    gig_id: Mapped[int] = mapped_column(ForeignKey("gigs.id"))
    price_cents: Mapped[int] = mapped_column(Integer)
    delivery_days: Mapped[int] = mapped_column(Integer)
    message: Mapped[str] = mapped_column(Text)
    status: Mapped[OfferStatus] = mapped_column(
        string_enum(OfferStatus, "request_offer_status", length=20)
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))  # "order now"

    request: Mapped[BuyerRequest] = relationship(back_populates="offers")
    seller: Mapped[Seller] = relationship(lazy="joined")
    gig: Mapped[Gig] = relationship()

    __table_args__ = (
        UniqueConstraint("request_id", "seller_id", name="one_offer_per_seller"),
        CheckConstraint("price_cents >= 500", name="price_min_5_dollars"),
        CheckConstraint("delivery_days >= 1 AND delivery_days <= 30", name="delivery_range"),
    )
