"""`microtache up` on PostgreSQL under the load generator's mixed traffic (bench/load.py, in
its short mode): no error; then the database restarted in the middle of the traffic: the
requests that need it get 503 with Retry-After, never a 500 nor a half-written order, the
searches go on, and the API recovers by itself.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, func, select

from bench.load import READS, Run, judge, run_load, verdict
from indexer.client import IndexNames, make_client
from indexer.verify import verify_index
from marketplace_core.config import Settings
from marketplace_core.db import make_engine
from marketplace_core.ledger.models import LedgerAccount, LedgerEntry, LedgerTransaction
from marketplace_core.ledger.rules import AccountKind
from marketplace_core.orders.models import Order, PaymentAttempt
from marketplace_core.orders.payment_rules import AttemptStatus
from marketplace_core.outbox import SearchOutbox
from tests.faults.harness import Engine as EngineProcess
from tests.faults.harness import Postgres, engine_env, eventually, run_load_apart

RATE = 10.0  # requests/s
SECONDS = 30.0
OUTAGE_AT, OUTAGE_SECONDS = 8.0, 5.0
RECOVERY_GRACE = 10.0  # seconds after the database's return within which 503s may still come
# Searches need no database: more writes than the soak's mix, so more requests meet the outage.
OUTAGE_MIX = {
    "search": 25,
    "browse": 10,
    "autocomplete": 10,
    "gig_update": 20,
    "order": 20,
    "message": 15,
}


@pytest.fixture(scope="module")
def postgres() -> Iterator[Postgres]:
    server = Postgres()
    yield server
    server.close()


@pytest.fixture(scope="module")
def engine(
    postgres: Postgres, opensearch_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[EngineProcess]:
    workdir = tmp_path_factory.mktemp("engine")
    (workdir / "data").mkdir()
    env = engine_env(
        workdir,
        DATABASE_URL=postgres.url,
        OPENSEARCH_URL=opensearch_url,
        OPENSEARCH_INDEX_PREFIX=f"load_{uuid.uuid4().hex[:8]}",
        MICROTACHE_SEED_GIGS="200",
        ACCESS_TOKEN_SECONDS="3600",
    )
    process = EngineProcess(workdir, env)
    process.start()
    yield process
    process.stop()
    client = make_client(opensearch_url, Settings())
    client.indices.delete(
        index=f"{env['OPENSEARCH_INDEX_PREFIX']}_*", ignore_unavailable=True, expand_wildcards="all"
    )
    client.close()


@pytest.fixture(scope="module")
def database(postgres: Postgres) -> Iterator[Engine]:
    found = make_engine(postgres.url)
    yield found
    found.dispose()


def outbox_rows(database: Engine) -> int:
    with database.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(SearchOutbox)) or 0)


def assert_index_equals_database(engine: EngineProcess, database: Engine) -> None:
    eventually("the outbox never drained", lambda: outbox_rows(database) == 0, 60)
    settings = Settings()
    client = make_client(engine.env["OPENSEARCH_URL"], settings)
    try:
        names = IndexNames(engine.env["OPENSEARCH_INDEX_PREFIX"])
        report = verify_index(client, database, names, progress=False)
    finally:
        client.close()
    assert (report.differences, report.pending) == ([], 0)


def order_keys(database: Engine) -> set[str]:
    with database.connect() as conn:
        return set(conn.scalars(select(Order.idempotency_key)))


def assert_orders_whole(database: Engine, answered: dict[str, int], before: set[str]) -> None:
    """Every order the API confirmed exists; every order is paid in full into escrow by
    balanced transactions; no charge is recorded as taken without its transaction."""
    with database.connect() as conn:
        every = {o.idempotency_key: o for o in conn.execute(select(Order))}
        orders = {key: order for key, order in every.items() if key not in before}
        created = {key for key, status in answered.items() if status == 201}
        assert created <= orders.keys()
        # An order the client did not hear about can only be one whose answer was lost.
        assert orders.keys() <= {key for key, status in answered.items() if status in (201, 503)}
        unbalanced = conn.execute(
            select(LedgerEntry.transaction_id)
            .group_by(LedgerEntry.transaction_id)
            .having(func.sum(LedgerEntry.amount_cents) != 0)
        ).all()
        assert unbalanced == []
        escrow = conn.scalar(
            select(LedgerAccount.id).where(LedgerAccount.kind == AccountKind.ESCROW)
        )
        held = {
            order_id: cents
            for order_id, cents in conn.execute(
                select(LedgerTransaction.order_id, func.sum(LedgerEntry.amount_cents))
                .join(LedgerEntry, LedgerEntry.transaction_id == LedgerTransaction.id)
                .where(LedgerEntry.account_id == escrow, LedgerTransaction.order_id.is_not(None))
                .group_by(LedgerTransaction.order_id)
            )
        }
        assert held == {o.id: o.price_cents for o in every.values()}
        posted = set(conn.scalars(select(LedgerTransaction.idempotency_key)))
        captured = set(
            conn.scalars(
                select(PaymentAttempt.idempotency_key).where(
                    PaymentAttempt.status == AttemptStatus.CAPTURED
                )
            )
        )
        assert captured <= posted


def orders_answered(run: Run) -> dict[str, int]:
    return {s.key: s.status for s in run.samples if s.kind == "order" and s.key}


def test_mixed_traffic_at_a_fixed_rate_gets_no_error(
    engine: EngineProcess, database: Engine
) -> None:
    before = order_keys(database)
    run = run_load_apart(run_load(engine.url, rate=RATE, seconds=SECONDS))
    found = verdict(run)
    assert run.errors() == []
    assert len(run.samples) == int(RATE * SECONDS)
    assert {s.kind for s in run.samples} >= {"search", "browse", "autocomplete", "order"}
    assert found.outbox_max_age <= 30
    assert_orders_whole(database, orders_answered(run), before)
    assert_index_equals_database(engine, database)


def test_a_database_restart_under_load_is_503_and_nothing_half_written(
    engine: EngineProcess, postgres: Postgres, database: Engine
) -> None:
    outage: dict[str, float] = {}

    async def restart(elapsed: float) -> None:
        if elapsed >= OUTAGE_AT and "down" not in outage:
            entered = time.perf_counter()
            outage["down"] = elapsed
            await asyncio.to_thread(postgres.stop)
            await asyncio.sleep(OUTAGE_SECONDS)
            await asyncio.to_thread(postgres.start)
            outage["up"] = elapsed + time.perf_counter() - entered

    def judge_outage(kind: str, answer: httpx.Response) -> str | None:
        if answer.status_code == 503 and answer.headers.get("Retry-After"):
            return None  # judged below, by when it came
        return judge(kind, answer)

    before = order_keys(database)
    run = run_load_apart(
        run_load(
            engine.url,
            rate=RATE,
            seconds=SECONDS,
            mix=OUTAGE_MIX,
            during=restart,
            judge_answer=judge_outage,
        )
    )
    down, up = outage["down"], outage["up"]
    assert run.errors() == []  # nothing but the expected answers and 503 with Retry-After
    unavailable = [s for s in run.samples if s.status == 503]
    assert unavailable, "no request met the outage"
    assert all(s.retry_after == "5" for s in unavailable)
    # Only while the database was away (a request sent just before may fail in it).
    assert all(down - 5 <= s.at <= up + RECOVERY_GRACE for s in unavailable)
    assert not [s for s in unavailable if s.kind in (*READS, "autocomplete")]  # search goes on
    after = [s for s in run.samples if s.at > up + RECOVERY_GRACE]
    assert after
    assert all(s.status in (200, 201) for s in after)  # recovered, nobody restarted the API
    assert httpx.get(f"{engine.url}/health", timeout=10).status_code == 200
    assert_orders_whole(database, orders_answered(run), before)
    assert_index_equals_database(engine, database)
    print(
        f"\nPostgreSQL stopped at {down:.1f} s for {OUTAGE_SECONDS:.0f} s, back at {up:.1f} s: "
        f"{len(unavailable)} of {len(run.samples)} requests answered 503 with Retry-After, "
        f"none 500, the last 503 at {max(s.at for s in unavailable):.1f} s"
    )


def test_the_database_out_of_reach_is_503(tmp_path: Path, opensearch_url: str) -> None:
    """No server at all behind DATABASE_URL: the same 503, before any retry could help."""
    from fastapi.testclient import TestClient

    from microtache.runtime import build_runtime
    from search_api.app import create_app

    settings = Settings(
        MICROTACHE_DATA_DIR=tmp_path,
        DATABASE_URL="postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2",
        OPENSEARCH_URL=opensearch_url,
    )
    runtime = build_runtime(settings)
    try:
        with TestClient(create_app(runtime)) as api:
            answer = api.get("/gigs/1")
            assert answer.status_code == 503
            assert answer.headers["Retry-After"] == "5"
            assert "nothing was written" in answer.json()["detail"]
            assert api.get("/sellers/claire_design").status_code == 503
    finally:
        runtime.close()
