"""Order operations: place, load for a party, apply the status table, persist.

Every action loads the order for update (a row lock on PostgreSQL) and writes it with its
version in the WHERE clause, so of two concurrent actions on one order exactly one wins; the
other gets a :class:`Conflict`. Before a party's action, the timers the order owes are applied
(:func:`catch_up`), so nobody acts on a status the clock has already ended.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple, Protocol

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from facets.model import Taxonomy
from marketplace_core.accounts.models import User
from marketplace_core.catalog.enums import GigStatus, PackageTier
from marketplace_core.catalog.models import Gig, Seller
from marketplace_core.clock import Clock
from marketplace_core.disputes.models import CancellationRequest
from marketplace_core.disputes.rules import CancellationStatus
from marketplace_core.errors import Conflict, Forbidden, InvalidInput, NotFound
from marketplace_core.ledger import service as ledger
from marketplace_core.ledger.rules import AccountKind, TransactionKind, account_key, transfer
from marketplace_core.notifications.messages import Message
from marketplace_core.notifications.service import notify_order
from marketplace_core.orders import rules
from marketplace_core.orders.enums import ACTIVE_STATUSES, Actor, OrderStatus, SourceKind
from marketplace_core.orders.extension_rules import ExtensionStatus
from marketplace_core.orders.models import ExtensionOffer, Order, OrderDelivery, RevisionRequest
from marketplace_core.orders.payments import PaymentProvider, collect_from_buyer, open_attempt
from marketplace_core.orders.state_machine import ORDER_TRANSITIONS, OrderAction
from marketplace_core.persistence import locked, save_versioned
from marketplace_core.reviews.models import Review
from marketplace_core.reviews.rules import without_review

ESCROW = account_key(AccountKind.ESCROW)


class PartyOrder(NamedTuple):
    """An order and the caller's side of it."""

    order: Order
    actor: Actor


@dataclass(frozen=True)
class OrderSource:
    """Where an order comes from: a gig package, or an accepted quote offer."""

    kind: SourceKind
    id: int


# -- placement ----------------------------------------------------------------------------
def place_order(
    session: Session,
    *,
    buyer: User,
    seller: Seller,
    title: str,
    price_cents: int,
    delivery_days: int,
    source: OrderSource,
    idempotency_key: str,
    clock: Clock,
    payments: PaymentProvider,
    search_id: str | None = None,
) -> Order:
    """A new, paid order (incomplete until the requirements arrive or the seller starts).

    Paid from the buyer's balance, the rest through ``payments``; the price is held in
    escrow. The same ``idempotency_key`` from the same buyer returns the same order and
    moves no money again. On any error the caller rolls the transaction back.
    ``search_id``: the results page it was ordered from, kept for the search reports.
    """
    rules.validate_idempotency_key(idempotency_key)
    existing = session.scalars(
        select(Order).where(Order.buyer_id == buyer.id, Order.idempotency_key == idempotency_key)
    ).one_or_none()
    if existing is not None:
        if (existing.source_kind, existing.source_id) != (source.kind, source.id):
            raise Conflict(
                "this Idempotency-Key was already used for another order; send a new key"
            )
        return existing
    rules.validate_placement(title, price_cents, delivery_days)
    if seller.user_id is None:
        raise Conflict(f"seller {seller.username!r} does not take orders on Microtache")
    if seller.user_id == buyer.id:
        raise Forbidden("you cannot order your own service")
    # From the client's key, so a retry after a lost answer charges nothing twice.
    payment_key = f"order:{buyer.id}:{idempotency_key}"
    # Committed before this transaction writes anything (see payments.open_attempt).
    attempt_id = open_attempt(
        session,
        buyer_id=buyer.id,
        amount_cents=price_cents,
        idempotency_key=payment_key,
        clock=clock,
    )
    now = clock.now()
    order = Order(
        buyer_id=buyer.id,
        seller_id=seller.id,
        seller_user_id=seller.user_id,
        source_kind=source.kind,
        source_id=source.id,
        title=title.strip(),
        price_cents=price_cents,
        delivery_days=delivery_days,
        status=OrderStatus.INCOMPLETE,
        idempotency_key=idempotency_key,
        search_id=search_id,
        created_at=now,
        updated_at=now,
        extension_days=0,
    )
    session.add(order)
    try:
        session.flush()
    except IntegrityError as exc:  # the same key, placed concurrently and committed first
        raise Conflict(
            "an order with this Idempotency-Key was placed meanwhile; retry to get it"
        ) from exc
    collect_from_buyer(
        session,
        buyer_id=buyer.id,
        amount_cents=price_cents,
        target=ESCROW,
        kind=TransactionKind.ORDER_PAYMENT,
        idempotency_key=payment_key,
        payments=payments,
        clock=clock,
        attempt_id=attempt_id,
        order_id=order.id,
        memo=f"order {order.id}: {order.title}",
    )
    notify_order(session, order.seller_user_id, Message.ORDER_PLACED, order, clock=clock)
    return order


