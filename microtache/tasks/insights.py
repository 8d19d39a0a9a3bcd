"""Celery task of the search insight: its retention (searches and search events older than
``INSIGHTS_RETENTION_DAYS`` deleted; see ``indexer.events.purge_expired``), safe beside another
worker doing the same."""

from __future__ import annotations

from microtache import jobs
from microtache.celery_app import periodic_task

purge_expired = periodic_task(jobs.PURGE_SEARCH_INSIGHTS)
