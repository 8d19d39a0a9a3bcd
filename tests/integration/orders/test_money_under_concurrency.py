"""Money under concurrency (PostgreSQL): 100 orders, tips, completions and cancellations
of four buyers (25 each), sent at once from 25 threads, drawing on and refunding into the same
balances, with duplicated keys and races on the same orders. While they run, an observer
reads the whole ledger in one snapshot again and again; afterwards the payment sweep
settles what a failed commit left. Every snapshot and the end state must hold: every
transaction balanced, no balance negative, and the balances, earnings and escrow equal to
what the provider took and kept."""

from __future__ import annotations

import random
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from marketplace_core.clock import ManualClock
from marketplace_core.db import make_engine
from marketplace_core.disputes import service as disputes
from marketplace_core.disputes.rules import CancellationAction
from marketplace_core.errors import Conflict
from marketplace_core.ledger.models import LedgerAccount, LedgerEntry
from marketplace_core.ledger.rules import AccountKind
from marketplace_core.orders import service as orders
from marketplace_core.orders.enums import ACTIVE_STATUSES, OrderStatus
from marketplace_core.orders.models import Order, PaymentAttempt
from marketplace_core.orders.payment_rules import AttemptStatus
from marketplace_core.orders.payment_sweep import sweep_payments
from marketplace_core.orders.payments import PaymentDeclined
from marketplace_core.tips import service as tips
from marketplace_core.tips.models import Tip
from tests.factories import create_user
from tests.integration.orders.shop import Shop, open_shop
from tests.integration.orders.test_order_flow import deliver

THREADS = 25
FUNDS_CENTS = 3000  # what each buyer holds before the rush
EVIDENCE = "La livraison est un fichier vide : capture jointe au ticket 4411."
# A charge of exactly this much is declined: a standard order with an empty balance.
DECLINED_CENTS = 4000


@dataclass(frozen=True)
class Snapshot:
    unbalanced: int  # transactions whose entries do not sum to zero
    negative: list[tuple[str, int]]  # accounts (but the provider's) below zero
    total: int  # the sum of every entry, the provider's side included


def snapshot(engine: Engine) -> Snapshot:
    """The whole ledger as one committed state (one REPEATABLE READ transaction)."""
    with engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn:
        unbalanced = conn.execute(
            text(
                "SELECT count(*) FROM (SELECT transaction_id FROM ledger_entries "
                "GROUP BY transaction_id HAVING sum(amount_cents) <> 0 OR count(*) < 2) AS t"
            )
        ).scalar_one()
        balances = conn.execute(
            select(LedgerAccount.key, LedgerAccount.kind, func.sum(LedgerEntry.amount_cents))
            .join(LedgerEntry, LedgerEntry.account_id == LedgerAccount.id)
            .group_by(LedgerAccount.key, LedgerAccount.kind)
        ).all()
    negative = [
        (key, int(cents))
        for key, kind, cents in balances
        if kind != AccountKind.EXTERNAL and cents < 0
    ]
    return Snapshot(int(unbalanced), negative, sum(int(c) for _, _, c in balances))


@dataclass
class Observer:
    """Reads the ledger in a loop while the rush runs."""

    engine: Engine
    snapshots: list[Snapshot]
    stop: threading.Event

    def run(self) -> None:
        while not self.stop.is_set():
            self.snapshots.append(snapshot(self.engine))


@pytest.fixture
def rush_engine(engine: Engine, db_url: str) -> Iterator[Engine]:
    """The migrated database, with a pool for every thread's two connections (a payment
    attempt commits on a connection of its own)."""
    if engine.dialect.name != "postgresql":
        pytest.skip("concurrent transactions on the same balances: PostgreSQL only")
    wide = make_engine(db_url, pool_size=2 * THREADS + 2, max_overflow=0)
    yield wide
    wide.dispose()


