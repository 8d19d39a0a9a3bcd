"""The Celery application, configured from the environment (``CELERY_BROKER_URL``)."""

from __future__ import annotations

from celery import Celery

from marketplace_core.config import Settings, get_settings


def make_celery(settings: Settings) -> Celery:
    app = Celery("microtache", include=["indexer.tasks"])
    app.conf.update(
        broker_url=settings.celery_broker_url,
        # Results are not read; tasks report through the database and the index.
        task_ignore_result=True,
        task_acks_late=True,  # a task killed mid-way is redelivered
        worker_prefetch_multiplier=1,
        task_serializer="json",
        accept_content=["json"],
        timezone="UTC",
        broker_connection_retry_on_startup=True,
        beat_schedule={},
    )
    return app


app = make_celery(get_settings())
