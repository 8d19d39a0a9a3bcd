"""Ordering an offer pays like any order: a charge whose transaction never commits is
refunded by the payment sweep (R-REQ-6, R-MON-2), on SQLite as on PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from facets.taxonomy import TAXONOMY
from marketplace_core.accounts.models import User
from marketplace_core.orders.models import Order, PaymentAttempt
from marketplace_core.orders.payment_rules import SETTLE_AFTER, AttemptStatus
from marketplace_core.orders.payment_sweep import sweep_payments
from marketplace_core.orders.payments import TestPaymentProvider
from marketplace_core.requests import service
from marketplace_core.requests.rules import RequestStatus
from tests.integration.requests.board import Board


def order(board: Board, request_id: int, offer_id: int, payments: TestPaymentProvider) -> None:
    with board.tx() as session:
        request = service.own_request(session, board.buyer, request_id, for_update=True)
        service.order_offer(
            session,
            request,
            offer_id,
            buyer=session.get_one(User, board.buyer),
            idempotency_key="offre-commande-0001",
            taxonomy=TAXONOMY,
            payments=payments,
            clock=board.clock,
        )
        # A write that breaks a constraint after the charge: nothing of it commits.
        placed = session.scalars(select(Order)).one()
        copy = {c.key: getattr(placed, c.key) for c in Order.__table__.columns if c.key != "id"}
        session.add(Order(**copy))
        session.flush()


def test_a_charge_for_an_offer_whose_order_never_committed_is_refunded(board: Board) -> None:
    request_id = board.posted()
    offer_id = board.offer(request_id, price=4500)
    payments = TestPaymentProvider()

    with pytest.raises(IntegrityError):
        order(board, request_id, offer_id, payments)
    assert payments.total_cents() == 4500
    assert board.status(request_id) == RequestStatus.ACTIVE  # still open to order
    with board.tx() as session:
        assert session.scalars(select(Order)).first() is None
        [attempt] = session.scalars(select(PaymentAttempt)).all()
        assert attempt.status == AttemptStatus.PENDING

    board.clock.advance(SETTLE_AFTER)
    assert dict(sweep_payments(board.sessions, board.clock, payments)) == {"refund": 1}
    assert dict(sweep_payments(board.sessions, board.clock, payments)) == {}
    assert payments.kept_cents() == 0
