"""Beat compares the index with the database every night, in repair mode; a task whose worker
dies is handed back to the broker."""

from __future__ import annotations

from celery.schedules import crontab

from marketplace_core.config import Settings
from microtache.celery_app import make_celery


def test_beat_verifies_and_repairs_the_index_every_night() -> None:
    app = make_celery(Settings(CELERY_BROKER_URL="redis://broker.example:6379/0"))
    entry = app.conf.beat_schedule["verify-gig-index"]
    assert entry["task"] == "search.verify_index"
    assert entry["schedule"] == crontab(hour=3, minute=30)  # once a day, at a quiet hour
    assert 0 < entry["options"]["expires"] <= 3600


def test_the_task_exists_and_a_lost_worker_gives_its_task_back() -> None:
    from microtache.tasks.search import verify_index

    app = make_celery(Settings(CELERY_BROKER_URL="redis://broker.example:6379/0"))
    assert verify_index.name == "search.verify_index"
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
