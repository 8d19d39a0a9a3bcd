"""Paying for orders and tips: the buyer's balance first, the payment provider for the rest.

Every payment first records a :class:`PaymentAttempt` in a transaction of its own (see
:func:`open_attempt`); the charge and the ledger entries then commit with the caller's
transaction, which marks the attempt captured. If that commit fails, the payment sweep
(``orders.payment_sweep``) refunds the charge through the provider.

A real provider plugs in by configuration: ``PAYMENT_PROVIDER=test`` (the default, for local
runs and tests) or the dotted path of a class taking no arguments, e.g.
``PAYMENT_PROVIDER=mycompany.payments:StripeProvider``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol, cast

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from marketplace_core.clock import Clock
from marketplace_core.config import load_object
from marketplace_core.errors import Conflict, DomainError
from marketplace_core.ledger import service as ledger
from marketplace_core.ledger.rules import (
    AccountKind,
    TransactionKind,
    account_key,
    shortfall,
    transfer,
)
from marketplace_core.orders.models import PaymentAttempt
from marketplace_core.orders.payment_rules import AttemptStatus, charge_key


class PaymentDeclined(DomainError):
    """The provider refused the charge: nothing was taken, nothing was written."""


@dataclass(frozen=True)
class Charge:
    user_id: int
    amount_cents: int
    idempotency_key: str
    reference: str


@dataclass(frozen=True)
class Refund:
    charge_reference: str
    amount_cents: int
    reference: str


class PaymentProvider(Protocol):
    def charge(
        self, *, user_id: int, amount_cents: int, idempotency_key: str, description: str
    ) -> Charge:
        """Take ``amount_cents`` from the user's payment method, or raise
        :class:`PaymentDeclined`. The same ``idempotency_key`` charges once."""
        ...

    def find_charge(self, idempotency_key: str) -> Charge | None:
        """The charge made with ``idempotency_key``, if the provider made one."""
        ...

    def refund(self, charge: Charge) -> Refund:
        """Give the whole charge back to the user's payment method; refunding a charge again
        refunds nothing more and answers the same refund."""
        ...


@dataclass
class TestPaymentProvider:
    """A payment provider for tests and local runs: it moves no real money. It declines
    when told to (``decline_all``), or for the amounts in ``decline_amounts``; it remembers
    each charge, once per idempotency key."""

    __test__ = False  # not a pytest test class

    decline_all: bool = False
    decline_amounts: set[int] = field(default_factory=set)
    charges: list[Charge] = field(default_factory=list)
    refunds: list[Refund] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def charge(
        self, *, user_id: int, amount_cents: int, idempotency_key: str, description: str
    ) -> Charge:
        with self._lock:
            for done in self.charges:
                if done.idempotency_key == idempotency_key:
                    return done
            if self.decline_all or amount_cents in self.decline_amounts:
                raise PaymentDeclined(
                    f"the payment of {amount_cents} cents was declined; "
                    "use another payment method or add funds to your balance"
                )
            made = Charge(user_id, amount_cents, idempotency_key, f"test-{len(self.charges) + 1}")
            self.charges.append(made)
            return made

    def find_charge(self, idempotency_key: str) -> Charge | None:
        with self._lock:
            return next((c for c in self.charges if c.idempotency_key == idempotency_key), None)

    def refund(self, charge: Charge) -> Refund:
        with self._lock:
            for done in self.refunds:
                if done.charge_reference == charge.reference:
                    return done
            made = Refund(charge.reference, charge.amount_cents, f"refund-{len(self.refunds) + 1}")
            self.refunds.append(made)
            return made

    def total_cents(self, keys: Iterable[str] | None = None) -> int:
        wanted = None if keys is None else set(keys)
        return sum(
            c.amount_cents for c in self.charges if wanted is None or c.idempotency_key in wanted
        )

    def refunded_cents(self) -> int:
        return sum(r.amount_cents for r in self.refunds)

    def kept_cents(self) -> int:
        """What the provider took and did not give back."""
        return self.total_cents() - self.refunded_cents()


def provider_from_setting(value: str) -> PaymentProvider:
    """``test`` or ``package.module:Class`` / ``package.module.Class``."""
    if value == "test":
        return TestPaymentProvider()
    return cast(PaymentProvider, load_object(value, "PAYMENT_PROVIDER")())


def open_attempt(
    session: Session, *, buyer_id: int, amount_cents: int, idempotency_key: str, clock: Clock
) -> int | None:
    """Record, and commit on its own connection, that the payment ``idempotency_key`` may
    charge the provider; the attempt's id, or None when that payment already committed.

    Call it before the caller's transaction writes anything: SQLite has one writer at a
    time, and the caller's transaction would hold it. A pending attempt of the same payment
    (an earlier try whose commit failed, not settled yet) is reused: its charge key makes
    the provider answer the earlier charge instead of charging twice.
    """
    if ledger.find_transaction(session, idempotency_key) is not None:
        return None
    if _holds_sqlite_writer(session):
        # The caller wrote before paying (a buyer request that had just expired, say): a
        # second connection would wait for it forever. The attempt then commits with the
        # caller; only the provider's own idempotency protects that payment from a failed
        # commit.
        return _record_attempt(session, buyer_id, amount_cents, idempotency_key, clock)
    try:
        with Session(session.get_bind(), expire_on_commit=False) as own, own.begin():
            return _record_attempt(own, buyer_id, amount_cents, idempotency_key, clock)
    except IntegrityError:
        # The same payment sent twice at once: the other request committed its attempt
        # first (the same charge key); reuse it, as a later retry would.
        with Session(session.get_bind(), expire_on_commit=False) as own, own.begin():
            return _record_attempt(own, buyer_id, amount_cents, idempotency_key, clock)


def _holds_sqlite_writer(session: Session) -> bool:
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return False
    return bool(getattr(connection.connection.dbapi_connection, "in_transaction", False))


def _record_attempt(
    own: Session, buyer_id: int, amount_cents: int, idempotency_key: str, clock: Clock
) -> int:
    earlier = list(
        own.scalars(
            select(PaymentAttempt)
            .where(PaymentAttempt.idempotency_key == idempotency_key)
            .order_by(PaymentAttempt.id)
        )
    )
    for attempt in earlier:
        if attempt.status == AttemptStatus.PENDING and attempt.buyer_id == buyer_id:
            return attempt.id
    attempt = PaymentAttempt(
        buyer_id=buyer_id,
        amount_cents=amount_cents,
        idempotency_key=idempotency_key,
        charge_key=charge_key(idempotency_key, len(earlier) + 1),
        status=AttemptStatus.PENDING,
        charged_cents=0,
        created_at=clock.now(),
    )
    own.add(attempt)
    own.flush()
    return attempt.id


def collect_from_buyer(
    session: Session,
    *,
    buyer_id: int,
    amount_cents: int,
    target: str,
    kind: TransactionKind,
    idempotency_key: str,
    payments: PaymentProvider,
    clock: Clock,
    attempt_id: int | None,
    order_id: int | None = None,
    memo: str = "",
) -> ledger.Posted:
    """Move ``amount_cents`` from the buyer's balance to ``target``; what the balance lacks
    is charged through the provider first and credited to the balance (R-TIP-3, R-MON-2).

    ``attempt_id`` comes from :func:`open_attempt` with the same key (None: the payment was
    already made). The attempt is claimed (pending → captured) before the charge, in this
    transaction: it commits with the ledger entries, and a sweep that settled the attempt
    meanwhile makes this a :class:`Conflict` before anything is charged.

    The buyer's balance is held from the read to the commit, so two payments cannot spend
    the same cents. A retried request (same key) moves nothing and charges nothing again.
    """
    done = ledger.find_transaction(session, idempotency_key)
    if done is not None:
        return ledger.Posted(done, replayed=True)
    if attempt_id is None:
        raise Conflict("this payment was made meanwhile; retry to get its result")
    attempt = _claim(session, attempt_id, clock)
    balance_key = account_key(AccountKind.BUYER_BALANCE, buyer_id)
    missing = shortfall(ledger.locked_balance(session, balance_key, clock), amount_cents)
    if missing:
        charge = payments.charge(
            user_id=buyer_id,
            amount_cents=missing,
            idempotency_key=attempt.charge_key,
            description=memo,
        )
        attempt.charged_cents = charge.amount_cents
        attempt.provider_reference = charge.reference
        ledger.post(
            session,
            kind=TransactionKind.PAYMENT_IN,
            idempotency_key=attempt.charge_key,
            legs=transfer(account_key(AccountKind.EXTERNAL), balance_key, charge.amount_cents),
            clock=clock,
            order_id=order_id,
            external_reference=charge.reference,
            memo=memo,
        )
    return ledger.post(
        session,
        kind=kind,
        idempotency_key=idempotency_key,
        legs=transfer(balance_key, target, amount_cents),
        clock=clock,
        order_id=order_id,
        memo=memo,
    )


def _claim(session: Session, attempt_id: int, clock: Clock) -> PaymentAttempt:
    """Pending → captured, or :class:`Conflict` if a sweep settled it first. The conditional
    update holds the row (PostgreSQL) or the database (SQLite) until commit."""
    claimed = session.execute(
        update(PaymentAttempt)
        .where(PaymentAttempt.id == attempt_id, PaymentAttempt.status == AttemptStatus.PENDING)
        .values(status=AttemptStatus.CAPTURED, settled_at=clock.now())
        .execution_options(synchronize_session=False)
    )
    if getattr(claimed, "rowcount", 0) != 1:
        raise Conflict(
            "this payment attempt was given up and refunded; retry with a new Idempotency-Key"
        )
    return session.scalars(
        select(PaymentAttempt)
        .where(PaymentAttempt.id == attempt_id)
        .execution_options(populate_existing=True)
    ).one()
