"""The order status table, cell by cell, without a database (R-ORD-1…8, R-DIS-1/2/5,
R-REV-2, R-TIP-1).

The expected table is written out here on its own, rule by rule, and every cell of
statuses × actors × actions is checked against the module: an allowed cell gives its new
status, any other raises a conflict naming the status and what that actor may do in it.
"""

from __future__ import annotations

import itertools

import pytest

from marketplace_core.errors import Forbidden, InvalidTransition
from marketplace_core.orders.enums import ACTIVE_STATUSES, Actor, OrderStatus
from marketplace_core.orders.state_machine import ORDER_TRANSITIONS, OrderAction

TRANSITIONS = ORDER_TRANSITIONS.cells
allowed_actions = ORDER_TRANSITIONS.allowed
may_ever = ORDER_TRANSITIONS.may_ever


def next_status(
    status: OrderStatus, actor: Actor, action: OrderAction, key: object = None
) -> OrderStatus:
    return ORDER_TRANSITIONS.next(status, actor, action, key=key)


S, A = OrderStatus, OrderAction
B, SE, SU, SY = Actor.BUYER, Actor.SELLER, Actor.SUPPORT, Actor.SYSTEM
ACTIVE = [S.INCOMPLETE, S.IN_PROGRESS, S.LATE, S.VERY_LATE, S.DELIVERED, S.REJECTED]

EXPECTED: dict[tuple[OrderStatus, Actor, OrderAction], OrderStatus] = {
    # R-ORD-1: requirements or a start without them; then a delivery
    (S.INCOMPLETE, B, A.SUBMIT_REQUIREMENTS): S.IN_PROGRESS,
    (S.INCOMPLETE, SE, A.START): S.IN_PROGRESS,
    (S.IN_PROGRESS, SE, A.DELIVER): S.DELIVERED,
    # R-ORD-5: late and very late orders can still be delivered
    (S.LATE, SE, A.DELIVER): S.DELIVERED,
    (S.VERY_LATE, SE, A.DELIVER): S.DELIVERED,
    (S.IN_PROGRESS, SY, A.MARK_LATE): S.LATE,
    (S.LATE, SY, A.MARK_VERY_LATE): S.VERY_LATE,
    # R-ORD-2
    (S.DELIVERED, B, A.REQUEST_REVISION): S.REJECTED,
    (S.REJECTED, SE, A.DELIVER): S.DELIVERED,
    # R-ORD-3 (and no AUTO_COMPLETE from REJECTED)
    (S.DELIVERED, B, A.ACCEPT): S.COMPLETED,
    (S.DELIVERED, B, A.REVIEW): S.COMPLETED,
    (S.DELIVERED, SY, A.AUTO_COMPLETE): S.COMPLETED,
    # R-ORD-4
    (S.DELIVERED, SE, A.EXTEND): S.IN_PROGRESS,
    (S.REJECTED, SE, A.EXTEND): S.IN_PROGRESS,
    # R-DIS-5
    (S.VERY_LATE, B, A.CANCEL_VERY_LATE): S.CANCELLED,
    # R-REV-2 / R-REV-4 (reviews after completion), R-TIP-1
    (S.COMPLETED, B, A.REVIEW): S.COMPLETED,
    (S.COMPLETED, SE, A.REVIEW): S.COMPLETED,
    (S.COMPLETED, B, A.TIP): S.COMPLETED,
    # R-ORD-7: the only way out of completed
    (S.COMPLETED, SU, A.SUPPORT_CANCEL): S.CANCELLED,
}
# R-ORD-4, extras with a price: offered by the seller on a started order, accepted (back to
# in progress) or declined by the buyer
for _status in (S.IN_PROGRESS, S.LATE, S.VERY_LATE, S.DELIVERED, S.REJECTED):
    EXPECTED[(_status, SE, A.PROPOSE_EXTENSION)] = _status
    EXPECTED[(_status, B, A.ACCEPT_EXTENSION)] = S.IN_PROGRESS
    EXPECTED[(_status, B, A.DECLINE_EXTENSION)] = _status
# R-ORD-6 / R-DIS-1 / R-DIS-2: the resolution center on every active status
for _status in ACTIVE:
    for _party in (B, SE):
        EXPECTED[(_status, _party, A.REQUEST_CANCELLATION)] = _status
        EXPECTED[(_status, _party, A.AGREE_CANCELLATION)] = S.CANCELLED
    EXPECTED[(_status, SY, A.EXPIRE_CANCELLATION)] = S.CANCELLED

CELLS = list(itertools.product(OrderStatus, Actor, OrderAction))


