"""What a running engine holds: settings, database, OpenSearch client, index names, clock, and
the payment provider. The composition root: the API, the worker and the command line each
build one and hand its parts to the domains."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from indexer.client import IndexNames, SearchClient, make_client
from indexer.opensearch_local.registry import running_node_url
from marketplace_core.clock import Clock, SystemClock
from marketplace_core.config import Settings
from marketplace_core.db import make_engine, make_sessionmaker
from marketplace_core.notifications.emails import (
    EmailQueue,
    EmailSender,
    send_emails_through,
    sender_from_setting,
)
from marketplace_core.orders.payments import PaymentProvider, provider_from_setting


class OpenSearchNotConfigured(RuntimeError):
    pass


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    search: SearchClient
    opensearch_url: str
    names: IndexNames
    clock: Clock

    @property
    def online_window(self) -> timedelta:
        return timedelta(seconds=self.settings.online_window_seconds)

    @cached_property
    def emails(self) -> EmailSender:
        """Where committed e-mails go: this process's queue, whose thread sends them through
        ``EMAIL_SENDER`` (with a broker, :func:`build_runtime` is given a worker task's)."""
        sender = sender_from_setting(self.settings.email_sender, self.settings.public_base_url)
        return EmailQueue(sender)

    @cached_property
    def payments(self) -> PaymentProvider:
        """The provider made from ``PAYMENT_PROVIDER``, once: the API charges through it and
        the payment sweep asks it about unsettled charges."""
        return provider_from_setting(self.settings.payment_provider)

    def close(self) -> None:
        emails = self.__dict__.get("emails")  # made only when used
        if isinstance(emails, EmailQueue):
            emails.close()  # what is queued is sent first
        self.search.close()
        self.engine.dispose()


def opensearch_url(settings: Settings) -> str:
    """The configured cluster, else the embedded node that ``microtache up`` is running."""
    url = settings.opensearch_url or running_node_url(settings.opensearch_home)
    if url is None:
        raise OpenSearchNotConfigured(
            "no OpenSearch: set OPENSEARCH_URL, or start the engine with `microtache up` "
            "(it runs its own node)"
        )
    return url


def build_runtime(
    settings: Settings,
    *,
    url: str | None = None,
    clock: Clock | None = None,
    emails: EmailSender | None = None,
) -> Runtime:
    url = url or opensearch_url(settings)
    engine = make_engine(settings.sqlalchemy_url)
    runtime = Runtime(
        settings=settings,
        engine=engine,
        sessions=make_sessionmaker(engine),
        search=make_client(url, settings),
        opensearch_url=url,
        names=IndexNames(settings.opensearch_index_prefix),
        clock=clock or SystemClock(),
    )
    if emails is not None:
        runtime.emails = emails
    send_emails_through(runtime.sessions, runtime.emails)
    return runtime
