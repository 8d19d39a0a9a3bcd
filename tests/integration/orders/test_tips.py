"""Tips (R-TIP-1…3): after completion for 7 days, within the caps, from the balance first."""

from __future__ import annotations

import pytest

from marketplace_core.errors import Conflict, Forbidden, InvalidInput, InvalidTransition
from marketplace_core.ledger.rules import AccountKind
from marketplace_core.notifications.enums import NotificationKind
from marketplace_core.orders import service as orders
from marketplace_core.orders.payments import PaymentDeclined
from marketplace_core.tips import service as tips
from marketplace_core.tips.models import Tip
from tests.integration.orders.shop import BASIC_CENTS, STANDARD_CENTS, Shop
from tests.integration.orders.test_order_flow import deliver, started


def completed(shop: Shop, tier: str = "basic", key: str = "order-key-0001") -> int:
    order_id = started(shop, key, tier)
    deliver(shop, order_id)
    shop.act(shop.buyer, order_id, orders.accept)
    return order_id


def tip(shop: Shop, order_id: int, cents: int, key: str = "tip-key-0001", user: int = 0) -> Tip:
    return shop.act(
        user or shop.buyer,
        order_id,
        tips.give_tip,
        amount_cents=cents,
        message="Merci !",
        idempotency_key=key,
        payments=shop.payments,
    )


def test_a_tip_comes_from_the_balance_and_the_provider_pays_the_rest(shop: Shop) -> None:
    """R-TIP-3: the balance first; what it lacks goes through payment; the seller is
    credited and told."""
    order_id = completed(shop)
    shop.fund(shop.buyer, 300, "funds-0001")
    charges_before = len(shop.payments.charges)
    made = tip(shop, order_id, 1000)
    assert (made.amount_cents, made.message) == (1000, "Merci !")
    assert [c.amount_cents for c in shop.payments.charges[charges_before:]] == [700]
    assert shop.balance(shop.buyer) == 0
    assert shop.balance(shop.seller_user, AccountKind.SELLER_EARNINGS) == BASIC_CENTS + 1000
    assert NotificationKind.TIP_RECEIVED in [n.kind for n in shop.notifications(shop.seller_user)]


def test_a_retried_tip_moves_money_once_and_one_tip_per_order(shop: Shop) -> None:
    order_id = completed(shop)
    first = tip(shop, order_id, 800)
    assert tip(shop, order_id, 800).id == first.id
    assert shop.balance(shop.seller_user, AccountKind.SELLER_EARNINGS) == BASIC_CENTS + 800
    with pytest.raises(Conflict, match="one tip per order"):
        tip(shop, order_id, 800, key="tip-key-0002")


@pytest.mark.parametrize(
    ("tier", "cap"), [("basic", 2500), ("standard", STANDARD_CENTS)], ids=["under-25", "from-25"]
)
def test_tip_caps(shop: Shop, tier: str, cap: int) -> None:
    """R-TIP-2: at least $5; under $25 up to $25; $25 or more up to 100 % of the price."""
    order_id = completed(shop, tier)
    for cents in (499, cap + 1):
        with pytest.raises(InvalidInput) as caught:
            tip(shop, order_id, cents)
        assert caught.value.problems[0].message.startswith(
            f"amount_cents must be between 500 ($5) and {cap}"
        )
    assert tip(shop, order_id, cap).amount_cents == cap


def test_only_the_buyer_tips_a_completed_order(shop: Shop) -> None:
    """R-TIP-1: after completion only; the seller cannot tip."""
    order_id = started(shop)
    with pytest.raises(InvalidTransition) as caught:
        tip(shop, order_id, 500)
    assert caught.value.status == "in_progress"
    deliver(shop, order_id)
    shop.act(shop.buyer, order_id, orders.accept)
    with pytest.raises(Forbidden):
        tip(shop, order_id, 500, user=shop.seller_user)


def test_a_declined_tip_payment_moves_nothing(shop: Shop) -> None:
    order_id = completed(shop)
    shop.payments.decline_all = True
    with pytest.raises(PaymentDeclined):
        tip(shop, order_id, 600)
    assert shop.balance(shop.seller_user, AccountKind.SELLER_EARNINGS) == BASIC_CENTS
    assert shop.ledger_sum() == 0
