"""The payment sweep: settle the payment attempts whose transaction never committed.

An attempt is committed before its charge, and marked captured by the transaction that
posts the payment's ledger entries (``orders.payments``). One still pending after
:data:`payment_rules.SETTLE_AFTER` belongs to a transaction that failed: if the provider took
money for it, the sweep gives it back through the provider (refunded); if not, the attempt
failed. Each attempt is claimed with a conditional update (pending → settled), so of two
sweeps, or a sweep and a slow request, exactly one settles it; the provider's refund is
idempotent per charge, so a sweep whose commit fails after refunding refunds nothing twice
when the next one retries. Running it again finds nothing.
"""

from __future__ import annotations

import logging
from collections import Counter

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from marketplace_core.clock import Clock
from marketplace_core.ledger import service as ledger
from marketplace_core.orders.models import PaymentAttempt
from marketplace_core.orders.payment_rules import (
    SETTLE_AFTER,
    AttemptStatus,
    Settlement,
    settlement,
)
from marketplace_core.orders.payments import PaymentProvider
from marketplace_core.persistence import sweep_in_batches

log = logging.getLogger(__name__)

BATCH = 100


def settle_stale(
    session: Session, clock: Clock, payments: PaymentProvider, *, batch: int = BATCH
) -> Counter[str]:
    """One sweep in the caller's transaction: the outcome of each attempt it settled."""
    now = clock.now()
    ids = list(
        session.scalars(
            select(PaymentAttempt.id)
            .where(
                PaymentAttempt.status == AttemptStatus.PENDING,
                PaymentAttempt.created_at <= now - SETTLE_AFTER,
            )
            .order_by(PaymentAttempt.id)
            .limit(batch)
            .with_for_update(skip_locked=True)
        )
    )
    done: Counter[str] = Counter()
    for attempt_id in ids:
        outcome = _settle(session, attempt_id, clock, payments)
        if outcome is not None:
            done[outcome.value] += 1
    return done


def _settle(
    session: Session, attempt_id: int, clock: Clock, payments: PaymentProvider
) -> Settlement | None:
    attempt = session.get_one(PaymentAttempt, attempt_id)
    charge_key = attempt.charge_key
    outcome = settlement(
        posted_in_ledger=ledger.find_transaction(session, attempt.idempotency_key) is not None,
        charged_by_provider=payments.find_charge(charge_key) is not None,
    )
    status = {
        Settlement.CAPTURED: AttemptStatus.CAPTURED,
        Settlement.REFUND: AttemptStatus.REFUNDED,
        Settlement.FAIL: AttemptStatus.FAILED,
    }[outcome]
    # The claim first: a request that captured it meanwhile wins, and nothing is refunded.
    claimed = session.execute(
        update(PaymentAttempt)
        .where(PaymentAttempt.id == attempt_id, PaymentAttempt.status == AttemptStatus.PENDING)
        .values(status=status, settled_at=clock.now())
        .execution_options(synchronize_session=False)
    )
    if getattr(claimed, "rowcount", 0) != 1:
        return None
    if outcome == Settlement.REFUND:
        charge = payments.find_charge(charge_key)
        assert charge is not None
        refund = payments.refund(charge)
        session.execute(
            update(PaymentAttempt)
            .where(PaymentAttempt.id == attempt_id)
            .values(charged_cents=charge.amount_cents, provider_reference=refund.reference)
            .execution_options(synchronize_session=False)
        )
        log.warning(
            "payment attempt %s: charged %s cents but never committed; refunded (%s)",
            attempt_id,
            charge.amount_cents,
            refund.reference,
        )
    return outcome


def sweep_payments(
    sessions: sessionmaker[Session],
    clock: Clock,
    payments: PaymentProvider,
    *,
    batch: int = BATCH,
    max_rounds: int = 20,
) -> Counter[str]:
    """Sweeps, each in its own short transaction, until one settles less than a full batch:
    what a worker's periodic run does."""
    return sweep_in_batches(
        sessions,
        lambda session: settle_stale(session, clock, payments, batch=batch),
        batch=batch,
        max_rounds=max_rounds,
    )
