"""Orders placed from a results page, as search events.

The order keeps its search id in its own row (the system of record); the event is made from
the committed row, so an order rolled back is never counted, and an order whose event was
lost before it reached the search reports (a process stopped) is made again by the next read
of the recent orders: events have natural keys, so reading one twice records it once.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, select
from sqlalchemy.orm import Session, sessionmaker

from marketplace_core.catalog.models import GigPackage
from marketplace_core.insights.rules import EventType, Pseudonyms, SearchEvent
from marketplace_core.orders.enums import SourceKind
from marketplace_core.orders.models import Order


def order_events(
    sessions: sessionmaker[Session], since: datetime, pseudonyms: Pseudonyms
) -> list[SearchEvent]:
    """An ``order`` event for each package order placed from a search since ``since``."""
    query = (
        select(Order.search_id, GigPackage.gig_id, Order.buyer_id, Order.created_at)
        .join(
            GigPackage,
            and_(Order.source_kind == SourceKind.PACKAGE, GigPackage.id == Order.source_id),
        )
        .where(Order.search_id.is_not(None), Order.created_at >= since)
        .order_by(Order.id)
    )
    with sessions() as session:
        found = session.execute(query).all()
    return [
        SearchEvent(
            search_id=search_id,
            type=EventType.ORDER,
            gig_id=gig_id,
            position=None,
            visitor=pseudonyms.of_user(buyer_id),
            at=created_at,
        )
        for search_id, gig_id, buyer_id, created_at in found
    ]
