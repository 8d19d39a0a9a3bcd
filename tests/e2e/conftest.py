"""What the end-to-end tests share: a Celery worker pointed at this test's services."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from marketplace_core.config import get_settings
from microtache.celery_app import app
from microtache.runtime import Runtime


@pytest.fixture
def worker_env(runtime: Runtime, redis_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The worker reads the same environment as `microtache worker` would."""
    monkeypatch.setenv("DATABASE_URL", runtime.settings.sqlalchemy_url)
    monkeypatch.setenv("OPENSEARCH_URL", runtime.opensearch_url)
    monkeypatch.setenv("OPENSEARCH_INDEX_PREFIX", runtime.names.prefix)
    monkeypatch.setenv("CELERY_BROKER_URL", redis_url)
    get_settings.cache_clear()
    previous = app.conf.broker_url
    app.conf.update(broker_url=redis_url)
    yield
    app.conf.update(broker_url=previous)
    get_settings.cache_clear()