class Offer(Protocol):
    """A seller's offer at a price and delivery time: a quote's, or one on a buyer request."""

    id: int
    price_cents: int
    delivery_days: int


def already_placed(session: Session, order_id: int | None, idempotency_key: str) -> bool:
    """Whether ``order_id`` is the order this key placed: a retry after a lost answer."""
    placed = session.get(Order, order_id) if order_id is not None else None
    return placed is not None and placed.idempotency_key == idempotency_key


# An offer order's title: what it answered, by number, and the subcategory's name.
_OFFER_TITLES = {SourceKind.QUOTE_OFFER: "Devis", SourceKind.REQUEST_OFFER: "Demande"}


def place_offer_order(
    session: Session,
    *,
    buyer: User,
    seller: Seller,
    offer: Offer,
    kind: SourceKind,
    answering: tuple[int, str],
    taxonomy: Taxonomy,
    idempotency_key: str,
    clock: Clock,
    payments: PaymentProvider,
) -> Order:
    """An order at the offer's price and delivery time (see :func:`place_order`), titled
    after what it answers (``answering``: the quote or buyer request's id, its subcategory).

    The caller checks its transition first and writes it after the order: the payment
    attempt must be recorded before this transaction writes (see orders.payments.open_attempt).
    A concurrent second order still fails at the version check, and its charge, if any, is
    refunded by the sweep."""
    number, subcategory = answering
    sub = taxonomy.subcategory(subcategory)
    return place_order(
        session,
        buyer=buyer,
        seller=seller,
        title=f"{_OFFER_TITLES[kind]} n° {number} : {sub.label.fr if sub else subcategory}",
        price_cents=offer.price_cents,
        delivery_days=offer.delivery_days,
        source=OrderSource(kind, offer.id),
        idempotency_key=idempotency_key,
        clock=clock,
        payments=payments,
    )


def place_package_order(
    session: Session,
    *,
    buyer: User,
    gig_id: int,
    tier: str,
    idempotency_key: str,
    clock: Clock,
    payments: PaymentProvider,
    search_id: str | None = None,
) -> Order:
    """Order one package (tier) of an active gig (from a results page: ``search_id``)."""
    gig = session.scalars(
        select(Gig)
        .where(Gig.id == gig_id, Gig.status == GigStatus.ACTIVE)
        .options(selectinload(Gig.packages), selectinload(Gig.seller))
    ).one_or_none()
    if gig is None:
        raise NotFound("gig", gig_id)
    offered = {p.tier.value: p for p in gig.packages}
    package = offered.get(tier) if tier in {t.value for t in PackageTier} else None
    if package is None:
        raise InvalidInput.one(
            "tier", "order.tier_not_offered", f"tier must be one of: {', '.join(offered)}"
        )
    return place_order(
        session,
        buyer=buyer,
        seller=gig.seller,
        title=gig.title,
        price_cents=package.price_cents,
        delivery_days=package.delivery_days,
        source=OrderSource(SourceKind.PACKAGE, package.id),
        idempotency_key=idempotency_key,
        clock=clock,
        payments=payments,
        search_id=search_id,
    )


# -- reading ------------------------------------------------------------------------------
def actor_of(order: Order, user_id: int) -> Actor | None:
    if user_id == order.buyer_id:
        return Actor.BUYER
    if user_id == order.seller_user_id:
        return Actor.SELLER
    return None


def order_for(
    session: Session, user_id: int, order_id: int, *, for_update: bool = False
) -> PartyOrder:
    """The order and the caller's side of it. Orders are seen by their two parties only:
    for anyone else it does not exist (:class:`NotFound`)."""
    order = load(session, order_id, for_update=for_update)
    actor = actor_of(order, user_id) if order is not None else None
    if order is None or actor is None:
        raise NotFound("order", order_id)
    return PartyOrder(order, actor)


def load(session: Session, order_id: int, *, for_update: bool = False) -> Order | None:
    query = select(Order).where(Order.id == order_id)
    return session.scalars(locked(query) if for_update else query).one_or_none()


