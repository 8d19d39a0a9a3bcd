"""Random sequences of every party's actions, timer sweeps and clock moves over several
orders, on a real SQLite database (fresh per example), checking after every step:

- money is conserved, priced extras (R-ORD-4) included: the ledger sums to zero, and what
  came in from the payment provider (less what the payment sweep refunded) is exactly what
  the balances, escrow and earnings hold (R-MON-2);
- no user balance, no escrow is negative; escrow holds the price of the active orders;
- the seller's earnings are the completed orders plus the tips, and the completed-order
  count matches (R-ORD-3, R-TIP-3);
- final statuses stay final: cancelled forever (R-ORD-8), completed only to cancelled by
  support (R-ORD-7); every status change follows a path of the status table.
"""

from __future__ import annotations

import contextlib
import shutil
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import func, select

from marketplace_core.clock import ManualClock
from marketplace_core.db import make_engine, make_sessionmaker
from marketplace_core.disputes import service as disputes
from marketplace_core.disputes.models import CancellationRequest
from marketplace_core.disputes.rules import CancellationAction, CancellationStatus
from marketplace_core.errors import DomainError
from marketplace_core.ledger import service as ledger
from marketplace_core.ledger.models import LedgerAccount, LedgerEntry
from marketplace_core.ledger.rules import AccountKind
from marketplace_core.migrate import upgrade
from marketplace_core.notifications.emails import MemoryEmailSender
from marketplace_core.orders import extensions
from marketplace_core.orders import service as orders
from marketplace_core.orders.enums import ACTIVE_STATUSES, OrderStatus
from marketplace_core.orders.extension_rules import ExtensionStatus, Extra
from marketplace_core.orders.models import ExtensionOffer, Order
from marketplace_core.orders.payment_rules import SETTLE_AFTER
from marketplace_core.orders.payment_sweep import sweep_payments
from marketplace_core.orders.payments import TestPaymentProvider
from marketplace_core.orders.rules import Attachment
from marketplace_core.orders.state_machine import ORDER_TRANSITIONS
from marketplace_core.orders.timers import apply_due
from marketplace_core.reviews import service as reviews
from marketplace_core.reviews.rules import ReviewInput
from marketplace_core.tips import service as tips
from marketplace_core.tips.models import Tip
from tests.conftest import START
from tests.integration.orders.shop import Shop, open_shop


def _closure() -> dict[OrderStatus, frozenset[OrderStatus]]:
    """For each status, every status reachable from it through the table (itself included)."""
    return {start: ORDER_TRANSITIONS.reachable(start) for start in OrderStatus}


REACHABLE = _closure()
FILES = [Attachment("deliveries/x/travail.zip", "travail.zip")]


