"""Tip rules over plain values (R-TIP-1…2). No I/O."""

from __future__ import annotations

from datetime import datetime

from marketplace_core.errors import Conflict, InvalidInput

MIN_TIP_CENTS = 500  # $5
SMALL_ORDER_CAP_CENTS = 2500  # orders under $25: a tip up to $25
MAX_MESSAGE_LENGTH = 1000
PRESETS_PERCENT = (10, 15, 20)  # the three suggested amounts, as a share of the price


def max_tip_cents(order_price_cents: int) -> int:
    """Under $25: up to $25; $25 or more: up to 100 % of the price."""
    if order_price_cents < SMALL_ORDER_CAP_CENTS:
        return SMALL_ORDER_CAP_CENTS
    return order_price_cents


def validate_tip(amount_cents: int, order_price_cents: int, message: str) -> tuple[int, str]:
    cap = max_tip_cents(order_price_cents)
    if not MIN_TIP_CENTS <= amount_cents <= cap:
        raise InvalidInput.one(
            "amount_cents",
            "tip.amount_bounds",
            f"amount_cents must be between {MIN_TIP_CENTS} ($5) and {cap} for an order of "
            f"{order_price_cents} cents",
        )
    message = message.strip()
    if len(message) > MAX_MESSAGE_LENGTH:
        raise InvalidInput.one(
            "message",
            "tip.message_length",
            f"message must be at most {MAX_MESSAGE_LENGTH} characters",
        )
    return amount_cents, message


def suggested_tips(order_price_cents: int) -> list[int]:
    """Preset amounts within the bounds, in cents."""
    cap = max_tip_cents(order_price_cents)
    amounts = {min(cap, max(MIN_TIP_CENTS, order_price_cents * p // 100)) for p in PRESETS_PERCENT}
    return sorted(amounts)


def check_tip_window(tip_closes_at: datetime | None, now: datetime) -> None:
    if tip_closes_at is not None and now >= tip_closes_at:
        raise Conflict(
            f"tips closed on {tip_closes_at.isoformat()}: a tip can be left up to 7 days "
            "after the order was completed"
        )
