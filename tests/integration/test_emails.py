"""E-mails leave after the commit, off the request path: the commit hands them to a queue
whose own thread sends them."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from sqlalchemy import Engine

from marketplace_core.clock import Clock, ManualClock
from marketplace_core.db import make_sessionmaker
from marketplace_core.notifications.emails import (
    EmailMessage,
    EmailQueue,
    EmailSender,
    send_emails_through,
)
from marketplace_core.notifications.messages import Message
from marketplace_core.notifications.service import notify
from tests.factories import create_user


@dataclass
class SlowServer:
    """A mail server that answers once released; fails the e-mails to ``refused``."""

    release: threading.Event = field(default_factory=threading.Event)
    refused: str = ""
    sent: list[EmailMessage] = field(default_factory=list)

    def send(self, message: EmailMessage) -> None:
        assert self.release.wait(30), "never released"
        if message.to == self.refused:
            raise ConnectionError("the mail server refused it")
        self.sent.append(message)


def approve(engine: Engine, emails: EmailSender, clock: Clock, *addresses: str) -> None:
    sessions = make_sessionmaker(engine)
    send_emails_through(sessions, emails)
    with sessions.begin() as session:
        for address in addresses:
            user = create_user(session, clock=clock, email=address)
            notify(
                session,
                user_id=user.id,
                message=Message.REQUEST_APPROVED,
                values={"request": "3"},
                link="/me/requests/3",
                clock=clock,
            )


def test_a_commit_never_waits_for_the_mail_server(engine: Engine, clock: ManualClock) -> None:
    server = SlowServer()
    emails = EmailQueue(server)
    approve(engine, emails, clock, "paul@exemple.fr")  # returns while the server is held
    assert server.sent == []
    server.release.set()
    emails.join()
    assert [(m.to, m.subject, m.link_path) for m in server.sent] == [
        ("paul@exemple.fr", "Votre demande est approuvée", "/me/requests/3")
    ]
    emails.close()


def test_a_refused_email_does_not_stop_the_others(engine: Engine, clock: ManualClock) -> None:
    server = SlowServer(refused="paul@exemple.fr")
    server.release.set()
    emails = EmailQueue(server)
    approve(engine, emails, clock, "paul@exemple.fr", "marc@exemple.fr")
    emails.close()  # sends what is queued first
    assert [m.to for m in server.sent] == ["marc@exemple.fr"]
