"""Heart and un-heart gigs; list them. Every call is idempotent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from marketplace_core.catalog.lifecycle import PUBLIC_STATUSES
from marketplace_core.catalog.models import Gig
from marketplace_core.clock import Clock
from marketplace_core.errors import NotFound
from marketplace_core.favorites.models import Favorite
from marketplace_core.persistence import dialect_insert


@dataclass(frozen=True)
class Hearted:
    gig: Gig
    hearted_at: datetime


def heart(session: Session, user_id: int, gig_id: int, *, clock: Clock) -> None:
    """Only public (active) gigs can be hearted; hearting twice keeps the first date."""
    status = session.scalar(select(Gig.status).where(Gig.id == gig_id))
    if status not in PUBLIC_STATUSES:
        raise NotFound("gig", gig_id)
    insert = dialect_insert(session)
    session.execute(
        insert(Favorite)
        .values(user_id=user_id, gig_id=gig_id, created_at=clock.now())
        .on_conflict_do_nothing()
    )


def unheart(session: Session, user_id: int, gig_id: int) -> None:
    """Works for any gig, public or not any more."""
    session.execute(delete(Favorite).where(Favorite.user_id == user_id, Favorite.gig_id == gig_id))


def hearted_among(session: Session, user_id: int, gig_ids: list[int]) -> set[int]:
    """Which of these gigs the user has hearted (a results page's hearts)."""
    return set(
        session.scalars(
            select(Favorite.gig_id).where(Favorite.user_id == user_id, Favorite.gig_id.in_(gig_ids))
        )
    )


def favorites(session: Session, user_id: int) -> list[Hearted]:
    """The hearted gigs still public, last hearted first. A paused gig's heart is kept and
    shows again when the gig is resumed."""
    rows = session.execute(
        select(Gig, Favorite.created_at)
        .join(Favorite, Favorite.gig_id == Gig.id)
        .where(Favorite.user_id == user_id, Gig.status.in_(sorted(PUBLIC_STATUSES)))
        .options(selectinload(Gig.packages), selectinload(Gig.seller))
        .order_by(Favorite.created_at.desc(), Gig.id.desc())
    ).all()
    return [Hearted(gig, hearted_at) for gig, hearted_at in rows]
