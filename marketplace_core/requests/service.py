"""Buyer requests through their life (R-REQ-1…6): posted, approved or refused by support,
paused, resumed, boosted, deleted, expired; sellers whose active gigs match see the active
ones and send offers; the buyer sorts, withdraws and orders offers.

Who sees what: a request is managed by its buyer only (anyone else gets :class:`NotFound`, as
if it did not exist); sellers see active requests in the subcategories of their active gigs,
never the buyer's identity; support sees every request. Every action loads the request for
update and writes it with its version, so of two concurrent actions only one wins. Before an
action the expiry the request owes is applied (:func:`catch_up`), so nobody acts on a request
the clock has already ended.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from facets.model import Taxonomy
from marketplace_core.accounts.models import User
from marketplace_core.catalog.gigs import require_seller
from marketplace_core.catalog.lifecycle import PUBLIC_STATUSES
from marketplace_core.catalog.models import Gig, Seller
from marketplace_core.clock import Clock
from marketplace_core.errors import FieldProblem, InvalidInput, NotFound, Refused
from marketplace_core.notifications.messages import Message
from marketplace_core.notifications.service import notify
from marketplace_core.orders.enums import SourceKind
from marketplace_core.orders.payments import PaymentProvider
from marketplace_core.orders.service import already_placed, place_offer_order
from marketplace_core.persistence import locked, save_versioned
from marketplace_core.requests.models import BuyerRequest, RequestOffer
from marketplace_core.requests.rules import (
    EXPIRY,
    OFFER_TRANSITIONS,
    VISIBLE_TO_SELLERS,
    OfferInput,
    OfferSort,
    OfferStatus,
    RequestAction,
    RequestInput,
    RequestParty,
    RequestStatus,
    check_offer_gig,
    expires_at,
    is_expired,
    next_request_status,
    validate_offer,
    validate_reason,
    validate_request,
)
from marketplace_core.uploads.models import Upload
from marketplace_core.uploads.service import own_uploads

MAX_PAGE_SIZE = 50


def request_link(request_id: int) -> str:
    return f"/me/requests/{request_id}"


# -- posting (R-REQ-1, R-SRCH-7) ------------------------------------------------------------
def post_request(
    session: Session,
    buyer_id: int,
    given: RequestInput,
    *,
    taxonomy: Taxonomy,
    max_attachment_bytes: int,
    clock: Clock,
) -> BuyerRequest:
    """A new request, pending until support approves it (R-REQ-2). Every check, automatic
    ones included, runs before anything is written."""
    valid = validate_request(given, taxonomy)
    upload = None
    if valid.attachment is not None:
        try:
            [upload] = own_uploads(
                session,
                buyer_id,
                [valid.attachment],
                max_bytes=max_attachment_bytes,
                field="attachment",
            )
        except InvalidInput as exc:  # one attachment: name the field, not "attachment.0"
            raise InvalidInput(
                [FieldProblem("attachment", p.rule, p.message) for p in exc.problems]
            ) from None
    now = clock.now()
    row = BuyerRequest(
        buyer_id=buyer_id,
        category=valid.category,
        subcategory=valid.subcategory,
        description=valid.description,
        criteria=valid.criteria,
        delivery_days=valid.delivery_days,
        budget_cents=valid.budget_cents,
        attachment=upload,
        status=RequestStatus.PENDING,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    return row


# -- reading --------------------------------------------------------------------------------
def my_requests(
    session: Session, buyer_id: int, statuses: Iterable[RequestStatus] | None = None
) -> list[BuyerRequest]:
    """The buyer's requests, newest first; deleted ones are gone."""
    query = select(BuyerRequest).where(
        BuyerRequest.buyer_id == buyer_id, BuyerRequest.status != RequestStatus.DELETED
    )
    if statuses:
        query = query.where(BuyerRequest.status.in_(sorted(set(statuses))))
    return list(
        session.scalars(query.order_by(BuyerRequest.created_at.desc(), BuyerRequest.id.desc()))
    )


