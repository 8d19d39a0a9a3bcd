"""Login throttling stored in ``login_throttles``: one counter per account and per address.

Each function runs its own short transaction: a failed login is answered with an error, which
rolls back the request's work, but its count must stay.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from marketplace_core.accounts.enums import ThrottleScope
from marketplace_core.accounts.models import LoginThrottle
from marketplace_core.accounts.rules import (
    ThrottleWindow,
    admit,
    give_back,
    retry_after_seconds,
)
from marketplace_core.errors import Throttled
from marketplace_core.persistence import dialect_insert, locked

CLEANUP_BATCH = 500


@dataclass(frozen=True)
class Limit:
    scope: ThrottleScope
    value: str  # the normalised e-mail or the client address
    limit: int

    @property
    def key(self) -> str:
        return hashlib.sha256(f"{self.scope.value}:{self.value}".encode()).hexdigest()


def take_attempt(
    sessions: sessionmaker[Session], limits: Sequence[Limit], now: datetime, window: timedelta
) -> None:
    """Count one attempt on every counter, or raise :class:`Throttled` and count nothing."""
    ordered = sorted(limits, key=lambda lim: (lim.scope.value, lim.key))  # one lock order
    with sessions.begin() as session:
        rows = [_locked_row(session, lim, now) for lim in ordered]
        waits: list[timedelta] = []
        admitted: list[ThrottleWindow] = []
        for lim, row in zip(ordered, rows, strict=True):
            current = ThrottleWindow(row.failures, row.window_started_at) if row.failures else None
            admission = admit(current, now, limit=lim.limit, window=window)
            if admission.retry_after is not None:
                waits.append(admission.retry_after)
            admitted.append(admission.window)
        if waits:  # raised inside the transaction: rolled back, nothing counted
            raise Throttled(
                "too many failed logins; try again later", retry_after_seconds(max(waits))
            )
        for row, counted in zip(rows, admitted, strict=True):
            row.failures, row.window_started_at = counted.failures, counted.started_at


def give_back_attempt(
    sessions: sessionmaker[Session], limits: Sequence[Limit], now: datetime, *, reset: bool
) -> None:
    """A login succeeded: its attempt was no failure. ``reset`` clears the counters (the
    account's: its owner proved who they are); else one attempt is given back (the address's:
    one valid account must not clear an address that tries many others)."""
    ordered = sorted(limits, key=lambda lim: (lim.scope.value, lim.key))
    with sessions.begin() as session:
        for lim in ordered:
            row = _locked_row(session, lim, now)
            if reset:
                row.failures = 0
            elif row.failures:
                row.failures = give_back(
                    ThrottleWindow(row.failures, row.window_started_at)
                ).failures


def forget_old_windows(sessions: sessionmaker[Session], now: datetime, window: timedelta) -> int:
    """Delete counters whose window has passed (they would restart at one anyway)."""
    with sessions.begin() as session:
        old = (
            select(LoginThrottle.scope, LoginThrottle.key)
            .where(LoginThrottle.window_started_at < now - window)
            .limit(CLEANUP_BATCH)
            .with_for_update(skip_locked=True)  # never wait for a login being counted
        )
        found = session.execute(old).all()
        for scope, key in found:
            session.execute(
                delete(LoginThrottle).where(LoginThrottle.scope == scope, LoginThrottle.key == key)
            )
        return len(found)


def _locked_row(session: Session, lim: Limit, now: datetime) -> LoginThrottle:
    """The counter row, created if missing, locked for this transaction (PostgreSQL; SQLite
    has one writer at a time)."""
    values = {"scope": lim.scope, "key": lim.key, "failures": 0, "window_started_at": now}
    insert = dialect_insert(session)
    session.execute(insert(LoginThrottle).values(**values).on_conflict_do_nothing())
    return session.scalars(
        locked(
            select(LoginThrottle).where(
                LoginThrottle.scope == lim.scope, LoginThrottle.key == lim.key
            )
        )
    ).one()
