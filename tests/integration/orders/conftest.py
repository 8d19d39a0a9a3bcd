"""Order tests run on a real database (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from marketplace_core.clock import ManualClock
from tests.integration.orders.shop import Shop, open_shop


@pytest.fixture
def shop(engine: Engine, clock: ManualClock) -> Shop:
    return open_shop(engine, clock)
