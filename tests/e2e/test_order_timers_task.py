"""The order timers run as a Celery task on a real worker and Redis broker, every minute
from beat, each run expiring after one period (R-ORD-3, R-ORD-5)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from celery.contrib.testing.worker import start_worker
from sqlalchemy.orm import Session

from marketplace_core.clock import ManualClock
from marketplace_core.orders.enums import OrderStatus
from marketplace_core.orders.models import Order
from microtache.celery_app import app
from microtache.runtime import Runtime
from microtache.tasks.orders import apply_timers
from tests.integration.orders.shop import open_shop
from tests.integration.orders.test_order_flow import deliver, started


def test_beat_runs_the_order_timers_every_minute_with_expiry() -> None:
    entry = app.conf.beat_schedule["apply-order-timers"]
    assert entry == {
        "task": "orders.apply_timers",
        "schedule": 60.0,
        "options": {"expires": 60.0},
    }
    assert apply_timers.name in app.tasks
    assert apply_timers.expires == 60.0


def test_a_worker_completes_a_delivery_left_three_days(runtime: Runtime, worker_env: None) -> None:
    # The worker keeps real time: the order was delivered four days ago.
    shop = open_shop(runtime.engine, ManualClock(datetime.now(UTC) - timedelta(days=4)))
    order_id = started(shop)
    deliver(shop, order_id)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        apply_timers.delay()
        deadline = time.monotonic() + 60
        while True:
            with Session(runtime.engine) as session:
                if session.get_one(Order, order_id).status == OrderStatus.COMPLETED:
                    break
            assert time.monotonic() < deadline, "the worker never applied the timers"
            time.sleep(0.2)