def _load(session: Session, request_id: int, *, for_update: bool) -> BuyerRequest | None:
    query = select(BuyerRequest).where(BuyerRequest.id == request_id)
    if for_update:
        query = locked(query, of=BuyerRequest)
    row: BuyerRequest | None = session.scalars(query).unique().one_or_none()
    return row


def own_request(
    session: Session, buyer_id: int, request_id: int, *, for_update: bool = False
) -> BuyerRequest:
    """The buyer's own request; anyone else's, or a deleted one, is :class:`NotFound`."""
    row = _load(session, request_id, for_update=for_update)
    if row is None or row.buyer_id != buyer_id or row.status == RequestStatus.DELETED:
        raise NotFound("buyer request", request_id)
    return row


def offer_counts(session: Session, request_ids: Iterable[int]) -> dict[int, int]:
    """How many offers each request received so far (R-REQ-6: the count is shown)."""
    ids = sorted(set(request_ids))
    if not ids:
        return {}
    rows = session.execute(
        select(RequestOffer.request_id, func.count())
        .where(RequestOffer.request_id.in_(ids))
        .group_by(RequestOffer.request_id)
    ).all()
    found = {int(request_id): int(count) for request_id, count in rows}
    return {i: found.get(i, 0) for i in ids}


def with_offer_counts(session: Session, rows: list[BuyerRequest]) -> list[tuple[BuyerRequest, int]]:
    """Each request with its offer count, in one query."""
    counts = offer_counts(session, [r.id for r in rows])
    return [(r, counts[r.id]) for r in rows]


def attachment_of(request: BuyerRequest) -> Upload:
    if request.attachment is None:
        raise NotFound("attachment of buyer request", request.id)
    return request.attachment


# -- the status table, applied ----------------------------------------------------------------
def _save(session: Session, request: BuyerRequest, now: datetime) -> None:
    save_versioned(session, request, what="buyer request", now=now)


def _tell_buyer(
    session: Session, request: BuyerRequest, message: Message, clock: Clock, **values: str
) -> None:
    """A notification (and its e-mail) to the request's buyer, linking to the request."""
    notify(
        session,
        user_id=request.buyer_id,
        message=message,
        values={"request": str(request.id), **values},
        link=request_link(request.id),
        clock=clock,
    )


def _move(request: BuyerRequest, party: RequestParty, action: RequestAction) -> RequestStatus:
    return next_request_status(
        request.status, party, action, key=request.id, boosted=request.boosted_at is not None
    )


def catch_up(session: Session, request: BuyerRequest, clock: Clock) -> bool:
    """Expire the request if 14 days passed without new activity (R-REQ-5); whether it
    did. What it records is the deadline, not the time this ran."""
    if not is_expired(request.status, request.last_activity_at, clock.now()):
        return False
    assert request.last_activity_at is not None
    deadline = expires_at(request.last_activity_at)
    request.status = _move(request, RequestParty.SYSTEM, RequestAction.EXPIRE)
    request.expired_at = deadline
    _save(session, request, clock.now())
    _tell_buyer(session, request, Message.REQUEST_EXPIRED, clock)
    return True


def buyer_action(
    session: Session, request: BuyerRequest, action: RequestAction, *, clock: Clock
) -> BuyerRequest:
    """Pause, resume, boost or delete (R-REQ-4)."""
    catch_up(session, request, clock)
    request.status = _move(request, RequestParty.BUYER, action)
    now = clock.now()
    if action == RequestAction.BOOST:
        # Its date becomes the boost date, and a boost is new activity (R-REQ-4/5).
        request.boosted_at = now
        request.last_activity_at = now
    _save(session, request, now)
    return request


# -- support (R-REQ-2) ------------------------------------------------------------------------
def support_queue(
    session: Session, statuses: Iterable[RequestStatus] = (RequestStatus.PENDING,)
) -> list[BuyerRequest]:
    """Requests in these statuses, oldest first: the queue support works through."""
    query = select(BuyerRequest).where(BuyerRequest.status.in_(sorted(set(statuses))))
    return list(
        session.scalars(query.order_by(BuyerRequest.created_at, BuyerRequest.id).limit(500))
    )


def any_request(session: Session, request_id: int, *, for_update: bool = False) -> BuyerRequest:
    row = _load(session, request_id, for_update=for_update)
    if row is None:
        raise NotFound("buyer request", request_id)
    return row


