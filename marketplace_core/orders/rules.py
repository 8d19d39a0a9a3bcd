"""Order rules over plain values: deadlines, bounds of what users send. No I/O.

Every deadline an order has is computed here and stored on the order, so the timer sweep
only compares stored timestamps with the clock.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from marketplace_core.errors import FieldProblem, InvalidInput
from marketplace_core.input_rules import check_price

AUTO_COMPLETE_AFTER = timedelta(days=3)  # R-ORD-3
VERY_LATE_AFTER = timedelta(hours=24)  # R-ORD-5
SUPPORT_CANCEL_WITHIN = timedelta(days=14)  # R-ORD-7
REVIEW_WINDOW = timedelta(days=10)  # R-REV-2
TIP_WINDOW = timedelta(days=7)  # R-TIP-1

MAX_DELIVERY_DAYS = 90
MAX_EXTENSION_DAYS = 30
MAX_TITLE_LENGTH = 200
MAX_TEXT_LENGTH = 5000
MAX_ATTACHMENTS = 20
MAX_FILE_KEY_LENGTH = 500
MAX_FILE_NAME_LENGTH = 255
MIN_EVIDENCE_LENGTH = 20
_IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9._:-]{8,100}$")


# -- deadlines ----------------------------------------------------------------------------
def due_at(original_due_at: datetime, extension_days: int) -> datetime:
    """R-ORD-4: extra time counts from the original due date, never from now."""
    return original_due_at + timedelta(days=extension_days)


def original_due_at(started_at: datetime, delivery_days: int) -> datetime:
    return started_at + timedelta(days=delivery_days)


def very_late_at(due: datetime) -> datetime:
    """R-ORD-5: very late 24 h after the order became late, i.e. after its due date."""
    return due + VERY_LATE_AFTER


def auto_complete_at(delivered_at: datetime) -> datetime:
    return delivered_at + AUTO_COMPLETE_AFTER


def review_closes_at(completed_at: datetime) -> datetime:
    return completed_at + REVIEW_WINDOW


def tip_closes_at(completed_at: datetime) -> datetime:
    return completed_at + TIP_WINDOW


def support_cancel_until(completed_at: datetime) -> datetime:
    return completed_at + SUPPORT_CANCEL_WITHIN


# -- what users send ----------------------------------------------------------------------
@dataclass(frozen=True)
class Attachment:
    """A file already stored elsewhere: only its key and name are kept with the order."""

    key: str
    name: str


def validate_placement(title: str, price_cents: int, delivery_days: int) -> None:
    problems: list[FieldProblem] = []
    if not title.strip() or len(title) > MAX_TITLE_LENGTH:
        problems.append(
            FieldProblem(
                "title", "order.title_length", f"title must be 1 to {MAX_TITLE_LENGTH} characters"
            )
        )
    check_price(problems, "price_cents", price_cents, rule="order.price_bounds")
    if not 1 <= delivery_days <= MAX_DELIVERY_DAYS:
        problems.append(
            FieldProblem(
                "delivery_days",
                "order.delivery_days_bounds",
                f"delivery_days must be between 1 and {MAX_DELIVERY_DAYS}",
            )
        )
    if problems:
        raise InvalidInput(problems)


def validate_idempotency_key(key: str) -> str:
    if not _IDEMPOTENCY_KEY.match(key):
        raise InvalidInput.one(
            "Idempotency-Key",
            "idempotency_key.format",
            "Idempotency-Key must be 8 to 100 of A-Z, a-z, 0-9, '.', '_', ':', '-' "
            "(a UUID is fine)",
        )
    return key


def validate_text(
    field: str, text: str, *, required: bool, max_length: int = MAX_TEXT_LENGTH, min_length: int = 1
) -> str:
    text = text.strip()
    if not text and not required:
        return ""
    if not min_length <= len(text) <= max_length:
        raise InvalidInput.one(
            field,
            f"{field}.length",
            f"{field} must be {min_length} to {max_length} characters",
        )
    return text


def validate_attachments(attachments: Sequence[Attachment]) -> list[Attachment]:
    problems: list[FieldProblem] = []
    if len(attachments) > MAX_ATTACHMENTS:
        problems.append(
            FieldProblem("attachments", "attachments.max", f"at most {MAX_ATTACHMENTS} attachments")
        )
    for i, item in enumerate(attachments):
        if not 1 <= len(item.key) <= MAX_FILE_KEY_LENGTH:
            problems.append(
                FieldProblem(
                    f"attachments.{i}.key",
                    "attachment.key_length",
                    f"key must be 1 to {MAX_FILE_KEY_LENGTH} characters",
                )
            )
        if not 1 <= len(item.name) <= MAX_FILE_NAME_LENGTH:
            problems.append(
                FieldProblem(
                    f"attachments.{i}.name",
                    "attachment.name_length",
                    f"name must be 1 to {MAX_FILE_NAME_LENGTH} characters",
                )
            )
    if problems:
        raise InvalidInput(problems)
    return list(attachments)


def validate_delivery(
    message: str, attachments: Sequence[Attachment]
) -> tuple[str, list[Attachment]]:
    """R-ORD-1: files or proof of work; a message says what is delivered."""
    return validate_text("message", message, required=True), validate_attachments(attachments)


def validate_extension(days: int) -> int:
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        raise InvalidInput.one(
            "days",
            "extension.days_bounds",
            f"days must be between 1 and {MAX_EXTENSION_DAYS}",
        )
    return days


def support_may_cancel(completed_at: datetime, now: datetime) -> bool:
    """R-ORD-7: within 14 days of completion."""
    return now <= support_cancel_until(completed_at)


# -- what the timers owe an order ---------------------------------------------------------
@dataclass(frozen=True)
class DueStep:
    action: str  # an OrderAction value of the system actor
    at: datetime  # the deadline it applies at (not when a sweep happens to run)


def next_due(
    status: str,
    *,
    due: datetime | None,
    very_late: datetime | None,
    auto_complete: datetime | None,
    cancellation_respond_by: datetime | None,
    now: datetime,
) -> DueStep | None:
    """The earliest system step an order owes at ``now``, if any.

    Late at the due date and very late 24 h later (R-ORD-5); completed 3 days after delivery
    (R-ORD-3) unless a cancellation request is open, which holds the order until it is
    answered or expires; cancelled when a request went unanswered for 48 h (R-DIS-2).
    """
    candidates: list[DueStep] = []
    if status == "in_progress" and due is not None and due <= now:
        candidates.append(DueStep("mark_late", due))
    if status == "late" and very_late is not None and very_late <= now:
        candidates.append(DueStep("mark_very_late", very_late))
    if (
        status == "delivered"
        and cancellation_respond_by is None
        and auto_complete is not None
        and auto_complete <= now
    ):
        candidates.append(DueStep("auto_complete", auto_complete))
    if cancellation_respond_by is not None and cancellation_respond_by <= now:
        candidates.append(DueStep("expire_cancellation", cancellation_respond_by))
    return min(candidates, key=lambda step: step.at) if candidates else None
