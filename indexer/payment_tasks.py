"""Celery task of the payment sweep: refund provider charges whose order or tip never
committed, mark the rest failed (see ``marketplace_core.orders.payment_sweep``)."""

from __future__ import annotations

from functools import cache

from indexer.celery_app import PAYMENT_SWEEP_EVERY, app
from indexer.tasks import worker_runtime
from marketplace_core.orders.payment_sweep import sweep_payments
from marketplace_core.orders.payments import PaymentProvider, provider_from_setting


@cache
def worker_payments() -> PaymentProvider:
    """The configured provider (``PAYMENT_PROVIDER``), made once per worker process."""
    return provider_from_setting(worker_runtime().settings.payment_provider)


@app.task(name="indexer.settle_payment_attempts", expires=PAYMENT_SWEEP_EVERY)
def settle_payment_attempts() -> dict[str, int]:
    """Settle every payment attempt left pending past the grace period; safe beside another
    worker doing the same (each attempt is settled by one of them)."""
    runtime = worker_runtime()
    return dict(sweep_payments(runtime.sessions, runtime.clock, worker_payments()))
