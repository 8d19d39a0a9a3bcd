"""A real Celery worker on a real Redis broker runs the indexer's tasks."""

from __future__ import annotations

import time

from celery.contrib.testing.worker import start_worker
from sqlalchemy.orm import Session

from marketplace_core.config import Settings
from microtache.celery_app import app, make_celery
from microtache.runtime import Runtime
from microtache.tasks.search import rebuild_gig_index
from tests.factories import create_gig, create_seller


def test_celery_is_configured_from_the_environment() -> None:
    settings = Settings(CELERY_BROKER_URL="redis://broker.example:6379/3")
    configured = make_celery(settings)
    assert configured.conf.broker_url == "redis://broker.example:6379/3"
    assert configured.conf.task_acks_late is True


def test_a_worker_rebuilds_the_index_from_the_database(runtime: Runtime, worker_env: None) -> None:
    with Session(runtime.engine) as session, session.begin():
        create_gig(session, seller=create_seller(session, clock=runtime.clock), clock=runtime.clock)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        rebuild_gig_index.delay()
        deadline = time.monotonic() + 60
        while not runtime.search.indices.exists_alias(name=runtime.names.gigs):
            assert time.monotonic() < deadline, "the worker never rebuilt the index"
            time.sleep(0.2)
    assert runtime.search.count(index=runtime.names.gigs)["count"] == 1
