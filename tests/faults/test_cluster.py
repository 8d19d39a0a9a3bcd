"""A real cluster of three nodes (the launcher's local cluster, a JVM each) under the engine:
the node holding the gig index's primary is SIGKILLed in the middle of search and write
traffic. No search fails (the client retries on another node, the cluster on the replica),
no update is lost, and the cluster is green again once the node is back.
"""

from __future__ import annotations

import asyncio
import json
import threading
import urllib.request
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from bench.load import run_load
from indexer.client import IndexNames, make_client
from indexer.opensearch_local import LocalOpenSearch
from indexer.opensearch_local.cluster import LocalCluster
from indexer.verify import verify_index
from marketplace_core.config import Settings
from marketplace_core.db import make_engine
from marketplace_core.outbox import SearchOutbox
from tests.faults.harness import Engine as EngineProcess
from tests.faults.harness import engine_env, eventually

RATE = 10.0
SECONDS = 45.0
KILL_AT, BACK_AT = 10.0, 25.0


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[LocalCluster]:
    with LocalCluster(tmp_path / "cluster", nodes=3, heap="384m") as started:
        yield started


def get(url: str) -> object:
    with urllib.request.urlopen(url, timeout=30) as answer:
        return json.load(answer)


def primary_holder(cluster: LocalCluster, alias: str) -> LocalOpenSearch:
    """The node holding the primary shard of the index behind ``alias``."""
    url = cluster.urls[0]
    shards = get(f"{url}/_cat/shards/{alias}?format=json&h=prirep,id")
    assert isinstance(shards, list)
    (node_id,) = [s["id"] for s in shards if s["prirep"] == "p"]
    nodes = get(f"{url}/_nodes/http")
    assert isinstance(nodes, dict)
    port = int(nodes["nodes"][node_id]["http"]["publish_address"].rsplit(":", 1)[1])
    (holder,) = [n for n in cluster.nodes if n.port == port]
    return holder


def outbox_rows(database: Engine) -> int:
    with database.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(SearchOutbox)) or 0)


def test_a_node_killed_under_load_fails_no_search_and_loses_no_update(
    cluster: LocalCluster, postgres_db_url: str, workdir: Path
) -> None:
    prefix = f"cluster_{uuid.uuid4().hex[:8]}"
    env = engine_env(
        workdir,
        DATABASE_URL=postgres_db_url,
        OPENSEARCH_URL=cluster.url,  # every node: the client fails over between them
        OPENSEARCH_INDEX_PREFIX=prefix,
        MICROTACHE_SEED_GIGS="200",
        ACCESS_TOKEN_SECONDS="3600",
    )
    engine = EngineProcess(workdir, env)
    engine.start()
    try:
        cluster.wait_for_nodes(3, status="green")  # every shard has its replica
        victim = primary_holder(cluster, IndexNames(prefix).gigs)
        seen: dict[str, object] = {}
        back = threading.Event()

        async def fault(elapsed: float) -> None:
            if elapsed >= KILL_AT and "killed" not in seen:
                victim.kill()  # SIGKILL
                seen["killed"] = elapsed
            if elapsed >= KILL_AT + 3 and "during" not in seen:
                seen["during"] = cluster.health()["status"]
            if elapsed >= BACK_AT and "back" not in seen:
                seen["back"] = elapsed
                back.set()

        # The load in a loop of its own thread (the browser tests leave Playwright's running
        # in this one); the node started again from this thread, which outlives the load's:
        # a JVM dies with the thread that started it.
        with ThreadPoolExecutor(1) as pool:
            load = pool.submit(
                asyncio.run, run_load(engine.url, rate=RATE, seconds=SECONDS, during=fault)
            )
            while not back.wait(0.1) and not load.done():
                pass
            if back.is_set():
                victim.spawn()
            run = load.result()
        victim.wait_ready()
        cluster.wait_for_nodes(3, status="green")
        assert engine.alive()
    finally:
        engine.stop()

    assert "killed" in seen
    assert seen["during"] in ("yellow", "red")
    assert run.errors() == [], run.errors()[:5]  # searches, autocomplete and writes alike
    after_kill = [s for s in run.samples if s.at >= KILL_AT]
    assert sum(1 for s in after_kill if s.kind == "search") > 50
    database = make_engine(postgres_db_url)
    client = make_client(cluster.url, Settings())
    try:
        eventually("the outbox never drained", lambda: outbox_rows(database) == 0)
        report = verify_index(client, database, IndexNames(prefix), progress=False)
        assert (report.differences, report.pending) == ([], 0)
        assert cluster.health()["status"] == "green"
    finally:
        client.close()
        database.dispose()
    print(
        f"\n3 nodes, primary's node SIGKILLed at {seen['killed']:.0f} s (cluster {seen['during']}),"
        f" started again at {seen['back']:.0f} s: {len(run.samples)} requests, "
        f"{len(after_kill)} after the kill, 0 errors; green again; {report.summary()}"
    )
