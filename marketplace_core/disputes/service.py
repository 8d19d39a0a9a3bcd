"""The resolution center: open, accept, refuse, withdraw a cancellation request (R-DIS).

Requests are seen on the order by its two parties only, and are never sent to customer
support (R-DIS-4): nothing here notifies or lists them for anyone else.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from marketplace_core.clock import Clock
from marketplace_core.disputes.models import CancellationRequest
from marketplace_core.disputes.rules import (
    CANCELLATION_TRANSITIONS,
    CancellationAction,
    CancellationRole,
    CancellationStatus,
    respond_by,
    validate_reason,
)
from marketplace_core.errors import Conflict, NotFound
from marketplace_core.notifications.messages import Message
from marketplace_core.notifications.service import notify_order
from marketplace_core.orders import service as orders
from marketplace_core.orders.enums import Actor
from marketplace_core.orders.models import Order
from marketplace_core.orders.state_machine import OrderAction


def open_request(
    session: Session,
    order: Order,
    actor: Actor,
    reason: str,
    explanation: str,
    *,
    clock: Clock,
) -> CancellationRequest:
    """R-DIS-1: one party asks the other to cancel; the other has 48 h to answer."""
    orders.catch_up(session, order, clock)
    orders.transition(order, actor, OrderAction.REQUEST_CANCELLATION)
    code, text = validate_reason(actor, reason, explanation)
    if orders.open_request(session, order.id) is not None:
        raise Conflict(
            f"a cancellation request is already open on order {order.id}: answer or withdraw it"
        )
    now = clock.now()
    request = CancellationRequest(
        order_id=order.id,
        requested_by=actor,
        reason=code,
        explanation=text,
        status=CancellationStatus.OPEN,
        created_at=now,
        respond_by=respond_by(now),
        resolved_at=None,
    )
    session.add(request)
    orders.save(session, order, now)  # a new version: a concurrent second request conflicts
    notify_order(
        session, order.other_party(actor), Message.CANCELLATION_REQUESTED, order, clock=clock
    )
    return request


def answer(
    session: Session,
    order: Order,
    actor: Actor,
    request_id: int,
    action: CancellationAction,
    *,
    clock: Clock,
) -> CancellationRequest:
    """The other party accepts (the order is cancelled and the buyer refunded, R-ORD-6,
    R-ORD-9) or refuses; the requester may withdraw (R-DIS-3)."""
    orders.catch_up(session, order, clock)  # an expired request is answered by the clock
    request = session.scalars(
        select(CancellationRequest).where(
            CancellationRequest.id == request_id, CancellationRequest.order_id == order.id
        )
    ).one_or_none()
    if request is None:
        raise NotFound("cancellation request", request_id)
    role = (
        CancellationRole.REQUESTER if actor == request.requested_by else CancellationRole.RESPONDENT
    )
    new_status = CANCELLATION_TRANSITIONS.next(request.status, role, action, key=request.id)
    now = clock.now()
    if action == CancellationAction.ACCEPT:
        orders.transition(order, actor, OrderAction.AGREE_CANCELLATION)
    request.status = new_status
    request.resolved_at = now
    if action == CancellationAction.ACCEPT:
        orders.cancel(
            session,
            order,
            actor,
            OrderAction.AGREE_CANCELLATION,
            at=now,
            reason=request.reason,
            note=request.explanation,
            clock=clock,
        )
    else:
        orders.save(session, order, now)
    return request


def requests_on(session: Session, order_id: int) -> list[CancellationRequest]:
    return list(
        session.scalars(
            select(CancellationRequest)
            .where(CancellationRequest.order_id == order_id)
            .order_by(CancellationRequest.id)
        )
    )
