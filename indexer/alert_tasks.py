"""Celery task of the alerts (see ``indexer.alerts.run_alerts``)."""

from __future__ import annotations

from indexer.alerts import run_alerts as run
from indexer.celery_app import ALERTS_EVERY, app
from indexer.tasks import worker_runtime


@app.task(name="indexer.run_alerts", expires=ALERTS_EVERY)
def run_alerts() -> dict[str, int]:
    """New approved requests matched against the sellers' alerts, then the saved searches'
    digests that are due; safe beside another worker doing the same (rows are locked)."""
    report = run(worker_runtime())
    return {
        "requests": report.requests,
        "sellers_notified": report.sellers_notified,
        "digests": report.digests,
    }
