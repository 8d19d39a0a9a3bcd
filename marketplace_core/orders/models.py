"""Order tables: orders, their deliveries and revision requests."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    inspect,
    text,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from marketplace_core.catalog.models import Seller
from marketplace_core.db import Base, JSONDocument, UTCDateTime, string_enum
from marketplace_core.orders.enums import Actor, OrderStatus, SourceKind
from marketplace_core.orders.extension_rules import ExtensionStatus
from marketplace_core.orders.payment_rules import AttemptStatus
from marketplace_core.outbox import OutboxEntity, watch_counted


class Order(Base):
    __tablename__ = "orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    buyer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"), index=True)
    # The seller's account: who acts on the order and whose earnings it credits.
    seller_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    source_kind: Mapped[SourceKind] = mapped_column(string_enum(SourceKind, "order_source_kind"))
    source_id: Mapped[int] = mapped_column(Integer)  # a gig package's id, or a quote offer's
    title: Mapped[str] = mapped_column(String(200))
    price_cents: Mapped[int] = mapped_column(Integer)
    delivery_days: Mapped[int] = mapped_column(Integer)
    status: Mapped[OrderStatus] = mapped_column(
        string_enum(OrderStatus, "order_status"), index=True
    )
    # A retried placement with the same key finds this order instead of paying twice.
    idempotency_key: Mapped[str] = mapped_column(String(100))
    # The results page it was ordered from, if any: the search reports count it.
    search_id: Mapped[str | None] = mapped_column(String(64))
    requirements: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    # Deadlines (see orders.rules); the timer sweep compares them with the clock.
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    original_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    extension_days: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    very_late_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    auto_complete_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    review_closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    review_closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    tip_closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    tip_closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    cancelled_by: Mapped[Actor | None] = mapped_column(string_enum(Actor, "order_actor"))
    cancellation_reason: Mapped[str | None] = mapped_column(String(64))
    cancellation_note: Mapped[str | None] = mapped_column(Text)

    # Bumped on every UPDATE: two concurrent actions on one order cannot both win.
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    deliveries: Mapped[list[OrderDelivery]] = relationship(
        back_populates="order", order_by="OrderDelivery.number"
    )
    revision_requests: Mapped[list[RevisionRequest]] = relationship(
        back_populates="order", order_by="RevisionRequest.id"
    )
    extension_offers: Mapped[list[ExtensionOffer]] = relationship(
        back_populates="order", order_by="ExtensionOffer.id"
    )

    __table_args__ = (
        UniqueConstraint("buyer_id", "idempotency_key", name="buyer_idempotency_key"),
        CheckConstraint("price_cents >= 500", name="price_min_5_dollars"),
        CheckConstraint("delivery_days >= 1", name="delivery_at_least_one_day"),
        CheckConstraint("extension_days >= 0", name="extension_positive"),
        CheckConstraint("buyer_id <> seller_user_id", name="not_own_order"),
        Index(
            "ix_orders_from_search",
            "created_at",
            postgresql_where=text("search_id IS NOT NULL"),
            sqlite_where=text("search_id IS NOT NULL"),
        ),
    )
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy reads it once)

    def other_party(self, actor: Actor) -> int:
        """The user on the other side of the order from ``actor``."""
        return self.seller_user_id if actor == Actor.BUYER else self.buyer_id


class OrderDelivery(Base):
    __tablename__ = "order_deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)  # 1 for the first delivery, 2 after a revision…
    message: Mapped[str] = mapped_column(Text)
    # [{"key": ..., "name": ...}]: files live in the file storage, only their keys here.
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(JSONDocument, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    order: Mapped[Order] = relationship(back_populates="deliveries")

    __table_args__ = (UniqueConstraint("order_id", "number", name="order_delivery_number"),)


class RevisionRequest(Base):
    __tablename__ = "order_revision_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    delivery_id: Mapped[int] = mapped_column(ForeignKey("order_deliveries.id"))
    details: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    order: Mapped[Order] = relationship(back_populates="revision_requests")


class ExtensionOffer(Base):
    """R-ORD-4: the seller offers extras with a price (and maybe more days); the buyer
    accepts (and pays) or declines. A time-only extension needs no offer: the seller adds
    time alone."""

    __tablename__ = "order_extension_offers"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    days: Mapped[int] = mapped_column(Integer)
    # [{"label": ..., "price_cents": ...}]: what the seller adds to the order.
    extras: Mapped[list[dict[str, Any]]] = mapped_column(JSONDocument, default=list)
    extras_cents: Mapped[int] = mapped_column(Integer)
    message: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[ExtensionStatus] = mapped_column(
        string_enum(ExtensionStatus, "extension_status")
    )
    # The buyer's key when accepting: a retry answers the same offer and pays nothing again.
    idempotency_key: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    order: Mapped[Order] = relationship(back_populates="extension_offers")

    __table_args__ = (
        CheckConstraint("days >= 0", name="extension_offer_days"),
        CheckConstraint("extras_cents > 0", name="extension_offer_priced"),
    )


class PaymentAttempt(Base):
    """A provider charge about to be made, committed on its own before the charge: if the
    order's (or tip's) transaction then fails to commit, the payment sweep finds it still
    pending and refunds what the provider took (see ``orders.payment_sweep``)."""

    __tablename__ = "payment_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    # No foreign key: the attempt is written beside a transaction that may hold the user's
    # row, and a key check would wait for it.
    buyer_id: Mapped[int] = mapped_column(Integer, index=True)
    amount_cents: Mapped[int] = mapped_column(Integer)  # the payment; the charge is at most that
    # The ledger transaction the payment posts, and the provider's key for the charge.
    idempotency_key: Mapped[str] = mapped_column(String(200), index=True)
    charge_key: Mapped[str] = mapped_column(String(220), unique=True)
    status: Mapped[AttemptStatus] = mapped_column(
        string_enum(AttemptStatus, "payment_attempt_status"), index=True
    )
    charged_cents: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    provider_reference: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    settled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (
        CheckConstraint("amount_cents > 0", name="payment_attempt_amount"),
        CheckConstraint("charged_cents >= 0", name="payment_attempt_charged"),
    )


# The seller's record on the search documents (marketplace_core.sellers.quality) counts
# orders delivered (on time or not), completed and cancelled.
RECORD_STATUSES = frozenset({OrderStatus.DELIVERED, OrderStatus.COMPLETED, OrderStatus.CANCELLED})


def _record_changes(session: Session) -> Iterator[int]:
    for order in session.dirty:
        if (
            isinstance(order, Order)
            and order.status in RECORD_STATUSES
            and inspect(order).attrs.status.history.has_changes()
        ):
            yield order.seller_id


watch_counted(Seller, OutboxEntity.SELLER, _record_changes)
