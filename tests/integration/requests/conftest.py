"""Buyer request tests run on a real database (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from marketplace_core.clock import ManualClock
from tests.integration.requests.board import Board, open_board


@pytest.fixture
def board(engine: Engine, clock: ManualClock) -> Board:
    return open_board(engine, clock)
