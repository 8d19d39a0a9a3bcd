"""Sellers' online status: heartbeats move ``last_seen_at``; search sees ``search_online``.

Search documents carry ``search_online`` (the flag as last sent), not a flag computed at read
time, so a heartbeat within the same state writes nothing to search. The flag flips at once
when an offline seller is seen, and the presence sweep flips it both ways when the computed
flag differs; each flip writes the seller's outbox row through the flush hook.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from marketplace_core.catalog.models import Seller


def is_online(last_seen_at: datetime | None, now: datetime, window: timedelta) -> bool:
    return last_seen_at is not None and now - last_seen_at <= window


def record_heartbeat(session: Session, seller: Seller, now: datetime) -> None:
    """The seller was seen now (web or app); going online is searchable right away."""
    seller.last_seen_at = now
    if not seller.search_online:
        seller.search_online = True
    session.flush()


def sweep_presence(session: Session, now: datetime, window: timedelta) -> int:
    """Flip ``search_online`` where it differs from the computed flag; returns how many.

    Rows another transaction holds (a heartbeat being written) are skipped on PostgreSQL:
    that writer settles them, or the next sweep does.
    """
    threshold = now - window
    differing = (
        select(Seller)
        .where(
            or_(
                Seller.search_online.is_(False) & (Seller.last_seen_at >= threshold),
                Seller.search_online.is_(True)
                & (Seller.last_seen_at.is_(None) | (Seller.last_seen_at < threshold)),
            )
        )
        .order_by(Seller.id)
        .with_for_update(skip_locked=True)
    )
    flipped = 0
    for seller in session.scalars(differing):
        online = is_online(seller.last_seen_at, now, window)
        if seller.search_online != online:
            seller.search_online = online
            flipped += 1
    session.flush()
    return flipped
