"""Payment attempts over plain values: their statuses, when one is stale, how to settle it.
No I/O.

An attempt is recorded (and committed) before the provider is charged, and marked captured
in the same transaction as the ledger entries of the payment. One still pending after the
grace period belongs to a transaction that never committed: what the provider took for it is
given back.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

# Longer than any request may take: an attempt younger than this may still be committing.
SETTLE_AFTER = timedelta(minutes=15)


class AttemptStatus(StrEnum):
    PENDING = "pending"  # recorded; the charge and the ledger entries not committed (yet)
    CAPTURED = "captured"  # committed with the ledger entries (charged_cents may be 0)
    REFUNDED = "refunded"  # charged, never committed: given back through the provider
    FAILED = "failed"  # never committed and nothing charged


class Settlement(StrEnum):
    CAPTURED = "captured"
    REFUND = "refund"
    FAIL = "fail"


def is_stale(created_at: datetime, now: datetime) -> bool:
    return now - created_at >= SETTLE_AFTER


def settlement(*, posted_in_ledger: bool, charged_by_provider: bool) -> Settlement:
    """What a stale pending attempt becomes. The ledger wins: a payment that committed keeps
    its money, whatever the attempt row says."""
    if posted_in_ledger:
        return Settlement.CAPTURED
    if charged_by_provider:
        return Settlement.REFUND
    return Settlement.FAIL


def charge_key(idempotency_key: str, attempt_number: int) -> str:
    """The provider's key for one attempt: a retry after a refund charges anew, under a key
    the refunded charge does not answer to."""
    base = f"{idempotency_key}:charge"
    return base if attempt_number == 1 else f"{base}:{attempt_number}"
