"""Quote requests through their life: asked (R-QUO-1/2), answered, declined or ordered
(R-QUO-3).

Only the two parties see a request; anyone else gets :class:`NotFound`, as if it did not
exist. The wrong party acting is :class:`Forbidden`; the status table decides the rest.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from facets.model import Taxonomy
from marketplace_core.accounts.models import User
from marketplace_core.catalog.gigs import require_seller
from marketplace_core.catalog.lifecycle import PUBLIC_STATUSES
from marketplace_core.catalog.models import Gig, Seller
from marketplace_core.clock import Clock
from marketplace_core.errors import NotFound
from marketplace_core.orders.enums import SourceKind
from marketplace_core.orders.payments import PaymentProvider
from marketplace_core.orders.service import already_placed, place_offer_order
from marketplace_core.quotes.models import QuoteAttachment, QuoteOffer, QuoteRequest
from marketplace_core.quotes.rules import (
    QUOTE_TRANSITIONS,
    OfferInput,
    QuoteAction,
    QuoteParty,
    QuoteRequestInput,
    QuoteStatus,
    check_seller_can_quote,
    validate_offer,
    validate_quote_request,
    validate_reason,
)
from marketplace_core.uploads.models import Upload
from marketplace_core.uploads.service import own_uploads


def _with_details(query: Any) -> Any:
    return query.options(
        selectinload(QuoteRequest.seller),
        selectinload(QuoteRequest.offer),
        selectinload(QuoteRequest.attachments),
    )


def request_quote(
    session: Session,
    buyer_id: int,
    username: str,
    given: QuoteRequestInput,
    *,
    taxonomy: Taxonomy,
    max_attachment_bytes: int,
    clock: Clock,
) -> QuoteRequest:
    """Ask the seller ``username`` for a quote. The seller's state is checked before the
    input: a seller who cannot quote is refused whatever the buyer filled in."""
    seller = session.scalars(select(Seller).where(Seller.username == username)).one_or_none()
    if seller is None:
        raise NotFound("seller", username)
    active = session.scalar(
        select(func.count())
        .select_from(Gig)
        .where(Gig.seller_id == seller.id, Gig.status.in_(sorted(PUBLIC_STATUSES)))
    )
    check_seller_can_quote(
        accepts_quotes=seller.accepts_quotes,
        active_gigs=int(active or 0),
        asking_themselves=seller.user_id == buyer_id,
    )
    valid = validate_quote_request(given, taxonomy)
    uploads = own_uploads(
        session,
        buyer_id,
        valid.attachments,
        max_bytes=max_attachment_bytes,
        field="attachments",
    )
    now = clock.now()
    row = QuoteRequest(
        buyer_id=buyer_id,
        seller=seller,
        category=valid.category,
        subcategory=valid.subcategory,
        description=valid.description,
        criteria=valid.criteria,
        delivery_days=valid.delivery_days,
        budget_cents=valid.budget_cents,
        status=QuoteStatus.REQUESTED,
        created_at=now,
        updated_at=now,
        attachments=[
            QuoteAttachment(upload_key=u.key, position=i, upload=u) for i, u in enumerate(uploads)
        ],
    )
    session.add(row)
    session.flush()
    return row


def received(
    session: Session, user_id: int, statuses: Iterable[QuoteStatus] | None = None
) -> list[QuoteRequest]:
    """The requests the caller's seller profile received, newest first."""
    seller = require_seller(session, user_id)
    return _list(session, QuoteRequest.seller_id == seller.id, statuses)


def sent(
    session: Session, user_id: int, statuses: Iterable[QuoteStatus] | None = None
) -> list[QuoteRequest]:
    """The requests the caller sent, newest first."""
    return _list(session, QuoteRequest.buyer_id == user_id, statuses)


def _list(
    session: Session, whose: Any, statuses: Iterable[QuoteStatus] | None
) -> list[QuoteRequest]:
    query = select(QuoteRequest).where(whose)
    if statuses:
        query = query.where(QuoteRequest.status.in_(sorted(set(statuses))))
    query = query.order_by(QuoteRequest.created_at.desc(), QuoteRequest.id.desc())
    return list(session.scalars(_with_details(query)))


