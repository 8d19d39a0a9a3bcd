"""What a notification is about; stored in the notifications table."""

from __future__ import annotations

from enum import StrEnum


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