def list_orders(
    session: Session,
    user_id: int,
    *,
    as_: Actor | None = None,
    statuses: Iterable[OrderStatus] | None = None,
) -> list[Order]:
    """The caller's orders as buyer, as seller, or both; newest first."""
    query = select(Order)
    if as_ == Actor.BUYER:
        query = query.where(Order.buyer_id == user_id)
    elif as_ == Actor.SELLER:
        query = query.where(Order.seller_user_id == user_id)
    else:
        query = query.where((Order.buyer_id == user_id) | (Order.seller_user_id == user_id))
    if statuses:
        query = query.where(Order.status.in_(sorted(set(statuses))))
    return list(session.scalars(query.order_by(Order.created_at.desc(), Order.id.desc())))


def open_request(session: Session, order_id: int) -> CancellationRequest | None:
    return session.scalars(
        select(CancellationRequest).where(
            CancellationRequest.order_id == order_id,
            CancellationRequest.status == CancellationStatus.OPEN,
        )
    ).one_or_none()


_ANSWERS = frozenset({OrderAction.ACCEPT_EXTENSION, OrderAction.DECLINE_EXTENSION})


def actions_for(order: Order, actor: Actor) -> list[str]:
    """The table's actions for this status, less what the extension offers rule out: answers
    need a pending offer, a new offer needs none pending."""
    pending = any(o.status == ExtensionStatus.PENDING for o in order.extension_offers)
    return [
        a.value
        for a in ORDER_TRANSITIONS.allowed(order.status, actor)
        if (a in _ANSWERS) == pending or a not in (_ANSWERS | {OrderAction.PROPOSE_EXTENSION})
    ]


# -- the table, applied -------------------------------------------------------------------
def transition(order: Order, actor: Actor, action: OrderAction) -> OrderStatus:
    """The new status, or :class:`Forbidden` (never this party's action) or
    :class:`InvalidTransition` (not in this status)."""
    return ORDER_TRANSITIONS.next(order.status, actor, action, key=order.id)


def save(session: Session, order: Order, now: datetime) -> None:
    """Write the order with its version check: a concurrent writer makes this a
    :class:`Conflict`."""
    save_versioned(session, order, what="order", now=now)


def submit_requirements(
    session: Session, order: Order, actor: Actor, text: str, *, clock: Clock
) -> Order:
    """R-ORD-1: incomplete → in progress; the delivery time starts now."""
    catch_up(session, order, clock)
    order.status = transition(order, actor, OrderAction.SUBMIT_REQUIREMENTS)
    order.requirements = rules.validate_text("requirements", text, required=True)
    _start_clock(order, clock.now())
    save(session, order, clock.now())
    return order


def start(session: Session, order: Order, actor: Actor, *, clock: Clock) -> Order:
    """R-ORD-1: the seller starts without the requirements."""
    catch_up(session, order, clock)
    order.status = transition(order, actor, OrderAction.START)
    _start_clock(order, clock.now())
    save(session, order, clock.now())
    return order


def _start_clock(order: Order, now: datetime) -> None:
    order.started_at = now
    order.original_due_at = rules.original_due_at(now, order.delivery_days)
    order.extension_days = 0
    set_due(order)


def set_due(order: Order) -> None:
    assert order.original_due_at is not None
    order.due_at = rules.due_at(order.original_due_at, order.extension_days)
    order.very_late_at = rules.very_late_at(order.due_at)


def deliver(
    session: Session,
    order: Order,
    actor: Actor,
    message: str,
    attachments: Sequence[rules.Attachment],
    *,
    clock: Clock,
) -> OrderDelivery:
    """R-ORD-1/2: files or proof of work; the buyer is notified with a link (R-ORD-10)."""
    catch_up(session, order, clock)
    new_status = transition(order, actor, OrderAction.DELIVER)
    text, files = rules.validate_delivery(message, attachments)
    number = len(order.deliveries) + 1  # loaded before any change: no early flush
    now = clock.now()
    order.status = new_status
    order.delivered_at = now
    order.auto_complete_at = rules.auto_complete_at(now)
    delivery = OrderDelivery(
        number=number,
        message=text,
        attachments=[{"key": f.key, "name": f.name} for f in files],
        created_at=now,
    )
    order.deliveries.append(delivery)
    save(session, order, now)
    notify_order(session, order.buyer_id, Message.ORDER_DELIVERED, order, clock=clock)
    return delivery


