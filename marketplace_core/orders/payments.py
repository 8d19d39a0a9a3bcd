"""Paying for orders and tips: the buyer's balance first, the payment provider for the rest.

A real provider plugs in by configuration: ``PAYMENT_PROVIDER=test`` (the default, for local
runs and tests) or the dotted path of a class taking no arguments, e.g.
``PAYMENT_PROVIDER=mycompany.payments:StripeProvider``.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol, cast

from sqlalchemy.orm import Session

from marketplace_core.clock import Clock
from marketplace_core.errors import DomainError
from marketplace_core.ledger import service as ledger
from marketplace_core.ledger.rules import (
    AccountKind,
    TransactionKind,
    account_key,
    shortfall,
    transfer,
)


class PaymentDeclined(DomainError):
    """The provider refused the charge: nothing was taken, nothing was written."""


@dataclass(frozen=True)
class Charge:
    user_id: int
    amount_cents: int
    idempotency_key: str
    reference: str


class PaymentProvider(Protocol):
    def charge(
        self, *, user_id: int, amount_cents: int, idempotency_key: str, description: str
    ) -> Charge:
        """Take ``amount_cents`` from the user's payment method, or raise
        :class:`PaymentDeclined`. The same ``idempotency_key`` charges once."""
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

    def total_cents(self, keys: Iterable[str] | None = None) -> int:
        wanted = None if keys is None else set(keys)
        return sum(
            c.amount_cents for c in self.charges if wanted is None or c.idempotency_key in wanted
        )


def provider_from_setting(value: str) -> PaymentProvider:
    """``test`` or ``package.module:Class`` / ``package.module.Class``."""
    if value == "test":
        return TestPaymentProvider()
    module_name, sep, attr = value.partition(":")
    if not sep:
        module_name, _, attr = value.rpartition(".")
    if not module_name or not attr:
        raise ValueError(f"PAYMENT_PROVIDER must be 'test' or a dotted path, not {value!r}")
    factory = getattr(importlib.import_module(module_name), attr)
    return cast(PaymentProvider, factory())


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
    order_id: int | None = None,
    memo: str = "",
) -> ledger.Posted:
    """Move ``amount_cents`` from the buyer's balance to ``target``; what the balance lacks
    is charged through the provider first and credited to the balance (R-TIP-3, R-MON-2).

    The buyer's balance is held from the read to the commit, so two payments cannot spend
    the same cents. A retried request (same key) moves nothing and charges nothing again.
    """
    done = ledger.find_transaction(session, idempotency_key)
    if done is not None:
        return ledger.Posted(done, replayed=True)
    balance_key = account_key(AccountKind.BUYER_BALANCE, buyer_id)
    missing = shortfall(ledger.locked_balance(session, balance_key, clock), amount_cents)
    if missing:
        charge_key = f"{idempotency_key}:charge"
        charge = payments.charge(
            user_id=buyer_id, amount_cents=missing, idempotency_key=charge_key, description=memo
        )
        ledger.post(
            session,
            kind=TransactionKind.PAYMENT_IN,
            idempotency_key=charge_key,
            legs=transfer(account_key(AccountKind.EXTERNAL), balance_key, missing),
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
