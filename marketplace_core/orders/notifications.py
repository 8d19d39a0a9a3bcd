"""Notifications: a row for the site, and an e-mail sent once the change is committed.

The e-mail goes out after the commit (a session hook), so a rolled-back change sends
nothing. Senders are configurable: ``EMAIL_SENDER=logging`` (the default: the message is
logged) or the dotted path of a class taking the public base URL.
"""

from __future__ import annotations

import importlib
import logging
import threading
from dataclasses import dataclass, field
from typing import Protocol, cast

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from marketplace_core.accounts.models import User
from marketplace_core.clock import Clock
from marketplace_core.orders.models import Notification, NotificationKind

log = logging.getLogger(__name__)

_QUEUE = "orders.emails"  # session.info: e-mails to send after the commit
_SENDER = "orders.email_sender"  # session.info: the sender for this session


@dataclass(frozen=True)
class EmailMessage:
    to: str
    subject: str
    text: str
    link_path: str  # e.g. /orders/12; the sender makes it absolute


class EmailSender(Protocol):
    def send(self, message: EmailMessage) -> None: ...


@dataclass
class LoggingEmailSender:
    """Logs each e-mail: the default until a real sender is configured."""

    base_url: str = "http://127.0.0.1:8000"

    def send(self, message: EmailMessage) -> None:
        log.info(
            "e-mail to %s: %s — %s %s%s",
            message.to,
            message.subject,
            message.text,
            self.base_url.rstrip("/"),
            message.link_path,
        )


@dataclass
class MemoryEmailSender:
    """Keeps the e-mails in a list (tests, local runs)."""

    base_url: str = "http://127.0.0.1:8000"
    sent: list[EmailMessage] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def send(self, message: EmailMessage) -> None:
        with self._lock:
            self.sent.append(message)

    def link(self, message: EmailMessage) -> str:
        return self.base_url.rstrip("/") + message.link_path


def sender_from_setting(value: str, base_url: str) -> EmailSender:
    if value == "logging":
        return LoggingEmailSender(base_url)
    module_name, sep, attr = value.partition(":")
    if not sep:
        module_name, _, attr = value.rpartition(".")
    factory = getattr(importlib.import_module(module_name), attr)
    return cast(EmailSender, factory(base_url))


_default_sender: EmailSender = LoggingEmailSender()


def use_email_sender(session: Session, sender: EmailSender) -> None:
    """E-mails queued in this session go through ``sender``."""
    session.info[_SENDER] = sender


def order_link(order_id: int) -> str:
    return f"/orders/{order_id}"


def notify(
    session: Session,
    *,
    user_id: int,
    kind: NotificationKind,
    order_id: int,
    message: str,
    clock: Clock,
    email_subject: str | None = None,
) -> Notification:
    """A site notification with a link to the order; and an e-mail when a subject is given."""
    link = order_link(order_id)
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
            session.info.setdefault(_QUEUE, []).append(
                EmailMessage(to=address, subject=email_subject, text=message, link_path=link)
            )
    return row


def notifications_of(session: Session, user_id: int, limit: int = 100) -> list[Notification]:
    return list(
        session.scalars(
            select(Notification)
            .where(Notification.user_id == user_id)
            .order_by(Notification.id.desc())
            .limit(limit)
        )
    )


@event.listens_for(Session, "after_commit")
def _send_queued(session: Session) -> None:
    if session.get_nested_transaction() is not None:
        return
    queued: list[EmailMessage] = session.info.pop(_QUEUE, [])
    sender: EmailSender = session.info.get(_SENDER, _default_sender)
    for message in queued:
        try:
            sender.send(message)
        except Exception:  # the change is committed; a lost e-mail leaves the site notification
            log.exception("sending the e-mail to %s failed", message.to)


@event.listens_for(Session, "after_rollback")
def _drop_queued(session: Session) -> None:
    session.info.pop(_QUEUE, None)
