"""What every service does to rows the same way: the row lock (and a named lock), the
version-checked save, and the sweep that works through due rows in short transactions."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol, TypeVar

from sqlalchemy import Connection, Select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from marketplace_core.errors import Conflict

T = TypeVar("T", bound=tuple[Any, ...])


def locked(query: Select[T], *, of: Any = None, skip_locked: bool = False) -> Select[T]:
    """The rows held until commit (PostgreSQL; SQLite has one writer at a time): a concurrent
    writer waits, then reads the winner's state; with ``skip_locked``, rows another
    transaction holds are left to it (two sweeps take disjoint rows)."""
    return query.with_for_update(of=of, skip_locked=skip_locked).execution_options(
        populate_existing=True
    )


def dialect_insert(
    bind: Session | Connection,
) -> Callable[[Any], postgresql.Insert | sqlite.Insert]:
    """The INSERT construct of the database in use, for ON CONFLICT clauses (PostgreSQL's or
    SQLite's: the standard one has none)."""
    dialect = bind.get_bind().dialect if isinstance(bind, Session) else bind.dialect
    return postgresql.insert if dialect.name == "postgresql" else sqlite.insert


def hold_name(session: Session, name: str) -> None:
    """Hold ``name`` until the transaction ends, for what has no row to lock (e.g. a key
    several rows share): PostgreSQL's advisory lock; SQLite needs none, its first write
    holds the whole database until commit."""
    if session.get_bind().dialect.name != "postgresql":
        return
    key = int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True)
    session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


class Versioned(Protocol):
    id: Any
    updated_at: datetime


def save_versioned(session: Session, row: Versioned, *, what: str, now: datetime) -> None:
    """Write ``row`` with its version in the WHERE clause: of two concurrent writers exactly
    one wins, the other gets a :class:`Conflict` and nothing it wrote stays."""
    key = row.id  # read before the flush: a failed flush expires the object
    row.updated_at = now
    try:
        session.flush()
    except StaleDataError as exc:
        raise Conflict(f"{what} {key} changed meanwhile; reload it and try again") from exc


def sweep_in_batches(
    sessions: sessionmaker[Session],
    sweep: Callable[[Session], Counter[str]],
    *,
    batch: int,
    max_rounds: int,
) -> Counter[str]:
    """Run ``sweep`` (one batch at most, reporting what it did) each in its own short
    transaction until one does less than a full batch: what a periodic job does."""
    total: Counter[str] = Counter()
    for _ in range(max_rounds):
        with sessions.begin() as session:
            done = sweep(session)
        total.update(done)
        if done.total() < batch:
            break
    return total
