"""What the search side counts for ``/metrics``: time spent awaiting OpenSearch, background
loop runs and failures, outbox rows whose sync failed.

Counters live in the process that does the work (the API process without a broker, the
Celery worker with one). The time awaited is added to the :class:`OpenSearchTime` of the
current context, which the API opens per request to split a search's latency.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass

from prometheus_client import Counter


@dataclass
class OpenSearchTime:
    seconds: float = 0.0
    requests: int = 0


_current: ContextVar[OpenSearchTime | None] = ContextVar("opensearch_time", default=None)


def measure_opensearch() -> OpenSearchTime:
    """Start adding up, for the current context (one request), the time awaited on OpenSearch."""
    spent = OpenSearchTime()
    _current.set(spent)
    return spent


def add_opensearch_time(seconds: float) -> None:
    spent = _current.get()
    if spent is not None:
        spent.seconds += seconds
        spent.requests += 1


LOOP_RUNS = Counter(
    "microtache_background_runs", "Runs of a background loop (drain, sweeps), by loop", ["loop"]
)
LOOP_FAILURES = Counter(
    "microtache_background_failures",
    "Runs of a background loop that raised (retried at the next run), by loop",
    ["loop"],
)
DRAIN_ERRORS = Counter(
    "microtache_outbox_drain_errors",
    "Outbox rows a drain could not sync, kept for a retry",
)
