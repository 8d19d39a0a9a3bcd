"""Extension offers (R-ORD-4): the seller offers extras with a price, and maybe more days;
the buyer accepts, paying them like the order itself (balance first, the provider for the
rest, into escrow), or declines.

Accepted, the extras raise the order's price (so completion pays the seller, and a
cancellation refunds the buyer, the whole of it), the days move the due date from the
original one like every extension, and the order is in progress again.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from marketplace_core.clock import Clock
from marketplace_core.errors import Conflict, NotFound
from marketplace_core.ledger import service as ledger
from marketplace_core.ledger.rules import TransactionKind
from marketplace_core.notifications.messages import Message, dollars
from marketplace_core.notifications.service import notify_order
from marketplace_core.orders import rules
from marketplace_core.orders import service as orders
from marketplace_core.orders.enums import Actor
from marketplace_core.orders.extension_rules import ExtensionStatus, Extra, validate_offer
from marketplace_core.orders.models import ExtensionOffer, Order
from marketplace_core.orders.payments import PaymentProvider, collect_from_buyer, open_attempt
from marketplace_core.orders.state_machine import OrderAction


def pending_offer(order: Order) -> ExtensionOffer | None:
    return next((o for o in order.extension_offers if o.status == ExtensionStatus.PENDING), None)


def _offer(order: Order, offer_id: int) -> ExtensionOffer:
    found = next((o for o in order.extension_offers if o.id == offer_id), None)
    if found is None:
        raise NotFound("extension offer", offer_id)
    return found


def _still_pending(order: Order, offer: ExtensionOffer) -> None:
    if offer.status != ExtensionStatus.PENDING:
        raise Conflict(
            f"extension offer {offer.id} on order {order.id} is {offer.status.value}: "
            "only a pending offer can be answered"
        )


def propose_extension(
    session: Session,
    order: Order,
    actor: Actor,
    days: int,
    extras: Sequence[Extra],
    message: str = "",
    *,
    clock: Clock,
) -> ExtensionOffer:
    """The seller offers extras (and days) on a started order; one offer waits at a time.
    The buyer is notified (site and e-mail)."""
    orders.catch_up(session, order, clock)
    orders.transition(order, actor, OrderAction.PROPOSE_EXTENSION)
    valid = validate_offer(days, extras, message, order_price_cents=order.price_cents)
    if pending_offer(order) is not None:  # loads the offers before any change
        raise Conflict(
            f"order {order.id} already has an extension offer waiting for the buyer's answer"
        )
    now = clock.now()
    offer = ExtensionOffer(
        days=valid.days,
        extras=[{"label": e.label, "price_cents": e.price_cents} for e in valid.extras],
        extras_cents=valid.extras_cents,
        message=valid.message,
        status=ExtensionStatus.PENDING,
        created_at=now,
    )
    order.extension_offers.append(offer)
    orders.save(session, order, now)
    notify_order(
        session,
        order.buyer_id,
        Message.EXTRAS_AND_DAYS_OFFERED if valid.days else Message.EXTRAS_OFFERED,
        order,
        clock=clock,
        values={"amount": dollars(valid.extras_cents), "days": str(valid.days)},
    )
    return offer


def accept_extension(
    session: Session,
    order: Order,
    actor: Actor,
    offer_id: int,
    *,
    idempotency_key: str,
    clock: Clock,
    payments: PaymentProvider,
) -> ExtensionOffer:
    """The buyer pays the extras into escrow; the order grows and is in progress again.
    A retry with the same key answers the accepted offer and moves no money again."""
    rules.validate_idempotency_key(idempotency_key)
    offer = _offer(order, offer_id)
    if (
        actor == Actor.BUYER
        and offer.status == ExtensionStatus.ACCEPTED
        and offer.idempotency_key == idempotency_key
    ):
        return offer
    payment_key = f"extension:{order.buyer_id}:{idempotency_key}"
    # Committed before this transaction writes anything (see payments.open_attempt).
    attempt_id = (
        open_attempt(
            session,
            buyer_id=order.buyer_id,
            amount_cents=offer.extras_cents,
            idempotency_key=payment_key,
            clock=clock,
        )
        if actor == Actor.BUYER and offer.status == ExtensionStatus.PENDING
        else None
    )
    orders.catch_up(session, order, clock)
    new_status = orders.transition(order, actor, OrderAction.ACCEPT_EXTENSION)
    _still_pending(order, offer)
    if ledger.find_transaction(session, payment_key) is not None:
        raise Conflict("this Idempotency-Key already paid for something else; send a new key")
    now = clock.now()
    order.status = new_status
    order.price_cents += offer.extras_cents
    order.extension_days += offer.days
    order.auto_complete_at = None  # in progress again: the next delivery starts it anew
    orders.set_due(order)
    offer.status = ExtensionStatus.ACCEPTED
    offer.answered_at = now
    offer.idempotency_key = idempotency_key
    orders.save(session, order, now)  # the version check before any money moves
    collect_from_buyer(
        session,
        buyer_id=order.buyer_id,
        amount_cents=offer.extras_cents,
        target=orders.ESCROW,
        kind=TransactionKind.ORDER_PAYMENT,
        idempotency_key=payment_key,
        payments=payments,
        clock=clock,
        attempt_id=attempt_id,
        order_id=order.id,
        memo=f"order {order.id}: extras (offer {offer.id})",
    )
    orders.catch_up(session, order, clock)  # a due date already past: late again (R-ORD-5)
    return offer


def decline_extension(
    session: Session, order: Order, actor: Actor, offer_id: int, *, clock: Clock
) -> ExtensionOffer:
    """The buyer declines: nothing changes on the order."""
    offer = _offer(order, offer_id)
    orders.catch_up(session, order, clock)
    orders.transition(order, actor, OrderAction.DECLINE_EXTENSION)
    _still_pending(order, offer)
    now = clock.now()
    offer.status = ExtensionStatus.DECLINED
    offer.answered_at = now
    orders.save(session, order, now)
    return offer
