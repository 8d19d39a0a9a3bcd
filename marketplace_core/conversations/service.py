"""Conversations through their life: opened (from a seller's profile, an offer, an order),
written to, listed in the inbox with unread counts, marked read.

Only the two participants see a conversation: anyone else gets :class:`NotFound`, as if it
did not exist. Callers that open one about a subject have checked the subject and that the
two users are its parties.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select, update
from sqlalchemy.orm import Session, aliased

from marketplace_core.catalog.models import Seller
from marketplace_core.clock import Clock
from marketplace_core.conversations.models import (
    Conversation,
    ConversationMessage,
    ConversationParticipant,
)
from marketplace_core.conversations.rules import (
    Subject,
    check_not_self,
    pair,
    preview,
    public_name,
    stored_subject,
    validate_message,
)
from marketplace_core.errors import NotFound, Refused
from marketplace_core.notifications.enums import NotificationKind
from marketplace_core.notifications.messages import Message
from marketplace_core.notifications.models import Notification
from marketplace_core.notifications.service import notify
from marketplace_core.persistence import dialect_insert

MESSAGES_PAGE = 50
MAX_PAGE = 100
INBOX_PAGE = 20


def conversation_link(conversation_id: int) -> str:
    return f"/conversations/{conversation_id}"


# -- opening ------------------------------------------------------------------------------
def open_conversation(
    session: Session,
    *,
    starter_id: int,
    other_id: int,
    subject: Subject | None,
    clock: Clock,
    message: str | None = None,
) -> Conversation:
    """The conversation of these two users about ``subject`` (None: about nothing in
    particular), opened if there is none yet; then ``message`` from the starter, if given.

    Race-safe: two concurrent opens of the same one give one conversation. The insert
    yields to a row committed meanwhile (``ON CONFLICT DO NOTHING``, which waits for the
    other transaction) and the winner is loaded. Not a SAVEPOINT: on SQLite the driver
    commits a savepoint that begins the transaction, which would keep a conversation whose
    request later failed."""
    check_not_self(starter_id, other_id)
    body = validate_message(message) if message is not None else None  # before any write
    low, high = pair(starter_id, other_id)
    kind, subject_id = stored_subject(subject)
    key = (
        (Conversation.low_user_id == low)
        & (Conversation.high_user_id == high)
        & (Conversation.subject_kind == kind)
        & (Conversation.subject_id == subject_id)
    )
    conversation = session.scalars(select(Conversation).where(key)).one_or_none()
    if conversation is None:
        now = clock.now()
        insert = dialect_insert(session)
        created = session.execute(
            insert(Conversation)
            .values(
                low_user_id=low,
                high_user_id=high,
                subject_kind=kind,
                subject_id=subject_id,
                created_at=now,
                last_message_at=None,
            )
            .on_conflict_do_nothing(
                index_elements=["low_user_id", "high_user_id", "subject_kind", "subject_id"]
            )
            .returning(Conversation.id)
        ).scalar_one_or_none()
        if created is not None:
            session.add_all(
                ConversationParticipant(
                    conversation_id=created,
                    user_id=user_id,
                    last_read_message_id=0,
                    last_read_at=None,
                    emailed_unread=False,
                )
                for user_id in (low, high)
            )
            session.flush()
        conversation = session.scalars(select(Conversation).where(key)).one()
    if body is not None:
        _post(session, conversation, starter_id, body, clock)
    return conversation


def contact_seller(
    session: Session, user_id: int, username: str, message: str, *, clock: Clock
) -> Conversation:
    """The "me contacter" of a seller's profile (R-SRCH-8): the conversation of the caller
    and the seller about nothing in particular, with the caller's message."""
    seller = session.scalars(select(Seller).where(Seller.username == username)).one_or_none()
    if seller is None:
        raise NotFound("seller", username)
    if seller.user_id is None:
        raise Refused("seller.no_account", f"seller {username!r} cannot be contacted on Microtache")
    return open_conversation(
        session,
        starter_id=user_id,
        other_id=seller.user_id,
        subject=None,
        clock=clock,
        message=message,
    )


