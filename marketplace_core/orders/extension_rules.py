"""Rules of extension offers (R-ORD-4) over plain values: extras with a price, bounds. No I/O.

The seller adds time alone (the help center: "le prestataire modifie la commande pour rajouter
du temps"); extras change the price, so the buyer accepts them and pays before they count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from marketplace_core.errors import FieldProblem, InvalidInput
from marketplace_core.input_rules import MAX_PRICE_CENTS, check_price
from marketplace_core.orders.rules import MAX_EXTENSION_DAYS

MAX_EXTRAS = 10
MAX_EXTRA_LABEL = 120
MAX_OFFER_MESSAGE = 2000
# The order's price after every extra stays within the bound of a price (R-MON-1).
MAX_ORDER_TOTAL_CENTS = MAX_PRICE_CENTS


class ExtensionStatus(StrEnum):
    PENDING = "pending"  # waiting for the buyer
    ACCEPTED = "accepted"  # paid, added to the order
    DECLINED = "declined"
    LAPSED = "lapsed"  # the order ended (completed or cancelled) before an answer


@dataclass(frozen=True)
class Extra:
    label: str
    price_cents: int


@dataclass(frozen=True)
class ValidOffer:
    days: int
    extras: tuple[Extra, ...]
    message: str

    @property
    def extras_cents(self) -> int:
        return sum(e.price_cents for e in self.extras)


def validate_offer(
    days: int, extras: Sequence[Extra], message: str, *, order_price_cents: int
) -> ValidOffer:
    """At least one extra (time alone needs no offer), each priced like a service (at least
    $5), the order's new total within bounds, 0 to 30 more days."""
    problems: list[FieldProblem] = []
    if not 0 <= days <= MAX_EXTENSION_DAYS:
        problems.append(
            FieldProblem(
                "days", "extension.days_bounds", f"days must be between 0 and {MAX_EXTENSION_DAYS}"
            )
        )
    if not extras:
        problems.append(
            FieldProblem(
                "extras",
                "extension.extras_required",
                "an offer adds at least one extra with a price; to add time only, use the "
                "extend action (no agreement needed)",
            )
        )
    if len(extras) > MAX_EXTRAS:
        problems.append(
            FieldProblem("extras", "extension.extras_max", f"at most {MAX_EXTRAS} extras")
        )
    cleaned: list[Extra] = []
    for i, extra in enumerate(extras):
        label = extra.label.strip()
        if not 1 <= len(label) <= MAX_EXTRA_LABEL:
            problems.append(
                FieldProblem(
                    f"extras.{i}.label",
                    "extension.extra_label_length",
                    f"label must be 1 to {MAX_EXTRA_LABEL} characters",
                )
            )
        check_price(
            problems,
            f"extras.{i}.price_cents",
            extra.price_cents,
            rule="extension.extra_price_bounds",
            high=MAX_ORDER_TOTAL_CENTS,
        )
        cleaned.append(Extra(label, extra.price_cents))
    total = sum(e.price_cents for e in extras)
    if extras and order_price_cents + total > MAX_ORDER_TOTAL_CENTS:
        problems.append(
            FieldProblem(
                "extras",
                "extension.total_bounds",
                f"the order's price with its extras must stay at most {MAX_ORDER_TOTAL_CENTS} "
                f"cents (it is {order_price_cents} now)",
            )
        )
    text = message.strip()
    if len(text) > MAX_OFFER_MESSAGE:
        problems.append(
            FieldProblem(
                "message",
                "extension.message_length",
                f"message must be at most {MAX_OFFER_MESSAGE} characters",
            )
        )
    if problems:
        raise InvalidInput(problems)
    return ValidOffer(days, tuple(cleaned), text)