class OrderLife(RuleBasedStateMachine):
    template: Path  # a migrated database with the shop's people, copied for each example
    template_shop: Shop
    workdir: Path
    runs = 0

    orders_ = Bundle("orders")

    def __init__(self) -> None:
        super().__init__()
        OrderLife.runs += 1
        path = self.workdir / f"example-{OrderLife.runs}.db"
        shutil.copy(self.template, path)
        engine = make_engine(f"sqlite:///{path}")
        self.shop = replace(
            self.template_shop,
            engine=engine,
            sessions=make_sessionmaker(engine),
            clock=ManualClock(START),
            payments=TestPaymentProvider(),
            emails=MemoryEmailSender(),
        )
        self.seen: dict[int, OrderStatus] = {}
        self.keys = 0

    def teardown(self) -> None:
        self.shop.engine.dispose()

    def _key(self, prefix: str) -> str:
        self.keys += 1
        return f"{prefix}-key-{self.keys:04d}"

    def _try(self, user: int, order_id: int, action: Any, *args: Any, **kw: Any) -> None:
        # A refusal rolls its transaction back; the invariants must hold all the same.
        with contextlib.suppress(DomainError):
            self.shop.act(user, order_id, action, *args, **kw)

    # -- money in and orders out ----------------------------------------------------------
    @initialize()
    def start(self) -> None:
        pass

    @rule(target=orders_, tier=st.sampled_from(["basic", "standard"]))
    def place(self, tier: str) -> int:
        try:
            return self.shop.place(self._key("order"), tier)
        except DomainError:
            return -1  # declined payment: no order

    @rule(cents=st.integers(min_value=1, max_value=5000))
    def fund(self, cents: int) -> None:
        with contextlib.suppress(DomainError):
            self.shop.fund(self.shop.buyer, cents, self._key("funds"))

    @rule(decline=st.booleans())
    def provider(self, decline: bool) -> None:
        self.shop.payments.decline_all = decline

    # -- the parties ----------------------------------------------------------------------
    @rule(order=orders_, how=st.sampled_from(["requirements", "start"]))
    def begin(self, order: int, how: str) -> None:
        if how == "requirements":
            self._try(self.shop.buyer, order, orders.submit_requirements, "Mes besoins")
        else:
            self._try(self.shop.seller_user, order, orders.start)

    @rule(order=orders_)
    def deliver(self, order: int) -> None:
        self._try(self.shop.seller_user, order, orders.deliver, "Livraison", FILES)

    @rule(order=orders_, answer=st.sampled_from(["accept", "revision"]))
    def buyer_answers(self, order: int, answer: str) -> None:
        if answer == "accept":
            self._try(self.shop.buyer, order, orders.accept)
        else:
            self._try(self.shop.buyer, order, orders.request_revision, "Modifiez ceci")

    @rule(order=orders_, days=st.integers(min_value=1, max_value=5))
    def extend(self, order: int, days: int) -> None:
        self._try(self.shop.seller_user, order, orders.extend, days)

    @rule(
        order=orders_,
        days=st.integers(min_value=0, max_value=3),
        cents=st.sampled_from([499, 500, 1500, 4000]),
    )
    def offer_extras(self, order: int, days: int, cents: int) -> None:
        """R-ORD-4: the seller offers priced extras (and days)."""
        extras = [Extra("Extra", cents)]
        self._try(self.shop.seller_user, order, extensions.propose_extension, days, extras, "")

    @rule(order=orders_, accept=st.booleans())
    def answer_extras(self, order: int, accept: bool) -> None:
        with self.shop.tx() as session:
            offer_id = session.scalar(
                select(ExtensionOffer.id).where(
                    ExtensionOffer.order_id == order,
                    ExtensionOffer.status == ExtensionStatus.PENDING,
                )
            )
        if offer_id is None:
            return
        if accept:
            self._try(
                self.shop.buyer,
                order,
                extensions.accept_extension,
                offer_id,
                idempotency_key=self._key("extras"),
                payments=self.shop.payments,
            )
        else:
            self._try(self.shop.buyer, order, extensions.decline_extension, offer_id)

    @rule()
    def settle_payments(self) -> None:
        """Attempts of refused payments (declined, or a refused tip) settle as failed;
        nothing committed is ever refunded."""
        self.shop.clock.advance(SETTLE_AFTER)
        done = sweep_payments(self.shop.sessions, self.shop.clock, self.shop.payments)
        assert done.get("refund", 0) == 0, done

    @rule(order=orders_, stars=st.integers(min_value=1, max_value=5), seller=st.booleans())
    def review(self, order: int, stars: int, seller: bool) -> None:
        if seller:
            self._try(self.shop.seller_user, order, reviews.leave_review, ReviewInput(rating=stars))
        else:
            review = ReviewInput(stars, "ok", stars, stars, stars)
            self._try(self.shop.buyer, order, reviews.leave_review, review)

    @rule(order=orders_, cents=st.sampled_from([400, 500, 1500, 2500, 4000, 4001]))
    def tip(self, order: int, cents: int) -> None:
        self._try(
            self.shop.buyer,
            order,
            tips.give_tip,
            amount_cents=cents,
            message="merci",
            idempotency_key=self._key("tip"),
            payments=self.shop.payments,
        )

    @rule(order=orders_, by_seller=st.booleans())
    def ask_to_cancel(self, order: int, by_seller: bool) -> None:
        user = self.shop.seller_user if by_seller else self.shop.buyer
        self._try(user, order, disputes.open_request, "other", "")

    @rule(
        order=orders_, action=st.sampled_from(list(CancellationAction)[:3]), by_seller=st.booleans()
    )
    def answer_request(self, order: int, action: CancellationAction, by_seller: bool) -> None:
        with self.shop.tx() as session:
            request_id = session.scalar(
                select(CancellationRequest.id).where(
                    CancellationRequest.order_id == order,
                    CancellationRequest.status == CancellationStatus.OPEN,
                )
            )
        if request_id is not None:
            user = self.shop.seller_user if by_seller else self.shop.buyer
            self._try(user, order, disputes.answer, request_id, action)

    @rule(order=orders_)
    def cancel_very_late(self, order: int) -> None:
        self._try(self.shop.buyer, order, orders.cancel_very_late, "late_delivery", "")

    @rule(order=orders_)
    def support_cancels(self, order: int) -> None:
        try:
            with self.shop.tx() as session:
                row = orders.load(session, order, for_update=True)
                if row is not None:
                    orders.support_cancel(
                        session,
                        row,
                        "Rien n'a été livré, preuves au dossier.",
                        clock=self.shop.clock,
                    )
        except DomainError:
            pass

    # -- time -----------------------------------------------------------------------------
    @rule(hours=st.integers(min_value=1, max_value=120))
    def time_passes(self, hours: int) -> None:
        self.shop.clock.advance(timedelta(hours=hours))

    @rule()
    def sweep(self) -> None:
        with self.shop.tx() as session:
            apply_due(session, self.shop.clock)

    # -- what must always hold ------------------------------------------------------------
    @invariant()
    def money_is_conserved_and_never_negative(self) -> None:
        with self.shop.tx() as session:
            total = session.scalar(select(func.coalesce(func.sum(LedgerEntry.amount_cents), 0)))
            assert total == 0
            balances = {
                key: ledger.balance_of(session, key)
                for key in session.scalars(select(LedgerAccount.key))
            }
            all_orders = list(session.scalars(select(Order)))
            tipped = session.scalar(select(func.coalesce(func.sum(Tip.amount_cents), 0))) or 0
            completed_count = orders.locked_seller(session, self.shop.seller_id).completed_orders
        charged = self.shop.payments.kept_cents()
        assert balances.get("external", 0) == -charged
        assert all(v >= 0 for k, v in balances.items() if k != "external"), balances
        active = sum(o.price_cents for o in all_orders if o.status in ACTIVE_STATUSES)
        assert balances.get("escrow", 0) == active
        done = [o for o in all_orders if o.status == OrderStatus.COMPLETED]
        earnings = balances.get(f"{AccountKind.SELLER_EARNINGS.value}:{self.shop.seller_user}", 0)
        assert earnings == sum(o.price_cents for o in done) + tipped
        assert completed_count == len(done)

    @invariant()
    def statuses_follow_the_table(self) -> None:
        with self.shop.tx() as session:
            now = {o.id: o.status for o in session.scalars(select(Order))}
        for order_id, status in now.items():
            before = self.seen.get(order_id, OrderStatus.INCOMPLETE)
            assert status in REACHABLE[before], (order_id, before, status)
            if before == OrderStatus.CANCELLED:
                assert status == OrderStatus.CANCELLED
            if before == OrderStatus.COMPLETED:
                assert status in {OrderStatus.COMPLETED, OrderStatus.CANCELLED}
        self.seen = now


@pytest.fixture
def template(tmp_path: Path) -> tuple[Path, Shop]:
    path = tmp_path / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    shop = open_shop(engine, ManualClock(START))
    engine.dispose()
    return path, shop


def test_random_order_lives_keep_money_and_statuses_right(
    template: tuple[Path, Shop], tmp_path: Path
) -> None:
    """R-ORD-1…9 (R-ORD-4 with priced extras), R-DIS-2/5, R-REV-2, R-TIP-1…3, R-MON-2 under
    random sequences, with the payment sweep."""
    OrderLife.template, OrderLife.template_shop = template
    OrderLife.workdir = tmp_path
    run_state_machine_as_test(
        OrderLife,
        settings=settings(
            max_examples=30,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
