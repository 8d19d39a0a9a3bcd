"""Ledger rules over plain values: accounts, balanced transactions, balances. No I/O.

Money is integer cents (US dollars, R-MON-1). Every movement is a transaction whose entries
sum to zero; a balance is the sum of its account's entries. User accounts never go below
zero; the external account (money that came in from, or went out to, a payment provider) is
the world's side of every payment and is negative by construction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from marketplace_core.errors import Conflict


class AccountKind(StrEnum):
    BUYER_BALANCE = "buyer_balance"  # a user's Microtache balance (R-MON-2)
    SELLER_EARNINGS = "seller_earnings"  # what a user earned as a seller
    ESCROW = "escrow"  # the platform holds the price of orders not completed or cancelled
    EXTERNAL = "external"  # payments in from the provider (and out, later)


PER_USER = frozenset({AccountKind.BUYER_BALANCE, AccountKind.SELLER_EARNINGS})
MAY_GO_NEGATIVE = frozenset({AccountKind.EXTERNAL})


class TransactionKind(StrEnum):
    PAYMENT_IN = "payment_in"  # provider → buyer balance (what the balance lacked)
    ORDER_PAYMENT = "order_payment"  # buyer balance → escrow
    ORDER_RELEASE = "order_release"  # escrow → seller earnings, on completion
    ORDER_REFUND = "order_refund"  # escrow (or earnings) → buyer balance, on cancellation
    TIP = "tip"  # buyer balance → seller earnings


def account_key(kind: AccountKind, user_id: int | None = None) -> str:
    """The unique name of an account: ``buyer_balance:12``, ``escrow``."""
    if kind in PER_USER:
        if user_id is None:
            raise ValueError(f"{kind} accounts belong to a user")
        return f"{kind.value}:{user_id}"
    if user_id is not None:
        raise ValueError(f"{kind} is a platform account")
    return kind.value


@dataclass(frozen=True)
class Leg:
    """One entry to write: ``amount_cents`` onto the account named ``account``."""

    account: str
    amount_cents: int


def check_balanced(legs: Sequence[Leg]) -> None:
    """A transaction moves money between accounts: its entries sum to zero, none is zero."""
    if len(legs) < 2:
        raise ValueError("a transaction has at least two entries")
    if any(leg.amount_cents == 0 for leg in legs):
        raise ValueError("an entry of zero cents moves nothing")
    if sum(leg.amount_cents for leg in legs) != 0:
        raise ValueError(f"unbalanced transaction: {legs!r}")


def transfer(source: str, target: str, amount_cents: int) -> list[Leg]:
    if amount_cents <= 0:
        raise ValueError("a transfer moves a positive amount")
    return [Leg(source, -amount_cents), Leg(target, amount_cents)]


class InsufficientFunds(Conflict):
    def __init__(self, account: str, balance_cents: int, needed_cents: int) -> None:
        super().__init__(
            f"insufficient funds: {account} holds {balance_cents} cents, {needed_cents} needed"
        )
        self.balance_cents = balance_cents
        self.needed_cents = needed_cents


def check_not_negative(kind: AccountKind, key: str, balance_cents: int, change_cents: int) -> None:
    if kind in MAY_GO_NEGATIVE or change_cents >= 0:
        return
    if balance_cents + change_cents < 0:
        raise InsufficientFunds(key, balance_cents, -change_cents)


def shortfall(balance_cents: int, amount_cents: int) -> int:
    """What the balance lacks to pay ``amount_cents`` (R-TIP-3: the rest goes to payment)."""
    return max(0, amount_cents - max(0, balance_cents))
