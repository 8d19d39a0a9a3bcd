"""The Celery application, configured from the environment (``CELERY_BROKER_URL``)."""

from __future__ import annotations

from celery import Celery
from celery.schedules import crontab

from marketplace_core.config import Settings, get_settings

# Beat cadences, in seconds. Each run also expires after one period: when workers fall behind,
# stale runs are dropped instead of piling up (the next run does the same work).
DRAIN_EVERY = 2.0  # the sweep that catches anything a kick missed
PRESENCE_EVERY = 20.0  # at most 30 s, so the online filter follows within 60 s
SUGGESTIONS_EVERY = 3600.0
ORDER_TIMERS_EVERY = 60.0  # deadlines are days and hours: a minute late is fine
PAYMENT_SWEEP_EVERY = 300.0  # attempts settle after 15 minutes anyway
REQUEST_EXPIRY_EVERY = 600.0  # requests expire after 14 days: ten minutes late is fine
# The nightly comparison of the index with the database, repairing what differs, at a quiet
# hour (UTC); a run that could not start within the hour waits for the next night.
VERIFY_INDEX_AT = crontab(hour=3, minute=30)
VERIFY_INDEX_EXPIRES = 3600.0
INSIGHTS_RETENTION_EVERY = 3600.0  # searches are kept 90 days: an hour more is fine
ALERTS_EVERY = 60.0  # new requests reach sellers within a minute; digests are daily


def make_celery(settings: Settings) -> Celery:
    app = Celery(
        "microtache",
        include=[
            "indexer.tasks",
            "indexer.suggest_tasks",
            "indexer.order_tasks",
            "indexer.payment_tasks",
            "indexer.request_tasks",
            "indexer.insight_tasks",
            "indexer.alert_tasks",
        ],
    )
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
        beat_schedule={
            "drain-search-outbox": {
                "task": "indexer.drain_outbox",
                "schedule": DRAIN_EVERY,
                "options": {"expires": DRAIN_EVERY},
            },
            "sweep-presence": {
                "task": "indexer.sweep_presence",
                "schedule": PRESENCE_EVERY,
                "options": {"expires": PRESENCE_EVERY},
            },
            "rebuild-suggestions": {
                "task": "indexer.rebuild_suggestions",
                "schedule": SUGGESTIONS_EVERY,
                "options": {"expires": SUGGESTIONS_EVERY},
            },
            "apply-order-timers": {
                "task": "indexer.apply_order_timers",
                "schedule": ORDER_TIMERS_EVERY,
                "options": {"expires": ORDER_TIMERS_EVERY},
            },
            "settle-payment-attempts": {
                "task": "indexer.settle_payment_attempts",
                "schedule": PAYMENT_SWEEP_EVERY,
                "options": {"expires": PAYMENT_SWEEP_EVERY},
            },
            "expire-requests": {
                "task": "indexer.expire_requests",
                "schedule": REQUEST_EXPIRY_EVERY,
                "options": {"expires": REQUEST_EXPIRY_EVERY},
            },
            "verify-gig-index": {
                "task": "indexer.verify_index",
                "schedule": VERIFY_INDEX_AT,
                "options": {"expires": VERIFY_INDEX_EXPIRES},
            },
            "purge-search-insights": {
                "task": "indexer.purge_search_insights",
                "schedule": INSIGHTS_RETENTION_EVERY,
                "options": {"expires": INSIGHTS_RETENTION_EVERY},
            },
            "run-alerts": {
                "task": "indexer.run_alerts",
                "schedule": ALERTS_EVERY,
                "options": {"expires": ALERTS_EVERY},
            },
        },
    )
    return app


app = make_celery(get_settings())
