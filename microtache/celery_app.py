"""The Celery application, configured from the environment (``CELERY_BROKER_URL``), its beat
schedule made from :data:`microtache.jobs.JOBS`, and the runtime each worker process holds."""

from __future__ import annotations

import threading
from dataclasses import asdict
from typing import TypeVar

from celery import Celery, Task
from celery.schedules import crontab
from celery.signals import worker_process_shutdown

from marketplace_core.config import Settings, get_settings
from marketplace_core.notifications.emails import EmailMessage
from microtache.jobs import JOBS, PeriodicJob
from microtache.runtime import Runtime, build_runtime

R = TypeVar("R")

TASK_MODULES = [
    "microtache.tasks.search",
    "microtache.tasks.orders",
    "microtache.tasks.requests",
    "microtache.tasks.insights",
    "microtache.tasks.alerts",
    "microtache.tasks.notifications",
]


def make_celery(settings: Settings) -> Celery:
    app = Celery("microtache", include=TASK_MODULES)
    app.conf.update(
        broker_url=settings.celery_broker_url,
        # Results are not read; tasks report through the database and the index.
        task_ignore_result=True,
        # A task is acknowledged once done, so one whose worker dies mid-way is delivered
        # again: a killed pool process at once (reject_on_worker_lost), a killed worker when
        # the broker's visibility timeout passes. Every task is safe to run twice (the drain
        # deletes outbox rows only once their writes landed, and writes are versioned).
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_serializer="json",
        accept_content=["json"],
        timezone="UTC",
        broker_connection_retry_on_startup=True,
        # Each run also expires (after one period by default): when workers fall behind,
        # stale runs are dropped instead of piling up.
        beat_schedule={
            job.name: {
                "task": job.task,
                "schedule": beat_schedule(job),
                "options": {"expires": job.expiry},
            }
            for job in JOBS
        },
    )
    return app


def beat_schedule(job: PeriodicJob[object]) -> float | crontab:
    if job.daily_at is not None:
        return crontab(hour=job.daily_at.hour, minute=job.daily_at.minute)
    return job.every


app = make_celery(get_settings())

EMAIL_TASK = "notifications.send_email"


class EmailTaskSender:
    """Queues each committed e-mail as a task for a worker to send."""

    def send(self, message: EmailMessage) -> None:
        app.send_task(EMAIL_TASK, kwargs=asdict(message))


_runtime: Runtime | None = None
_runtime_lock = threading.Lock()


def worker_runtime() -> Runtime:
    """One runtime per worker process (tasks every few seconds reuse its pools), rebuilt when
    the settings are reloaded."""
    global _runtime
    settings = get_settings()
    with _runtime_lock:
        if _runtime is None or _runtime.settings is not settings:
            if _runtime is not None:
                _runtime.close()
            _runtime = build_runtime(settings, emails=EmailTaskSender())
        return _runtime


@worker_process_shutdown.connect
def _close_runtime(**_: object) -> None:
    global _runtime
    with _runtime_lock:
        if _runtime is not None:
            _runtime.close()
            _runtime = None


def periodic_task(job: PeriodicJob[R]) -> Task[[], R]:
    """The task that runs ``job`` once in this worker; queued by hand, it expires like the
    beat's runs."""

    def run() -> R:
        return job.run(worker_runtime())

    run.__doc__ = job.run.__doc__
    task: Task[[], R] = app.task(name=job.task, expires=job.expiry)(run)
    return task
