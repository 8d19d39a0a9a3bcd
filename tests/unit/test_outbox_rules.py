"""Pure parts of the incremental sync: retry backoff, bulk item verdicts, the beat schedule,
and the fields the outbox hook watches."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import inspect

from indexer.documents import parts_of
from indexer.sync import item_error, retry_delay
from marketplace_core.catalog.enums import GigStatus, PackageTier, SellerLevel
from marketplace_core.catalog.models import (
    LANGUAGE_DOCUMENT_FIELDS,
    PACKAGE_DOCUMENT_FIELDS,
    SELLER_DOCUMENT_FIELDS,
    Gig,
    GigPackage,
    Seller,
    SellerLanguage,
)
from marketplace_core.catalog.presence import is_online
from marketplace_core.config import Settings
from microtache.celery_app import app as celery_app
from microtache.celery_app import make_celery
from microtache.jobs import DRAIN_OUTBOX, JOBS, SWEEP_PRESENCE


@pytest.mark.parametrize(
    ("attempts", "seconds"), [(0, 1), (1, 2), (2, 4), (5, 32), (8, 256), (9, 300), (500, 300)]
)
def test_retry_delay_doubles_and_is_capped_at_five_minutes(attempts: int, seconds: int) -> None:
    assert retry_delay(attempts) == timedelta(seconds=seconds)


def test_written_and_superseded_items_are_done() -> None:
    assert item_error("index", {"_index": "g_v1", "_id": "1", "status": 201}) is None
    conflict = {
        "_index": "g_v1",
        "_id": "1",
        "status": 409,
        "error": {"type": "version_conflict_engine_exception", "reason": "current [5]"},
    }
    assert item_error("index", conflict) is None
    assert item_error("delete", {"_index": "g_v1", "_id": "1", "status": 404}) is None


def test_a_write_to_an_index_deleted_meanwhile_is_done() -> None:
    gone = {
        "_index": "g_v1",
        "_id": "1",
        "status": 404,
        "error": {"type": "index_not_found_exception", "reason": "no such index [g_v1]"},
    }
    assert item_error("index", gone) is None
    assert item_error("delete", gone) is None


def test_other_item_errors_are_kept_with_what_went_wrong() -> None:
    refused = {
        "_index": "g_v1",
        "_id": "7",
        "status": 400,
        "error": {"type": "mapper_parsing_exception", "reason": "failed to parse [price]"},
    }
    assert item_error("index", refused) == (
        "index g_v1/7: 400 mapper_parsing_exception: failed to parse [price]"
    )
    blocked = {"_index": "g_v1", "_id": "7", "status": 429, "error": {"type": "es_rejected"}}
    assert item_error("index", blocked) is not None
    # A 404 on an index request is not "nothing to delete".
    assert item_error("index", {"_index": "g_v1", "_id": "7", "status": 404}) is not None


def test_online_is_seen_within_the_window_inclusive() -> None:
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    window = timedelta(minutes=5)
    assert is_online(now - window, now, window)
    assert not is_online(now - window - timedelta(seconds=1), now, window)
    assert not is_online(None, now, window)


def test_beat_runs_every_registered_job_at_its_cadence_and_drops_stale_runs() -> None:
    app = make_celery(Settings(CELERY_BROKER_URL="redis://broker.example:6379/0"))
    assert set(app.conf.beat_schedule) == {job.name for job in JOBS}
    for job in JOBS:
        entry = app.conf.beat_schedule[job.name]
        assert entry["task"] == job.task
        assert 0 < entry["options"]["expires"] <= job.every, job.name
        if job.daily_at is None:  # the nightly ones: tests/unit/test_nightly_verify.py
            assert entry["schedule"] == entry["options"]["expires"] == job.every, job.name
    # A change is searchable within seconds; the online filter follows within a minute.
    assert DRAIN_OUTBOX.every <= 2
    assert SWEEP_PRESENCE.every <= 30


def test_every_job_is_a_worker_task_that_expires_like_beats_runs_when_queued_by_hand() -> None:
    celery_app.loader.import_default_modules()  # what a worker imports at start
    beat = celery_app.conf.beat_schedule
    for job in JOBS:
        task = celery_app.tasks[job.task]
        assert task.expires == beat[job.name]["options"]["expires"], job.name
    names = {job.task.partition(".")[0] for job in JOBS}
    assert names == {"search", "orders", "requests", "insights", "alerts"}  # by their domain


def sample_gig() -> Gig:
    """A gig and its seller as transient objects: no session, no database."""
    when = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    seller = Seller(
        id=1,
        username="amina_logo",
        display_name="Amina",
        description="",
        level=SellerLevel.LEVEL_1,
        country="FR",
        timezone="Europe/Paris",
        last_seen_at=when,
        rating_average=4.5,
        rating_count=3,
        completed_orders=2,
        accepts_quotes=False,
        created_at=when,
        updated_at=when,
        search_online=False,
        version=1,
        languages=[SellerLanguage(language="fr", proficiency="native")],
    )
    return Gig(
        id=7,
        seller=seller,
        title="Je vais créer un logo minimaliste",
        description="Un logo clair.",
        tags=["logo"],
        category="graphisme-design",
        subcategory="conception-logo",
        attributes={},
        status=GigStatus.ACTIVE,
        created_at=when,
        updated_at=when,
        version=1,
        packages=[
            GigPackage(
                tier=PackageTier.BASIC,
                price_cents=2000,
                delivery_days=3,
                revisions=1,
                description="Une proposition.",
            )
        ],
    )


OTHER_VALUES: dict[str, Any] = {
    "username": "autre",
    "display_name": "Autre",
    "description": "Autre description.",
    "level": SellerLevel.TOP_RATED,
    "country": "BE",
    "timezone": "Europe/Brussels",
    "rating_average": 3.0,
    "rating_count": 9,
    "completed_orders": 9,
    "accepts_quotes": True,
    "created_at": datetime(2025, 1, 1, tzinfo=UTC),
    "updated_at": datetime(2025, 1, 1, tzinfo=UTC),
    "search_online": True,
    "tier": PackageTier.PREMIUM,
    "price_cents": 9000,
    "delivery_days": 9,
    "revisions": 9,
    "language": "de",
    "proficiency": "basic",
}


@pytest.mark.parametrize(
    ("model", "fields", "target"),
    [
        (Seller, SELLER_DOCUMENT_FIELDS, lambda gig: gig.seller),
        (GigPackage, PACKAGE_DOCUMENT_FIELDS, lambda gig: gig.packages[0]),
        (SellerLanguage, LANGUAGE_DOCUMENT_FIELDS, lambda gig: gig.seller.languages[0]),
    ],
)
def test_the_outbox_watches_exactly_what_documents_copy(
    model: type[Any], fields: tuple[str, ...], target: Callable[[Gig], Any]
) -> None:
    """The hook lists the fields gig documents read; this holds the two in step."""
    # Ids, references and versions are not copied values; last_seen_at is left out on purpose.
    columns = [
        attr.key
        for attr in inspect(model).column_attrs
        if not attr.columns[0].foreign_keys and attr.key not in ("id", "version", "last_seen_at")
    ]
    for column in columns:
        assert column in OTHER_VALUES, f"does the gig document copy {model.__name__}.{column}?"
        gig = sample_gig()
        before = parts_of(gig).document()
        setattr(target(gig), column, OTHER_VALUES[column])
        copied = parts_of(gig).document() != before
        assert copied == (column in fields), column