def accept(session: Session, order: Order, actor: Actor, *, clock: Clock) -> Order:
    """R-ORD-3: the buyer answers "Yes"."""
    catch_up(session, order, clock)
    transition(order, actor, OrderAction.ACCEPT)
    complete(session, order, actor, OrderAction.ACCEPT, at=clock.now(), clock=clock)
    return order


def request_revision(
    session: Session, order: Order, actor: Actor, details: str, *, clock: Clock
) -> RevisionRequest:
    """R-ORD-2: the buyer answers "No" with what to change; no auto-completion from here."""
    catch_up(session, order, clock)
    new_status = transition(order, actor, OrderAction.REQUEST_REVISION)
    text = rules.validate_text("details", details, required=True)
    last = order.deliveries[-1]
    _ = order.revision_requests  # loaded before any change: no early flush
    now = clock.now()
    order.status = new_status
    order.auto_complete_at = None
    revision = RevisionRequest(delivery_id=last.id, details=text, created_at=now)
    order.revision_requests.append(revision)
    save(session, order, now)
    notify_order(session, order.seller_user_id, Message.REVISION_REQUESTED, order, clock=clock)
    return revision


def extend(session: Session, order: Order, actor: Actor, days: int, *, clock: Clock) -> Order:
    """R-ORD-4: back to in progress; the new due date counts from the original one."""
    catch_up(session, order, clock)
    new_status = transition(order, actor, OrderAction.EXTEND)
    order.extension_days += rules.validate_extension(days)
    order.status = new_status
    order.auto_complete_at = None
    set_due(order)
    save(session, order, clock.now())
    return order


# -- endings ------------------------------------------------------------------------------
def complete(
    session: Session,
    order: Order,
    actor: Actor,
    action: OrderAction,
    *,
    at: datetime,
    clock: Clock,
) -> None:
    """Delivered → completed: the price goes to the seller's earnings, the review and tip
    windows open, the seller's completed-order count grows."""
    order.status = transition(order, actor, action)
    order.completed_at = at
    order.auto_complete_at = None
    order.review_closes_at = rules.review_closes_at(at)
    order.tip_closes_at = rules.tip_closes_at(at)
    save(session, order, clock.now())  # the version check comes first
    _close_open_request(session, order.id, at)
    _lapse_offers(session, order.id, at)
    ledger.post(
        session,
        kind=TransactionKind.ORDER_RELEASE,
        idempotency_key=f"order:{order.id}:release",
        legs=transfer(
            ESCROW,
            account_key(AccountKind.SELLER_EARNINGS, order.seller_user_id),
            order.price_cents,
        ),
        clock=clock,
        order_id=order.id,
        memo=f"order {order.id} completed",
    )
    seller = locked_seller(session, order.seller_id)
    seller.completed_orders += 1
    seller.updated_at = clock.now()
    save(session, order, clock.now())
    notify_order(session, order.seller_user_id, Message.ORDER_COMPLETED, order, clock=clock)


def locked_seller(session: Session, seller_id: int) -> Seller:
    """The seller row, held until commit: counters are read and written without a race."""
    return session.scalars(locked(select(Seller).where(Seller.id == seller_id))).one()


def cancel(
    session: Session,
    order: Order,
    actor: Actor,
    action: OrderAction,
    *,
    at: datetime,
    reason: str,
    note: str,
    clock: Clock,
) -> None:
    """Active → cancelled: the price goes back to the buyer's balance at once (R-ORD-9)."""
    previous = order.status
    order.status = transition(order, actor, action)
    _mark_cancelled(order, actor, at, reason, note)
    save(session, order, clock.now())  # the version check comes first
    if previous in ACTIVE_STATUSES:
        _close_open_request(session, order.id, at)
        _lapse_offers(session, order.id, at)
        source = ESCROW
    else:  # completed, cancelled by support: the seller's earnings give it back
        source = account_key(AccountKind.SELLER_EARNINGS, order.seller_user_id)
    ledger.post(
        session,
        kind=TransactionKind.ORDER_REFUND,
        idempotency_key=f"order:{order.id}:refund",
        legs=transfer(
            source, account_key(AccountKind.BUYER_BALANCE, order.buyer_id), order.price_cents
        ),
        clock=clock,
        order_id=order.id,
        memo=f"order {order.id} cancelled",
    )
    save(session, order, clock.now())
    for user_id in (order.buyer_id, order.seller_user_id):
        notify_order(session, user_id, Message.ORDER_CANCELLED, order, clock=clock)


def _mark_cancelled(order: Order, actor: Actor, at: datetime, reason: str, note: str) -> None:
    order.cancelled_at = at
    order.cancelled_by = actor
    order.cancellation_reason = reason
    order.cancellation_note = note or None
    order.auto_complete_at = None