# -- reading ------------------------------------------------------------------------------
def conversation_for(
    session: Session, user_id: int, conversation_id: int, *, for_update: bool = False
) -> Conversation:
    """The conversation if the caller is one of its two participants; :class:`NotFound` for
    anyone else."""
    query = select(Conversation).where(
        Conversation.id == conversation_id,
        (Conversation.low_user_id == user_id) | (Conversation.high_user_id == user_id),
    )
    if for_update:
        query = query.with_for_update()
    row = session.scalars(query).one_or_none()
    if row is None:
        raise NotFound("conversation", conversation_id)
    return row


def other_username(session: Session, conversation: Conversation, user_id: int) -> str | None:
    """The seller username of the caller's counterpart, if they have a seller profile."""
    other = conversation.other_user_id(user_id)
    return session.scalar(select(Seller.username).where(Seller.user_id == other))


def unread_count(session: Session, conversation: Conversation, user_id: int) -> int:
    """The other participant's messages after the caller's read marker."""
    marker = _participant(session, conversation, user_id).last_read_message_id
    return int(
        session.scalar(
            select(func.count())
            .select_from(ConversationMessage)
            .where(
                ConversationMessage.conversation_id == conversation.id,
                ConversationMessage.sender_id != user_id,
                ConversationMessage.id > marker,
            )
        )
        or 0
    )


@dataclass(frozen=True)
class MessagePage:
    items: list[ConversationMessage]  # oldest first
    more: bool  # more messages beyond this page: newer when paging with ``after``, else older


def messages(
    session: Session,
    conversation: Conversation,
    *,
    before: int | None = None,
    after: int | None = None,
    limit: int = MESSAGES_PAGE,
) -> MessagePage:
    """Oldest first, paginated by message id. With ``after``: the first ``limit`` after it
    (below ``before`` if given); otherwise the last ``limit`` (before ``before``)."""
    query = select(ConversationMessage).where(
        ConversationMessage.conversation_id == conversation.id
    )
    if before is not None:
        query = query.where(ConversationMessage.id < before)
    if after is not None:
        query = query.where(ConversationMessage.id > after)
        rows = list(session.scalars(query.order_by(ConversationMessage.id).limit(limit + 1)))
        return MessagePage(rows[:limit], len(rows) > limit)
    rows = list(session.scalars(query.order_by(ConversationMessage.id.desc()).limit(limit + 1)))
    return MessagePage(list(reversed(rows[:limit])), len(rows) > limit)


@dataclass(frozen=True)
class InboxEntry:
    conversation: Conversation
    other_username: str | None
    last_message: ConversationMessage | None
    unread: int


@dataclass(frozen=True)
class Inbox:
    entries: list[InboxEntry]
    unread: int  # over every conversation of the user, not only this page
    total: int


def inbox(session: Session, user_id: int, *, limit: int = INBOX_PAGE, offset: int = 0) -> Inbox:
    """The user's conversations, newest activity first (the last message, else the
    opening), each with the other party's public name, the last message and the unread
    count."""
    mine = aliased(ConversationParticipant)
    unread = (
        select(func.count(ConversationMessage.id))
        .where(
            ConversationMessage.conversation_id == Conversation.id,
            ConversationMessage.sender_id != user_id,
            ConversationMessage.id > mine.last_read_message_id,
        )
        .correlate(Conversation, mine)
        .scalar_subquery()
    )
    other_id = case(
        (Conversation.low_user_id == user_id, Conversation.high_user_id),
        else_=Conversation.low_user_id,
    )
    activity = func.coalesce(Conversation.last_message_at, Conversation.created_at)
    base = select(Conversation).join(
        mine, (mine.conversation_id == Conversation.id) & (mine.user_id == user_id)
    )
    rows = session.execute(
        base.add_columns(Seller.username, unread.label("unread"))
        .outerjoin(Seller, Seller.user_id == other_id)
        .order_by(activity.desc(), Conversation.id.desc())
        .limit(limit)
        .offset(offset)
    ).all()
    last = _last_messages(session, [row[0].id for row in rows])
    total = session.scalar(
        select(func.count())
        .select_from(ConversationParticipant)
        .where(ConversationParticipant.user_id == user_id)
    )
    return Inbox(
        entries=[
            InboxEntry(
                conversation=conversation,
                other_username=username,
                last_message=last.get(conversation.id),
                unread=int(count),
            )
            for conversation, username, count in rows
        ],
        unread=total_unread(session, user_id),
        total=int(total or 0),
    )


