"""The buyer contacts the seller of an offer on their request (R-REQ-6): the conversation of
these two about that offer, opened the first time, with an optional first message."""

from __future__ import annotations

from sqlalchemy.orm import Session

from marketplace_core.clock import Clock
from marketplace_core.conversations.models import Conversation
from marketplace_core.conversations.rules import Subject, SubjectKind
from marketplace_core.conversations.service import open_conversation
from marketplace_core.requests.models import BuyerRequest
from marketplace_core.requests.service import offer_of


def contact_offer_seller(
    session: Session,
    request: BuyerRequest,
    offer_id: int,
    *,
    message: str | None,
    clock: Clock,
) -> Conversation:
    offer = offer_of(session, request, offer_id)
    seller_user_id = offer.seller.user_id  # loaded with the offer
    assert seller_user_id is not None  # offers come from sellers with an account
    return open_conversation(
        session,
        starter_id=request.buyer_id,
        other_id=seller_user_id,
        subject=Subject(SubjectKind.REQUEST_OFFER, offer.id),
        clock=clock,
        message=message,
    )
