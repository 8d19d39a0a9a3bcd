"""Celery task of buyer requests: expire those 14 days without new activity (R-REQ-5; see
``marketplace_core.requests.expiry``); safe beside another worker doing the same."""

from __future__ import annotations

from microtache import jobs
from microtache.celery_app import periodic_task

expire = periodic_task(jobs.EXPIRE_REQUESTS)
