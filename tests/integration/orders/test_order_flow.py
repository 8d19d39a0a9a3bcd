"""An order's life through the services, on a real database (R-ORD-1…10, R-MON-2)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from marketplace_core.accounts.models import User
from marketplace_core.catalog.enums import GigStatus
from marketplace_core.catalog.models import Gig
from marketplace_core.errors import Conflict, Forbidden, InvalidInput, InvalidTransition, NotFound
from marketplace_core.ledger.models import LedgerEntry
from marketplace_core.ledger.rules import AccountKind
from marketplace_core.notifications.emails import use_email_sender
from marketplace_core.notifications.enums import NotificationKind
from marketplace_core.orders import service as orders
from marketplace_core.orders.enums import OrderStatus, SourceKind
from marketplace_core.orders.models import Order
from marketplace_core.orders.payments import PaymentDeclined
from marketplace_core.orders.rules import Attachment
from tests.integration.orders.shop import BASIC_CENTS, STANDARD_CENTS, Shop

FILES = [Attachment("deliveries/1/logo.svg", "logo.svg")]


def deliver(shop: Shop, order_id: int, message: str = "Voici votre logo") -> None:
    shop.act(shop.seller_user, order_id, orders.deliver, message, FILES)


def started(shop: Shop, key: str = "order-key-0001", tier: str = "basic") -> int:
    order_id = shop.place(key, tier)
    shop.act(shop.buyer, order_id, orders.submit_requirements, "Un logo bleu, style épuré")
    return order_id


# -- placement ----------------------------------------------------------------------------
def test_an_order_is_paid_from_the_balance_then_the_provider(shop: Shop) -> None:
    """R-MON-2: the balance first; what it lacks goes through the payment provider; the
    price waits in escrow. The new order is incomplete (R-ORD-1) and the seller is told."""
    shop.fund(shop.buyer, 500, "funds-0001")
    order_id = shop.place(tier="standard")
    order = shop.order(order_id)
    assert (order.status, order.price_cents, order.delivery_days) == (
        OrderStatus.INCOMPLETE,
        STANDARD_CENTS,
        5,
    )
    assert (order.source_kind, order.title) == (SourceKind.PACKAGE, order.title)
    assert [c.amount_cents for c in shop.payments.charges] == [500, STANDARD_CENTS - 500]
    assert shop.balance(shop.buyer) == 0
    assert shop.platform(AccountKind.ESCROW) == STANDARD_CENTS
    assert shop.ledger_sum() == 0
    assert [n.kind for n in shop.notifications(shop.seller_user)] == [NotificationKind.ORDER_PLACED]


def test_a_retried_placement_moves_money_once(shop: Shop) -> None:
    """The same Idempotency-Key: the same order, one charge; reused for another tier: 409."""
    first = shop.place("retry-key-0001")
    assert shop.place("retry-key-0001") == first
    assert len(shop.payments.charges) == 1
    assert shop.platform(AccountKind.ESCROW) == BASIC_CENTS
    with pytest.raises(Conflict, match="already used for another order"):
        shop.place("retry-key-0001", tier="standard")


def test_a_declined_payment_writes_nothing(shop: Shop) -> None:
    shop.payments.decline_amounts = {BASIC_CENTS}
    with pytest.raises(PaymentDeclined, match="declined"):
        shop.place()
    with shop.tx() as session:
        assert session.scalar(select(func.count()).select_from(Order)) == 0
        assert session.scalar(select(func.count()).select_from(LedgerEntry)) == 0


def test_the_buyer_cannot_order_from_themselves(shop: Shop) -> None:
    with pytest.raises(Forbidden, match="your own service"):
        shop.place(buyer=shop.seller_user)


def test_only_active_gigs_and_offered_tiers(shop: Shop) -> None:
    with pytest.raises(InvalidInput, match="tier must be one of: basic, standard"):
        shop.place(tier="premium")
    with shop.tx() as session:
        session.get_one(Gig, shop.gig).status = GigStatus.PAUSED
    with pytest.raises(NotFound):
        shop.place()


def test_placement_with_plain_values_for_a_quote_offer(shop: Shop) -> None:
    """The quote path calls the same placement with plain values."""
    with shop.tx() as session:
        seller = orders.locked_seller(session, shop.seller_id)
        order = orders.place_order(
            session,
            buyer=session.get_one(User, shop.buyer),
            seller=seller,
            title="Voix off de 60 secondes",
            price_cents=7500,
            delivery_days=4,
            source=orders.OrderSource(SourceKind.QUOTE_OFFER, 31),
            idempotency_key="quote-offer-31",
            clock=shop.clock,
            payments=shop.payments,
        )
        assert (order.source_kind, order.source_id, order.price_cents) == ("quote_offer", 31, 7500)
    with pytest.raises(InvalidInput, match="between 500"), shop.tx() as session:
        orders.place_order(
            session,
            buyer=session.get_one(User, shop.buyer),
            seller=orders.locked_seller(session, shop.seller_id),
            title="x",
            price_cents=499,
            delivery_days=1,
            source=orders.OrderSource(SourceKind.QUOTE_OFFER, 32),
            idempotency_key="quote-offer-32",
            clock=shop.clock,
            payments=shop.payments,
        )


# -- statuses -----------------------------------------------------------------------------
def test_requirements_start_the_delivery_clock(shop: Shop) -> None:
    """R-ORD-1: incomplete → in progress when the buyer sends the requirements."""
    order_id = shop.place()
    shop.clock.advance(timedelta(hours=2))
    shop.act(shop.buyer, order_id, orders.submit_requirements, "Un logo bleu")
    order = shop.order(order_id)
    assert order.status == OrderStatus.IN_PROGRESS
    assert order.requirements == "Un logo bleu"
    assert order.due_at == shop.clock.now() + timedelta(days=3)
    assert order.very_late_at == shop.clock.now() + timedelta(days=4)


def test_the_seller_may_start_without_requirements(shop: Shop) -> None:
    """R-ORD-1."""
    order_id = shop.place()
    shop.act(shop.seller_user, order_id, orders.start)
    assert shop.order(order_id).status == OrderStatus.IN_PROGRESS


def test_a_delivery_notifies_the_buyer_with_a_link(shop: Shop) -> None:
    """R-ORD-10: a site notification and an e-mail, each with a link to the order; the
    e-mail leaves only once the delivery is committed."""
    order_id = started(shop)
    with shop.sessions() as session:
        order, actor = orders.order_for(session, shop.seller_user, order_id, for_update=True)
        use_email_sender(session, shop.emails)
        orders.deliver(session, order, actor, "brouillon", FILES, clock=shop.clock)
        session.rollback()
    assert shop.emails.sent == []
    deliver(shop, order_id)
    order = shop.order(order_id)
    assert order.status == OrderStatus.DELIVERED
    assert [(d.number, d.message, d.attachments) for d in order.deliveries] == [
        (1, "Voici votre logo", [{"key": "deliveries/1/logo.svg", "name": "logo.svg"}])
    ]
    notes = [n for n in shop.notifications(shop.buyer) if n.kind == "order_delivered"]
    assert [(n.link, n.order_id) for n in notes] == [(f"/orders/{order_id}", order_id)]
    assert [(m.to, shop.emails.link(m)) for m in shop.emails.sent] == [
        ("paul@exemple.fr", f"https://microtache.example/orders/{order_id}")
    ]


def test_accepting_completes_and_pays_the_seller(shop: Shop) -> None:
    """R-ORD-3: "Yes" completes; the seller is paid from escrow, and the seller's
    completed-order count reaches search through the outbox."""
    order_id = started(shop)
    deliver(shop, order_id)
    shop.act(shop.buyer, order_id, orders.accept)
    order = shop.order(order_id)
    assert order.status == OrderStatus.COMPLETED
    assert order.completed_at == shop.clock.now()
    assert order.review_closes_at == shop.clock.now() + timedelta(days=10)
    assert order.tip_closes_at == shop.clock.now() + timedelta(days=7)
    assert shop.platform(AccountKind.ESCROW) == 0
    assert shop.balance(shop.seller_user, AccountKind.SELLER_EARNINGS) == BASIC_CENTS
    assert shop.seller().completed_orders == 1
    assert ("seller", shop.seller_id) in shop.outbox()


def test_a_revision_then_a_new_delivery(shop: Shop) -> None:
    """R-ORD-2: delivered → rejected with details; rejected → delivered again."""
    order_id = started(shop)
    deliver(shop, order_id)
    with pytest.raises(InvalidInput, match="details must be 1 to 5000"):
        shop.act(shop.buyer, order_id, orders.request_revision, "  ")
    shop.act(shop.buyer, order_id, orders.request_revision, "Le bleu est trop clair")
    order = shop.order(order_id)
    assert order.status == OrderStatus.REJECTED
    assert order.auto_complete_at is None
    assert [r.details for r in order.revision_requests] == ["Le bleu est trop clair"]
    deliver(shop, order_id, "Version 2, plus foncée")
    assert [d.number for d in shop.order(order_id).deliveries] == [1, 2]
    assert shop.order(order_id).status == OrderStatus.DELIVERED


def test_an_extension_counts_from_the_original_due_date(shop: Shop) -> None:
    """R-ORD-4: delivered or rejected → in progress; new date = original due + extra days."""
    order_id = started(shop)  # due in 3 days
    original_due = shop.order(order_id).due_at
    assert original_due is not None
    shop.clock.advance(timedelta(days=1))
    deliver(shop, order_id)
    shop.act(shop.seller_user, order_id, orders.extend, 2)
    order = shop.order(order_id)
    assert order.status == OrderStatus.IN_PROGRESS
    assert order.due_at == original_due + timedelta(days=2)  # not now + 2 days
    assert order.auto_complete_at is None
    deliver(shop, order_id)
    shop.act(shop.buyer, order_id, orders.request_revision, "encore un effort")
    with pytest.raises(InvalidInput, match="between 1 and 30"):
        shop.act(shop.seller_user, order_id, orders.extend, 31)
    shop.act(shop.seller_user, order_id, orders.extend, 3)
    assert shop.order(order_id).due_at == original_due + timedelta(days=5)


def test_the_wrong_party_is_refused_and_strangers_see_nothing(shop: Shop) -> None:
    """403 for the other party's action; 404 for anyone who is no party, support included."""
    order_id = started(shop)
    deliver(shop, order_id)
    with pytest.raises(Forbidden, match="the seller cannot accept"):
        shop.act(shop.seller_user, order_id, orders.accept)
    with pytest.raises(Forbidden, match="the buyer cannot deliver"):
        shop.act(shop.buyer, order_id, orders.deliver, "x", [])
    for stranger in (shop.other, shop.support):
        with pytest.raises(NotFound):
            shop.act(stranger, order_id, orders.accept)
    assert shop.order(order_id).status == OrderStatus.DELIVERED


