"""A seller's record as buyers care about it, counted from the orders and conversations.

:func:`records` counts, for many sellers at once (a rebuild reads every seller through
here), what the orders and conversations say; :func:`signals` turns counts into rates a
buyer reads: delivered on time, completed rather than cancelled, how fast the seller
answers, how many buyers came back. Each rate is smoothed towards a prior ("what a seller
with no history is assumed to do"), so three orders say little and three hundred say much.
The counts use only stored values (no clock), so a search document built from them is a
function of the database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from statistics import median

from sqlalchemy import Connection, and_, case, func, or_, select

from marketplace_core.catalog.models import Seller
from marketplace_core.conversations.models import Conversation, ConversationMessage
from marketplace_core.orders.enums import OrderStatus
from marketplace_core.orders.models import Order, OrderDelivery

# Priors: what a seller without history is taken to do, and how many orders (or answered
# messages) of evidence they weigh.
PRIOR_WEIGHT = 5.0
ON_TIME_PRIOR = 0.9
COMPLETION_PRIOR = 0.9
REPEAT_PRIOR = 0.2
RESPONSE_HOURS_PRIOR = 12.0
RECENT_ANSWERS = 50  # the response time is the median of the seller's latest answers
IN_CHUNK = 500

_ORDERS = Order.__table__
_DELIVERIES = OrderDelivery.__table__
_SELLERS = Seller.__table__
_CONVERSATIONS = Conversation.__table__
_MESSAGES = ConversationMessage.__table__


@dataclass(frozen=True)
class SellerRecord:
    """Counts of one seller's orders and answers."""

    delivered: int = 0  # orders delivered, or cancelled undelivered after their due date
    on_time: int = 0  # of those, first delivered by the due date
    finished: int = 0  # completed or cancelled
    completed: int = 0
    buyers: int = 0  # distinct buyers with a completed order
    repeat_buyers: int = 0  # of those, buyers with two or more
    answer_hours: tuple[float, ...] = ()  # latest answers: hours from a message to the reply


@dataclass(frozen=True)
class SellerSignals:
    on_time_rate: float
    completion_rate: float
    response_hours: float
    repeat_buyer_rate: float
    finished_orders: int  # how much evidence the rates hold


def _smoothed(hits: int, trials: int, prior: float) -> float:
    return (hits + PRIOR_WEIGHT * prior) / (trials + PRIOR_WEIGHT)


def signals(record: SellerRecord) -> SellerSignals:
    """The record as rates, each smoothed towards its prior by :data:`PRIOR_WEIGHT`."""
    answers = record.answer_hours
    hours = median(answers) if answers else RESPONSE_HOURS_PRIOR
    response = (len(answers) * hours + PRIOR_WEIGHT * RESPONSE_HOURS_PRIOR) / (
        len(answers) + PRIOR_WEIGHT
    )
    return SellerSignals(
        on_time_rate=round(_smoothed(record.on_time, record.delivered, ON_TIME_PRIOR), 4),
        completion_rate=round(_smoothed(record.completed, record.finished, COMPLETION_PRIOR), 4),
        response_hours=round(response, 2),
        repeat_buyer_rate=round(_smoothed(record.repeat_buyers, record.buyers, REPEAT_PRIOR), 4),
        finished_orders=record.finished,
    )


def answer_hours(
    messages: Iterable[tuple[int, int, datetime]], seller_user: int, latest: int = RECENT_ANSWERS
) -> tuple[float, ...]:
    """``(conversation, sender, at)`` in message order → the hours from each message the
    other party sent after the seller's last word (or first) to the seller's next one;
    the ``latest`` such answers."""
    waiting: dict[int, datetime] = {}
    answers: list[float] = []
    for conversation, sender, at in messages:
        if sender == seller_user:
            asked = waiting.pop(conversation, None)
            if asked is not None:
                answers.append((at - asked).total_seconds() / 3600)
        else:
            waiting.setdefault(conversation, at)
    return tuple(round(h, 3) for h in answers[-latest:])


def records(conn: Connection, seller_ids: Iterable[int]) -> dict[int, SellerRecord]:
    """Every listed seller's record (an empty one when it has no orders nor answers)."""
    ids = sorted(set(seller_ids))
    found: dict[int, SellerRecord] = {}
    for start in range(0, len(ids), IN_CHUNK):
        found.update(_records(conn, ids[start : start + IN_CHUNK]))
    return found


