"""Quote tables: the requests buyers send, their attachments, and the sellers' offers."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace_core.catalog.models import Seller
from marketplace_core.db import Base, JSONDocument, UTCDateTime, string_enum
from marketplace_core.quotes.rules import QuoteStatus
from marketplace_core.uploads.models import Upload


class QuoteRequest(Base):
    __tablename__ = "quote_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    buyer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"), index=True)
    category: Mapped[str] = mapped_column(String(64))
    subcategory: Mapped[str] = mapped_column(String(64))
    description: Mapped[str] = mapped_column(Text)
    # {criterion slug: [value slugs]}, validated against the subcategory's quote criteria.
    criteria: Mapped[dict[str, Any]] = mapped_column(JSONDocument, default=dict)
    delivery_days: Mapped[int] = mapped_column(Integer)
    budget_cents: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[QuoteStatus] = mapped_column(
        string_enum(QuoteStatus, "quote_status", 20),
        index=True,
    )
    # Why the seller declined the request, or the buyer the offer (the status says which).
    decline_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Bumped on every UPDATE: two answers to the same request cannot both win.
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    seller: Mapped[Seller] = relationship()
    attachments: Mapped[list[QuoteAttachment]] = relationship(
        cascade="all, delete-orphan", order_by="QuoteAttachment.position"
    )
    offer: Mapped[QuoteOffer | None] = relationship(
        back_populates="request", cascade="all, delete-orphan"
    )

    __table_args__ = (
        CheckConstraint("budget_cents IS NULL OR budget_cents >= 500", name="budget_min"),
        CheckConstraint("delivery_days >= 1", name="delivery_at_least_one_day"),
    )
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy reads it once)


class QuoteAttachment(Base):
    """An upload attached to a request. One upload may go with several requests: a buyer
    often asks several sellers with the same brief."""

    __tablename__ = "quote_request_attachments"

    quote_request_id: Mapped[int] = mapped_column(
        ForeignKey("quote_requests.id", ondelete="CASCADE"), primary_key=True
    )
    upload_key: Mapped[str] = mapped_column(ForeignKey("uploads.key"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer)

    upload: Mapped[Upload] = relationship(lazy="joined")


class QuoteOffer(Base):
    """The seller's answer to a request (R-QUO-3): at most one per request."""

    __tablename__ = "quote_offers"

    id: Mapped[int] = mapped_column(primary_key=True)
    quote_request_id: Mapped[int] = mapped_column(
        ForeignKey("quote_requests.id", ondelete="CASCADE"), unique=True
    )
    price_cents: Mapped[int] = mapped_column(Integer)
    delivery_days: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # The order placed from this offer.
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))

    request: Mapped[QuoteRequest] = relationship(back_populates="offer")

    __table_args__ = (
        CheckConstraint("price_cents >= 500", name="price_min_5_dollars"),
        CheckConstraint("delivery_days >= 1", name="delivery_at_least_one_day"),
    )
