"""Tips (R-TIP): within 7 days of completion, from the balance, the rest through payment."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from marketplace_core.clock import Clock
from marketplace_core.errors import Conflict
from marketplace_core.ledger.rules import AccountKind, TransactionKind, account_key
from marketplace_core.notifications.messages import Message, dollars
from marketplace_core.notifications.service import notify_order
from marketplace_core.orders import rules as order_rules
from marketplace_core.orders import service as orders
from marketplace_core.orders.enums import Actor
from marketplace_core.orders.models import Order
from marketplace_core.orders.payments import PaymentProvider, collect_from_buyer, open_attempt
from marketplace_core.orders.state_machine import OrderAction
from marketplace_core.tips.models import Tip
from marketplace_core.tips.rules import check_tip_window, validate_tip


def tip_of(session: Session, order_id: int) -> Tip | None:
    return session.scalars(select(Tip).where(Tip.order_id == order_id)).one_or_none()


def give_tip(
    session: Session,
    order: Order,
    actor: Actor,
    *,
    amount_cents: int,
    message: str,
    idempotency_key: str,
    clock: Clock,
    payments: PaymentProvider,
) -> Tip:
    """One tip per order; a retry with the same key returns it and moves nothing."""
    order_rules.validate_idempotency_key(idempotency_key)
    existing = tip_of(session, order.id)
    if existing is not None and actor == Actor.BUYER:
        if existing.idempotency_key == idempotency_key:
            return existing
        raise Conflict(f"order {order.id} already has a tip; one tip per order")
    payment_key = f"tip:{order.buyer_id}:{idempotency_key}"
    # Committed before this transaction writes anything (see payments.open_attempt); a tip
    # refused below leaves it pending, and the payment sweep marks it failed.
    attempt_id = (
        open_attempt(
            session,
            buyer_id=order.buyer_id,
            amount_cents=amount_cents,
            idempotency_key=payment_key,
            clock=clock,
        )
        if actor == Actor.BUYER and amount_cents > 0
        else None
    )
    orders.catch_up(session, order, clock)
    orders.transition(order, actor, OrderAction.TIP)
    now = clock.now()
    check_tip_window(order.tip_closes_at, now)
    amount, text = validate_tip(amount_cents, order.price_cents, message)
    orders.save(session, order, now)  # the version check before any money moves
    collect_from_buyer(
        session,
        buyer_id=order.buyer_id,
        amount_cents=amount,
        target=account_key(AccountKind.SELLER_EARNINGS, order.seller_user_id),
        kind=TransactionKind.TIP,
        idempotency_key=payment_key,
        payments=payments,
        clock=clock,
        attempt_id=attempt_id,
        order_id=order.id,
        memo=f"tip on order {order.id}",
    )
    tip = Tip(
        order_id=order.id,
        buyer_id=order.buyer_id,
        seller_user_id=order.seller_user_id,
        amount_cents=amount,
        message=text,
        idempotency_key=idempotency_key,
        created_at=now,
    )
    session.add(tip)
    orders.save(session, order, now)
    notify_order(
        session,
        order.seller_user_id,
        Message.TIP_RECEIVED,
        order,
        clock=clock,
        values={"amount": dollars(amount)},
    )
    return tip
