"""Bodies of the notification endpoints."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from facets.model import Lang
from marketplace_core.notifications.models import Notification
from marketplace_core.notifications.service import text_in


class NotificationOut(BaseModel):
    id: int
    kind: str
    message: str
    link: str
    order_id: int | None
    created_at: datetime
    read_at: datetime | None

    @classmethod
    def of(cls, row: Notification, lang: Lang) -> NotificationOut:
        return cls(
            id=row.id,
            kind=row.kind.value,
            message=text_in(row, lang),
            link=row.link,
            order_id=row.order_id,
            created_at=row.created_at,
            read_at=row.read_at,
        )


class NotificationsOut(BaseModel):
    unread: int
    items: list[NotificationOut]


class MarkedOut(BaseModel):
    marked: int
