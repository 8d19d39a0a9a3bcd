"""Bodies of the conversation endpoints: a minimal inbox between two users."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from marketplace_core.conversations.models import Conversation, ConversationMessage
from marketplace_core.conversations.rules import (
    MESSAGE_LENGTH,
    SubjectKind,
    preview,
    public_name,
    subject_of,
)
from marketplace_core.conversations.service import Inbox, InboxEntry, MessagePage
from search_api.schemas.base import ReadModel, RequestBody, examples
from search_api.schemas.bounds import chars

_MESSAGE_EXAMPLE = "Bonjour, pourriez-vous livrer le logo en SVG et en PNG ?"


# -- in ---------------------------------------------------------------------------------------
class MessageIn(RequestBody):
    model_config = examples({"message": _MESSAGE_EXAMPLE})

    message: str = chars(
        *reversed(MESSAGE_LENGTH), description="no control characters but newlines and tabs"
    )


class OptionalMessageIn(RequestBody):
    model_config = examples({"message": _MESSAGE_EXAMPLE})

    message: str | None = chars(
        *reversed(MESSAGE_LENGTH), default=None, description="optional first message"
    )


# -- out --------------------------------------------------------------------------------------
class SubjectOut(BaseModel):
    kind: SubjectKind = Field(description="request_offer, buyer_request or order")
    id: int


class OtherPartyOut(BaseModel):
    name: str = Field(description="the seller username, or « Client » without a seller profile")
    seller_username: str | None = Field(
        description="their seller profile (`GET /sellers/{username}`), if they have one"
    )

    @classmethod
    def of(cls, username: str | None) -> OtherPartyOut:
        return cls(name=public_name(username), seller_username=username)


class ConversationMessageOut(ReadModel):
    id: int
    from_me: bool = Field(description="sent by the caller")
    body: str
    created_at: datetime

    @classmethod
    def of(cls, message: ConversationMessage, user_id: int) -> ConversationMessageOut:
        return cls.read(message, from_me=message.sender_id == user_id)


class LastMessageOut(BaseModel):
    from_me: bool
    preview: str = Field(description="the start of the message, on one line")
    created_at: datetime


class ConversationSummaryOut(ReadModel):
    id: int
    subject: SubjectOut | None = Field(description="what it is about; null from a profile")
    other: OtherPartyOut
    unread: int = Field(description="messages of the other party the caller has not read")
    last_message: LastMessageOut | None
    created_at: datetime
    last_message_at: datetime | None

    @classmethod
    def of(cls, entry: InboxEntry, user_id: int) -> ConversationSummaryOut:
        last = entry.last_message
        return cls.read(
            entry.conversation,
            **_about(entry.conversation, entry.other_username, entry.unread),
            last_message=None
            if last is None
            else LastMessageOut(
                from_me=last.sender_id == user_id,
                preview=preview(last.body),
                created_at=last.created_at,
            ),
        )


class InboxOut(ReadModel):
    unread: int = Field(description="unread messages over all the caller's conversations")
    total: int = Field(description="the caller's conversations, over all pages")
    items: list[ConversationSummaryOut] = Field(description="newest activity first")

    @classmethod
    def of(cls, inbox: Inbox, user_id: int) -> InboxOut:
        return cls.read(inbox, items=[ConversationSummaryOut.of(e, user_id) for e in inbox.entries])


class ConversationOut(ReadModel):
    id: int
    subject: SubjectOut | None = Field(description="what it is about; null from a profile")
    other: OtherPartyOut
    unread: int = Field(description="messages of the other party the caller has not read")
    created_at: datetime
    last_message_at: datetime | None
    messages: list[ConversationMessageOut] = Field(description="oldest first")
    more: bool = Field(
        description="more messages beyond this page: newer when paging with `after`, older "
        "otherwise (ask again with `before` = the first id)"
    )

    @classmethod
    def of(
        cls,
        conversation: Conversation,
        user_id: int,
        *,
        other_username: str | None,
        unread: int,
        page: MessagePage,
    ) -> ConversationOut:
        return cls.read(
            conversation,
            **_about(conversation, other_username, unread),
            messages=[ConversationMessageOut.of(m, user_id) for m in page.items],
            more=page.more,
        )


class MarkedReadOut(BaseModel):
    marked: int = Field(description="how many messages were unread")


def _about(conversation: Conversation, other_username: str | None, unread: int) -> dict[str, Any]:
    """What a conversation shows besides its own columns: its subject, the other party."""
    subject = subject_of(conversation.subject_kind, conversation.subject_id)
    return {
        "subject": None if subject is None else SubjectOut(kind=subject.kind, id=subject.id),
        "other": OtherPartyOut.of(other_username),
        "unread": unread,
    }


class ContactRefusedOut(BaseModel):
    model_config = examples(
        {
            "detail": "you cannot open a conversation with yourself",
            "rule": "conversation.self",
        }
    )

    detail: str
    rule: str = Field(description="conversation.self or seller.no_account")
