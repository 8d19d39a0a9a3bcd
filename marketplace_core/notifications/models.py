"""The notifications table: one row per thing a user is told about, with a link to it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from marketplace_core.db import Base, JSONDocument, UTCDateTime, string_enum
from marketplace_core.notifications.enums import NotificationKind


class Notification(Base):
    """A site notification; the e-mail copy is sent after the commit."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[NotificationKind] = mapped_column(
        string_enum(NotificationKind, "notification_kind")
    )
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    message: Mapped[str] = mapped_column(Text)  # in the default language
    # {"key": catalog message, "values": {...}}: renders it in any language (see messages);
    # None on rows written before the catalog, whose message is all there is.
    template: Mapped[dict[str, Any] | None] = mapped_column(JSONDocument)
    link: Mapped[str] = mapped_column(String(300))  # e.g. /orders/12, /me/requests/3
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
