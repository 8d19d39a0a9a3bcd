"""With a broker, committed e-mails go to a worker as a task each: a real worker on a real
Redis sends them through the configured sender."""

from __future__ import annotations

import time

import pytest
from celery.contrib.testing.worker import start_worker

from marketplace_core.config import get_settings
from marketplace_core.notifications.emails import MemoryEmailSender
from microtache.celery_app import EmailTaskSender, app
from microtache.runtime import Runtime
from microtache.tasks import notifications as tasks
from tests.integration.test_emails import approve

remembered = MemoryEmailSender()


def remember(base_url: str) -> MemoryEmailSender:
    """An ``EMAIL_SENDER`` factory: the worker sends into the list above."""
    remembered.base_url = base_url
    return remembered


def test_with_a_broker_a_worker_sends_each_email(
    runtime: Runtime, worker_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EMAIL_SENDER", f"{__name__}:remember")
    get_settings.cache_clear()
    tasks.worker_email_sender.cache_clear()
    remembered.sent.clear()
    queued = EmailTaskSender()
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        approve(runtime.engine, queued, runtime.clock, "paul@exemple.fr")
        deadline = time.monotonic() + 60
        while not remembered.sent:
            assert time.monotonic() < deadline, "no worker sent the e-mail"
            time.sleep(0.1)
    tasks.worker_email_sender.cache_clear()
    assert [(m.to, m.subject) for m in remembered.sent] == [
        ("paul@exemple.fr", "Votre demande est approuvée")
    ]