def approve(session: Session, request: BuyerRequest, *, clock: Clock) -> BuyerRequest:
    """Pending → active: sellers see it, and its 14 days start."""
    request.status = _move(request, RequestParty.SUPPORT, RequestAction.APPROVE)
    now = clock.now()
    request.approved_at = now
    request.last_activity_at = now
    _save(session, request, now)
    _tell_buyer(session, request, Message.REQUEST_APPROVED, clock)
    return request


def refuse(session: Session, request: BuyerRequest, reason: str, *, clock: Clock) -> BuyerRequest:
    """Pending → not approved, with the reason, e-mailed to the buyer (R-REQ-2)."""
    _move(request, RequestParty.SUPPORT, RequestAction.REFUSE)  # the status first, then the input
    text = validate_reason(reason)
    request.status = _move(request, RequestParty.SUPPORT, RequestAction.REFUSE)
    request.refusal_reason = text
    _save(session, request, clock.now())
    _tell_buyer(session, request, Message.REQUEST_REFUSED, clock, reason=text)
    return request


# -- sellers (R-REQ-6) ------------------------------------------------------------------------
def seller_subcategories(session: Session, seller_id: int) -> set[str]:
    """The subcategories of the seller's active gigs: the requests they may see."""
    return set(
        session.scalars(
            select(Gig.subcategory)
            .where(Gig.seller_id == seller_id, Gig.status.in_(sorted(PUBLIC_STATUSES)))
            .distinct()
        )
    )


def _visible(subcategories: Iterable[str], user_id: int, now: datetime) -> ColumnElement[bool]:
    """Active, not past its 14 days (the sweep may not have run yet), in one of the
    subcategories, and not the caller's own."""
    return and_(
        BuyerRequest.status.in_(sorted(VISIBLE_TO_SELLERS)),
        BuyerRequest.last_activity_at > now - EXPIRY,
        BuyerRequest.subcategory.in_(sorted(set(subcategories))),
        BuyerRequest.buyer_id != user_id,
    )


@dataclass(frozen=True)
class SellerPage:
    total: int
    requests: list[BuyerRequest]
    offer_counts: dict[int, int]
    mine: dict[int, RequestOffer]  # request id → the caller's offer on it


def matching_requests(
    session: Session,
    user_id: int,
    *,
    subcategory: str | None = None,
    budget_min: int | None = None,
    budget_max: int | None = None,
    page: int = 1,
    size: int = 20,
    taxonomy: Taxonomy,
    clock: Clock,
) -> SellerPage:
    """Active requests matching the subcategories of the caller's active gigs, boosted
    first, then by date (a boosted request's date is its boost date), newest first."""
    seller = require_seller(session, user_id)
    problems: list[FieldProblem] = []
    if subcategory is not None and taxonomy.subcategory(subcategory) is None:
        problems.append(
            FieldProblem(
                "subcategory", "subcategory.unknown", f"unknown subcategory {subcategory!r}"
            )
        )
    for name, value in (("budget_min", budget_min), ("budget_max", budget_max)):
        if value is not None and value < 0:
            problems.append(FieldProblem(name, "budget.range", f"{name} must not be negative"))
    if budget_min is not None and budget_max is not None and budget_min > budget_max:
        problems.append(
            FieldProblem("budget_max", "budget.range", "budget_max must not be under budget_min")
        )
    if page < 1:
        problems.append(FieldProblem("page", "page.range", "page must be at least 1"))
    if not 1 <= size <= MAX_PAGE_SIZE:
        problems.append(
            FieldProblem("size", "size.range", f"size must be between 1 and {MAX_PAGE_SIZE}")
        )
    if problems:
        raise InvalidInput(problems)
    subcategories = seller_subcategories(session, seller.id)
    if subcategory is not None:
        subcategories &= {subcategory}
    condition = _visible(subcategories, user_id, clock.now())
    if budget_min is not None:
        condition = and_(condition, BuyerRequest.budget_cents >= budget_min)
    if budget_max is not None:
        condition = and_(condition, BuyerRequest.budget_cents <= budget_max)
    total = int(
        session.scalar(select(func.count()).select_from(BuyerRequest).where(condition)) or 0
    )
    dated = func.coalesce(BuyerRequest.boosted_at, BuyerRequest.created_at)
    rows = list(
        session.scalars(
            select(BuyerRequest)
            .where(condition)
            .order_by(
                BuyerRequest.boosted_at.is_(None),  # boosted (False) first
                dated.desc(),
                BuyerRequest.id.desc(),
            )
            .offset((page - 1) * size)
            .limit(size)
        ).unique()
    )
    ids = [r.id for r in rows]
    return SellerPage(total, rows, offer_counts(session, ids), _mine(session, seller.id, ids))


