"""Celery task of the buyer requests' expiry (R-REQ-5; see
``marketplace_core.requests.expiry``)."""

from __future__ import annotations

from indexer.celery_app import REQUEST_EXPIRY_EVERY, app
from indexer.tasks import worker_runtime
from marketplace_core.requests.expiry import sweep_until_done


@app.task(name="indexer.expire_requests", expires=REQUEST_EXPIRY_EVERY)
def expire_requests() -> int:
    """Expire every request 14 days without new activity; safe beside another worker
    doing the same (each request is taken by one of them)."""
    runtime = worker_runtime()
    return sweep_until_done(runtime.sessions, runtime.clock)
