"""Conversations: a minimal inbox between two users ("me contacter" on a seller's profile,
R-SRCH-8; contacting the seller of an offer, R-REQ-6; talking about an order, before and
after completion, R-ORD-7).

Only the two participants see a conversation: anyone else gets 404 on every endpoint, as
if it did not exist. Each new message notifies the other participant.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, status
from sqlalchemy.orm import Session

from marketplace_core.conversations import service
from marketplace_core.conversations.models import Conversation
from marketplace_core.conversations.rules import Subject, SubjectKind
from search_api.deps import MAX_ID, CurrentUser, DbSession, Id, RuntimeDep
from search_api.resources import OrderForReading, OwnConversation, OwnConversationForUpdate
from search_api.schemas.conversations import (
    ContactRefusedOut,
    ConversationMessageOut,
    ConversationOut,
    InboxOut,
    MarkedReadOut,
    MessageIn,
    OptionalMessageIn,
)
from search_api.schemas.errors import errors

router = APIRouter(tags=["conversations"])

Before = Annotated[
    int | None, Query(description="only messages older than this message id", ge=1, le=MAX_ID)
]
After = Annotated[
    int | None, Query(description="only messages newer than this message id", ge=0, le=MAX_ID)
]
MessageLimit = Annotated[int, Query(description="messages per page, 1 to 100", ge=1, le=100)]

_REFUSED: dict[int | str, dict[str, Any]] = {
    409: {
        "model": ContactRefusedOut,
        "description": "The seller cannot be contacted (`rule`): `conversation.self` (your "
        "own profile), `seller.no_account` (a profile without an account on Microtache).",
    }
}


def _page(
    session: Session,
    conversation: Conversation,
    user_id: Id,
    *,
    before: int | None = None,
    after: int | None = None,
    limit: int = service.MESSAGES_PAGE,
) -> ConversationOut:
    return ConversationOut.of(
        conversation,
        user_id,
        other_username=service.other_username(session, conversation, user_id),
        unread=service.unread_count(session, conversation, user_id),
        page=service.messages(session, conversation, before=before, after=after, limit=limit),
    )


@router.post(
    "/sellers/{username}/conversations",
    status_code=status.HTTP_201_CREATED,
    summary="Contacter le prestataire",
    description=(
        "« Me contacter » on the seller's profile (R-SRCH-8): the caller's message goes to "
        "the conversation of the caller and the seller, opened the first time and the same "
        "one afterwards. Answers the conversation with its latest messages; its page is "
        "`/conversations/{id}`. Your own profile is 409 `conversation.self`."
    ),
    responses=errors(401, 404, 413, 422) | _REFUSED,
)
def contact_seller(
    username: str, body: MessageIn, principal: CurrentUser, session: DbSession, runtime: RuntimeDep
) -> ConversationOut:
    user_id = principal.user.id
    conversation = service.contact_seller(
        session, user_id, username, body.message, clock=runtime.clock
    )
    return _page(session, conversation, user_id)


@router.post(
    "/orders/{order_id}/conversation",
    summary="Conversation de la commande",
    description=(
        "The conversation of the order's buyer and seller about it, opened the first time "
        "and the same one afterwards, also once the order is completed (R-ORD-7); with an "
        "optional message. Anyone but the two parties gets 404, as for the order itself."
    ),
    responses=errors(401, 404, 413, 422),
)
def order_conversation(
    principal: CurrentUser,
    held: OrderForReading,
    session: DbSession,
    runtime: RuntimeDep,
    body: OptionalMessageIn | None = None,
) -> ConversationOut:
    user_id = principal.user.id
    order, actor = held
    conversation = service.open_conversation(
        session,
        starter_id=user_id,
        other_id=order.other_party(actor),
        subject=Subject(SubjectKind.ORDER, order.id),
        clock=runtime.clock,
        message=body.message if body else None,
    )
    return _page(session, conversation, user_id)


@router.get(
    "/me/conversations",
    summary="Ma boîte de réception",
    description=(
        "The caller's conversations, newest activity first, each with the other party's "
        "public name (a seller username, or « Client »), the last message and the number of "
        "unread messages; and the unread total over all conversations."
    ),
    responses=errors(401, 422),
)
def inbox(
    principal: CurrentUser,
    session: DbSession,
    limit: Annotated[
        int, Query(description="conversations per page, 1 to 100", ge=1, le=100)
    ] = service.INBOX_PAGE,
    offset: Annotated[int, Query(description="conversations to skip", ge=0, le=MAX_ID)] = 0,
) -> InboxOut:
    user_id = principal.user.id
    return InboxOut.of(service.inbox(session, user_id, limit=limit, offset=offset), user_id)


@router.get(
    "/conversations/{conversation_id}",
    summary="Une conversation",
    description=(
        "For its two participants only. Messages oldest first: the latest page by default; "
        "`before` a message id for older ones; `after` a message id for newer ones. Reading "
        "does not mark read: `POST /conversations/{id}/read` does."
    ),
    responses=errors(401, 404, 422),
)
def read(
    conversation: OwnConversation,
    principal: CurrentUser,
    session: DbSession,
    before: Before = None,
    after: After = None,
    limit: MessageLimit = service.MESSAGES_PAGE,
) -> ConversationOut:
    user_id = principal.user.id
    return _page(session, conversation, user_id, before=before, after=after, limit=limit)


@router.post(
    "/conversations/{conversation_id}/messages",
    status_code=status.HTTP_201_CREATED,
    summary="Envoyer un message",
    description="For its two participants only; the other one is notified (one e-mail per "
    "unread streak, a site notification per message).",
    responses=errors(401, 404, 413, 422),
)
def send(
    conversation: OwnConversationForUpdate,
    body: MessageIn,
    principal: CurrentUser,
    session: DbSession,
    runtime: RuntimeDep,
) -> ConversationMessageOut:
    user_id = principal.user.id
    message = service.send_message(
        session, conversation, user_id, body.message, clock=runtime.clock
    )
    return ConversationMessageOut.of(message, user_id)


@router.post(
    "/conversations/{conversation_id}/read",
    summary="Marquer la conversation comme lue",
    description="Every message so far is read, and the caller's notifications of its "
    "messages too. Answers how many messages were unread.",
    responses=errors(401, 404, 422),
)
def mark_read(
    conversation: OwnConversation, principal: CurrentUser, session: DbSession, runtime: RuntimeDep
) -> MarkedReadOut:
    user_id = principal.user.id
    return MarkedReadOut(
        marked=service.mark_read(session, conversation, user_id, clock=runtime.clock)
    )