class PartyQuote(NamedTuple):
    """A quote request and the caller's side of it."""

    request: QuoteRequest
    party: QuoteParty


def party_request(
    session: Session, user_id: int, request_id: int, *, for_update: bool = False
) -> PartyQuote:
    """The request and the caller's side of it; :class:`NotFound` for anyone else."""
    query = _with_details(select(QuoteRequest).where(QuoteRequest.id == request_id))
    if for_update:
        query = query.with_for_update(of=QuoteRequest)  # PostgreSQL: answers wait their turn
    row: QuoteRequest | None = session.scalars(query).one_or_none()
    if row is not None:
        if row.buyer_id == user_id:
            return PartyQuote(row, QuoteParty.BUYER)
        if row.seller.user_id is not None and row.seller.user_id == user_id:
            return PartyQuote(row, QuoteParty.SELLER)
    raise NotFound("quote request", request_id)


def attachment(request: QuoteRequest, key: str) -> Upload:
    for item in request.attachments:
        if item.upload_key == key:
            return item.upload
    raise NotFound("attachment", key)


def _move(
    session: Session, request: QuoteRequest, party: QuoteParty, action: QuoteAction, clock: Clock
) -> None:
    request.status = QUOTE_TRANSITIONS.next(request.status, party, action, key=request.id)
    request.updated_at = clock.now()


def make_offer(
    session: Session, request: QuoteRequest, party: QuoteParty, given: OfferInput, *, clock: Clock
) -> QuoteRequest:
    """The seller answers with a quote (R-QUO-3)."""
    # The status is checked before validating.
    QUOTE_TRANSITIONS.next(request.status, party, QuoteAction.OFFER, key=request.id)
    valid = validate_offer(given)
    _move(session, request, party, QuoteAction.OFFER, clock)
    request.offer = QuoteOffer(
        price_cents=valid.price_cents,
        delivery_days=valid.delivery_days,
        description=valid.description,
        created_at=clock.now(),
    )
    session.flush()
    return request


def decline(
    session: Session,
    request: QuoteRequest,
    party: QuoteParty,
    action: QuoteAction,
    reason: str | None,
    *,
    clock: Clock,
) -> QuoteRequest:
    """The seller declines the request (``decline``), or the buyer the offer
    (``decline_offer``, R-QUO-3), with an optional reason. The status is checked first."""
    QUOTE_TRANSITIONS.next(request.status, party, action, key=request.id)
    request.decline_reason = validate_reason(reason)
    _move(session, request, party, action, clock)
    session.flush()
    return request


def order_from_offer(
    session: Session,
    request: QuoteRequest,
    party: QuoteParty,
    *,
    buyer: User,
    idempotency_key: str,
    taxonomy: Taxonomy,
    payments: PaymentProvider,
    clock: Clock,
) -> QuoteRequest:
    """The buyer orders from the offer (R-QUO-3): the request becomes accepted and the
    order is placed (and paid) in the same transaction. A retry with the same
    ``Idempotency-Key`` after a lost answer gets the same result, never a second order."""
    offer = request.offer
    if (
        party == QuoteParty.BUYER
        and request.status == QuoteStatus.ACCEPTED
        and offer is not None
        and already_placed(session, offer.order_id, idempotency_key)
    ):
        return request
    # Checked first, written after the order (see place_offer_order).
    accepted = QUOTE_TRANSITIONS.next(request.status, party, QuoteAction.ORDER, key=request.id)
    assert offer is not None  # an offered request has its offer
    order = place_offer_order(
        session,
        buyer=buyer,
        seller=request.seller,
        offer=offer,
        kind=SourceKind.QUOTE_OFFER,
        answering=(request.id, request.subcategory),
        taxonomy=taxonomy,
        idempotency_key=idempotency_key,
        clock=clock,
        payments=payments,
    )
    offer.order_id = order.id
    request.status, request.updated_at = accepted, clock.now()
    session.flush()
    return request
