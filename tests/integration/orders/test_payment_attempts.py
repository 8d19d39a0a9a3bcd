"""A provider charge whose transaction fails to commit is refunded by the payment sweep,
exactly once; a committed payment never is (R-MON-2, R-TIP-3). On a real database, with the
commit made to fail by a real constraint violation after the charge."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from marketplace_core.accounts.models import User
from marketplace_core.ledger.rules import AccountKind
from marketplace_core.orders import service as orders
from marketplace_core.orders.models import Order, PaymentAttempt
from marketplace_core.orders.payment_rules import SETTLE_AFTER, AttemptStatus
from marketplace_core.orders.payment_sweep import sweep_payments
from marketplace_core.orders.payments import PaymentDeclined
from marketplace_core.tips import service as tips
from tests.integration.orders.shop import BASIC_CENTS, Shop


def attempts(shop: Shop) -> list[tuple[AttemptStatus, int]]:
    with shop.tx() as session:
        rows = session.scalars(select(PaymentAttempt).order_by(PaymentAttempt.id))
        return [(r.status, r.charged_cents) for r in rows]


def place_then_fail_the_commit(shop: Shop, key: str) -> None:
    """The order is placed and charged, then a write in the same transaction violates a
    constraint (a second order with the same buyer and key): nothing commits."""
    with pytest.raises(IntegrityError):
        place_and_duplicate(shop, key)


def place_and_duplicate(shop: Shop, key: str) -> None:
    with shop.tx() as session:
        order = orders.place_package_order(
            session,
            buyer=session.get_one(User, shop.buyer),
            gig_id=shop.gig,
            tier="basic",
            idempotency_key=key,
            clock=shop.clock,
            payments=shop.payments,
        )
        copy = {c.key: getattr(order, c.key) for c in Order.__table__.columns if c.key != "id"}
        session.add(Order(**copy))
        session.flush()


def sweep(shop: Shop) -> dict[str, int]:
    return dict(sweep_payments(shop.sessions, shop.clock, shop.payments))


def test_a_charge_whose_order_never_committed_is_refunded_once(shop: Shop) -> None:
    """The provider took the price, no order and no ledger entry exist: after the grace
    period the sweep refunds it through the provider, once, however often it runs."""
    place_then_fail_the_commit(shop, "lost-key-0001")
    assert shop.payments.total_cents() == BASIC_CENTS
    with shop.tx() as session:
        assert session.scalars(select(Order)).first() is None
    assert attempts(shop) == [(AttemptStatus.PENDING, 0)]

    assert sweep(shop) == {}  # within the grace period the request may still be committing
    shop.clock.advance(SETTLE_AFTER)
    assert sweep(shop) == {"refund": 1}
    assert sweep(shop) == {}
    assert [r.amount_cents for r in shop.payments.refunds] == [BASIC_CENTS]
    assert shop.payments.kept_cents() == 0
    assert attempts(shop) == [(AttemptStatus.REFUNDED, BASIC_CENTS)]
    assert shop.ledger_sum() == 0
    assert shop.balance(shop.buyer) == 0

    # The buyer retries with the same key: a new charge (the refunded one does not answer
    # it), an order, and nothing refunded by later sweeps.
    order_id = shop.place("lost-key-0001")
    assert shop.order(order_id).price_cents == BASIC_CENTS
    assert shop.payments.total_cents() == 2 * BASIC_CENTS
    shop.clock.advance(SETTLE_AFTER * 2)
    assert sweep(shop) == {}
    assert shop.payments.kept_cents() == BASIC_CENTS
    assert shop.platform(AccountKind.ESCROW) == BASIC_CENTS


def test_a_committed_placement_is_never_refunded(shop: Shop) -> None:
    """The attempt commits as captured with the ledger entries: no sweep touches it."""
    shop.place("kept-key-0001")
    shop.fund(shop.buyer, BASIC_CENTS, "funds-0001")
    shop.place("kept-key-0002")  # from the balance: captured with nothing charged
    shop.clock.advance(timedelta(days=30))
    assert sweep(shop) == {}
    assert shop.payments.refunds == []
    assert attempts(shop) == [
        (AttemptStatus.CAPTURED, BASIC_CENTS),
        (AttemptStatus.CAPTURED, 0),
    ]


def test_a_declined_charge_leaves_a_failed_attempt_and_refunds_nothing(shop: Shop) -> None:
    shop.payments.decline_all = True
    with pytest.raises(PaymentDeclined):
        shop.place("declined-key-0001")
    shop.clock.advance(SETTLE_AFTER)
    assert sweep(shop) == {"fail": 1}
    assert shop.payments.refunds == []
    assert attempts(shop) == [(AttemptStatus.FAILED, 0)]


def test_a_tip_whose_commit_fails_is_refunded_too(shop: Shop) -> None:
    """R-TIP-3: the tip's charge goes back the same way."""
    order_id = shop.place("tip-order-0001")
    shop.act(shop.seller_user, order_id, orders.start)
    shop.act(shop.seller_user, order_id, orders.deliver, "Voici", [])
    shop.act(shop.buyer, order_id, orders.accept)
    with pytest.raises(IntegrityError):
        tip_then_break(shop, order_id)
    assert shop.payments.total_cents() == BASIC_CENTS + 500
    shop.clock.advance(SETTLE_AFTER)
    assert sweep(shop) == {"refund": 1}
    assert [r.amount_cents for r in shop.payments.refunds] == [500]
    assert sweep(shop) == {}


def tip_then_break(shop: Shop, order_id: int) -> None:
    with shop.tx() as session:
        order, actor = orders.order_for(session, shop.buyer, order_id, for_update=True)
        tips.give_tip(
            session,
            order,
            actor,
            amount_cents=500,
            message="merci",
            idempotency_key="tip-key-0001",
            clock=shop.clock,
            payments=shop.payments,
        )
        # A price under $5 breaks a CHECK constraint: the transaction cannot commit.
        session.execute(update(Order).where(Order.id == order_id).values(price_cents=1))


def test_a_sweep_never_refunds_what_a_slow_request_captured(shop: Shop) -> None:
    """An attempt the request captured meanwhile wins: the sweep's claim finds it settled."""
    place_then_fail_the_commit(shop, "slow-key-0001")
    shop.clock.advance(SETTLE_AFTER)
    # The retry reuses the pending attempt: the provider answers the first charge again.
    shop.place("slow-key-0001")
    assert shop.payments.total_cents() == BASIC_CENTS
    assert sweep(shop) == {}
    assert shop.payments.refunds == []
    assert attempts(shop) == [(AttemptStatus.CAPTURED, BASIC_CENTS)]