def test_an_action_not_allowed_now_names_the_status_and_the_allowed_actions(shop: Shop) -> None:
    """R-ORD-1: nothing is delivered before the order started."""
    order_id = shop.place()
    with pytest.raises(InvalidTransition) as caught:
        deliver(shop, order_id)
    assert caught.value.status == "incomplete"
    assert caught.value.allowed == ["start", "request_cancellation", "agree_cancellation"]


def test_completed_is_final(shop: Shop) -> None:
    """R-ORD-7: never back to in progress."""
    order_id = started(shop)
    deliver(shop, order_id)
    shop.act(shop.buyer, order_id, orders.accept)
    for user, action, args in (
        (shop.seller_user, orders.extend, (1,)),
        (shop.seller_user, orders.deliver, ("encore", FILES)),
        (shop.buyer, orders.request_revision, ("non",)),
    ):
        with pytest.raises(InvalidTransition) as caught:
            shop.act(user, order_id, action, *args)
        assert caught.value.status == "completed"
    assert shop.order(order_id).status == OrderStatus.COMPLETED


def test_support_cancels_a_completed_order_within_14_days_with_evidence(shop: Shop) -> None:
    """R-ORD-7 (support only, 14 days, evidence) and R-ORD-9 (funds to the balance)."""
    order_id = started(shop)
    deliver(shop, order_id)
    shop.act(shop.buyer, order_id, orders.accept)
    evidence = "La livraison est un fichier vide : capture jointe au ticket 4411."

    def support_cancel(text: str) -> None:
        with shop.tx() as session:
            order = orders.load(session, order_id, for_update=True)
            assert order is not None
            orders.support_cancel(session, order, text, clock=shop.clock)

    with pytest.raises(InvalidInput, match="evidence must be 20"):
        support_cancel("vide")
    shop.clock.advance(timedelta(days=14, seconds=1))
    with pytest.raises(Conflict, match="within 14 days"):
        support_cancel(evidence)
    shop.clock.advance(timedelta(seconds=-2))
    support_cancel(evidence)
    order = shop.order(order_id)
    assert (order.status, order.cancelled_by, order.cancellation_note) == (
        OrderStatus.CANCELLED,
        "support",
        evidence,
    )
    assert shop.balance(shop.buyer) == BASIC_CENTS
    assert shop.balance(shop.seller_user, AccountKind.SELLER_EARNINGS) == 0
    assert shop.seller().completed_orders == 0


def test_a_cancelled_order_is_never_reactivated(shop: Shop) -> None:
    """R-ORD-8: every action of every party is refused with nothing allowed."""
    from marketplace_core.disputes import service as disputes
    from marketplace_core.disputes.rules import CancellationAction

    order_id = started(shop)
    request = shop.act(shop.buyer, order_id, disputes.open_request, "ordered_by_mistake", "")
    shop.act(shop.seller_user, order_id, disputes.answer, request.id, CancellationAction.ACCEPT)
    assert shop.order(order_id).status == OrderStatus.CANCELLED
    for user, action, args in (
        (shop.buyer, orders.submit_requirements, ("x",)),
        (shop.seller_user, orders.start, ()),
        (shop.seller_user, orders.deliver, ("x", FILES)),
        (shop.seller_user, orders.extend, (1,)),
    ):
        with pytest.raises(InvalidTransition) as caught:
            shop.act(user, order_id, action, *args)
        assert (caught.value.status, caught.value.allowed) == ("cancelled", [])