def _records(conn: Connection, ids: Sequence[int]) -> dict[int, SellerRecord]:
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    # The first delivery of each order of these sellers (not of every order: a batch
    # costs what its sellers' orders hold, however large the table).
    first = (
        select(_DELIVERIES.c.order_id, func.min(_DELIVERIES.c.created_at).label("at"))
        .join(_ORDERS, _ORDERS.c.id == _DELIVERIES.c.order_id)
        .where(_ORDERS.c.seller_id.in_(ids))
        .group_by(_DELIVERIES.c.order_id)
        .subquery()
    )
    status = _ORDERS.c.status
    late_cancel = and_(
        first.c.at.is_(None),
        status == OrderStatus.CANCELLED,
        _ORDERS.c.cancelled_at > _ORDERS.c.due_at,
    )
    rows = conn.execute(
        select(
            _ORDERS.c.seller_id,
            func.sum(case((or_(first.c.at.is_not(None), late_cancel), 1), else_=0)),
            func.sum(case((first.c.at <= _ORDERS.c.due_at, 1), else_=0)),
            func.sum(
                case((status.in_([OrderStatus.COMPLETED, OrderStatus.CANCELLED]), 1), else_=0)
            ),
            func.sum(case((status == OrderStatus.COMPLETED, 1), else_=0)),
        )
        .select_from(_ORDERS.outerjoin(first, first.c.order_id == _ORDERS.c.id))
        .where(_ORDERS.c.seller_id.in_(ids))
        .group_by(_ORDERS.c.seller_id)
    )
    for seller_id, delivered, on_time, finished, completed in rows:
        counts[seller_id] |= {
            "delivered": int(delivered or 0),
            "on_time": int(on_time or 0),
            "finished": int(finished or 0),
            "completed": int(completed or 0),
        }
    per_buyer = (
        select(_ORDERS.c.seller_id, _ORDERS.c.buyer_id, func.count().label("n"))
        .where(_ORDERS.c.seller_id.in_(ids), status == OrderStatus.COMPLETED)
        .group_by(_ORDERS.c.seller_id, _ORDERS.c.buyer_id)
        .subquery()
    )
    for seller_id, buyers, repeat in conn.execute(
        select(
            per_buyer.c.seller_id,
            func.count(),
            func.sum(case((per_buyer.c.n >= 2, 1), else_=0)),
        ).group_by(per_buyer.c.seller_id)
    ):
        counts[seller_id] |= {"buyers": int(buyers), "repeat_buyers": int(repeat or 0)}
    answers = _answers(conn, ids)
    return {
        seller_id: SellerRecord(
            **counts.get(seller_id, {}), answer_hours=answers.get(seller_id, ())
        )
        for seller_id in ids
    }


def _answers(conn: Connection, ids: Sequence[int]) -> dict[int, tuple[float, ...]]:
    users: dict[int, int] = {
        int(user): int(seller)
        for user, seller in conn.execute(
            select(_SELLERS.c.user_id, _SELLERS.c.id).where(
                _SELLERS.c.id.in_(ids), _SELLERS.c.user_id.is_not(None)
            )
        )
    }
    if not users:
        return {}
    talks = list(users)
    rows = conn.execute(
        select(
            _CONVERSATIONS.c.low_user_id,
            _CONVERSATIONS.c.high_user_id,
            _MESSAGES.c.conversation_id,
            _MESSAGES.c.sender_id,
            _MESSAGES.c.created_at,
        )
        .join(_MESSAGES, _MESSAGES.c.conversation_id == _CONVERSATIONS.c.id)
        .where(
            or_(_CONVERSATIONS.c.low_user_id.in_(talks), _CONVERSATIONS.c.high_user_id.in_(talks))
        )
        .order_by(_MESSAGES.c.id)
    )
    messages: dict[int, list[tuple[int, int, datetime]]] = defaultdict(list)
    for low, high, conversation, sender, at in rows:
        for user in (low, high):
            if user in users:
                messages[user].append((conversation, sender, at))
    return {users[user]: answer_hours(found, user) for user, found in messages.items()}
