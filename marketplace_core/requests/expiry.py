"""The expiry sweep (R-REQ-5): a request with no new activity (an offer or the boost) for 14
days expires; idempotent, safe with two workers.

A sweep takes the active and paused requests whose last activity is 14 days old, with
``FOR UPDATE SKIP LOCKED`` on PostgreSQL so two workers take disjoint requests, and expires
each through the same :func:`service.catch_up` the parties' actions use; every write checks
the request's version. What it records is the deadline, not the time the sweep ran. Running
it again finds nothing.
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from marketplace_core.clock import Clock
from marketplace_core.persistence import locked, sweep_in_batches
from marketplace_core.requests import service
from marketplace_core.requests.models import BuyerRequest
from marketplace_core.requests.rules import EXPIRING, EXPIRY

BATCH = 200


def expire_due(session: Session, clock: Clock, *, batch: int = BATCH) -> int:
    """One sweep in the caller's transaction; how many requests expired."""
    query = (
        select(BuyerRequest)
        .where(
            BuyerRequest.status.in_(sorted(EXPIRING)),
            BuyerRequest.last_activity_at <= clock.now() - EXPIRY,
        )
        .order_by(BuyerRequest.id)
        .limit(batch)
    )
    due = list(session.scalars(locked(query, of=BuyerRequest, skip_locked=True)).unique())
    return sum(service.catch_up(session, request, clock) for request in due)


def sweep_until_done(
    sessions: sessionmaker[Session], clock: Clock, *, batch: int = BATCH, max_rounds: int = 50
) -> int:
    """Sweeps, each in its own short transaction, until one finds less than a full batch:
    what a worker's periodic run does."""
    done = sweep_in_batches(
        sessions,
        lambda session: Counter(expired=expire_due(session, clock, batch=batch)),
        batch=batch,
        max_rounds=max_rounds,
    )
    return done["expired"]
