"""Celery task of the search insight's retention (see ``indexer.events.purge_expired``)."""

from __future__ import annotations

from indexer.celery_app import INSIGHTS_RETENTION_EVERY, app
from indexer.events import purge_expired
from indexer.tasks import worker_runtime


@app.task(name="indexer.purge_search_insights", expires=INSIGHTS_RETENTION_EVERY)
def purge_search_insights() -> dict[str, int]:
    """Delete the searches and search events older than ``INSIGHTS_RETENTION_DAYS``; safe
    beside another worker doing the same."""
    runtime = worker_runtime()
    report = purge_expired(
        runtime.search, runtime.names, runtime.clock, runtime.settings.insights_retention_days
    )
    return {"searches": report.searches, "events": report.events}