def test_100_concurrent_money_movements_keep_the_ledger_whole(
    rush_engine: Engine, clock: ManualClock
) -> None:
    shop = open_shop(rush_engine, clock)
    shop.payments.decline_amounts = {DECLINED_CENTS}
    with shop.tx() as session:
        others = [
            create_user(session, clock=clock, email=f"acheteur{i}@exemple.fr").id for i in range(3)
        ]
    buyers = [shop.buyer, *others]
    for buyer in buyers:
        shop.fund(buyer, FUNDS_CENTS, f"funds-{buyer:04d}")

    # Before the rush, per buyer: completed orders (tips, support cancellations), orders in
    # progress with a cancellation request open (the seller accepts it), delivered orders
    # (the buyer accepts), and delivered orders with a request open (both at once).
    completed: dict[int, list[int]] = {}
    to_cancel: dict[int, list[tuple[int, int]]] = {}
    delivered: dict[int, list[int]] = {}
    contested: dict[int, list[tuple[int, int]]] = {}
    for buyer in buyers:
        completed[buyer] = [_completed(shop, buyer, f"done-{buyer}-{i:02d}") for i in range(6)]
        to_cancel[buyer] = [_requested(shop, buyer, f"cxl-{buyer}-{i:02d}") for i in range(4)]
        delivered[buyer] = [_delivered(shop, buyer, f"dlv-{buyer}-{i:02d}") for i in range(2)]
        contested[buyer] = [
            _requested(shop, buyer, f"race-{buyer}-{i:02d}", delivered=True) for i in range(1)
        ]

    rng = random.Random(14)
    rush: list[tuple[str, Callable[[], Any]]] = []
    for buyer in buyers:
        for i in range(7):  # new orders, each buyer's drawing on one balance
            tier = rng.choice(["basic", "standard"])
            rush.append(("order", partial(_place, shop, buyer, f"new-{buyer}-{i:02d}", tier)))
        # the same key sent twice at once: one order, one payment (the loser of the insert
        # race is told to retry, and a retry gets that order)
        twice = partial(_place, shop, buyer, f"twice-{buyer:04d}", "basic")
        rush += [("order-twice", twice), ("order-twice", twice)]
        for i, order_id in enumerate(completed[buyer][:5]):
            tip = partial(_tip, shop, buyer, order_id, rng.randrange(500, 2001))
            rush.append(("tip", tip))
            if i == 0:  # a retried tip (same key) at the same time
                rush.append(("tip-again", tip))
        for order_id, request_id in to_cancel[buyer]:
            rush.append(("cancel", partial(_accept_request, shop, order_id, request_id)))
        # support cancels a completed order, the last one without a tip and the first one
        # while its tip is given
        for order_id in (completed[buyer][5], completed[buyer][0]):
            rush.append(("support-cancel", partial(_support_cancel, shop, order_id)))
        for order_id in delivered[buyer]:
            rush.append(("complete", partial(_accept_delivery, shop, buyer, order_id)))
        for order_id, request_id in contested[buyer]:
            rush.append(("race-complete", partial(_accept_delivery, shop, buyer, order_id)))
            rush.append(("race-cancel", partial(_accept_request, shop, order_id, request_id)))
    assert len(rush) == 100
    rng.shuffle(rush)

    observer = Observer(rush_engine, [], threading.Event())
    watching = threading.Thread(target=observer.run)
    watching.start()

    def run(action: Callable[[], Any]) -> str:
        try:
            action()
        except PaymentDeclined:
            return "declined"
        except Conflict:  # lost a race, or an illegal state change: 409, nothing written
            return "refused"
        return "done"

    try:
        with ThreadPoolExecutor(THREADS) as pool:
            outcomes = list(pool.map(run, [action for _, action in rush]))
    finally:
        observer.stop.set()
        watching.join(30)
    tally = Counter(f"{kind}:{outcome}" for (kind, _), outcome in zip(rush, outcomes, strict=True))
    print(f"\nthe rush: {sorted(tally.items())}; {len(observer.snapshots)} snapshots read")

    # Everything ran to a domain answer (a thread's exception would have propagated).
    assert len(outcomes) == 100
    assert len(observer.snapshots) > 0
    for seen in [*observer.snapshots, snapshot(rush_engine)]:
        assert seen.unbalanced == 0, seen
        assert seen.negative == [], seen
        assert seen.total == 0, seen

    # Races on one order: exactly one of the two wins.
    assert tally["race-complete:done"] + tally["race-cancel:done"] == len(buyers)
    assert tally["race-complete:refused"] + tally["race-cancel:refused"] == len(buyers)
    # Nothing placed or tipped twice; every simple action went through.
    assert tally["cancel:done"] == 4 * len(buyers)
    assert tally["complete:done"] == 2 * len(buyers)
    assert tally["order:done"] + tally["order:declined"] == 7 * len(buyers)
    assert tally["order-twice:done"] + tally["order-twice:declined"] >= len(buyers)

    # A charge whose transaction did not commit is refunded by the sweep, once its attempt
    # is old enough; after it, what the provider kept is exactly what the ledger holds.
    clock.advance(timedelta(minutes=16))
    sweep_payments(shop.sessions, clock, shop.payments)
    with Session(rush_engine) as session:
        pending = session.scalar(
            select(func.count())
            .select_from(PaymentAttempt)
            .where(PaymentAttempt.status == AttemptStatus.PENDING)
        )
        assert pending == 0
        held = _held(session)
        assert held["external"] == -shop.payments.kept_cents()
        assert sum(v for k, v in held.items() if k != "external") == shop.payments.kept_cents()

        all_orders = list(session.scalars(select(Order)))
        keys = Counter((o.buyer_id, o.idempotency_key) for o in all_orders)
        assert max(keys.values()) == 1
        # Escrow holds the price of every active order; the seller earned every completed
        # order's price and every tip; each buyer holds what came in, less what they paid,
        # plus what was refunded.
        assert held["escrow"] == sum(
            o.price_cents for o in all_orders if o.status in ACTIVE_STATUSES
        )
        given = list(session.scalars(select(Tip)))
        assert len({t.order_id for t in given}) == len(given)
        earned = sum(o.price_cents for o in all_orders if o.status == OrderStatus.COMPLETED)
        assert held[f"seller_earnings:{shop.seller_user}"] == earned + sum(
            t.amount_cents for t in given
        )
        for buyer in buyers:
            mine = [o for o in all_orders if o.buyer_id == buyer]
            came_in = _kept_from(shop, buyer)
            paid = sum(o.price_cents for o in mine) + sum(
                t.amount_cents for t in given if t.buyer_id == buyer
            )
            refunded = sum(o.price_cents for o in mine if o.status == OrderStatus.CANCELLED)
            assert held[f"buyer_balance:{buyer}"] == came_in - paid + refunded, buyer
        assert len(given) == tally["tip:done"]


