"""The timer sweep: apply every deadline that has passed, idempotently, safely with two
workers.

Each deadline is a timestamp stored on the order (due, very late, auto-complete, review and
tip windows) or on its cancellation request (the 48 h answer); the deadlines themselves are
computed by the pure :mod:`marketplace_core.orders.rules`. A sweep takes the orders that owe
something, with ``FOR UPDATE SKIP LOCKED`` on PostgreSQL so two workers take disjoint orders,
and applies what each owes through the same service code as the parties' actions; every order
write checks the order's version, so a worker that read a stale order changes nothing. What
a step records is its deadline, not the time the sweep ran. Running it again finds nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, and_, exists, or_, select
from sqlalchemy.orm import Session, sessionmaker

from marketplace_core.clock import Clock
from marketplace_core.disputes.models import CancellationRequest
from marketplace_core.disputes.rules import CancellationStatus
from marketplace_core.orders import service
from marketplace_core.orders.enums import OrderStatus
from marketplace_core.orders.models import Order
from marketplace_core.persistence import locked, sweep_in_batches
from marketplace_core.reviews.service import publish_pending

BATCH = 200


@dataclass
class SweepReport:
    applied: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.applied.values())


def apply_due(session: Session, clock: Clock, *, batch: int = BATCH) -> SweepReport:
    """One sweep in the caller's transaction; at most ``batch`` orders per kind of work."""
    now = clock.now()
    report = SweepReport()
    open_due = exists().where(
        CancellationRequest.order_id == Order.id,
        CancellationRequest.status == CancellationStatus.OPEN,
    )
    expired_request = exists().where(
        CancellationRequest.order_id == Order.id,
        CancellationRequest.status == CancellationStatus.OPEN,
        CancellationRequest.respond_by <= now,
    )
    owing = or_(
        and_(Order.status == OrderStatus.IN_PROGRESS, Order.due_at <= now),
        and_(Order.status == OrderStatus.LATE, Order.very_late_at <= now),
        and_(Order.status == OrderStatus.DELIVERED, Order.auto_complete_at <= now, ~open_due),
        expired_request,
    )
    # Ordered by seller: completions lock seller rows, always in the same order.
    for order in _take(session, owing, batch):
        for step in service.catch_up(session, order, clock):
            report.applied[step] += 1

    for order in _take(
        session, and_(Order.review_closes_at <= now, Order.review_closed_at.is_(None)), batch
    ):
        assert order.review_closes_at is not None
        order.review_closed_at = order.review_closes_at  # R-REV-2
        report.applied["publish_review"] += publish_pending(
            session, order.id, order.review_closes_at
        )
        service.save(session, order, now)
        report.applied["close_reviews"] += 1

    for order in _take(
        session, and_(Order.tip_closes_at <= now, Order.tip_closed_at.is_(None)), batch
    ):
        order.tip_closed_at = order.tip_closes_at  # R-TIP-1
        service.save(session, order, now)
        report.applied["close_tips"] += 1
    return report


def _take(session: Session, condition: ColumnElement[bool], batch: int) -> list[Order]:
    query = select(Order).where(condition).order_by(Order.seller_id, Order.id).limit(batch)
    return list(session.scalars(locked(query, skip_locked=True)))


def sweep_until_done(
    sessions: sessionmaker[Session], clock: Clock, *, batch: int = BATCH, max_rounds: int = 50
) -> Counter[str]:
    """Sweeps, each in its own short transaction, until one finds less than a full batch:
    what a worker's periodic run does."""
    return sweep_in_batches(
        sessions,
        lambda session: apply_due(session, clock, batch=batch).applied,
        batch=batch,
        max_rounds=max_rounds,
    )
