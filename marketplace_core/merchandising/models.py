"""The merchandising rules table: each rule with its window and its author, kept once
removed (``removed_at``) so that what a page showed can be explained afterwards."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from marketplace_core.db import Base, UTCDateTime, string_enum
from marketplace_core.merchandising.rules import Action, BoostAttribute, Placement, Trigger


class MerchandisingRule(Base):
    __tablename__ = "merchandising_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    trigger: Mapped[Trigger] = mapped_column(string_enum(Trigger, "merchandising_trigger", 16))
    target: Mapped[str] = mapped_column(String(200))
    action: Mapped[Action] = mapped_column(string_enum(Action, "merchandising_action", 16))
    gig_id: Mapped[int | None] = mapped_column(ForeignKey("gigs.id", ondelete="CASCADE"))
    position: Mapped[int | None] = mapped_column(Integer)
    placement: Mapped[Placement | None] = mapped_column(
        string_enum(Placement, "merchandising_placement", 16)
    )
    attribute: Mapped[BoostAttribute | None] = mapped_column(
        string_enum(BoostAttribute, "merchandising_attribute", 16)
    )
    value: Mapped[str | None] = mapped_column(String(100))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    removed_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
