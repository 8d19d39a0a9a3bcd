"""The expiry sweep (R-REQ-5): a request with no new activity (an offer or the boost) for 14
days expires; idempotent, safe with two workers.

A sweep takes the active and paused requests whose last activity is 14 days old, with
``FOR UPDATE SKIP LOCKED`` on PostgreSQL so two workers take disjoint requests, and expires
each through the same :func:`service.catch_up` the parties' actions use; every write checks
the request's version. What it records is the deadline, not the time the sweep ran. Running
it again finds nothing.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from marketplace_core.clock import Clock
from marketplace_core.requests import service
from marketplace_core.requests.models import BuyerRequest
from marketplace_core.requests.rules import EXPIRING, EXPIRY

BATCH = 200


def expire_due(session: Session, clock: Clock, *, batch: int = BATCH) -> int:
    """One sweep in the caller's transaction; how many requests expired."""
    due = list(
        session.scalars(
            select(BuyerRequest)
            .where(
                BuyerRequest.status.in_(sorted(EXPIRING)),
                BuyerRequest.last_activity_at <= clock.now() - EXPIRY,
            )
            .order_by(BuyerRequest.id)
            .limit(batch)
            .with_for_update(skip_locked=True, of=BuyerRequest)
            .execution_options(populate_existing=True)
        ).unique()
    )
    return sum(service.catch_up(session, request, clock) for request in due)


def sweep_until_done(
    sessions: sessionmaker[Session], clock: Clock, *, batch: int = BATCH, max_rounds: int = 50
) -> int:
    """Sweeps, each in its own short transaction, until one finds less than a full batch:
    what a worker's periodic run does."""
    total = 0
    for _ in range(max_rounds):
        with sessions.begin() as session:
            expired = expire_due(session, clock, batch=batch)
        total += expired
        if expired < batch:
            break
    return total
