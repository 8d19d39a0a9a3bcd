"""The resolution center (R-DIS-1…5, R-ORD-6, R-ORD-9)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from marketplace_core.disputes import service as disputes
from marketplace_core.disputes.rules import CancellationAction
from marketplace_core.errors import Conflict, Forbidden, InvalidInput, InvalidTransition, NotFound
from marketplace_core.ledger.rules import AccountKind
from marketplace_core.notifications.enums import NotificationKind
from marketplace_core.orders import service as orders
from marketplace_core.orders.enums import OrderStatus
from marketplace_core.orders.timers import apply_due
from tests.integration.orders.shop import BASIC_CENTS, Shop
from tests.integration.orders.test_order_flow import deliver, started


def test_mutual_agreement_cancels_and_refunds_at_once(shop: Shop) -> None:
    """R-DIS-1 (a reason from the list, an explanation), R-ORD-6, R-ORD-9."""
    order_id = started(shop)
    request = shop.act(
        shop.buyer, order_id, disputes.open_request, "ordered_by_mistake", "Mauvais service"
    )
    assert (request.status, request.respond_by) == ("open", shop.clock.now() + timedelta(hours=48))
    assert shop.order(order_id).status == OrderStatus.IN_PROGRESS
    shop.act(shop.seller_user, order_id, disputes.answer, request.id, CancellationAction.ACCEPT)
    order = shop.order(order_id)
    assert (order.status, order.cancellation_reason) == (
        OrderStatus.CANCELLED,
        "ordered_by_mistake",
    )
    assert shop.balance(shop.buyer) == BASIC_CENTS
    assert shop.platform(AccountKind.ESCROW) == 0


def test_the_seller_may_ask_too_and_the_buyer_refuse(shop: Shop) -> None:
    """R-DIS-2: the other party accepts or refuses; a refusal leaves the order as it was."""
    order_id = started(shop)
    request = shop.act(shop.seller_user, order_id, disputes.open_request, "cannot_deliver", "")
    shop.act(shop.buyer, order_id, disputes.answer, request.id, CancellationAction.REFUSE)
    assert shop.order(order_id).status == OrderStatus.IN_PROGRESS
    with shop.tx() as session:
        assert [r.status for r in disputes.requests_on(session, order_id)] == ["refused"]
    with pytest.raises(InvalidTransition) as caught:
        shop.act(shop.buyer, order_id, disputes.answer, request.id, CancellationAction.ACCEPT)
    assert caught.value.status == "refused"


def test_the_requester_withdraws_and_cannot_answer_their_own(shop: Shop) -> None:
    """R-DIS-3."""
    order_id = started(shop)
    request = shop.act(shop.buyer, order_id, disputes.open_request, "other", "")
    with pytest.raises(Forbidden, match="the requester cannot accept"):
        shop.act(shop.buyer, order_id, disputes.answer, request.id, CancellationAction.ACCEPT)
    with pytest.raises(Forbidden, match="the respondent cannot withdraw"):
        shop.act(
            shop.seller_user, order_id, disputes.answer, request.id, CancellationAction.WITHDRAW
        )
    shop.act(shop.buyer, order_id, disputes.answer, request.id, CancellationAction.WITHDRAW)
    shop.clock.advance(timedelta(days=3, hours=12))
    with shop.tx() as session:
        assert dict(apply_due(session, shop.clock).applied) == {"mark_late": 1}
    assert shop.order(order_id).status == OrderStatus.LATE  # a withdrawn request never expires


def test_one_open_request_at_a_time_with_a_listed_reason(shop: Shop) -> None:
    order_id = started(shop)
    with pytest.raises(InvalidInput, match="reason must be one of"):
        shop.act(shop.buyer, order_id, disputes.open_request, "cannot_deliver", "")
    shop.act(shop.buyer, order_id, disputes.open_request, "other", "")
    with pytest.raises(Conflict, match="already open"):
        shop.act(shop.seller_user, order_id, disputes.open_request, "other", "")


def test_only_the_two_parties_see_it_support_is_not_told(shop: Shop) -> None:
    """R-DIS-4: the other party is notified; support is not, and cannot reach the order."""
    order_id = started(shop)
    shop.act(shop.buyer, order_id, disputes.open_request, "other", "")
    kinds = [n.kind for n in shop.notifications(shop.seller_user)]
    assert NotificationKind.CANCELLATION_REQUESTED in kinds
    assert shop.notifications(shop.support) == []
    assert NotificationKind.CANCELLATION_REQUESTED not in [
        n.kind for n in shop.notifications(shop.buyer)
    ]
    for stranger in (shop.support, shop.other):
        with pytest.raises(NotFound):
            shop.actor(stranger, order_id)


def test_an_open_request_holds_the_auto_completion(shop: Shop) -> None:
    """R-ORD-3 with R-DIS-2: no completion under an open request; refused, the delivery
    completes as soon as its 3 days are over."""
    order_id = started(shop)
    deliver(shop, order_id)
    shop.clock.advance(timedelta(days=2))
    request = shop.act(shop.buyer, order_id, disputes.open_request, "not_as_described", "")
    shop.clock.advance(timedelta(days=1, hours=1))
    with shop.tx() as session:
        assert dict(apply_due(session, shop.clock).applied) == {}
    assert shop.order(order_id).status == OrderStatus.DELIVERED
    shop.act(shop.seller_user, order_id, disputes.answer, request.id, CancellationAction.REFUSE)
    with shop.tx() as session:
        assert dict(apply_due(session, shop.clock).applied) == {"auto_complete": 1}


def test_a_completed_order_has_no_resolution_center(shop: Shop) -> None:
    """R-ORD-7: after completion only support cancels."""
    order_id = started(shop)
    deliver(shop, order_id)
    shop.act(shop.buyer, order_id, orders.accept)
    with pytest.raises(InvalidTransition) as caught:
        shop.act(shop.buyer, order_id, disputes.open_request, "other", "")
    assert caught.value.allowed == ["review", "tip"]


def test_a_very_late_order_is_cancelled_by_the_buyer_at_once(shop: Shop) -> None:
    """R-DIS-5: only once very late (due date + 24 h), with a reason; refunded at once."""
    order_id = started(shop)
    shop.clock.advance(timedelta(days=3, hours=23))
    with pytest.raises(InvalidTransition) as caught:
        shop.act(shop.buyer, order_id, orders.cancel_very_late, "late_delivery", "")
    assert caught.value.status == "late"
    shop.clock.advance(timedelta(hours=1))
    with pytest.raises(InvalidInput):
        shop.act(shop.buyer, order_id, orders.cancel_very_late, "no_such_reason", "")
    with pytest.raises(Forbidden):
        shop.act(shop.seller_user, order_id, orders.cancel_very_late, "late_delivery", "")
    shop.act(shop.buyer, order_id, orders.cancel_very_late, "late_delivery", "Toujours rien")
    order = shop.order(order_id)
    assert (order.status, order.cancelled_by, order.cancellation_note) == (
        OrderStatus.CANCELLED,
        "buyer",
        "Toujours rien",
    )
    assert shop.balance(shop.buyer) == BASIC_CENTS
