"""Ledger tables: accounts, transactions, entries (integer cents)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace_core.db import Base, UTCDateTime, string_enum
from marketplace_core.ledger.rules import AccountKind, TransactionKind


class LedgerAccount(Base):
    __tablename__ = "ledger_accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    # account_key(): "buyer_balance:12", "escrow"; unique, so each account exists once.
    key: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[AccountKind] = mapped_column(string_enum(AccountKind, "ledger_account_kind"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    # Bumped by every debit before the balance is summed: the UPDATE locks the row until
    # commit (PostgreSQL) or takes the write lock (SQLite), so two debits cannot both see the
    # same balance.
    lock_version: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class LedgerTransaction(Base):
    __tablename__ = "ledger_transactions"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[TransactionKind] = mapped_column(string_enum(TransactionKind, "ledger_tx_kind"))
    # Unique: a retried request with the same key finds its transaction and moves nothing.
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    # The payment provider's reference of a payment in.
    external_reference: Mapped[str | None] = mapped_column(String(200))
    memo: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    entries: Mapped[list[LedgerEntry]] = relationship(
        back_populates="transaction", order_by="LedgerEntry.id"
    )


class LedgerEntry(Base):
    __tablename__ = "ledger_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    transaction_id: Mapped[int] = mapped_column(ForeignKey("ledger_transactions.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("ledger_accounts.id"), index=True)
    amount_cents: Mapped[int] = mapped_column(Integer)  # signed: + credit, - debit

    transaction: Mapped[LedgerTransaction] = relationship(back_populates="entries")

    __table_args__ = (CheckConstraint("amount_cents <> 0", name="amount_not_zero"),)
