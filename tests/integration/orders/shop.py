"""What the order tests share: a buyer, a seller with a gig, support, a payment provider
and an e-mail sender for tests, and short ways to act as each party."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from marketplace_core.accounts.enums import Role
from marketplace_core.accounts.models import User
from marketplace_core.catalog.models import Seller
from marketplace_core.catalog.rules import PackageInput
from marketplace_core.clock import ManualClock
from marketplace_core.db import make_sessionmaker
from marketplace_core.ledger import service as ledger
from marketplace_core.ledger.models import LedgerEntry
from marketplace_core.ledger.rules import AccountKind, TransactionKind, account_key, transfer
from marketplace_core.notifications.emails import MemoryEmailSender
from marketplace_core.notifications.models import Notification
from marketplace_core.orders import service as orders
from marketplace_core.orders.enums import Actor
from marketplace_core.orders.models import Order
from marketplace_core.orders.payments import TestPaymentProvider
from tests.factories import create_gig, create_seller, create_user
from tests.rows import clear_outbox, committed, outbox

T = TypeVar("T")

BASIC_CENTS = 2000  # basic tier: $20, 3 days
STANDARD_CENTS = 4000  # standard tier: $40, 5 days


@dataclass
class Shop:
    engine: Engine
    sessions: sessionmaker[Session]
    clock: ManualClock
    payments: TestPaymentProvider
    emails: MemoryEmailSender
    buyer: int
    seller_user: int
    seller_id: int
    gig: int
    other: int  # a user who is no party
    support: int

    def tx(self) -> AbstractContextManager[Session]:
        return committed(self.sessions, self.emails)

    def place(
        self, key: str = "order-key-0001", tier: str = "basic", buyer: int | None = None
    ) -> int:
        with self.tx() as session:
            order = orders.place_package_order(
                session,
                buyer=session.get_one(User, buyer or self.buyer),
                gig_id=self.gig,
                tier=tier,
                idempotency_key=key,
                clock=self.clock,
                payments=self.payments,
            )
            return order.id

    def act(self, user: int, order_id: int, action: Callable[..., T], *args: Any, **kw: Any) -> T:
        """``action(session, order, actor, *args, clock=…, **kw)`` as ``user``, committed."""
        with self.tx() as session:
            order, actor = orders.order_for(session, user, order_id, for_update=True)
            return action(session, order, actor, *args, clock=self.clock, **kw)

    def order(self, order_id: int) -> Order:
        with Session(self.engine) as session:
            return session.scalars(
                select(Order)
                .where(Order.id == order_id)
                .options(selectinload(Order.deliveries), selectinload(Order.revision_requests))
            ).one()

    def balance(self, user: int, kind: AccountKind = AccountKind.BUYER_BALANCE) -> int:
        with Session(self.engine) as session:
            return ledger.user_balance(session, user, kind)

    def platform(self, kind: AccountKind) -> int:
        with Session(self.engine) as session:
            return ledger.balance_of(session, account_key(kind))

    def ledger_sum(self) -> int:
        with Session(self.engine) as session:
            return int(session.scalar(select(func.sum(LedgerEntry.amount_cents))) or 0)

    def fund(self, user: int, cents: int, key: str) -> None:
        """Money the buyer already holds (say, from an earlier refund)."""
        with self.tx() as session:
            charge = self.payments.charge(
                user_id=user, amount_cents=cents, idempotency_key=key, description="funds"
            )
            ledger.post(
                session,
                kind=TransactionKind.PAYMENT_IN,
                idempotency_key=key,
                legs=transfer(
                    account_key(AccountKind.EXTERNAL),
                    account_key(AccountKind.BUYER_BALANCE, user),
                    cents,
                ),
                clock=self.clock,
                external_reference=charge.reference,
            )

    def seller(self) -> Seller:
        with Session(self.engine) as session:
            return session.get_one(Seller, self.seller_id)

    def notifications(self, user: int) -> list[Notification]:
        with Session(self.engine) as session:
            return list(
                session.scalars(
                    select(Notification)
                    .where(Notification.user_id == user)
                    .order_by(Notification.id)
                )
            )

    def outbox(self) -> list[tuple[str, int]]:
        return outbox(self.engine)

    def actor(self, user: int, order_id: int) -> Actor:
        with Session(self.engine) as session:
            return orders.order_for(session, user, order_id)[1]


def open_shop(engine: Engine, clock: ManualClock) -> Shop:
    sessions = make_sessionmaker(engine)
    with sessions.begin() as session:
        buyer = create_user(session, clock=clock, email="paul@exemple.fr")
        owner = create_user(session, clock=clock, email="claire@exemple.fr")
        other = create_user(session, clock=clock, email="marc@exemple.fr")
        support = create_user(session, clock=clock, email="aide@exemple.fr", role=Role.SUPPORT)
        seller = create_seller(session, clock=clock, username="claire_design", user=owner)
        gig = create_gig(
            session,
            seller=seller,
            clock=clock,
            packages=(
                PackageInput("basic", BASIC_CENTS, 3),
                PackageInput("standard", STANDARD_CENTS, 5),
            ),
        )
        ids = (buyer.id, owner.id, seller.id, gig.id, other.id, support.id)
    clear_outbox(engine)
    return Shop(
        engine,
        sessions,
        clock,
        TestPaymentProvider(),
        MemoryEmailSender(base_url="https://microtache.example"),
        *ids,
    )
