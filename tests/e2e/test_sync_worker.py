"""Changes reach search without anyone asking: through a real Celery worker on Redis, and
through the loops `microtache up` runs when there is no broker."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from typing import Any

import pytest
from celery.contrib.testing.worker import start_worker
from sqlalchemy.orm import Session

from indexer.querylog import QueryLog
from marketplace_core.catalog.models import Gig, Seller
from marketplace_core.clock import SystemClock
from microtache.background import sync_in_background
from microtache.bootstrap import reindex
from microtache.celery_app import app
from microtache.jobs import JOBS
from microtache.runtime import Runtime
from microtache.tasks.search import drain_outbox, sweep_presence
from tests.factories import create_gig, create_seller

DEADLINE_SECONDS = 60


def eventually(what: str, check: Callable[[], bool]) -> None:
    deadline = time.monotonic() + DEADLINE_SECONDS
    while not check():
        assert time.monotonic() < deadline, what
        time.sleep(0.1)


def matches(runtime: Runtime, query: dict[str, Any]) -> Callable[[], bool]:
    def check() -> bool:
        runtime.search.indices.refresh(index=runtime.names.gigs)
        return bool(runtime.search.count(index=runtime.names.gigs, body={"query": query})["count"])

    return check


@pytest.fixture
def gig_id(runtime: Runtime) -> int:
    with Session(runtime.engine) as session, session.begin():
        gig = create_gig(
            session, seller=create_seller(session, clock=runtime.clock), clock=runtime.clock
        )
        result = gig.id
    reindex(runtime, progress=False)
    return result


def retitle(runtime: Runtime, gig_id: int, title: str) -> None:
    with Session(runtime.engine) as session, session.begin():
        session.get_one(Gig, gig_id).title = title


def test_a_worker_drains_a_committed_change(
    runtime: Runtime, gig_id: int, worker_env: None
) -> None:
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        retitle(runtime, gig_id, "Je vais créer un logo drainé par le worker")
        drain_outbox.delay()  # what beat sends every two seconds
        eventually("the worker never drained", matches(runtime, {"match": {"title": "drainé"}}))


def test_the_api_process_kicks_the_worker_after_a_commit(
    runtime: Runtime, gig_id: int, worker_env: None, redis_url: str
) -> None:
    settings = runtime.settings.model_copy(update={"celery_broker_url": redis_url})
    api = dataclasses.replace(runtime, settings=settings)
    with (
        start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30),
        sync_in_background(api, QueryLog(api.search, api.names, clock=api.clock)) as loops,
    ):
        assert [loop.name for loop in loops] == ["search-drain-kick", "flush-search-log"]
        assert loops[0].runs == 0  # no task queued but by the commit below
        retitle(runtime, gig_id, "Je vais créer un logo annoncé au worker")
        eventually(
            "no drain followed the commit", matches(runtime, {"match": {"title": "annoncé"}})
        )
    assert not loops[0].is_alive()


def test_a_worker_sweeps_presence_and_the_online_flag_follows(
    runtime: Runtime, gig_id: int, worker_env: None
) -> None:
    with Session(runtime.engine) as session, session.begin():
        seller = session.get_one(Gig, gig_id).seller
        seller.last_seen_at = SystemClock().now()  # the worker runs on the system clock
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        sweep_presence.delay()
        eventually("never online", matches(runtime, {"term": {"seller.online": True}}))
    with Session(runtime.engine) as session:
        assert session.get_one(Gig, gig_id).seller.search_online


def test_without_a_broker_the_api_process_drains_and_sweeps_itself(
    runtime: Runtime, gig_id: int
) -> None:
    settings = runtime.settings.model_copy(update={"celery_broker_url": None})
    embedded = dataclasses.replace(runtime, settings=settings)
    with Session(runtime.engine) as session, session.begin():
        seller = session.get_one(Gig, gig_id).seller
        seller.last_seen_at = runtime.clock.now()
        seller_id = seller.id
    with sync_in_background(
        embedded, QueryLog(embedded.search, embedded.names, clock=embedded.clock)
    ) as loops:
        # One loop per job of the registry, the drain first (commits wake it).
        assert [loop.name for loop in loops] == [
            "drain-search-outbox",
            "sweep-presence",
            "rebuild-suggestions",
            "apply-order-timers",
            "settle-payment-attempts",
            "expire-requests",
            "verify-gig-index",
            "purge-search-insights",
            "run-alerts",
            "flush-search-log",
        ]
        assert [loop.every for loop in loops[:-1]] == [job.every for job in JOBS]
        # The sweep at start flips the seller online; the drain sends it.
        eventually("never online", matches(runtime, {"term": {"seller.online": True}}))
        retitle(runtime, gig_id, "Je vais créer un logo servi sans courtier")
        eventually("never drained", matches(runtime, {"match": {"title": "courtier"}}))
    assert not any(loop.is_alive() for loop in loops)
    with Session(runtime.engine) as session:
        assert session.get_one(Seller, seller_id).search_online
