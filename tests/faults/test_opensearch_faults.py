"""The node fails under the engine: SIGKILLed in the middle of a stream of catalog changes and
started again, or its disk past the flood-stage watermark. Nothing the database committed is
lost: once the drain catches up, the index equals the database, as `verify-index` compares.

A node of this module's own (the session's serves every other test), on a fixed port so that
it comes back at the same address, as a restarted server does. The drain's retry backoff runs
on the injected clock: the test moves it on instead of waiting minutes.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from opensearchpy import OpenSearch
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from indexer.client import IndexNames, make_client
from indexer.gig_source import iter_active_parts
from indexer.opensearch_local import LocalOpenSearch
from indexer.opensearch_local.launcher import free_fixed_ports
from indexer.querylog import QueryLog
from indexer.status import write_blocks
from indexer.sync import RETRY_MAX, drain_outbox
from indexer.verify import verify_index
from marketplace_core.catalog.enums import GigStatus, SellerLevel
from marketplace_core.catalog.models import Gig, Seller
from marketplace_core.clock import ManualClock
from marketplace_core.config import Settings
from marketplace_core.db import make_engine, make_sessionmaker
from marketplace_core.demo.seed import seed_catalog
from marketplace_core.migrate import upgrade
from marketplace_core.outbox import SearchOutbox
from microtache.background import sync_in_background
from microtache.bootstrap import reindex
from microtache.runtime import Runtime
from search_api.app import create_app
from tests.conftest import START
from tests.faults.harness import eventually

GIGS = 400
UPDATES = 1000
# The stream's mix: what sellers and the platform change.
CHANGES = {"title": 25, "price": 25, "pause": 15, "resume": 10, "delete": 10, "seller_level": 15}


@pytest.fixture(scope="module")
def node(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalOpenSearch]:
    (port,) = free_fixed_ports(1)
    with LocalOpenSearch(tmp_path_factory.mktemp("fault-node"), port=port, heap="512m") as found:
        yield found


@pytest.fixture
def runtime(node: LocalOpenSearch, postgres_db_url: str, tmp_path: Path) -> Iterator[Runtime]:
    """The engine on PostgreSQL and this module's node, with a seeded demo catalog indexed."""
    settings = Settings(
        MICROTACHE_DATA_DIR=tmp_path / "data",
        DATABASE_URL=postgres_db_url,
        OPENSEARCH_URL=node.url,
        CELERY_BROKER_URL=None,
    )
    engine = make_engine(postgres_db_url)
    upgrade(engine)
    client = make_client(node.url, settings, timeout=10)
    found = Runtime(
        settings=settings,
        engine=engine,
        sessions=make_sessionmaker(engine),
        search=client,
        opensearch_url=node.url,
        names=IndexNames(f"fault_{uuid.uuid4().hex[:8]}"),
        clock=ManualClock(START),
    )
    seed_catalog(engine, gigs=GIGS, seed=5, clock=found.clock, progress=False)
    reindex(found, progress=False)
    yield found
    client.indices.delete(
        index=f"{found.names.prefix}_*", ignore_unavailable=True, expand_wildcards="all"
    )
    client.close()
    engine.dispose()


def outbox_rows(runtime: Runtime) -> int:
    with runtime.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(SearchOutbox)) or 0)


def change_one(runtime: Runtime, rng: random.Random, n: int) -> str:
    """One change, in its own transaction, as a seller or the platform makes it."""
    kind = rng.choices(list(CHANGES), list(CHANGES.values()))[0]
    with runtime.sessions.begin() as session:
        wanted = GigStatus.PAUSED if kind == "resume" else GigStatus.ACTIVE
        ids = session.scalars(select(Gig.id).where(Gig.status == wanted)).all()
        if not ids:
            return "none"
        gig = session.get_one(Gig, rng.choice(ids))
        if kind == "title":
            gig.title = f"Je vais créer votre logo, version {n}"
        elif kind == "price":
            gig.packages[0].price_cents = 500 + rng.randrange(200) * 100
        elif kind in ("pause", "resume", "delete"):
            gig.status = {
                "pause": GigStatus.PAUSED,
                "resume": GigStatus.ACTIVE,
                "delete": GigStatus.DELETED,
            }[kind]
        else:
            seller = session.get_one(Seller, gig.seller_id)
            seller.level = rng.choice([level for level in SellerLevel if level != seller.level])
        gig.updated_at = runtime.clock.now()
    return kind


def stream(runtime: Runtime, rng: random.Random, first: int, count: int) -> None:
    for n in range(first, first + count):
        change_one(runtime, rng, n)


def indexed_versions(client: OpenSearch, index: str, ids: list[int]) -> dict[int, int]:
    docs = client.mget(index=index, body={"ids": [str(i) for i in ids]})["docs"]
    return {int(d["_id"]): int(d["_version"]) for d in docs if d.get("found")}


