"""Alerts: the searches buyers saved and the gigs that matched them, the sellers' alerts on
buyer requests and the requests already matched."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from marketplace_core.db import Base, UTCDateTime


class SavedSearch(Base):
    """A results page a buyer wants to hear about: its query string (words and filters)."""

    __tablename__ = "saved_searches"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # Canonical, e.g. q=logo&level=top_rated: buyers saving the same share one stored query.
    query: Mapped[str] = mapped_column(String(2000), index=True)
    words: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_digest_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class SavedSearchMatch(Base):
    """A gig that matched a saved search when it became active: once per pair, whatever
    happens to the gig afterwards; ``notified_at`` once a digest told the buyer."""

    __tablename__ = "saved_search_matches"

    saved_search_id: Mapped[int] = mapped_column(
        ForeignKey("saved_searches.id", ondelete="CASCADE"), primary_key=True
    )
    gig_id: Mapped[int] = mapped_column(ForeignKey("gigs.id", ondelete="CASCADE"), primary_key=True)
    matched_at: Mapped[datetime] = mapped_column(UTCDateTime())
    notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)


class SellerRequestAlert(Base):
    """A seller's wish to hear of new buyer requests in their active gigs' subcategories,
    with their own floor on the budget and on the delivery time."""

    __tablename__ = "seller_request_alerts"

    seller_id: Mapped[int] = mapped_column(
        ForeignKey("sellers.id", ondelete="CASCADE"), primary_key=True
    )
    budget_min_cents: Mapped[int | None] = mapped_column(Integer)
    min_delivery_days: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class RequestAlertScan(Base):
    """A buyer request already matched against the sellers' alerts: each is matched once."""

    __tablename__ = "request_alert_scans"

    request_id: Mapped[int] = mapped_column(
        ForeignKey("buyer_requests.id", ondelete="CASCADE"), primary_key=True
    )
    scanned_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sellers_notified: Mapped[int] = mapped_column(Integer)
