"""The one registry of periodic jobs: what runs, how often, and under which Celery task; and
the flush of the buffers each API process holds.

With a broker, Celery beat schedules every job as its task (:mod:`microtache.celery_app`,
:mod:`microtache.tasks`); without one, the API process runs every job in a loop of its own
(:mod:`microtache.background`). Each run does what is due and no more, and is safe beside
another run of the same job: a run left queued past one period is dropped instead of piling
up (the next run does the same work).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import time
from typing import Any, Generic, TypeVar

from facets.taxonomy import TAXONOMY
from indexer import sync, verify
from indexer.alerts import run_alerts
from indexer.events import purge_expired
from indexer.suggestions import rebuild_suggestions
from marketplace_core.orders import payment_sweep, timers
from marketplace_core.requests import expiry
from microtache.runtime import Runtime

R = TypeVar("R")


@dataclass(frozen=True)
class PeriodicJob(Generic[R]):
    name: str  # the beat entry, and the loop's thread
    task: str  # the Celery task, named after its domain
    every: float  # seconds between runs, and how long a queued run stays worth running
    run: Callable[[Runtime], R]  # one run; what it returns is a short report
    # The API process waits one period before its first run (starting did that work).
    first_after_period: bool = False
    # Beat runs it once a day at this UTC time (a quiet hour) rather than every ``every``
    # seconds; a run not started within ``expires`` seconds waits for the next day.
    daily_at: time | None = None
    expires: float | None = None  # how long a queued run stays worth running; default: every

    @property
    def expiry(self) -> float:
        return self.expires if self.expires is not None else self.every


def _drain(runtime: Runtime) -> dict[str, int]:
    report = sync.drain_outbox(runtime)
    return {"taken": len(report.taken), "done": report.done, "failed": report.failed}


def _suggestions(runtime: Runtime) -> dict[str, object]:
    report = rebuild_suggestions(runtime.search, runtime.names, TAXONOMY)
    return {
        "index": report.index,
        "terms": report.terms,
        "documents": report.documents,
        "dropped": report.dropped,
    }


# The sweep that catches anything a commit's wake-up missed.
DRAIN_OUTBOX = PeriodicJob("drain-search-outbox", "search.drain_outbox", 2.0, _drain)
# At most 30 s, so the online filter follows within 60 s.
SWEEP_PRESENCE = PeriodicJob("sweep-presence", "search.sweep_presence", 20.0, sync.presence_sweep)
REBUILD_SUGGESTIONS = PeriodicJob(
    "rebuild-suggestions",
    "search.rebuild_suggestions",
    3600.0,
    _suggestions,
    first_after_period=True,
)
# Deadlines are days and hours: a minute late is fine (R-ORD-3, R-ORD-5, R-DIS-2).
APPLY_ORDER_TIMERS = PeriodicJob(
    "apply-order-timers",
    "orders.apply_timers",
    60.0,
    lambda runtime: dict(timers.sweep_until_done(runtime.sessions, runtime.clock)),
)
# Attempts settle after 15 minutes anyway.
SETTLE_PAYMENT_ATTEMPTS = PeriodicJob(
    "settle-payment-attempts",
    "orders.settle_payment_attempts",
    300.0,
    lambda runtime: dict(
        payment_sweep.sweep_payments(runtime.sessions, runtime.clock, runtime.payments)
    ),
)
# Requests expire after 14 days: ten minutes late is fine (R-REQ-5).
EXPIRE_REQUESTS = PeriodicJob(
    "expire-requests",
    "requests.expire",
    600.0,
    lambda runtime: expiry.sweep_until_done(runtime.sessions, runtime.clock),
)


def _verify_index(runtime: Runtime) -> dict[str, int]:
    report = verify.verify_and_repair(runtime.search, runtime.engine, runtime.names)
    return {
        "differences": len(report.differences),
        "repaired": report.repaired,
        "pending": report.pending,
    }


def _purge_insights(runtime: Runtime) -> dict[str, int]:
    report = purge_expired(
        runtime.search, runtime.names, runtime.clock, runtime.settings.insights_retention_days
    )
    return {"searches": report.searches, "events": report.events}


# The index compared with the database, what differs rewritten: nightly in beat, daily (a day
# after start) in the API process.
VERIFY_GIG_INDEX = PeriodicJob(
    "verify-gig-index",
    "search.verify_index",
    86400.0,
    _verify_index,
    first_after_period=True,
    daily_at=time(3, 30),
    expires=3600.0,
)
# Searches and search events are kept INSIGHTS_RETENTION_DAYS (90): an hour more is fine.
PURGE_SEARCH_INSIGHTS = PeriodicJob(
    "purge-search-insights", "insights.purge_expired", 3600.0, _purge_insights
)


def _alerts(runtime: Runtime) -> dict[str, int]:
    report = run_alerts(runtime)
    return {
        "requests": report.requests,
        "sellers_notified": report.sellers_notified,
        "digests": report.digests,
    }


# New approved requests reach sellers within a minute; each saved search's digest is daily.
RUN_ALERTS = PeriodicJob("run-alerts", "alerts.run", 60.0, _alerts)

JOBS: tuple[PeriodicJob[Any], ...] = (
    DRAIN_OUTBOX,
    SWEEP_PRESENCE,
    REBUILD_SUGGESTIONS,
    APPLY_ORDER_TIMERS,
    SETTLE_PAYMENT_ATTEMPTS,
    EXPIRE_REQUESTS,
    VERIFY_GIG_INDEX,
    PURGE_SEARCH_INSIGHTS,
    RUN_ALERTS,
)


@dataclass(frozen=True)
class BufferFlush:
    """A flush every API process makes of its own buffers, with a broker or without: never a
    task (the buffers are the process's), and once more at shutdown."""

    name: str
    every: float


# The searches and search events the API buffered, written in bulk.
FLUSH_SEARCH_LOG = BufferFlush("flush-search-log", 5.0)
