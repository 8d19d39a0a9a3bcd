"""The gig images table: which stored image a gig shows, and in which place."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from marketplace_core.db import Base, UTCDateTime


class GigImage(Base):
    __tablename__ = "gig_images"

    id: Mapped[int] = mapped_column(primary_key=True)
    gig_id: Mapped[int] = mapped_column(ForeignKey("gigs.id", ondelete="CASCADE"), index=True)
    # 0 is the thumbnail; the places are kept 0..n-1.
    position: Mapped[int] = mapped_column(Integer)
    # Made by the server, never from a file name; the demo catalog shares a few keys between
    # gigs, so a key's files go only when no row refers to them any more.
    key: Mapped[str] = mapped_column(String(64), index=True)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (
        CheckConstraint("position >= 0", name="position_positive"),
        CheckConstraint("width > 0 AND height > 0", name="size_positive"),
    )
