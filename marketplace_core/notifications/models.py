"""The notifications table: one row per thing a user is told about, with a link to it."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from marketplace_core.columns import string_enum
from marketplace_core.db import Base, UTCDateTime


class NotificationKind(StrEnum):
    ORDER_PLACED = "order_placed"
    ORDER_DELIVERED = "order_delivered"  # R-ORD-10
    REVISION_REQUESTED = "revision_requested"
    EXTENSION_REQUESTED = "extension_requested"
    CANCELLATION_REQUESTED = "cancellation_requested"  # to the other party only, R-DIS-4
    ORDER_CANCELLED = "order_cancelled"
    ORDER_COMPLETED = "order_completed"
    TIP_RECEIVED = "tip_received"
    REVIEW_REMOVED = "review_removed"  # R-REV-6
    REQUEST_APPROVED = "request_approved"  # R-REQ-2
    REQUEST_REFUSED = "request_refused"  # R-REQ-2, with the reason
    REQUEST_EXPIRED = "request_expired"  # R-REQ-5
    OFFER_RECEIVED = "offer_received"  # R-REQ-6
    MESSAGE_RECEIVED = "message_received"
    SAVED_SEARCH_MATCHES = "saved_search_matches"  # a buyer's daily digest of new gigs
    REQUEST_MATCHED = "request_matched"  # a seller's alert on a new buyer request


class Notification(Base):
    """A site notification; the e-mail copy is sent after the commit."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[NotificationKind] = mapped_column(
        string_enum(NotificationKind, "notification_kind")
    )
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    message: Mapped[str] = mapped_column(Text)
    link: Mapped[str] = mapped_column(String(300))  # e.g. /orders/12, /me/requests/3
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
