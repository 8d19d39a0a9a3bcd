"""The order status table (R-ORD-1…8): ``(status, actor, action) -> new status``, pure.

One explicit table, no I/O. A cell that is not in it is refused: an action the actor takes
in no status with :class:`Forbidden`, else with :class:`InvalidTransition`, which names the
current status and the actions this actor may take in it. Some actions keep the status (a
cancellation request is opened on an active order and changes nothing until answered; a
review or a tip on a completed order): they are in the table too, so it is the one place
that says what each party may do in each status. Time
windows (reviews 10 days, tips 7 days, support cancellation 14 days) and amounts are checked
by the rules of each domain, after the table.

Late and very late are statuses (see :class:`OrderStatus`): the timers move an in-progress
order to late at its due date and to very late 24 h later (R-ORD-5); a delivery ends both.
"""

from __future__ import annotations

from enum import StrEnum

from marketplace_core.orders.enums import ACTIVE_STATUSES, Actor, OrderStatus
from marketplace_core.transitions import TransitionTable


class OrderAction(StrEnum):
    SUBMIT_REQUIREMENTS = "submit_requirements"  # buyer, R-ORD-1
    START = "start"  # seller starts without requirements, R-ORD-1
    DELIVER = "deliver"  # seller, R-ORD-1 / R-ORD-2
    ACCEPT = "accept"  # buyer answers "Yes", R-ORD-3
    REVIEW = "review"  # a review completes a delivered order (R-ORD-3, R-REV-2)
    REQUEST_REVISION = "request_revision"  # buyer answers "No", R-ORD-2
    EXTEND = "extend"  # seller adds time, R-ORD-4
    PROPOSE_EXTENSION = "propose_extension"  # seller offers priced extras (and days), R-ORD-4
    ACCEPT_EXTENSION = "accept_extension"  # buyer pays the extras, R-ORD-4
    DECLINE_EXTENSION = "decline_extension"  # buyer, R-ORD-4
    MARK_LATE = "mark_late"  # system, R-ORD-5
    MARK_VERY_LATE = "mark_very_late"  # system, R-ORD-5
    AUTO_COMPLETE = "auto_complete"  # system, 3 days after delivery, R-ORD-3
    REQUEST_CANCELLATION = "request_cancellation"  # either party, R-DIS-1
    AGREE_CANCELLATION = "agree_cancellation"  # the other party accepts, R-ORD-6 / R-DIS-2
    EXPIRE_CANCELLATION = "expire_cancellation"  # system, no answer in 48 h, R-DIS-2
    CANCEL_VERY_LATE = "cancel_very_late"  # buyer, at once, R-DIS-5
    SUPPORT_CANCEL = "support_cancel"  # support, within 14 days of completion, R-ORD-7
    TIP = "tip"  # buyer, R-TIP-1


S = OrderStatus
A = OrderAction
_PARTIES = (Actor.BUYER, Actor.SELLER)
# Started and not ended: the statuses that have a due date an extension can move.
STARTED = (S.IN_PROGRESS, S.LATE, S.VERY_LATE, S.DELIVERED, S.REJECTED)


def _build() -> dict[tuple[OrderStatus, Actor, OrderAction], OrderStatus]:
    table: dict[tuple[OrderStatus, Actor, OrderAction], OrderStatus] = {
        # R-ORD-1
        (S.INCOMPLETE, Actor.BUYER, A.SUBMIT_REQUIREMENTS): S.IN_PROGRESS,
        (S.INCOMPLETE, Actor.SELLER, A.START): S.IN_PROGRESS,
        (S.IN_PROGRESS, Actor.SELLER, A.DELIVER): S.DELIVERED,
        (S.LATE, Actor.SELLER, A.DELIVER): S.DELIVERED,
        (S.VERY_LATE, Actor.SELLER, A.DELIVER): S.DELIVERED,
        # R-ORD-2
        (S.DELIVERED, Actor.BUYER, A.REQUEST_REVISION): S.REJECTED,
        (S.REJECTED, Actor.SELLER, A.DELIVER): S.DELIVERED,
        # R-ORD-3 (never from rejected: a rejected delivery does not auto-complete)
        (S.DELIVERED, Actor.BUYER, A.ACCEPT): S.COMPLETED,
        (S.DELIVERED, Actor.BUYER, A.REVIEW): S.COMPLETED,
        (S.DELIVERED, Actor.SYSTEM, A.AUTO_COMPLETE): S.COMPLETED,
        # R-ORD-4
        (S.DELIVERED, Actor.SELLER, A.EXTEND): S.IN_PROGRESS,
        (S.REJECTED, Actor.SELLER, A.EXTEND): S.IN_PROGRESS,
        # R-ORD-5
        (S.IN_PROGRESS, Actor.SYSTEM, A.MARK_LATE): S.LATE,
        (S.LATE, Actor.SYSTEM, A.MARK_VERY_LATE): S.VERY_LATE,
        # R-DIS-5
        (S.VERY_LATE, Actor.BUYER, A.CANCEL_VERY_LATE): S.CANCELLED,
        # R-REV-2: reviews after completion (window checked by the review rules); the seller
        # reviews only after the buyer, hence only on a completed order.
        (S.COMPLETED, Actor.BUYER, A.REVIEW): S.COMPLETED,
        (S.COMPLETED, Actor.SELLER, A.REVIEW): S.COMPLETED,
        # R-TIP-1
        (S.COMPLETED, Actor.BUYER, A.TIP): S.COMPLETED,
        # R-ORD-7: support only, within 14 days, with evidence (checked by the order rules)
        (S.COMPLETED, Actor.SUPPORT, A.SUPPORT_CANCEL): S.CANCELLED,
    }
    # R-ORD-4, extras with a price: the seller offers them on a started order, the buyer
    # accepts (paying) or declines. Accepted extras are work still to deliver: the order is
    # in progress again, with the due date the extension gives (the timers then mark it late
    # again if that date is already past).
    for status in STARTED:
        table[(status, Actor.SELLER, A.PROPOSE_EXTENSION)] = status
        table[(status, Actor.BUYER, A.ACCEPT_EXTENSION)] = S.IN_PROGRESS
        table[(status, Actor.BUYER, A.DECLINE_EXTENSION)] = status
    # R-ORD-6 / R-DIS-1…2: any active status, by mutual agreement through the resolution center
    for status in ACTIVE_STATUSES:
        for party in _PARTIES:
            table[(status, party, A.REQUEST_CANCELLATION)] = status
            table[(status, party, A.AGREE_CANCELLATION)] = S.CANCELLED
        table[(status, Actor.SYSTEM, A.EXPIRE_CANCELLATION)] = S.CANCELLED
    # R-ORD-7 / R-ORD-8: nothing else leaves completed, nothing at all leaves cancelled.
    return table


ORDER_TRANSITIONS = TransitionTable("order", _build())
