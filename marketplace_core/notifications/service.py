"""Notify a user (a row for the site, an e-mail when there is a subject), list and mark read."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from facets.model import Lang
from marketplace_core.accounts.models import User
from marketplace_core.clock import Clock
from marketplace_core.errors import NotFound
from marketplace_core.notifications.emails import EmailMessage, queue_email
from marketplace_core.notifications.messages import CATALOG, Message, Values, subject_of, text_of
from marketplace_core.notifications.models import Notification
from marketplace_core.orders.models import Order

PAGE = 100


def order_link(order_id: int) -> str:
    return f"/orders/{order_id}"


def notify(
    session: Session,
    *,
    user_id: int,
    message: Message,
    values: Values,
    link: str,
    clock: Clock,
    order_id: int | None = None,
    email: bool = True,
) -> Notification:
    """A site notification linking to what it is about, in the words of the catalog; and
    an e-mail when the message has a subject (unless ``email`` is False). The e-mail is in
    the default language: an account holds no language of its own."""
    row = Notification(
        user_id=user_id,
        kind=CATALOG[message].kind,
        order_id=order_id,
        message=text_of(message, values),
        template={"key": message.value, "values": dict(values)},
        link=link,
        created_at=clock.now(),
        read_at=None,
    )
    session.add(row)
    subject = subject_of(message, values) if email else None
    if subject is not None:
        address = session.scalar(select(User.email).where(User.id == user_id))
        if address:
            queue_email(
                session, EmailMessage(to=address, subject=subject, text=row.message, link_path=link)
            )
    return row


def notify_order(
    session: Session,
    user_id: int,
    message: Message,
    order: Order,
    *,
    clock: Clock,
    values: Values | None = None,
) -> Notification:
    """A notification about an order, linking to it; its title is among the values."""
    return notify(
        session,
        user_id=user_id,
        message=message,
        values={"title": order.title, **(values or {})},
        link=order_link(order.id),
        clock=clock,
        order_id=order.id,
    )


def text_in(row: Notification, lang: Lang) -> str:
    """The notification's words in ``lang``; as written, for rows older than the catalog."""
    if row.template is None:
        return row.message
    return text_of(Message(row.template["key"]), row.template["values"], lang)


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
