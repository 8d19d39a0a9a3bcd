"""What tests read and clear in a database directly, and the transaction they act in."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session, sessionmaker

from marketplace_core.notifications.emails import EmailSender, use_email_sender
from marketplace_core.outbox import SearchOutbox


def outbox(engine: Engine) -> list[tuple[str, int]]:
    """The search outbox's rows, oldest first: (entity, id)."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(SearchOutbox.entity, SearchOutbox.entity_id).order_by(SearchOutbox.id)
        ).all()
    return [(entity.value, entity_id) for entity, entity_id in rows]


def clear_outbox(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(delete(SearchOutbox))


@contextmanager
def committed(sessions: sessionmaker[Session], emails: EmailSender) -> Iterator[Session]:
    """One transaction, committed at the end of the block; its e-mails go to ``emails``."""
    with sessions() as session, session.begin():
        use_email_sender(session, emails)
        yield session
