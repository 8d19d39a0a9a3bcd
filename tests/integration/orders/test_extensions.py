"""Extension offers with priced extras, through the services, on a real database (R-ORD-4,
R-ORD-5, R-ORD-9, R-MON-2)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from marketplace_core.disputes import service as disputes
from marketplace_core.disputes.rules import CancellationAction
from marketplace_core.errors import Conflict, Forbidden, InvalidInput, InvalidTransition
from marketplace_core.ledger.rules import AccountKind
from marketplace_core.notifications.enums import NotificationKind
from marketplace_core.orders import extensions
from marketplace_core.orders import service as orders
from marketplace_core.orders.enums import Actor, OrderStatus
from marketplace_core.orders.extension_rules import ExtensionStatus, Extra
from marketplace_core.orders.models import ExtensionOffer
from marketplace_core.orders.rules import Attachment
from tests.integration.orders.shop import BASIC_CENTS, Shop

FILES = [Attachment("deliveries/1/logo.svg", "logo.svg")]
EXTRAS = [Extra("Fichier source", 1500), Extra("Livraison express", 500)]
EXTRAS_CENTS = 2000


def delivered(shop: Shop, key: str = "order-key-0001") -> int:
    order_id = shop.place(key)
    shop.act(shop.buyer, order_id, orders.submit_requirements, "Un logo bleu")
    shop.act(shop.seller_user, order_id, orders.deliver, "Voici", FILES)
    return order_id


def offer(shop: Shop, order_id: int, days: int = 2) -> int:
    made: ExtensionOffer = shop.act(
        shop.seller_user, order_id, extensions.propose_extension, days, EXTRAS, "Avec extras"
    )
    return made.id


def accept(shop: Shop, order_id: int, offer_id: int, key: str = "extras-key-0001") -> None:
    shop.act(
        shop.buyer,
        order_id,
        extensions.accept_extension,
        offer_id,
        idempotency_key=key,
        payments=shop.payments,
    )


def test_accepted_extras_are_paid_grow_the_order_and_move_the_due_date(shop: Shop) -> None:
    """R-ORD-4: delivered → in progress, the due date counts from the original one, the
    extras are paid into escrow like the order (R-MON-2); the buyer was notified."""
    order_id = delivered(shop)
    before = shop.order(order_id)
    assert before.original_due_at is not None
    offer_id = offer(shop, order_id, days=2)
    notes = shop.notifications(shop.buyer)
    assert NotificationKind.EXTENSION_REQUESTED in [n.kind for n in notes]
    assert shop.order(order_id).status == OrderStatus.DELIVERED  # nothing moves until accepted

    shop.clock.advance(timedelta(hours=5))
    accept(shop, order_id, offer_id)
    after = shop.order(order_id)
    assert after.status == OrderStatus.IN_PROGRESS
    assert after.price_cents == BASIC_CENTS + EXTRAS_CENTS
    assert after.due_at == before.original_due_at + timedelta(days=2)
    assert after.auto_complete_at is None
    assert [c.amount_cents for c in shop.payments.charges] == [BASIC_CENTS, EXTRAS_CENTS]
    assert shop.platform(AccountKind.ESCROW) == BASIC_CENTS + EXTRAS_CENTS
    assert shop.ledger_sum() == 0

    # A retry with the same key: the same answer, no second payment.
    accept(shop, order_id, offer_id)
    assert len(shop.payments.charges) == 2
    assert shop.platform(AccountKind.ESCROW) == BASIC_CENTS + EXTRAS_CENTS

    # Completion pays the seller the grown price.
    shop.act(shop.seller_user, order_id, orders.deliver, "Avec les extras", FILES)
    shop.act(shop.buyer, order_id, orders.accept)
    assert shop.balance(shop.seller_user, AccountKind.SELLER_EARNINGS) == (
        BASIC_CENTS + EXTRAS_CENTS
    )
    assert shop.platform(AccountKind.ESCROW) == 0


def test_extras_are_paid_from_the_balance_first(shop: Shop) -> None:
    """R-MON-2: a balance that covers the extras charges nothing through the provider."""
    order_id = delivered(shop)
    shop.fund(shop.buyer, EXTRAS_CENTS, "funds-0001")
    charged = shop.payments.total_cents()
    accept(shop, order_id, offer(shop, order_id))
    assert shop.payments.total_cents() == charged
    assert shop.balance(shop.buyer) == 0


def test_a_cancellation_refunds_the_grown_price_to_the_balance(shop: Shop) -> None:
    """R-ORD-9: order and extras go back to the buyer's balance."""
    order_id = delivered(shop)
    accept(shop, order_id, offer(shop, order_id))
    request = shop.act(shop.buyer, order_id, disputes.open_request, "other", "")
    shop.act(shop.seller_user, order_id, disputes.answer, request.id, CancellationAction.ACCEPT)
    assert shop.order(order_id).status == OrderStatus.CANCELLED
    assert shop.balance(shop.buyer) == BASIC_CENTS + EXTRAS_CENTS
    assert shop.platform(AccountKind.ESCROW) == 0


