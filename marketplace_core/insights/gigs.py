"""What the search events read of the gigs they point to, from the database (the system of
record, and a primary-key read there spares the search node a lookup per event)."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from marketplace_core.catalog.models import Gig

BATCH = 1000


def gig_subcategories(sessions: sessionmaker[Session], ids: Collection[int]) -> dict[int, str]:
    """The subcategory of each gig among ``ids`` that exists (a deleted one is left out)."""
    ordered = sorted(ids)
    found: dict[int, str] = {}
    with sessions() as session:
        for start in range(0, len(ordered), BATCH):
            batch = ordered[start : start + BATCH]
            rows = session.execute(select(Gig.id, Gig.subcategory).where(Gig.id.in_(batch)))
            found.update({gig_id: subcategory for gig_id, subcategory in rows})
    return found
