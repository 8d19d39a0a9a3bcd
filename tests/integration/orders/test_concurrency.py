"""Two real concurrent transactions on one order, one balance, one sweep: exactly one wins,
nothing is applied or paid twice. The row-lock tests need PostgreSQL (SQLite has one
writer at a time); the version check is tested on both."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import timedelta
from functools import partial
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text

from marketplace_core.disputes import service as disputes
from marketplace_core.disputes.rules import CancellationAction
from marketplace_core.errors import Conflict
from marketplace_core.ledger.models import LedgerTransaction
from marketplace_core.ledger.rules import AccountKind
from marketplace_core.orders import service as orders
from marketplace_core.orders.enums import OrderStatus
from marketplace_core.orders.payments import PaymentDeclined
from marketplace_core.orders.timers import apply_due
from tests.integration.orders.shop import BASIC_CENTS, Shop
from tests.integration.orders.test_order_flow import deliver, started


def postgres_only(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("row locks between concurrent transactions: PostgreSQL only")


def race(*actions: Callable[[], Any]) -> list[Any]:
    """Run the actions in threads released together; each result or exception."""
    barrier = threading.Barrier(len(actions))
    results: list[Any] = [None] * len(actions)

    def run(i: int, action: Callable[[], Any]) -> None:
        barrier.wait()
        try:
            results[i] = action()
        except Exception as exc:  # collected for the assertions
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


def waiting_on_a_lock(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(
            conn.execute(
                text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
            ).scalar_one()
        )


def test_accept_and_cancel_at_once_exactly_one_wins(shop: Shop) -> None:
    """R-ORD-3 against R-ORD-6: the buyer accepts the delivery while the seller accepts the
    buyer's cancellation request. One wins; the other is a 409; money moves once."""
    postgres_only(shop.engine)
    completed: list[bool] = []
    for round_ in range(3):
        order_id = started(shop, key=f"race-key-{round_:04d}")
        deliver(shop, order_id)
        request = shop.act(shop.buyer, order_id, disputes.open_request, "other", "")
        results = race(
            partial(shop.act, shop.buyer, order_id, orders.accept),
            partial(
                shop.act,
                shop.seller_user,
                order_id,
                disputes.answer,
                request.id,
                CancellationAction.ACCEPT,
            ),
        )
        failures = [r for r in results if isinstance(r, Exception)]
        assert len(failures) == 1, results
        assert isinstance(failures[0], Conflict), results
        status = shop.order(order_id).status
        assert status == (
            OrderStatus.COMPLETED if isinstance(results[1], Exception) else OrderStatus.CANCELLED
        )
        completed.append(status == OrderStatus.COMPLETED)
    assert shop.platform(AccountKind.ESCROW) == 0
    earned = shop.balance(shop.seller_user, AccountKind.SELLER_EARNINGS)
    assert earned == sum(completed) * BASIC_CENTS
    with shop.tx() as session:  # each order either released to the seller or refunded, once
        endings = session.execute(
            select(LedgerTransaction.order_id, func.count())
            .where(LedgerTransaction.kind.in_(["order_release", "order_refund"]))
            .group_by(LedgerTransaction.order_id)
        ).all()
    assert sorted(n for _, n in endings) == [1, 1, 1]


def test_the_second_action_waits_for_the_first_then_sees_its_status(shop: Shop) -> None:
    """The row lock: a concurrent action waits, then gets 409 naming the new status."""
    postgres_only(shop.engine)
    order_id = started(shop)
    deliver(shop, order_id)
    outcome: list[Any] = []
    with shop.tx() as first:
        order, actor = orders.order_for(first, shop.buyer, order_id, for_update=True)
        second = threading.Thread(
            target=lambda: outcome.append(
                _catch(lambda: shop.act(shop.buyer, order_id, orders.request_revision, "non"))
            )
        )
        second.start()
        deadline = time.monotonic() + 10
        while waiting_on_a_lock(shop.engine) == 0:
            assert time.monotonic() < deadline, "the second transaction never waited"
            time.sleep(0.01)
        orders.accept(first, order, actor, clock=shop.clock)
    second.join(30)
    assert len(outcome) == 1
    assert isinstance(outcome[0], Conflict)
    assert "it is completed" in str(outcome[0])


def _catch(action: Callable[[], Any]) -> Any:
    try:
        return action()
    except Exception as exc:
        return exc


def test_a_stale_write_is_refused_by_the_version_check(shop: Shop) -> None:
    """Without a lock (SQLite, or a reader that did not lock): the version in the UPDATE's
    WHERE clause refuses the second write."""
    order_id = started(shop)
    deliver(shop, order_id)
    with shop.sessions() as late:
        stale, actor = orders.order_for(late, shop.buyer, order_id)
        _ = stale.deliveries
        shop.act(shop.buyer, order_id, orders.accept)
        with pytest.raises(Conflict, match="changed meanwhile"):
            orders.request_revision(late, stale, actor, "non", clock=shop.clock)
        late.rollback()
    assert shop.order(order_id).status == OrderStatus.COMPLETED


def test_two_sweeps_at_once_apply_each_deadline_once(shop: Shop) -> None:
    """FOR UPDATE SKIP LOCKED: two workers take disjoint orders; every order completes once,
    the seller is paid once per order."""
    postgres_only(shop.engine)
    ids = []
    for i in range(6):
        order_id = started(shop, key=f"sweep-key-{i:04d}")
        deliver(shop, order_id)
        ids.append(order_id)
    shop.clock.advance(timedelta(days=3))

    def one_sweep() -> int:
        with shop.tx() as session:
            return apply_due(session, shop.clock, batch=3).total

    results = race(one_sweep, one_sweep)
    assert all(isinstance(r, int) for r in results), results
    assert sum(results) == 6
    assert {shop.order(i).status for i in ids} == {OrderStatus.COMPLETED}
    assert shop.seller().completed_orders == 6
    assert shop.balance(shop.seller_user, AccountKind.SELLER_EARNINGS) == 6 * BASIC_CENTS
    with shop.tx() as session:
        assert (
            session.scalar(
                select(func.count())
                .select_from(LedgerTransaction)
                .where(LedgerTransaction.kind == "order_release")
            )
            == 6
        )


def test_one_balance_never_pays_two_orders(shop: Shop) -> None:
    """R-MON-2: the balance is held from its read to the commit; it never goes negative."""
    postgres_only(shop.engine)
    shop.fund(shop.buyer, BASIC_CENTS, "funds-0001")
    shop.payments.decline_all = True  # what the balance lacks cannot be paid
    results = race(lambda: shop.place("balance-key-0001"), lambda: shop.place("balance-key-0002"))
    assert sorted(type(r).__name__ for r in results) == ["PaymentDeclined", "int"]
    assert any(isinstance(r, PaymentDeclined) for r in results)
    assert shop.balance(shop.buyer) == 0
    assert shop.platform(AccountKind.ESCROW) == BASIC_CENTS