def test_a_declined_offer_changes_nothing(shop: Shop) -> None:
    """R-ORD-4: the buyer declines; the order stays delivered, nothing is paid; a declined
    offer cannot be accepted afterwards (409)."""
    order_id = delivered(shop)
    offer_id = offer(shop, order_id)
    shop.act(shop.buyer, order_id, extensions.decline_extension, offer_id)
    order = shop.order(order_id)
    assert (order.status, order.price_cents) == (OrderStatus.DELIVERED, BASIC_CENTS)
    with pytest.raises(Conflict):
        accept(shop, order_id, offer_id)
    assert len(shop.payments.charges) == 1


def test_a_time_only_extension_still_needs_no_agreement(shop: Shop) -> None:
    """R-ORD-4 (help center: the seller adds time alone): an offer must carry extras."""
    order_id = delivered(shop)
    with pytest.raises(InvalidInput) as caught:
        shop.act(shop.seller_user, order_id, extensions.propose_extension, 3, [], "")
    assert caught.value.problems[0].rule == "extension.extras_required"
    shop.act(shop.seller_user, order_id, orders.extend, 3)
    assert shop.order(order_id).status == OrderStatus.IN_PROGRESS


@pytest.mark.parametrize(
    ("days", "extras", "rule"),
    [
        (31, EXTRAS, "extension.days_bounds"),
        (-1, EXTRAS, "extension.days_bounds"),
        (1, [Extra("Trop petit", 499)], "extension.extra_price_bounds"),
        (1, [Extra("  ", 500)], "extension.extra_label_length"),
        (1, [Extra(f"Extra {i}", 500) for i in range(11)], "extension.extras_max"),
        (1, [Extra("Énorme", 10_000_000)], "extension.total_bounds"),
    ],
)
def test_offer_bounds(shop: Shop, days: int, extras: list[Extra], rule: str) -> None:
    """R-ORD-4 / R-MON-1: extras of at least $5, a bounded total, 0 to 30 days."""
    order_id = delivered(shop)
    with pytest.raises(InvalidInput) as caught:
        shop.act(shop.seller_user, order_id, extensions.propose_extension, days, extras, "")
    assert rule in [p.rule for p in caught.value.problems]


def test_who_may_offer_and_answer_and_when(shop: Shop) -> None:
    """R-ORD-4: the seller offers, the buyer answers; one offer waits at a time; none before
    the start (incomplete) nor once completed."""
    order_id = shop.place()
    with pytest.raises(InvalidTransition):
        offer(shop, order_id)
    shop.act(shop.seller_user, order_id, orders.start)
    with pytest.raises(Forbidden):
        shop.act(shop.buyer, order_id, extensions.propose_extension, 1, EXTRAS, "")
    offer_id = offer(shop, order_id, days=0)
    with pytest.raises(Conflict):
        offer(shop, order_id)
    with pytest.raises(Forbidden):
        shop.act(
            shop.seller_user,
            order_id,
            extensions.accept_extension,
            offer_id,
            idempotency_key="extras-key-0009",
            payments=shop.payments,
        )
    with shop.tx() as session:
        order, _ = orders.order_for(session, shop.buyer, order_id)
        assert "accept_extension" in orders.actions_for(order, Actor.BUYER)
        assert "propose_extension" not in orders.actions_for(order, Actor.SELLER)
    accept(shop, order_id, offer_id)  # in progress stays in progress, the price grows
    order = shop.order(order_id)
    assert (order.status, order.price_cents) == (
        OrderStatus.IN_PROGRESS,
        BASIC_CENTS + EXTRAS_CENTS,
    )


def test_an_unanswered_offer_lapses_when_the_order_completes(shop: Shop) -> None:
    """R-ORD-3 / R-ORD-7: the order completes by itself after 3 days; the offer can no longer
    be accepted and nothing is paid."""
    order_id = delivered(shop)
    offer_id = offer(shop, order_id)
    shop.clock.advance(timedelta(days=3, hours=1))
    with pytest.raises(InvalidTransition):
        accept(shop, order_id, offer_id)
    from marketplace_core.orders.timers import sweep_until_done

    sweep_until_done(shop.sessions, shop.clock)
    with shop.tx() as session:
        row = session.get_one(ExtensionOffer, offer_id)
        assert row.status == ExtensionStatus.LAPSED
    assert shop.order(order_id).price_cents == BASIC_CENTS
    assert len(shop.payments.charges) == 1


def test_accepting_after_the_due_date_makes_the_order_late_again(shop: Shop) -> None:
    """R-ORD-4 / R-ORD-5: the new due date counts from the original one (not from now); if
    it is already past, the order is late again at once."""
    order_id = shop.place()
    shop.act(shop.seller_user, order_id, orders.start)  # due in 3 days
    shop.clock.advance(timedelta(days=2))
    shop.act(shop.seller_user, order_id, orders.deliver, "Voici", FILES)
    shop.clock.advance(timedelta(days=1, hours=12))  # past the due date, not auto-completed
    offer_id = offer(shop, order_id, days=0)
    accept(shop, order_id, offer_id)
    assert shop.order(order_id).status == OrderStatus.LATE
