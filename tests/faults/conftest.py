"""Fixtures of the fault tests: a database of the test's own on the session's PostgreSQL (the
engine's production database), and an engine runtime on any node."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from marketplace_core.db import make_engine


@pytest.fixture
def postgres_db_url(postgres_url: str) -> Iterator[str]:
    """A fresh schema on the session's PostgreSQL."""
    schema = f"fault_{uuid.uuid4().hex[:12]}"
    admin = make_engine(postgres_url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in postgres_url else "?"
    yield f"{postgres_url}{sep}options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    (tmp_path / "data").mkdir()
    return tmp_path
