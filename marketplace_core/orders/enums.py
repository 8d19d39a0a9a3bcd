"""Closed sets of values stored in the order tables."""

from __future__ import annotations

from enum import StrEnum


class OrderStatus(StrEnum):
    INCOMPLETE = "incomplete"  # waiting for the buyer's requirements
    IN_PROGRESS = "in_progress"
    # Late and very late are statuses of their own (not flags): the help center lists them
    # among the active statuses, and "the buyer may cancel at once" belongs to very late only.
    LATE = "late"
    VERY_LATE = "very_late"
    DELIVERED = "delivered"
    REJECTED = "rejected"  # the buyer asked for a revision
    COMPLETED = "completed"
    CANCELLED = "cancelled"


ACTIVE_STATUSES = frozenset(
    {
        OrderStatus.INCOMPLETE,
        OrderStatus.IN_PROGRESS,
        OrderStatus.LATE,
        OrderStatus.VERY_LATE,
        OrderStatus.DELIVERED,
        OrderStatus.REJECTED,
    }
)
FINAL_STATUSES = frozenset({OrderStatus.COMPLETED, OrderStatus.CANCELLED})


class Actor(StrEnum):
    BUYER = "buyer"
    SELLER = "seller"
    SUPPORT = "support"
    SYSTEM = "system"  # the timers


class SourceKind(StrEnum):
    PACKAGE = "package"
    QUOTE_OFFER = "quote_offer"
    REQUEST_OFFER = "request_offer"  # an offer on a buyer request (R-REQ-6)