def total_unread(session: Session, user_id: int) -> int:
    """Unread messages over every conversation of the user (the inbox badge)."""
    mine = aliased(ConversationParticipant)
    return int(
        session.scalar(
            select(func.count(ConversationMessage.id))
            .join(
                mine,
                (mine.conversation_id == ConversationMessage.conversation_id)
                & (mine.user_id == user_id),
            )
            .where(
                ConversationMessage.sender_id != user_id,
                ConversationMessage.id > mine.last_read_message_id,
            )
        )
        or 0
    )


def _last_messages(session: Session, conversation_ids: list[int]) -> dict[int, ConversationMessage]:
    if not conversation_ids:
        return {}
    newest = (
        select(func.max(ConversationMessage.id))
        .where(ConversationMessage.conversation_id.in_(conversation_ids))
        .group_by(ConversationMessage.conversation_id)
    )
    found = session.scalars(select(ConversationMessage).where(ConversationMessage.id.in_(newest)))
    return {m.conversation_id: m for m in found}


def _participant(
    session: Session, conversation: Conversation, user_id: int
) -> ConversationParticipant:
    return session.get_one(ConversationParticipant, (conversation.id, user_id))


# -- writing ------------------------------------------------------------------------------
def send_message(
    session: Session, conversation: Conversation, sender_id: int, text: str, *, clock: Clock
) -> ConversationMessage:
    """A message from one participant (the caller loaded the conversation for them); the
    other is notified. Anyone else is :class:`NotFound`, as on reading."""
    if sender_id not in (conversation.low_user_id, conversation.high_user_id):
        raise NotFound("conversation", conversation.id)
    return _post(session, conversation, sender_id, validate_message(text), clock)


def _post(
    session: Session, conversation: Conversation, sender_id: int, body: str, clock: Clock
) -> ConversationMessage:
    now = clock.now()
    message = ConversationMessage(
        conversation_id=conversation.id, sender_id=sender_id, body=body, created_at=now
    )
    session.add(message)
    session.flush()
    conversation.last_message_at = now
    # The sender has read everything up to their own message.
    sender = _participant(session, conversation, sender_id)
    sender.last_read_message_id = message.id
    sender.last_read_at = now
    sender.emailed_unread = False
    recipient = _participant(session, conversation, conversation.other_user_id(sender_id))
    # A site notification per message, an e-mail only for the first of an unread streak.
    notify(
        session,
        user_id=recipient.user_id,
        message=Message.MESSAGE_RECEIVED,
        values={
            "name": public_name(other_username(session, conversation, recipient.user_id)),
            "preview": preview(body),
        },
        link=conversation_link(conversation.id),
        clock=clock,
        email=not recipient.emailed_unread,
    )
    recipient.emailed_unread = True
    session.flush()
    return message


def mark_read(session: Session, conversation: Conversation, user_id: int, *, clock: Clock) -> int:
    """The participant has read every message so far; their message notifications of this
    conversation are read too. Answers how many messages were unread."""
    unread = unread_count(session, conversation, user_id)
    newest = session.scalar(
        select(func.max(ConversationMessage.id)).where(
            ConversationMessage.conversation_id == conversation.id
        )
    )
    now: datetime = clock.now()
    me = _participant(session, conversation, user_id)
    me.last_read_message_id = max(me.last_read_message_id, int(newest or 0))
    me.last_read_at = now
    me.emailed_unread = False
    session.execute(
        update(Notification)
        .where(
            Notification.user_id == user_id,
            Notification.kind == NotificationKind.MESSAGE_RECEIVED,
            Notification.link == conversation_link(conversation.id),
            Notification.read_at.is_(None),
        )
        .values(read_at=now)
        .execution_options(synchronize_session=False)
    )
    session.flush()
    return unread
