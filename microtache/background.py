"""The periodic work done inside the API process by ``microtache up``.

Without a broker (the embedded default) nothing else does it: a daemon thread per job of
:data:`microtache.jobs.JOBS` runs it at its cadence, and the outbox drain also at once after a
commit that wrote outbox rows. With a broker, the worker and beat run the jobs; the API
process only queues a drain right after such a commit (at most one a second), so a change is
searchable within about two seconds. In both cases the process writes its buffered searches
and search events every few seconds (:data:`microtache.jobs.FLUSH_SEARCH_LOG`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from indexer.metrics import LOOP_FAILURES, LOOP_RUNS
from marketplace_core.outbox import add_commit_listener, remove_commit_listener
from microtache.jobs import DRAIN_OUTBOX, FLUSH_SEARCH_LOG, JOBS, PeriodicJob
from microtache.runtime import Runtime

log = logging.getLogger(__name__)

KICK_GAP = 1.0


class Buffered(Protocol):
    def flush(self) -> int: ...


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


def job_loop(job: PeriodicJob[Any], runtime: Runtime) -> Loop:
    return Loop(
        job.name,
        lambda: job.run(runtime),
        every=job.every,
        first_after_period=job.first_after_period,
    )


@contextmanager
def sync_in_background(runtime: Runtime, search_log: Buffered) -> Iterator[list[Loop]]:
    """The loops this process needs, running for the block's duration; the first one is
    woken by each commit that wrote outbox rows. ``search_log``: the process's buffered
    search events (which write their searches first)."""
    if runtime.settings.celery_broker_url:
        loops = [Loop("search-drain-kick", _queue_drain, every=None, gap=KICK_GAP)]
    else:
        loops = [
            job_loop(job, runtime)
            for job in (DRAIN_OUTBOX, *(j for j in JOBS if j is not DRAIN_OUTBOX))
        ]
    wake = loops[0].wake
    loops.append(
        Loop(
            FLUSH_SEARCH_LOG.name,
            search_log.flush,
            every=FLUSH_SEARCH_LOG.every,
            first_after_period=True,
        )
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
    from microtache.tasks.search import drain_outbox  # the API needs no task module otherwise

    drain_outbox.apply_async()
