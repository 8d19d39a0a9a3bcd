"""Ledger operations: accounts made on first use, balances, posting a transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from marketplace_core.clock import Clock
from marketplace_core.errors import Conflict
from marketplace_core.ledger.models import LedgerAccount, LedgerEntry, LedgerTransaction
from marketplace_core.ledger.rules import (
    AccountKind,
    Leg,
    TransactionKind,
    account_key,
    check_balanced,
    check_not_negative,
)
from marketplace_core.persistence import dialect_insert


def _kind_of(key: str) -> tuple[AccountKind, int | None]:
    name, _, user = key.partition(":")
    return AccountKind(name), (int(user) if user else None)


def ensure_account(session: Session, key: str, clock: Clock) -> LedgerAccount:
    """The account named ``key``, created on first use. Two transactions creating the same
    account do not collide: the insert does nothing when the key exists."""
    found = session.scalars(select(LedgerAccount).where(LedgerAccount.key == key)).one_or_none()
    if found is not None:
        return found
    kind, user_id = _kind_of(key)
    values = {
        "key": key,
        "kind": kind,
        "user_id": user_id,
        "lock_version": 0,
        "created_at": clock.now(),
    }
    insert = dialect_insert(session)
    session.execute(insert(LedgerAccount).values(values).on_conflict_do_nothing())
    return session.scalars(select(LedgerAccount).where(LedgerAccount.key == key)).one()


def balance_of(session: Session, key: str) -> int:
    """The sum of the account's entries; 0 for an account never used."""
    total = session.scalar(
        select(func.coalesce(func.sum(LedgerEntry.amount_cents), 0))
        .join(LedgerAccount, LedgerEntry.account_id == LedgerAccount.id)
        .where(LedgerAccount.key == key)
    )
    return int(total or 0)


def user_balance(session: Session, user_id: int, kind: AccountKind) -> int:
    return balance_of(session, account_key(kind, user_id))


def lock_account(session: Session, account: LedgerAccount) -> None:
    """Hold the account until commit before reading its balance for a debit (see
    ``LedgerAccount.lock_version``)."""
    session.execute(
        update(LedgerAccount)
        .where(LedgerAccount.id == account.id)
        .values(lock_version=LedgerAccount.lock_version + 1)
        .execution_options(synchronize_session=False)
    )


def locked_balance(session: Session, key: str, clock: Clock) -> int:
    """The balance of ``key``, with the account held until commit."""
    lock_account(session, ensure_account(session, key, clock))
    return balance_of(session, key)


def find_transaction(session: Session, idempotency_key: str) -> LedgerTransaction | None:
    return session.scalars(
        select(LedgerTransaction).where(LedgerTransaction.idempotency_key == idempotency_key)
    ).one_or_none()


@dataclass(frozen=True)
class Posted:
    transaction: LedgerTransaction
    replayed: bool  # True: the key was already posted, nothing moved this time


def post(
    session: Session,
    *,
    kind: TransactionKind,
    idempotency_key: str,
    legs: Sequence[Leg],
    clock: Clock,
    order_id: int | None = None,
    external_reference: str | None = None,
    memo: str = "",
) -> Posted:
    """Write a balanced transaction, or find the one already written under this key.

    Debited accounts (other than the external one) are locked, in id order so two
    transactions cannot deadlock, and must not go below zero (:class:`InsufficientFunds`).
    """
    existing = find_transaction(session, idempotency_key)
    if existing is not None:
        return Posted(existing, replayed=True)
    check_balanced(legs)
    accounts = {leg.account: ensure_account(session, leg.account, clock) for leg in legs}
    debits = sorted(
        (leg for leg in legs if leg.amount_cents < 0), key=lambda leg: accounts[leg.account].id
    )
    for leg in debits:
        account = accounts[leg.account]
        if account.kind == AccountKind.EXTERNAL:
            continue
        lock_account(session, account)
        check_not_negative(
            account.kind, leg.account, balance_of(session, leg.account), leg.amount_cents
        )
    now: datetime = clock.now()
    row = LedgerTransaction(
        kind=kind,
        idempotency_key=idempotency_key,
        order_id=order_id,
        external_reference=external_reference,
        memo=memo,
        created_at=now,
        entries=[
            LedgerEntry(account_id=accounts[leg.account].id, amount_cents=leg.amount_cents)
            for leg in legs
        ],
    )
    session.add(row)
    try:
        session.flush()
    except IntegrityError as exc:  # the same key, posted concurrently and committed first
        raise Conflict(
            f"a request with the idempotency key {idempotency_key!r} was processed "
            "meanwhile; retry it to get its result"
        ) from exc
    return Posted(row, replayed=False)


@dataclass(frozen=True)
class EntryView:
    transaction_id: int
    kind: TransactionKind
    account: AccountKind
    amount_cents: int
    order_id: int | None
    memo: str
    created_at: datetime


def entries_of_user(session: Session, user_id: int, limit: int = 200) -> list[EntryView]:
    """The user's entries (balance and earnings), newest first."""
    rows = session.execute(
        select(LedgerEntry, LedgerTransaction, LedgerAccount)
        .join(LedgerTransaction, LedgerEntry.transaction_id == LedgerTransaction.id)
        .join(LedgerAccount, LedgerEntry.account_id == LedgerAccount.id)
        .where(LedgerAccount.user_id == user_id)
        .order_by(LedgerTransaction.id.desc(), LedgerEntry.id.desc())
        .limit(limit)
    ).all()
    return [
        EntryView(
            transaction_id=tx.id,
            kind=tx.kind,
            account=account.kind,
            amount_cents=entry.amount_cents,
            order_id=tx.order_id,
            memo=tx.memo,
            created_at=tx.created_at,
        )
        for entry, tx, account in rows
    ]


@dataclass(frozen=True)
class UserMoney:
    """What a user holds: the Microtache balance, seller earnings, and their entries."""

    balance_cents: int
    earnings_cents: int
    entries: list[EntryView]


def money_of_user(session: Session, user_id: int) -> UserMoney:
    return UserMoney(
        balance_cents=user_balance(session, user_id, AccountKind.BUYER_BALANCE),
        earnings_cents=user_balance(session, user_id, AccountKind.SELLER_EARNINGS),
        entries=entries_of_user(session, user_id),
    )
