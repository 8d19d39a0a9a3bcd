"""The sync work done inside the API process by ``microtache up``.

Without a broker (the embedded default) nothing else does it: daemon threads drain the search
outbox every second, and at once after a commit that wrote outbox rows, sweep presence every
20 s, rebuild the autocomplete suggestions every hour, apply the order timers every minute,
expire buyer requests every ten minutes, delete searches and search events past their
retention every hour, and compare the index with the database (repairing it) every day. With
a broker, the worker and beat do that work; the API process only queues a drain right after
such a commit (at most one a second), so a change is searchable within about two seconds. In
both cases the process writes its buffered searches and search events every few seconds.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Protocol

from indexer import sync, verify
from indexer.alerts import run_alerts
from indexer.events import purge_expired
from indexer.metrics import LOOP_FAILURES, LOOP_RUNS
from indexer.runtime import Runtime
from indexer.suggestions import rebuild_suggestions
from marketplace_core.orders.payment_sweep import sweep_payments
from marketplace_core.orders.payments import PaymentProvider, provider_from_setting
from marketplace_core.orders.timers import sweep_until_done
from marketplace_core.outbox import add_commit_listener, remove_commit_listener
from marketplace_core.requests import expiry as request_expiry

log = logging.getLogger(__name__)


class Buffered(Protocol):
    def flush(self) -> int: ...


DRAIN_EVERY = 1.0
PRESENCE_EVERY = 20.0
KICK_GAP = 1.0
QUERYLOG_EVERY = 5.0
SUGGESTIONS_EVERY = 3600.0
ORDER_TIMERS_EVERY = 60.0
PAYMENT_SWEEP_EVERY = 300.0
REQUEST_EXPIRY_EVERY = 600.0
VERIFY_INDEX_EVERY = 86400.0  # a day after start, then daily
INSIGHTS_RETENTION_EVERY = 3600.0
ALERTS_EVERY = 60.0


class Loop:
    """Runs ``action`` in a daemon thread at start and every ``every`` seconds, or, with
    ``every=None``, only when woken; always as soon as woken, with ``gap`` seconds at least
    between two runs. An error is logged and the loop goes on: the next run retries."""

    def __init__(
        self,
        name: str,
        action: Callable[[], object],
        *,
        every: float | None,
        gap: float = 0.0,
        first_after_period: bool = False,
    ) -> None:
        self.name = name
        self.action = action
        self.every = every
        self.gap = gap
        self.first_after_period = first_after_period
        self.runs = 0
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        self._stopping.set()
        self._wake.set()
        self._thread.join(timeout)

    def is_alive(self) -> bool:
        return self._thread.is_alive()

    def _run(self) -> None:
        # A periodic loop runs at once (unless told to wait a period), the others when woken.
        waiting = self.every is None or self.first_after_period
        while True:
            if waiting:
                self._wake.wait(self.every)
            waiting = True
            if self._stopping.is_set():
                return
            self._wake.clear()  # a wake-up during the run means: run again
            try:
                self.action()
            except Exception:
                LOOP_FAILURES.labels(self.name).inc()
                log.exception("%s failed; retrying at the next run", self.name)
            self.runs += 1
            LOOP_RUNS.labels(self.name).inc()
            if self.gap and self._stopping.wait(self.gap):
                return


@contextmanager
def sync_in_background(
    runtime: Runtime, query_log: Buffered, payments: PaymentProvider | None = None
) -> Iterator[list[Loop]]:
    """The loops this process needs, running for the block's duration. ``query_log``: the
    process's buffered searches (or its search events, which write their searches first).
    ``payments`` is the
    provider the API charges through (the payment sweep asks it about unsettled charges);
    by default, one made from ``PAYMENT_PROVIDER``."""
    if runtime.settings.celery_broker_url:
        loops = [Loop("search-drain-kick", _queue_drain, every=None, gap=KICK_GAP)]
    else:
        provider = payments or provider_from_setting(runtime.settings.payment_provider)
        loops = [
            Loop("search-drain", lambda: sync.drain_outbox(runtime), every=DRAIN_EVERY),
            Loop("presence-sweep", lambda: sync.presence_sweep(runtime), every=PRESENCE_EVERY),
            # prepare() built them at start; from then on, hourly.
            Loop(
                "suggestions",
                lambda: rebuild_suggestions(runtime.search, runtime.names),
                every=SUGGESTIONS_EVERY,
                first_after_period=True,
            ),
            Loop(
                "order-timers",
                lambda: sweep_until_done(runtime.sessions, runtime.clock),
                every=ORDER_TIMERS_EVERY,
            ),
            Loop(
                "payment-sweep",
                lambda: sweep_payments(runtime.sessions, runtime.clock, provider),
                every=PAYMENT_SWEEP_EVERY,
            ),
            Loop(
                "request-expiry",
                lambda: request_expiry.sweep_until_done(runtime.sessions, runtime.clock),
                every=REQUEST_EXPIRY_EVERY,
            ),
            Loop(
                "verify-index",
                lambda: verify.verify_and_repair(runtime.search, runtime.engine, runtime.names),
                every=VERIFY_INDEX_EVERY,
                first_after_period=True,
            ),
            Loop(
                "insights-retention",
                lambda: purge_expired(
                    runtime.search,
                    runtime.names,
                    runtime.clock,
                    runtime.settings.insights_retention_days,
                ),
                every=INSIGHTS_RETENTION_EVERY,
            ),
            Loop("alerts", lambda: run_alerts(runtime), every=ALERTS_EVERY),
        ]
    wake = loops[0].wake
    loops.append(
        Loop("querylog-flush", query_log.flush, every=QUERYLOG_EVERY, first_after_period=True)
    )
    for loop in loops:
        loop.start()
    add_commit_listener(wake)
    try:
        yield loops
    finally:
        remove_commit_listener(wake)
        for loop in loops:
            loop.stop()


def _queue_drain() -> None:
    from indexer.tasks import drain_outbox  # the API process needs no task module otherwise

    drain_outbox.apply_async()
