"""Conversation tables: conversations between two users, their messages, and where each
participant has read up to."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    Text,
    UniqueConstraint,
    false,
    select,
    text,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from marketplace_core.catalog.models import Seller
from marketplace_core.conversations.rules import SubjectKind
from marketplace_core.db import Base, UTCDateTime, string_enum
from marketplace_core.outbox import OutboxEntity, watch_counted


class Conversation(Base):
    """Two users, lower id first, about a subject or none. The subject is (kind, id) like an
    order's source: no foreign key, it may be a table of another package."""

    __tablename__ = "conversations"

    id: Mapped[int] = mapped_column(primary_key=True)
    low_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    high_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    subject_kind: Mapped[SubjectKind] = mapped_column(
        string_enum(SubjectKind, "conversation_subject_kind")
    )
    subject_id: Mapped[int] = mapped_column(Integer)  # 0 with kind "none"
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_message_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    participants: Mapped[list[ConversationParticipant]] = relationship(
        back_populates="conversation",
        cascade="all, delete-orphan",
        order_by="ConversationParticipant.user_id",
    )

    __table_args__ = (
        # One conversation per pair and subject; "no subject" is ("none", 0) so it collides.
        UniqueConstraint(
            "low_user_id", "high_user_id", "subject_kind", "subject_id", name="pair_subject"
        ),
        CheckConstraint("low_user_id < high_user_id", name="two_distinct_users_in_order"),
        CheckConstraint(
            "(subject_kind = 'none') = (subject_id = 0)", name="no_subject_has_id_zero"
        ),
    )

    def other_user_id(self, user_id: int) -> int:
        return self.high_user_id if user_id == self.low_user_id else self.low_user_id


class ConversationParticipant(Base):
    """One participant's read marker: messages of the other with a greater id are unread."""

    __tablename__ = "conversation_participants"

    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)
    # A message id, not a time: messages sent in the same instant are still told apart.
    last_read_message_id: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    last_read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Set by the first e-mail of an unread streak, cleared on reading: one e-mail per streak.
    emailed_unread: Mapped[bool] = mapped_column(Boolean, server_default=false())

    conversation: Mapped[Conversation] = relationship(back_populates="participants")


class ConversationMessage(Base):
    __tablename__ = "conversation_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    sender_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


def _answers(session: Session) -> Iterator[int]:
    """Sellers answering the other party: the seller's record counts response times
    (marketplace_core.sellers.quality). The first word, or more of the sender's own, is no
    answer."""
    for message in session.new:
        if not isinstance(message, ConversationMessage) or message.conversation_id is None:
            continue
        last_sender = session.scalar(
            select(ConversationMessage.sender_id)
            .where(ConversationMessage.conversation_id == message.conversation_id)
            .order_by(ConversationMessage.id.desc())
            .limit(1)
        )
        if last_sender is None or last_sender == message.sender_id:
            continue
        seller_id = session.scalar(select(Seller.id).where(Seller.user_id == message.sender_id))
        if seller_id is not None:
            yield seller_id


watch_counted(Seller, OutboxEntity.SELLER, _answers)