def test_a_node_killed_mid_stream_loses_no_change(node: LocalOpenSearch, runtime: Runtime) -> None:
    rng = random.Random(2026)
    clock = runtime.clock
    assert isinstance(clock, ManualClock)
    query_log = QueryLog(runtime.search, runtime.names, clock=clock)
    with sync_in_background(runtime, query_log):
        stream(runtime, rng, 0, 300)  # the node up, the drain keeping pace
        node.kill()  # SIGKILL, whatever the drain is sending
        stream(runtime, rng, 300, 400)  # every write committed, none reaching the node
        failed = outbox_rows(runtime)
        node.start()  # same data, same port: the engine's client finds it again
        stream(runtime, rng, 700, UPDATES - 700)
        # Before the drain caught up: the comparison sees what the outbox holds.
        early = verify_index(runtime.search, runtime.engine, runtime.names, progress=False)
        clock.advance(RETRY_MAX + timedelta(seconds=1))  # every retry due
        eventually("the drain never caught up", lambda: outbox_rows(runtime) == 0)

    assert failed > 0, "the kill stopped no write"
    assert early.pending > 0
    report = verify_index(runtime.search, runtime.engine, runtime.names, progress=False)
    assert report.differences == []
    assert report.pending == 0
    assert report.documents == report.active_gigs
    # The newest version of every active gig, and nothing else indexed.
    index = report.index
    for batch in iter_active_parts(runtime.engine, 500):
        expected = {p.gig.id: p.version for p in batch}
        assert indexed_versions(runtime.search, index, list(expected)) == expected
    with Session(runtime.engine) as session:
        gone = session.scalars(select(Gig.id).where(Gig.status != GigStatus.ACTIVE)).all()
    assert len(gone) > 50  # the stream paused and deleted gigs
    assert indexed_versions(runtime.search, index, list(gone)) == {}
    print(
        f"\n{UPDATES} changes, node SIGKILLed after 300, back after 700; {failed} outbox rows "
        f"held during the outage; after the catch-up: {report.summary()}"
    )


FLOOD = {  # free space thresholds above any disk's: the node sees its disk as full
    "cluster.routing.allocation.disk.threshold_enabled": True,
    "cluster.routing.allocation.disk.watermark.low": "900tb",
    "cluster.routing.allocation.disk.watermark.high": "800tb",
    "cluster.routing.allocation.disk.watermark.flood_stage": "700tb",
    "cluster.info.update.interval": "10s",  # the disk monitor's period (its minimum)
}
ROOMY = {  # the disk has room again: the monitor lifts the block by itself
    "cluster.routing.allocation.disk.watermark.low": "3mb",
    "cluster.routing.allocation.disk.watermark.high": "2mb",
    "cluster.routing.allocation.disk.watermark.flood_stage": "1mb",
}


def test_a_full_disk_refuses_writes_the_outbox_keeps_them_and_health_says_why(
    node: LocalOpenSearch, runtime: Runtime
) -> None:
    client, names = runtime.search, runtime.names
    with runtime.engine.begin() as conn:
        conn.execute(delete(SearchOutbox))
    try:
        client.cluster.put_settings(body={"transient": FLOOD})
        eventually("the node never blocked writes", lambda: bool(write_blocks(client, names)))

        with Session(runtime.engine) as session, session.begin():
            ids = session.scalars(
                select(Gig.id).where(Gig.status == GigStatus.ACTIVE).order_by(Gig.id).limit(20)
            ).all()
            for gig_id in ids:
                session.get_one(Gig, gig_id).title = f"Je vais créer votre logo n°{gig_id}"
        report = drain_outbox(runtime)
        assert (report.done, report.failed) == (0, len(ids))
        assert outbox_rows(runtime) == len(ids)  # kept, every one
        assert all("flood-stage watermark" in error for error in report.errors)

        with TestClient(create_app(runtime)) as api:
            health = api.get("/health")
            assert health.status_code == 503
            body = health.json()
            assert body["status"] == "degraded"
            assert body["database"]["ok"]
            assert body["opensearch"]["ok"]  # it answers, it only refuses writes
            sync = body["search_sync"]
            assert not sync["ok"]
            assert (sync["outbox_rows"], sync["retrying_rows"]) == (len(ids), len(ids))
            assert "flood-stage watermark" in sync["last_error"]
            assert any("flood-stage watermark" in block for block in sync["write_blocks"])
            assert api.get("/search", params={"q": "logo"}).status_code == 200  # reads go on
    finally:
        client.cluster.put_settings(body={"transient": ROOMY})
        eventually("the block was never lifted", lambda: not write_blocks(client, names))
        client.cluster.put_settings(body={"transient": dict.fromkeys(FLOOD)})

    assert isinstance(runtime.clock, ManualClock)
    runtime.clock.advance(RETRY_MAX + timedelta(seconds=1))
    assert drain_outbox(runtime).done == len(ids)
    assert outbox_rows(runtime) == 0
    found = verify_index(client, runtime.engine, names, progress=False)
    assert (found.differences, found.pending) == ([], 0)
