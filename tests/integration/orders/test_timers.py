"""The timer sweep with a manual clock: every deadline, applied once (R-ORD-3, R-ORD-5,
R-DIS-2, R-REV-2, R-TIP-1). Each test runs the sweep twice: the second run changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from marketplace_core.disputes import service as disputes
from marketplace_core.errors import Conflict, InvalidTransition
from marketplace_core.ledger.rules import AccountKind
from marketplace_core.orders import service as orders
from marketplace_core.orders.enums import OrderStatus
from marketplace_core.orders.timers import apply_due
from marketplace_core.reviews import service as reviews
from marketplace_core.reviews.rules import ReviewInput
from marketplace_core.tips import service as tips
from tests.integration.orders.shop import BASIC_CENTS, Shop
from tests.integration.orders.test_order_flow import deliver, started

STARS = ReviewInput(rating=5, communication=5, as_described=5, would_recommend=5, text="Parfait")


def sweep(shop: Shop) -> dict[str, int]:
    with shop.tx() as session:
        return dict(apply_due(session, shop.clock).applied)


def sweep_twice(shop: Shop) -> dict[str, int]:
    first = sweep(shop)
    assert sweep(shop) == {}, "a second sweep found more to do"
    return first


def test_late_at_the_due_date_and_very_late_24_hours_later(shop: Shop) -> None:
    """R-ORD-5."""
    order_id = started(shop)  # due in 3 days
    due = shop.order(order_id).due_at
    assert due is not None
    shop.clock.advance(timedelta(days=3) - timedelta(seconds=1))
    assert sweep(shop) == {}
    shop.clock.advance(timedelta(seconds=1))
    assert sweep_twice(shop) == {"mark_late": 1}
    assert shop.order(order_id).status == OrderStatus.LATE
    shop.clock.advance(timedelta(hours=24) - timedelta(seconds=1))
    assert sweep(shop) == {}
    shop.clock.advance(timedelta(seconds=1))
    assert sweep_twice(shop) == {"mark_very_late": 1}
    assert shop.order(order_id).status == OrderStatus.VERY_LATE


def test_a_missed_sweep_applies_both_steps_in_order(shop: Shop) -> None:
    """R-ORD-5: a sweep that ran late still goes through late to very late."""
    order_id = started(shop)
    shop.clock.advance(timedelta(days=10))
    assert sweep_twice(shop) == {"mark_late": 1, "mark_very_late": 1}
    assert shop.order(order_id).status == OrderStatus.VERY_LATE


def test_a_delivery_ends_lateness(shop: Shop) -> None:
    """R-ORD-5: a late order can still be delivered."""
    order_id = started(shop)
    shop.clock.advance(timedelta(days=4, hours=1))
    sweep(shop)
    deliver(shop, order_id)
    assert shop.order(order_id).status == OrderStatus.DELIVERED


def test_auto_complete_three_days_after_delivery(shop: Shop) -> None:
    """R-ORD-3: completed at the deadline, the seller paid once."""
    order_id = started(shop)
    deliver(shop, order_id)
    deadline = shop.clock.now() + timedelta(days=3)
    shop.clock.advance(timedelta(days=3) - timedelta(seconds=1))
    assert sweep(shop) == {}
    shop.clock.advance(timedelta(minutes=5))  # a sweep a little after the deadline
    assert sweep_twice(shop) == {"auto_complete": 1}
    order = shop.order(order_id)
    assert (order.status, order.completed_at) == (OrderStatus.COMPLETED, deadline)
    assert shop.balance(shop.seller_user, AccountKind.SELLER_EARNINGS) == BASIC_CENTS
    assert shop.seller().completed_orders == 1


def test_a_rejected_delivery_never_auto_completes(shop: Shop) -> None:
    """R-ORD-3."""
    order_id = started(shop)
    deliver(shop, order_id)
    shop.act(shop.buyer, order_id, orders.request_revision, "Pas encore")
    shop.clock.advance(timedelta(days=30))
    assert sweep_twice(shop) == {}
    assert shop.order(order_id).status == OrderStatus.REJECTED


def test_an_action_after_a_deadline_sees_the_status_the_clock_gave(shop: Shop) -> None:
    """R-ORD-3: three days after delivery the order is completed, sweep or not: a late
    "No" is refused."""
    order_id = started(shop)
    deliver(shop, order_id)
    shop.clock.advance(timedelta(days=3, seconds=1))
    with pytest.raises(InvalidTransition) as caught:
        shop.act(shop.buyer, order_id, orders.request_revision, "trop tard")
    assert caught.value.status == "completed"
    # the refused action rolled back; the sweep completes it
    assert sweep_twice(shop) == {"auto_complete": 1}


def test_an_unanswered_cancellation_request_cancels_after_48_hours(shop: Shop) -> None:
    """R-DIS-2 and R-ORD-9: cancelled at the deadline, the buyer refunded at once."""
    order_id = started(shop)
    request = shop.act(shop.buyer, order_id, disputes.open_request, "seller_not_responding", "")
    shop.clock.advance(timedelta(hours=48) - timedelta(seconds=1))
    assert sweep(shop) == {}
    shop.clock.advance(timedelta(seconds=1))
    # the 3-day due date is later: the request expires first, nothing else is owed after
    assert sweep_twice(shop) == {"expire_cancellation": 1}
    order = shop.order(order_id)
    assert (order.status, order.cancelled_at) == (OrderStatus.CANCELLED, request.respond_by)
    assert shop.balance(shop.buyer) == BASIC_CENTS
    assert shop.platform(AccountKind.ESCROW) == 0
    with shop.tx() as session:
        assert [r.status for r in disputes.requests_on(session, order_id)] == ["expired"]


def test_the_review_window_closes_10_days_after_completion(shop: Shop) -> None:
    """R-REV-2: after 10 days nobody can review; a buyer's review the seller never answered
    is then published (R-REV-4)."""
    order_id = started(shop)
    deliver(shop, order_id)
    shop.act(shop.buyer, order_id, reviews.leave_review, STARS)
    shop.clock.advance(timedelta(days=10) - timedelta(seconds=1))
    assert sweep(shop).get("close_reviews") is None
    with shop.tx() as session:
        assert reviews.published_about_seller(session, shop.seller_id) == []
    shop.clock.advance(timedelta(seconds=1))
    done = sweep_twice(shop)
    assert (done["close_reviews"], done["publish_review"]) == (1, 1)
    with shop.tx() as session:
        assert [r.rating for r in reviews.published_about_seller(session, shop.seller_id)] == [5]
    with pytest.raises(Conflict, match="10 days"):
        shop.act(shop.seller_user, order_id, reviews.leave_review, ReviewInput(rating=4))


def test_the_tip_window_closes_7_days_after_completion(shop: Shop) -> None:
    """R-TIP-1."""
    order_id = started(shop)
    deliver(shop, order_id)
    shop.act(shop.buyer, order_id, orders.accept)
    shop.clock.advance(timedelta(days=7))
    done = sweep_twice(shop)
    assert done == {"close_tips": 1}
    assert shop.order(order_id).tip_closed_at == shop.order(order_id).tip_closes_at
    with pytest.raises(Conflict, match="7 days"):
        shop.act(
            shop.buyer,
            order_id,
            tips.give_tip,
            amount_cents=500,
            message="merci",
            idempotency_key="tip-key-0001",
            payments=shop.payments,
        )
