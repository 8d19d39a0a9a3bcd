"""The broker goes away under a running engine (API, worker and beat, on Redis): the API keeps
serving and writing, the outbox holds the work, and once Redis is back the worker drains it
with nobody restarted."""

from __future__ import annotations

import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, func, select

from indexer.client import IndexNames, make_client
from indexer.verify import verify_index
from marketplace_core.config import Settings
from marketplace_core.db import make_engine
from marketplace_core.demo.seed import DEMO_ACCOUNTS
from marketplace_core.migrate import upgrade
from marketplace_core.outbox import SearchOutbox
from tests.faults.harness import (
    Engine as EngineProcess,
)
from tests.faults.harness import (
    Process,
    Redis,
    engine_env,
    eventually,
    running,
    worker,
)

OUTAGE_CHANGES = 10


@pytest.fixture
def database(postgres_db_url: str) -> Iterator[Engine]:
    found = make_engine(postgres_db_url)
    upgrade(found)
    yield found
    found.dispose()


def outbox_rows(database: Engine) -> int:
    with database.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(SearchOutbox)) or 0)


def login(api: httpx.Client, kind: str) -> dict[str, str]:
    account = next(a for a in DEMO_ACCOUNTS if a.kind == kind)
    answer = api.post("/auth/login", json={"email": account.email, "password": account.password})
    answer.raise_for_status()
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def retitle(api: httpx.Client, seller: dict[str, str], gig_id: int, title: str) -> None:
    version = api.get(f"/me/gigs/{gig_id}", headers=seller).json()["version"]
    answer = api.patch(
        f"/me/gigs/{gig_id}",
        json={"title": title},
        headers=seller | {"If-Match": f'"{version}"'},
    )
    assert answer.status_code == 200, answer.text


def searchable(api: httpx.Client, gig_id: int, title: str) -> bool:
    """The gig comes up under this title when its words are searched."""
    answer = api.get("/search", params={"q": title, "size": 48})
    assert answer.status_code == 200
    return any((r["id"], r["title"]) == (gig_id, title) for r in answer.json()["results"])


def test_the_api_serves_and_writes_without_redis_and_the_drain_resumes(
    postgres_db_url: str, database: Engine, opensearch_url: str, workdir: Path
) -> None:
    broker = Redis(workdir)
    broker.start()
    prefix = f"fault_{uuid.uuid4().hex[:8]}"
    env = engine_env(
        workdir,
        DATABASE_URL=postgres_db_url,
        OPENSEARCH_URL=opensearch_url,
        OPENSEARCH_INDEX_PREFIX=prefix,
        CELERY_BROKER_URL=broker.url,
        MICROTACHE_SEED_GIGS="100",
    )
    api_process = EngineProcess(workdir, env)
    beat = Process(
        "beat",
        [sys.executable, "-m", "search_api.cli", "beat"],
        env,
        workdir,
    )
    try:
        with (
            running(api_process, worker(workdir, env), beat),
            httpx.Client(base_url=api_process.url, timeout=30) as api,
        ):
            seller = login(api, "seller")
            (gig_id, *others) = [g["id"] for g in api.get("/me/gigs", headers=seller).json()]
            before = "Je vais créer un logo avant la panne"
            retitle(api, seller, gig_id, before)
            eventually("a change never reached search", lambda: searchable(api, gig_id, before))

            broker.kill()
            for n in range(OUTAGE_CHANGES):
                retitle(api, seller, gig_id, f"Je vais créer un logo sans courtier {n}")
                assert searchable(api, gig_id, before)  # searches answer, as before the outage
            for other in others[:3]:
                retitle(api, seller, other, f"Je vais créer un logo orphelin {other}")
            held = outbox_rows(database)
            assert held > 0  # the work waits in the outbox
            assert api.get("/health/ready").status_code == 200

            broker.start()  # same port: nothing is told where it is
            eventually(
                f"the drain never resumed:\n{beat.tail()}", lambda: outbox_rows(database) == 0
            )
            last = f"Je vais créer un logo sans courtier {OUTAGE_CHANGES - 1}"
            eventually("the last change never searchable", lambda: searchable(api, gig_id, last))
            for other in others[:3]:
                assert searchable(api, other, f"Je vais créer un logo orphelin {other}")
    finally:
        broker.kill()

    client = make_client(opensearch_url, Settings())
    try:
        report = verify_index(client, database, IndexNames(prefix), progress=False)
        assert (report.differences, report.pending) == ([], 0)
    finally:
        client.indices.delete(index=f"{prefix}_*", ignore_unavailable=True, expand_wildcards="all")
        client.close()
    changes = OUTAGE_CHANGES + len(others[:3])
    print(f"\nRedis down for {changes} changes: {held} outbox rows held, all drained")
