"""Shared fixtures: a real OpenSearch node for the session, real databases, an injected clock.

Nothing here fakes a service. The OpenSearch node is started by the engine's own launcher;
database tests run on SQLite and on PostgreSQL: ``TEST_POSTGRES_URL``, else a server started
for the run (tests/services.py), like Redis.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from opensearchpy import OpenSearch
from sqlalchemy import Engine, text

from indexer.client import IndexNames, make_client
from indexer.opensearch_local import LocalOpenSearch
from indexer.runtime import Runtime
from marketplace_core.clock import ManualClock
from marketplace_core.config import Settings
from marketplace_core.db import make_engine, make_sessionmaker
from marketplace_core.migrate import upgrade
from tests import services

BACKENDS = ["sqlite", "postgresql"]
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


# -- OpenSearch ---------------------------------------------------------------------------
@pytest.fixture(scope="session")
def opensearch_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One real node for the whole run. Never skipped: no node means a loud failure."""
    node = LocalOpenSearch(tmp_path_factory.mktemp("opensearch"), heap="768m")
    with node:
        yield node.url


@pytest.fixture(scope="session")
def opensearch(opensearch_url: str) -> Iterator[OpenSearch]:
    client = make_client(opensearch_url, Settings())
    yield client
    client.close()


@pytest.fixture
def index_names(opensearch: OpenSearch) -> Iterator[IndexNames]:
    """Index names no other test uses; everything under them is deleted afterwards."""
    names = IndexNames(f"test_{uuid.uuid4().hex[:10]}")
    yield names
    opensearch.indices.delete(
        index=f"{names.prefix}_*", ignore_unavailable=True, expand_wildcards="all"
    )


# -- Databases ----------------------------------------------------------------------------
@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """``TEST_POSTGRES_URL``, else a real PostgreSQL server started for the run."""
    if url := os.environ.get("TEST_POSTGRES_URL"):
        yield url
        return
    with services.postgres_server() as url:
        yield url


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database per test: a SQLite file, or a PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    postgres_url: str = request.getfixturevalue("postgres_url")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(postgres_url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in postgres_url else "?"
    yield f"{postgres_url}{sep}options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """A migrated database."""
    eng = make_engine(db_url)
    upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def settings(tmp_path: Path, db_url: str, opensearch_url: str) -> Settings:
    return Settings(
        MICROTACHE_DATA_DIR=tmp_path / "data",
        DATABASE_URL=db_url,
        OPENSEARCH_URL=opensearch_url,
    )


@pytest.fixture
def runtime(
    settings: Settings,
    engine: Engine,
    opensearch: OpenSearch,
    index_names: IndexNames,
    clock: ManualClock,
) -> Runtime:
    return Runtime(
        settings=settings,
        engine=engine,
        sessions=make_sessionmaker(engine),
        search=opensearch,
        opensearch_url=settings.opensearch_url or "",
        names=index_names,
        clock=clock,
    )


# -- Redis (Celery's broker) --------------------------------------------------------------
@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``TEST_REDIS_URL``, else a real redis-server started for the run."""
    if url := os.environ.get("TEST_REDIS_URL"):
        yield url
        return
    with services.redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url