def test_the_expected_table_covers_every_rule_and_only_it() -> None:
    """R-ORD-1…8: the module's table is exactly the one written above."""
    assert dict(TRANSITIONS) == EXPECTED
    assert set(ACTIVE) == ACTIVE_STATUSES


@pytest.mark.parametrize(
    ("status", "actor", "action"), CELLS, ids=[f"{s}-{a}-{x}" for s, a, x in CELLS]
)
def test_every_cell(status: OrderStatus, actor: Actor, action: OrderAction) -> None:
    """R-ORD-1…8 cell by cell: allowed → the new status; an action the actor takes in no
    status → the wrong party (403); otherwise a 409-type conflict that names the current
    status and the actions this actor may take in it."""
    expected = EXPECTED.get((status, actor, action))
    if expected is not None:
        assert next_status(status, actor, action, 7) == expected
        return
    if not any(who == actor and a == action for (_, who, a) in EXPECTED):
        with pytest.raises(Forbidden):
            next_status(status, actor, action, 7)
        return
    with pytest.raises(InvalidTransition) as caught:
        next_status(status, actor, action, 7)
    allowed = sorted(a.value for (s, who, a) in EXPECTED if s == status and who == actor)
    assert caught.value.status == status.value
    assert sorted(caught.value.allowed) == allowed
    assert f"it is {status.value}" in str(caught.value)
    assert f"cannot {action.value} order 7" in str(caught.value)


def test_completed_never_returns_to_an_active_status() -> None:
    """R-ORD-7: completed is final; only support's cancellation leaves it."""
    exits = {(who, a, t) for (s, who, a), t in EXPECTED.items() if s == S.COMPLETED and t != s}
    assert exits == {(SU, A.SUPPORT_CANCEL, S.CANCELLED)}
    for (status, _, _), target in TRANSITIONS.items():
        if status == S.COMPLETED:
            assert target in {S.COMPLETED, S.CANCELLED}


def test_cancelled_is_never_reactivated() -> None:
    """R-ORD-8: no cell leaves cancelled; every actor gets a refusal, a conflict with nothing
    allowed for the actions it may take elsewhere."""
    for actor, action in itertools.product(Actor, OrderAction):
        with pytest.raises((InvalidTransition, Forbidden)) as caught:
            next_status(S.CANCELLED, actor, action)
        if may_ever(actor, action):
            assert isinstance(caught.value, InvalidTransition)
            assert caught.value.allowed == []
    assert all(s != S.CANCELLED for (s, _, _) in TRANSITIONS)


def test_a_rejected_delivery_never_auto_completes() -> None:
    """R-ORD-3."""
    with pytest.raises(InvalidTransition):
        next_status(S.REJECTED, SY, A.AUTO_COMPLETE)


def test_wrong_party_is_told_apart_from_wrong_moment() -> None:
    """What an actor may never do (403) versus not now (409)."""
    assert not may_ever(SE, A.ACCEPT)
    assert not may_ever(B, A.DELIVER)
    assert not may_ever(SU, A.AGREE_CANCELLATION)  # R-DIS-4: support is not a party
    assert not may_ever(B, A.SUPPORT_CANCEL)
    assert may_ever(B, A.ACCEPT)
    assert may_ever(SY, A.AUTO_COMPLETE)


def test_allowed_actions_for_a_party() -> None:
    assert allowed_actions(S.DELIVERED, B) == [
        A.REQUEST_REVISION,
        A.ACCEPT,
        A.REVIEW,
        A.ACCEPT_EXTENSION,
        A.DECLINE_EXTENSION,
        A.REQUEST_CANCELLATION,
        A.AGREE_CANCELLATION,
    ]
    assert allowed_actions(S.CANCELLED, B) == []


def test_extras_are_never_offered_before_the_start_nor_after_the_end() -> None:
    """R-ORD-4 / R-ORD-7 / R-ORD-8: no extension offer on incomplete, completed or cancelled
    orders, and only the buyer answers one."""
    for status in (S.INCOMPLETE, S.COMPLETED, S.CANCELLED):
        for action in (A.PROPOSE_EXTENSION, A.ACCEPT_EXTENSION, A.DECLINE_EXTENSION):
            for actor in Actor:
                with pytest.raises((InvalidTransition, Forbidden)):
                    next_status(status, actor, action)
    assert not may_ever(SE, A.ACCEPT_EXTENSION)
    assert not may_ever(B, A.PROPOSE_EXTENSION)


def test_every_status_is_reachable_from_a_new_order() -> None:
    assert ORDER_TRANSITIONS.reachable(S.INCOMPLETE) == frozenset(OrderStatus)
    assert ORDER_TRANSITIONS.final(OrderStatus) == {S.CANCELLED}
