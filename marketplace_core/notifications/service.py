"""Notify a user (a row for the site, an e-mail when there is a subject), list and mark read."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from marketplace_core.accounts.models import User
from marketplace_core.clock import Clock
from marketplace_core.errors import NotFound
from marketplace_core.notifications.emails import EmailMessage, queue_email
from marketplace_core.notifications.models import Notification, NotificationKind

PAGE = 100


def order_link(order_id: int) -> str:
    return f"/orders/{order_id}"


def notify(
    session: Session,
    *,
    user_id: int,
    kind: NotificationKind,
    message: str,
    link: str,
    clock: Clock,
    order_id: int | None = None,
    email_subject: str | None = None,
) -> Notification:
    """A site notification linking to what it is about; and an e-mail when a subject is
    given."""
    row = Notification(
        user_id=user_id,
        kind=kind,
        order_id=order_id,
        message=message,
        link=link,
        created_at=clock.now(),
        read_at=None,
    )
    session.add(row)
    if email_subject is not None:
        address = session.scalar(select(User.email).where(User.id == user_id))
        if address:
            queue_email(
                session,
                EmailMessage(to=address, subject=email_subject, text=message, link_path=link),
            )
    return row


def notify_order(
    session: Session,
    *,
    user_id: int,
    kind: NotificationKind,
    order_id: int,
    message: str,
    clock: Clock,
    email_subject: str | None = None,
) -> Notification:
    """A notification about an order, linking to it."""
    return notify(
        session,
        user_id=user_id,
        kind=kind,
        message=message,
        link=order_link(order_id),
        clock=clock,
        order_id=order_id,
        email_subject=email_subject,
    )


def notifications_of(
    session: Session, user_id: int, *, unread_only: bool = False, limit: int = PAGE
) -> list[Notification]:
    """Newest first."""
    query = select(Notification).where(Notification.user_id == user_id)
    if unread_only:
        query = query.where(Notification.read_at.is_(None))
    return list(session.scalars(query.order_by(Notification.id.desc()).limit(limit)))


def unread_count(session: Session, user_id: int) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        )
        or 0
    )


def mark_read(
    session: Session, user_id: int, notification_id: int, *, clock: Clock
) -> Notification:
    """Mark one of the user's notifications read; reading it again keeps the first time.
    Someone else's notification is :class:`NotFound`."""
    row = session.get(Notification, notification_id)
    if row is None or row.user_id != user_id:
        raise NotFound("notification", notification_id)
    if row.read_at is None:
        row.read_at = clock.now()
        session.flush()
    return row


def mark_all_read(session: Session, user_id: int, *, clock: Clock) -> int:
    """Mark every unread notification of the user read; answers how many were unread."""
    now: datetime = clock.now()
    result = session.execute(
        update(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .values(read_at=now)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
