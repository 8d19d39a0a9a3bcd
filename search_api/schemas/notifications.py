"""Bodies of the notification endpoints."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from facets.model import Lang
from marketplace_core.notifications.models import Notification
from marketplace_core.notifications.service import text_in
from search_api.schemas.base import ReadModel


class NotificationOut(ReadModel):
    id: int
    kind: str
    message: str
    link: str
    order_id: int | None
    created_at: datetime
    read_at: datetime | None

    @classmethod
    def of(cls, row: Notification, lang: Lang) -> NotificationOut:
        return cls.read(row, message=text_in(row, lang))


class NotificationsOut(BaseModel):
    unread: int
    items: list[NotificationOut]


class MarkedOut(BaseModel):
    marked: int