def _held(session: Session) -> dict[str, int]:
    rows = session.execute(
        select(LedgerAccount.key, func.coalesce(func.sum(LedgerEntry.amount_cents), 0))
        .outerjoin(LedgerEntry, LedgerEntry.account_id == LedgerAccount.id)
        .group_by(LedgerAccount.key)
    ).all()
    return Counter({key: int(cents) for key, cents in rows})


def _kept_from(shop: Shop, buyer: int) -> int:
    refunded = {r.charge_reference for r in shop.payments.refunds}
    return sum(
        c.amount_cents
        for c in shop.payments.charges
        if c.user_id == buyer and c.reference not in refunded
    )


def _place(shop: Shop, buyer: int, key: str, tier: str) -> int:
    return shop.place(key, tier, buyer=buyer)


def _completed(shop: Shop, buyer: int, key: str) -> int:
    order_id = _delivered(shop, buyer, key)
    shop.act(buyer, order_id, orders.accept)
    return order_id


def _delivered(shop: Shop, buyer: int, key: str) -> int:
    order_id = shop.place(key, "basic", buyer=buyer)
    shop.act(buyer, order_id, orders.submit_requirements, "Un logo bleu, style épuré")
    deliver(shop, order_id)
    return order_id


def _requested(shop: Shop, buyer: int, key: str, *, delivered: bool = False) -> tuple[int, int]:
    if delivered:
        order_id = _delivered(shop, buyer, key)
    else:
        order_id = shop.place(key, "basic", buyer=buyer)
        shop.act(buyer, order_id, orders.submit_requirements, "Un logo bleu, style épuré")
    request = shop.act(buyer, order_id, disputes.open_request, "other", "")
    return order_id, request.id


def _tip(shop: Shop, buyer: int, order_id: int, cents: int) -> object:
    return shop.act(
        buyer,
        order_id,
        tips.give_tip,
        amount_cents=cents,
        message="Merci !",
        idempotency_key=f"tip-{order_id:06d}",
        payments=shop.payments,
    )


def _accept_request(shop: Shop, order_id: int, request_id: int) -> object:
    return shop.act(
        shop.seller_user, order_id, disputes.answer, request_id, CancellationAction.ACCEPT
    )


def _accept_delivery(shop: Shop, buyer: int, order_id: int) -> object:
    return shop.act(buyer, order_id, orders.accept)


def _support_cancel(shop: Shop, order_id: int) -> object:
    with shop.tx() as session:
        order = orders.load(session, order_id, for_update=True)
        assert order is not None
        return orders.support_cancel(session, order, EVIDENCE, clock=shop.clock)