def _mine(session: Session, seller_id: int, request_ids: list[int]) -> dict[int, RequestOffer]:
    if not request_ids:
        return {}
    offers = session.scalars(
        select(RequestOffer).where(
            RequestOffer.seller_id == seller_id, RequestOffer.request_id.in_(request_ids)
        )
    ).unique()
    return {o.request_id: o for o in offers}


def visible_request(
    session: Session, user_id: int, request_id: int, *, clock: Clock
) -> tuple[BuyerRequest, Seller]:
    """A request the caller's seller profile may see; any other is :class:`NotFound`."""
    seller = require_seller(session, user_id)
    condition = and_(
        BuyerRequest.id == request_id,
        _visible(seller_subcategories(session, seller.id), user_id, clock.now()),
    )
    row = session.scalars(select(BuyerRequest).where(condition)).unique().one_or_none()
    if row is None:
        raise NotFound("buyer request", request_id)
    return row, seller


def seller_view(session: Session, request: BuyerRequest, seller: Seller) -> SellerPage:
    return SellerPage(
        1,
        [request],
        offer_counts(session, [request.id]),
        _mine(session, seller.id, [request.id]),
    )


def send_offer(
    session: Session, user_id: int, request_id: int, given: OfferInput, *, clock: Clock
) -> RequestOffer:
    """The seller's offer, tied to one of their active gigs in the request's subcategory;
    one per seller and request. A request that is not active is 409 with its status."""
    seller = require_seller(session, user_id)
    request = _load(session, request_id, for_update=True)
    if request is None or request.status == RequestStatus.DELETED:
        raise NotFound("buyer request", request_id)
    if request.buyer_id == user_id:
        raise Refused("offer.own_request", "you cannot send an offer on your own request")
    catch_up(session, request, clock)
    _move(request, RequestParty.SELLER, RequestAction.OFFER)
    valid = validate_offer(given)
    gig = session.scalars(
        select(Gig).where(
            Gig.id == valid.gig_id,
            Gig.seller_id == seller.id,
            Gig.status.in_(sorted(PUBLIC_STATUSES)),
        )
    ).one_or_none()
    check_offer_gig(
        gig_found=gig is not None,
        gig_subcategory=gig.subcategory if gig is not None else None,
        subcategory=request.subcategory,
    )
    already = session.scalar(
        select(RequestOffer.id).where(
            RequestOffer.request_id == request.id, RequestOffer.seller_id == seller.id
        )
    )
    if already is not None:
        raise Refused("offer.already_sent", "you already sent an offer on this request")
    now = clock.now()
    offer = RequestOffer(
        request_id=request.id,
        seller_id=seller.id,
        gig_id=valid.gig_id,
        price_cents=valid.price_cents,
        delivery_days=valid.delivery_days,
        message=valid.message,
        status=OfferStatus.SENT,
        created_at=now,
    )
    session.add(offer)
    request.last_activity_at = now  # a new offer is new activity (R-REQ-5)
    try:
        _save(session, request, now)
    except IntegrityError as exc:  # the same seller, concurrently, committed first
        raise Refused("offer.already_sent", "you already sent an offer on this request") from exc
    _tell_buyer(session, request, Message.OFFER_RECEIVED, clock, seller=seller.display_name)
    return offer


