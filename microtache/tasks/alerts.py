"""Celery task of the alerts: new approved buyer requests matched against the sellers'
alerts, then the saved searches' digests that are due (see ``indexer.alerts.run_alerts``);
safe beside another worker doing the same (the rows it takes are locked)."""

from __future__ import annotations

from microtache import jobs
from microtache.celery_app import periodic_task

run_alerts = periodic_task(jobs.RUN_ALERTS)
