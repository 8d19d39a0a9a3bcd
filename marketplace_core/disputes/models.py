"""The resolution center's table: cancellation requests on orders."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from marketplace_core.db import Base, UTCDateTime, string_enum
from marketplace_core.disputes.rules import CancellationStatus
from marketplace_core.orders.enums import Actor


class CancellationRequest(Base):
    """Seen on the order by its two parties only; customer support is not told (R-DIS-4)."""

    __tablename__ = "cancellation_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    requested_by: Mapped[Actor] = mapped_column(string_enum(Actor, "cancellation_party"))
    reason: Mapped[str] = mapped_column(String(64))
    explanation: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[CancellationStatus] = mapped_column(
        string_enum(CancellationStatus, "cancellation_status"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    respond_by: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)  # R-DIS-2
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
