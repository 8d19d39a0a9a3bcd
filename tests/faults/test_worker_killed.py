"""A Celery worker SIGKILLed in the middle of a drain, on a real Redis broker: nothing is lost.

The drain deletes outbox rows in the transaction that took them, once their writes landed; a
worker killed mid-batch takes that transaction with it (PostgreSQL rolls it back), so the
rows are still there, and the writes it did send are sent again under the same versions
(the node answers 409 for those: done). Tasks are acknowledged late and rejected when their
pool process dies, so the broker gives the killed drain to the next pool process at once
(unless it expired meanwhile: beat's next run then drains); a worker killed outright leaves
its drain to the next run beat sends.
"""

from __future__ import annotations

import os
import signal
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from kombu import Connection
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from indexer.client import IndexNames, make_client
from indexer.verify import verify_index
from marketplace_core.catalog.enums import GigStatus
from marketplace_core.catalog.models import Gig
from marketplace_core.clock import SystemClock
from marketplace_core.config import Settings
from marketplace_core.db import make_engine, make_sessionmaker
from marketplace_core.demo.seed import seed_catalog
from marketplace_core.migrate import upgrade
from marketplace_core.outbox import SearchOutbox
from microtache.bootstrap import reindex
from microtache.runtime import Runtime
from tests.faults.harness import Process, Redis, engine_env, eventually, worker

GIGS = 300
ROUNDS = 12  # every gig changed this many times: GIGS * ROUNDS outbox rows
WORKER_APP = "fault-worker"  # the worker's connections, as PostgreSQL lists them


@pytest.fixture
def redis_broker(workdir: Path) -> Iterator[Redis]:
    server = Redis(workdir)
    server.start()
    yield server
    server.kill()


@pytest.fixture
def runtime(postgres_db_url: str, opensearch_url: str, workdir: Path) -> Iterator[Runtime]:
    settings = Settings(
        MICROTACHE_DATA_DIR=workdir / "data",
        DATABASE_URL=postgres_db_url,
        OPENSEARCH_URL=opensearch_url,
    )
    engine = make_engine(postgres_db_url)
    upgrade(engine)
    client = make_client(opensearch_url, settings)
    found = Runtime(
        settings=settings,
        engine=engine,
        sessions=make_sessionmaker(engine),
        search=client,
        opensearch_url=opensearch_url,
        names=IndexNames(f"fault_{uuid.uuid4().hex[:8]}"),
        clock=SystemClock(),  # the worker's
    )
    seed_catalog(engine, gigs=GIGS, seed=9, clock=found.clock, progress=False)
    reindex(found, progress=False)
    yield found
    client.indices.delete(
        index=f"{found.names.prefix}_*", ignore_unavailable=True, expand_wildcards="all"
    )
    client.close()
    engine.dispose()


def change_every_gig(runtime: Runtime, rounds: int) -> None:
    """``rounds`` transactions, each retitling every active gig: one outbox row per gig each."""
    for n in range(rounds):
        with Session(runtime.engine) as session, session.begin():
            for gig in session.scalars(select(Gig).where(Gig.status == GigStatus.ACTIVE)):
                gig.title = f"Je vais créer votre logo, passage {n} du gig {gig.id}"


def outbox_rows(runtime: Runtime) -> int:
    with runtime.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(SearchOutbox)) or 0)


def mid_drain(runtime: Runtime, total: int) -> bool:
    """Some batches of the drain committed, and a worker's transaction holds row locks: the
    next batch is between its take and its commit."""
    query = text(
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE application_name = :name AND backend_xid IS NOT NULL"
    )
    with runtime.engine.connect() as conn:
        return bool(conn.scalar(query, {"name": WORKER_APP})) and outbox_rows(runtime) < total


def queue_drain(broker_url: str) -> None:
    """What beat sends every two seconds, sent through the broker like beat does."""
    from microtache.celery_app import app
    from microtache.jobs import DRAIN_OUTBOX

    with Connection(broker_url) as connection:
        app.send_task(DRAIN_OUTBOX.task, connection=connection)


def as_beat_sends(broker_url: str, check: Callable[[], bool]) -> Callable[[], bool]:
    """``check``, a drain sent before it every two seconds as beat does, each expiring two
    seconds later: on a loaded machine a worker still starting, or restarting its pool, can
    let one expire, and the next one drains."""
    sent = [-2.0]

    def checked() -> bool:
        if time.monotonic() - sent[0] >= 2:
            queue_drain(broker_url)
            sent[0] = time.monotonic()
        return check()

    return checked


def wait_as_beat_drains(broker_url: str, what: str, by: Process, check: Callable[[], bool]) -> None:
    try:
        eventually(what, as_beat_sends(broker_url, check))
    except AssertionError as failed:
        raise AssertionError(f"{failed}\n{by.tail()}") from None


def in_sync(runtime: Runtime) -> bool:
    report = verify_index(runtime.search, runtime.engine, runtime.names, progress=False)
    return not report.differences and not report.pending


def test_a_worker_killed_mid_drain_loses_nothing(
    runtime: Runtime, redis_broker: Redis, workdir: Path
) -> None:
    sep = "&" if "?" in runtime.settings.sqlalchemy_url else "?"
    env = engine_env(
        workdir,
        DATABASE_URL=f"{runtime.settings.sqlalchemy_url}{sep}application_name={WORKER_APP}",
        OPENSEARCH_URL=runtime.opensearch_url,
        OPENSEARCH_INDEX_PREFIX=runtime.names.prefix,
        CELERY_BROKER_URL=redis_broker.url,
    )
    change_every_gig(runtime, ROUNDS)
    total = outbox_rows(runtime)
    assert total == GIGS * ROUNDS

    def in_progress() -> bool:
        return mid_drain(runtime, total)

    def empty() -> bool:
        return outbox_rows(runtime) == 0

    # 1. The pool process running the drain is killed: the worker hands the task back to
    #    its next pool process, or, when the kill came after the drain's expiry (two seconds
    #    after beat sent it: a slow machine), beat's next run drains the rest.
    first = worker(workdir, env, "worker-1")
    first.start()
    try:
        wait_as_beat_drains(redis_broker.url, "no drain in progress", first, in_progress)
        (pool,) = first.children()
        os.kill(pool, signal.SIGKILL)
        left = outbox_rows(runtime)
        assert left > 0, "the drain had finished before the kill"
        wait_as_beat_drains(redis_broker.url, "the killed drain was never run again", first, empty)
        assert "signal 9 (SIGKILL)" in first.tail(20_000)
        assert in_sync(runtime)

        # 2. The whole worker is killed mid-drain; a new one takes over at the next run.
        change_every_gig(runtime, ROUNDS)
        wait_as_beat_drains(redis_broker.url, "no drain in progress", first, in_progress)
        first.kill_all()
    finally:
        first.stop()
    held = outbox_rows(runtime)
    assert held > 0, "the drain had finished before the kill"
    second = worker(workdir, env, "worker-2")
    second.start()
    try:
        wait_as_beat_drains(redis_broker.url, "the outbox was never drained", second, empty)
    finally:
        second.stop()
    assert in_sync(runtime)
    print(
        f"\n{total} rows; pool process killed with {left} left, then the worker with {held} "
        "left: every row drained, the index equals the database"
    )
