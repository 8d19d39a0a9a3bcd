"""Celery tasks of orders: the timers (late, very late, auto-completion, unanswered
cancellation requests, review and tip windows; see ``marketplace_core.orders.timers``) and the
payment sweep (refund provider charges whose order or tip never committed; see
``marketplace_core.orders.payment_sweep``). Each is safe beside another worker doing the same."""

from __future__ import annotations

from microtache import jobs
from microtache.celery_app import periodic_task

apply_timers = periodic_task(jobs.APPLY_ORDER_TIMERS)
settle_payment_attempts = periodic_task(jobs.SETTLE_PAYMENT_ATTEMPTS)