def sent_offers(session: Session, user_id: int) -> list[RequestOffer]:
    """The caller's offers, newest first, except on deleted requests."""
    seller = require_seller(session, user_id)
    return list(
        session.scalars(
            select(RequestOffer)
            .join(BuyerRequest, RequestOffer.request_id == BuyerRequest.id)
            .where(
                RequestOffer.seller_id == seller.id,
                BuyerRequest.status != RequestStatus.DELETED,
            )
            .options(selectinload(RequestOffer.gig))
            .order_by(RequestOffer.created_at.desc(), RequestOffer.id.desc())
        ).unique()
    )


# -- the buyer's side of offers (R-REQ-6) ---------------------------------------------------
_SORTS: dict[OfferSort, tuple[Any, ...]] = {
    OfferSort.DATE: (RequestOffer.created_at.desc(),),
    OfferSort.PRICE: (RequestOffer.price_cents.asc(),),
    OfferSort.DELIVERY: (RequestOffer.delivery_days.asc(),),
    OfferSort.RATING: (Seller.rating_average.desc(), Seller.rating_count.desc()),
    OfferSort.REVIEWS: (Seller.rating_count.desc(), Seller.rating_average.desc()),
}


def offers_for_buyer(
    session: Session, request: BuyerRequest, sort: OfferSort = OfferSort.DATE
) -> list[RequestOffer]:
    """The offers the buyer has not withdrawn, sorted; ties newest first."""
    return list(
        session.scalars(
            select(RequestOffer)
            .join(Seller, RequestOffer.seller_id == Seller.id)
            .where(
                RequestOffer.request_id == request.id,
                RequestOffer.status != OfferStatus.WITHDRAWN,
            )
            .options(selectinload(RequestOffer.gig))
            .order_by(*_SORTS[sort], RequestOffer.id.desc())
        ).unique()
    )


def offer_of(session: Session, request: BuyerRequest, offer_id: int) -> RequestOffer:
    offer = session.get(RequestOffer, offer_id)
    if offer is None or offer.request_id != request.id:
        raise NotFound("offer", offer_id)
    return offer


def withdraw_offer(
    session: Session, request: BuyerRequest, offer_id: int, *, clock: Clock
) -> RequestOffer:
    """Hide an offer to make room for others; 409 if already withdrawn or ordered."""
    offer = offer_of(session, request, offer_id)
    catch_up(session, request, clock)
    request.status = _move(request, RequestParty.BUYER, RequestAction.WITHDRAW_OFFER)
    offer.status = OFFER_TRANSITIONS.next(
        offer.status, RequestParty.BUYER, RequestAction.WITHDRAW_OFFER, key=offer.id
    )
    now = clock.now()
    offer.withdrawn_at = now
    _save(session, request, now)  # the request's version guards its offers too
    return offer


def order_offer(
    session: Session,
    request: BuyerRequest,
    offer_id: int,
    *,
    buyer: User,
    idempotency_key: str,
    taxonomy: Taxonomy,
    payments: PaymentProvider,
    clock: Clock,
) -> RequestOffer:
    """ "Commander maintenant": the order is placed and paid at the offer's price and
    delivery time, the offer becomes ordered and the request closes (ordered: no more
    offers, hidden from sellers). A retry with the same ``Idempotency-Key`` after a lost
    answer gets the same order, never a second one."""
    offer = offer_of(session, request, offer_id)
    if request.status == RequestStatus.ORDERED and already_placed(
        session, offer.order_id, idempotency_key
    ):
        return offer
    catch_up(session, request, clock)
    # Checked first, written after the order (see place_offer_order).
    request_status = _move(request, RequestParty.BUYER, RequestAction.ORDER_OFFER)
    offer_status = OFFER_TRANSITIONS.next(
        offer.status, RequestParty.BUYER, RequestAction.ORDER_OFFER, key=offer.id
    )
    order = place_offer_order(
        session,
        buyer=buyer,
        seller=offer.seller,
        offer=offer,
        kind=SourceKind.REQUEST_OFFER,
        answering=(request.id, request.subcategory),
        taxonomy=taxonomy,
        idempotency_key=idempotency_key,
        clock=clock,
        payments=payments,
    )
    request.status, offer.status, offer.order_id = request_status, offer_status, order.id
    _save(session, request, clock.now())
    return offer
