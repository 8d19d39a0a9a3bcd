"""E-mails, sent once the change that caused them is committed, off the request path.

A commit hands its e-mails over (a session hook), so a rolled-back change sends nothing; in
the engine they are handed to an :class:`EmailQueue`, whose own thread sends them, or with a
broker to a worker task each (``microtache.tasks.notifications``): the commit never waits for
a mail server. Senders are configurable: ``EMAIL_SENDER=logging`` (the default: the message
is logged) or the dotted path of a class taking the public base URL.
"""

from __future__ import annotations

import logging
import queue
import threading
from dataclasses import dataclass, field
from typing import Protocol, cast

from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from marketplace_core.config import load_object

log = logging.getLogger(__name__)

_QUEUE = "notifications.emails"  # session.info: e-mails to send after the commit
_SENDER = "notifications.email_sender"  # session.info: the sender for this session


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
    return cast(EmailSender, load_object(value, "EMAIL_SENDER")(base_url))


class EmailQueue:
    """An :class:`EmailSender` that only queues: a thread of its own sends each e-mail through
    ``sender``, so neither a slow nor a failing mail server holds the commit that caused it."""

    def __init__(self, sender: EmailSender) -> None:
        self.sender = sender
        self._queue: queue.Queue[EmailMessage | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def send(self, message: EmailMessage) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="emails", daemon=True)
                self._thread.start()
        self._queue.put(message)

    def join(self) -> None:
        """Wait until every e-mail handed over so far is sent (or failed)."""
        self._queue.join()

    def close(self, timeout: float = 30.0) -> None:
        """Send what is queued, then stop the thread."""
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._queue.put(None)
            thread.join(timeout)

    def _run(self) -> None:
        while True:
            message = self._queue.get()
            try:
                if message is None:
                    return
                self.sender.send(message)
            except Exception:  # the change is committed; the site notification stays
                log.exception("sending the e-mail to %s failed", message and message.to)
            finally:
                self._queue.task_done()


_default_sender: EmailSender = LoggingEmailSender()


def use_email_sender(session: Session, sender: EmailSender) -> None:
    """E-mails queued in this session go through ``sender``."""
    session.info[_SENDER] = sender


def send_emails_through(sessions: sessionmaker[Session], sender: EmailSender) -> None:
    """Every session of ``sessions`` hands its e-mails to ``sender``."""
    sessions.configure(info={_SENDER: sender})


def queue_email(session: Session, message: EmailMessage) -> None:
    """Send ``message`` once this session's transaction commits; never if it rolls back."""
    session.info.setdefault(_QUEUE, []).append(message)


@event.listens_for(Session, "after_commit")
def _hand_over_queued(session: Session) -> None:
    if session.get_nested_transaction() is not None:
        return
    queued: list[EmailMessage] = session.info.pop(_QUEUE, [])
    sender: EmailSender = session.info.get(_SENDER, _default_sender)
    for message in queued:
        try:
            sender.send(message)
        except Exception:  # the change is committed; a lost e-mail leaves the site notification
            log.exception("handing over the e-mail to %s failed", message.to)


@event.listens_for(Session, "after_rollback")
def _drop_queued(session: Session) -> None:
    session.info.pop(_QUEUE, None)
