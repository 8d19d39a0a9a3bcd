"""Shared fixtures: a real OpenSearch node for the session, real databases, an injected clock.

Nothing here fakes a service. The OpenSearch node is started by the engine's own launcher;
database tests run on SQLite and on PostgreSQL: ``TEST_POSTGRES_URL``, else a server started
for the run (tests/services.py), like Redis.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from opensearchpy import OpenSearch
from sqlalchemy import Engine, MetaData, text

from indexer.client import IndexNames, make_client
from indexer.opensearch_local import LocalOpenSearch
from marketplace_core.clock import ManualClock
from marketplace_core.config import Settings
from marketplace_core.db import make_engine, make_sessionmaker
from marketplace_core.migrate import upgrade
from microtache.runtime import Runtime
from tests import services

# Test modules send hundreds of searches from one client within a minute; the tests of the
# per-client limits set their own.
os.environ.setdefault("SEARCH_RATE_LIMIT", "")
os.environ.setdefault("AUTOCOMPLETE_RATE_LIMIT", "")

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


# Migrating takes about a second; a test gets a migrated database in milliseconds. Alembic runs
# once per backend and session, into a template: on SQLite a file copied for each test, on
# PostgreSQL a schema emptied before each test (rows deleted, sequences restarted), which
# leaves every test the database a fresh migration would.
@dataclass(frozen=True)
class PostgresTemplate:
    url: str  # the migrated schema, through search_path
    engine: Engine  # connected to it
    reset: str  # empties every table and restarts every sequence


def _schema_url(postgres_url: str, schema: str) -> str:
    sep = "&" if "?" in postgres_url else "?"
    return f"{postgres_url}{sep}options=-csearch_path%3D{schema}"


@contextmanager
def _postgres_schema(postgres_url: str) -> Iterator[str]:
    """A schema of its own, dropped afterwards; yields its URL."""
    admin = make_engine(postgres_url)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield _schema_url(postgres_url, schema)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "migrated.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with engine.connect() as conn:  # one self-contained file: no write-ahead log beside it
        conn.exec_driver_sql("PRAGMA journal_mode=DELETE")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_template(postgres_url: str) -> Iterator[PostgresTemplate]:
    with _postgres_schema(postgres_url) as url:
        engine = make_engine(url)
        upgrade(engine)
        tables = MetaData()
        tables.reflect(engine)
        with engine.connect() as conn:
            sequences = conn.execute(
                text(
                    "SELECT sequence_name FROM information_schema.sequences "
                    "WHERE sequence_schema = current_schema()"
                )
            ).scalars()
            reset = "; ".join(
                [
                    f'DELETE FROM "{t.name}"'
                    for t in reversed(tables.sorted_tables)
                    if t.name != "alembic_version"
                ]
                + [f'ALTER SEQUENCE "{name}" RESTART' for name in sequences]
            )
        yield PostgresTemplate(url, engine, reset)
        engine.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated database of this test's own: a copy of the SQLite template, or the
    PostgreSQL template schema, emptied."""
    if request.param == "sqlite":
        path = tmp_path / "test.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    template: PostgresTemplate = request.getfixturevalue("postgres_template")
    with template.engine.begin() as conn:
        conn.exec_driver_sql("SET LOCAL lock_timeout = '10s'")  # a leftover lock fails loudly
        conn.exec_driver_sql(template.reset)
    return template.url


@pytest.fixture(params=BACKENDS)
def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database, for the tests of the migrations themselves."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    with _postgres_schema(request.getfixturevalue("postgres_url")) as url:
        yield url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """A migrated database."""
    eng = make_engine(db_url)
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
