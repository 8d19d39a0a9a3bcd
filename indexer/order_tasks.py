"""Celery task of the order timers: late, very late, auto-completion, unanswered
cancellation requests, review and tip windows (see ``marketplace_core.orders.timers``)."""

from __future__ import annotations

from indexer.celery_app import ORDER_TIMERS_EVERY, app
from indexer.tasks import worker_runtime
from marketplace_core.orders.timers import sweep_until_done


@app.task(name="indexer.apply_order_timers", expires=ORDER_TIMERS_EVERY)
def apply_order_timers() -> dict[str, int]:
    """Apply every order deadline that has passed; safe beside another worker doing the same
    (each order is taken by one of them)."""
    runtime = worker_runtime()
    return dict(sweep_until_done(runtime.sessions, runtime.clock))