def cancel_very_late(
    session: Session,
    order: Order,
    actor: Actor,
    reason: str,
    explanation: str,
    *,
    clock: Clock,
) -> Order:
    """R-DIS-5: a very late order, cancelled by the buyer at once, with a reason."""
    from marketplace_core.disputes.rules import validate_reason

    catch_up(session, order, clock)
    transition(order, actor, OrderAction.CANCEL_VERY_LATE)
    code, text = validate_reason(actor, reason, explanation)
    cancel(
        session,
        order,
        actor,
        OrderAction.CANCEL_VERY_LATE,
        at=clock.now(),
        reason=code,
        note=text,
        clock=clock,
    )
    return order


def support_cancel(session: Session, order: Order, evidence: str, *, clock: Clock) -> Order:
    """R-ORD-7: support cancels a completed order within 14 days of completion, with
    evidence that the work was not delivered. The seller's earnings refund the buyer, the
    order stops counting as completed, its buyer review stops counting and showing."""
    transition(order, Actor.SUPPORT, OrderAction.SUPPORT_CANCEL)
    text = rules.validate_text(
        "evidence", evidence, required=True, min_length=rules.MIN_EVIDENCE_LENGTH
    )
    now = clock.now()
    assert order.completed_at is not None
    if not rules.support_may_cancel(order.completed_at, now):
        raise Conflict(
            f"order {order.id} was completed on {order.completed_at.isoformat()}: support "
            "cancels completed orders only within 14 days of completion"
        )
    cancel(
        session,
        order,
        Actor.SUPPORT,
        OrderAction.SUPPORT_CANCEL,
        at=now,
        reason="support",
        note=text,
        clock=clock,
    )
    seller = locked_seller(session, order.seller_id)
    seller.completed_orders = max(0, seller.completed_orders - 1)
    review = session.scalars(
        select(Review).where(
            Review.order_id == order.id, Review.author == Actor.BUYER, Review.removed_at.is_(None)
        )
    ).one_or_none()
    if review is not None:
        review.removed_at = now
        seller.rating_average, seller.rating_count = without_review(
            seller.rating_average, seller.rating_count, review.rating
        )
    seller.updated_at = now
    session.flush()
    return order


def _close_open_request(session: Session, order_id: int, at: datetime) -> None:
    session.flush()  # a request answered in this transaction is no longer open
    session.execute(
        update(CancellationRequest)
        .where(
            CancellationRequest.order_id == order_id,
            CancellationRequest.status == CancellationStatus.OPEN,
        )
        .values(status=CancellationStatus.CLOSED, resolved_at=at)
        .execution_options(synchronize_session="fetch")
    )


def _lapse_offers(session: Session, order_id: int, at: datetime) -> None:
    """An ended order takes no extras: an unanswered offer lapses."""
    session.execute(
        update(ExtensionOffer)
        .where(
            ExtensionOffer.order_id == order_id,
            ExtensionOffer.status == ExtensionStatus.PENDING,
        )
        .values(status=ExtensionStatus.LAPSED, answered_at=at)
        .execution_options(synchronize_session="fetch")
    )


# -- timers, per order --------------------------------------------------------------------
def catch_up(session: Session, order: Order, clock: Clock) -> list[str]:
    """Apply, in time order, what the timers owe this order now; the steps applied."""
    applied: list[str] = []
    now = clock.now()
    while True:
        request = open_request(session, order.id) if order.status in ACTIVE_STATUSES else None
        step = rules.next_due(
            order.status,
            due=order.due_at,
            very_late=order.very_late_at,
            auto_complete=order.auto_complete_at,
            cancellation_respond_by=request.respond_by if request is not None else None,
            now=now,
        )
        if step is None:
            return applied
        action = OrderAction(step.action)
        if action == OrderAction.MARK_LATE or action == OrderAction.MARK_VERY_LATE:
            order.status = transition(order, Actor.SYSTEM, action)
            save(session, order, now)
        elif action == OrderAction.AUTO_COMPLETE:
            complete(session, order, Actor.SYSTEM, action, at=step.at, clock=clock)
        else:
            assert request is not None
            request.status = CancellationStatus.EXPIRED
            request.resolved_at = step.at
            cancel(
                session,
                order,
                Actor.SYSTEM,
                action,
                at=step.at,
                reason=request.reason,
                note="the cancellation request was not answered within 48 hours",
                clock=clock,
            )
        applied.append(action.value)
