"""The flush hook: each catalog change writes its search outbox row in the same transaction."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from marketplace_core.catalog.enums import GigStatus, PackageTier, SellerLevel
from marketplace_core.catalog.models import Gig, GigPackage, Seller, SellerLanguage
from marketplace_core.catalog.presence import record_heartbeat
from marketplace_core.catalog.rules import PackageInput
from marketplace_core.clock import ManualClock
from marketplace_core.outbox import SearchOutbox, add_commit_listener, remove_commit_listener
from tests.factories import create_gig, create_seller
from tests.rows import clear_outbox, outbox


@pytest.fixture
def ids(engine: Engine, clock: ManualClock) -> tuple[int, int]:
    """A seller with one active gig (two packages), committed; the outbox emptied."""
    with Session(engine) as session, session.begin():
        seller = create_seller(session, clock=clock)
        gig = create_gig(
            session,
            seller=seller,
            clock=clock,
            packages=[PackageInput("basic", 2000, 3), PackageInput("standard", 5000, 2)],
        )
        result = (seller.id, gig.id)
    clear_outbox(engine)
    return result


def test_creating_a_gig_writes_one_gig_row_and_a_new_seller_none(
    engine: Engine, clock: ManualClock
) -> None:
    with Session(engine) as session, session.begin():
        seller = create_seller(session, clock=clock)
        gig = create_gig(session, seller=seller, clock=clock)
        gig_id = gig.id
    assert outbox(engine) == [("gig", gig_id)]


def test_rolled_back_changes_leave_no_row(engine: Engine, ids: tuple[int, int]) -> None:
    _, gig_id = ids
    with Session(engine) as session, session.begin():
        gig = session.get_one(Gig, gig_id)
        gig.title = "Je vais créer un logo qui ne verra jamais le jour"
        session.flush()
        # Written inside the transaction…
        assert session.scalar(select(func.count()).select_from(SearchOutbox)) == 1
        session.rollback()
    # …and gone with it.
    assert outbox(engine) == []


def test_a_title_change_writes_a_gig_row_and_bumps_its_version(
    engine: Engine, ids: tuple[int, int]
) -> None:
    _, gig_id = ids
    with Session(engine) as session, session.begin():
        gig = session.get_one(Gig, gig_id)
        gig.title = "Je vais créer un logo vintage pour votre marque"
        session.flush()
        gig.description = "Deux changements, deux flushes, une seule ligne."
    assert outbox(engine) == [("gig", gig_id)]
    with Session(engine) as session:
        assert session.get_one(Gig, gig_id).version == 3  # one UPDATE per flush


@pytest.mark.parametrize("change", ["price", "add", "remove"])
def test_a_package_change_writes_its_gig_row_and_bumps_the_gig_version(
    engine: Engine, ids: tuple[int, int], change: str
) -> None:
    _, gig_id = ids
    with Session(engine) as session, session.begin():
        gig = session.get_one(Gig, gig_id)
        if change == "price":
            gig.packages[0].price_cents = 2500
        elif change == "add":
            gig.packages.append(
                GigPackage(tier=PackageTier.PREMIUM, price_cents=9000, delivery_days=1)
            )
        else:
            gig.packages.remove(gig.packages[-1])
    assert outbox(engine) == [("gig", gig_id)]
    with Session(engine) as session:
        # The gig row itself did not change; its version moves so the document's does.
        assert session.get_one(Gig, gig_id).version == 2


def test_a_package_loaded_on_its_own_still_bumps_its_gig(
    engine: Engine, ids: tuple[int, int]
) -> None:
    _, gig_id = ids
    with Session(engine) as session, session.begin():
        package = session.scalars(select(GigPackage).where(GigPackage.gig_id == gig_id)).first()
        assert package is not None
        package.delivery_days = 9
    assert outbox(engine) == [("gig", gig_id)]
    with Session(engine) as session:
        assert session.get_one(Gig, gig_id).version == 2


@pytest.mark.parametrize("how", ["pause", "soft delete", "hard delete"])
def test_pausing_or_deleting_a_gig_writes_its_row(
    engine: Engine, ids: tuple[int, int], how: str
) -> None:
    _, gig_id = ids
    with Session(engine) as session, session.begin():
        gig = session.get_one(Gig, gig_id)
        if how == "pause":
            gig.status = GigStatus.PAUSED
        elif how == "soft delete":
            gig.status = GigStatus.DELETED
        else:
            session.delete(gig)
    assert outbox(engine) == [("gig", gig_id)]


def test_a_seller_level_change_writes_a_seller_row_and_bumps_the_seller_version(
    engine: Engine, ids: tuple[int, int]
) -> None:
    seller_id, gig_id = ids
    with Session(engine) as session, session.begin():
        seller = session.get_one(Seller, seller_id)
        assert seller.version == 1
        seller.level = SellerLevel.TOP_RATED
    assert outbox(engine) == [("seller", seller_id)]
    with Session(engine) as session:
        assert session.get_one(Seller, seller_id).version == 2
        assert session.get_one(Gig, gig_id).version == 1


def test_a_time_zone_change_writes_a_seller_row(engine: Engine, ids: tuple[int, int]) -> None:
    seller_id, _ = ids  # « Dans mes horaires » filters on it
    with Session(engine) as session, session.begin():
        session.get_one(Seller, seller_id).timezone = "America/Toronto"
    assert outbox(engine) == [("seller", seller_id)]


@pytest.mark.parametrize("change", ["add", "remove"])
def test_a_language_change_writes_a_seller_row_and_bumps_the_seller_version(
    engine: Engine, ids: tuple[int, int], change: str
) -> None:
    seller_id, _ = ids
    with Session(engine) as session, session.begin():
        seller = session.get_one(Seller, seller_id)
        if change == "add":
            seller.languages.append(SellerLanguage(language="es", proficiency="basic"))
        else:
            seller.languages.remove(seller.languages[0])
    assert outbox(engine) == [("seller", seller_id)]
    with Session(engine) as session:
        assert session.get_one(Seller, seller_id).version == 2


def test_package_and_language_fields_not_on_the_document_write_nothing(
    engine: Engine, ids: tuple[int, int]
) -> None:
    seller_id, gig_id = ids
    with Session(engine) as session, session.begin():
        session.get_one(Gig, gig_id).packages[0].description = "Trois propositions."
        session.get_one(Seller, seller_id).languages[0].proficiency = "conversational"
    assert outbox(engine) == []
    with Session(engine) as session:
        assert session.get_one(Gig, gig_id).version == 1


@pytest.mark.parametrize("field", ["last_seen_at", "description"])
def test_seller_fields_not_on_the_document_write_nothing(
    engine: Engine, ids: tuple[int, int], clock: ManualClock, field: str
) -> None:
    seller_id, _ = ids
    with Session(engine) as session, session.begin():
        seller = session.get_one(Seller, seller_id)
        if field == "last_seen_at":
            seller.last_seen_at = clock.now()
        else:
            seller.description = "Graphiste depuis dix ans."
    assert outbox(engine) == []


def test_a_heartbeat_writes_a_row_only_when_the_seller_comes_online(
    engine: Engine, ids: tuple[int, int], clock: ManualClock
) -> None:
    seller_id, _ = ids
    with Session(engine) as session, session.begin():
        record_heartbeat(session, session.get_one(Seller, seller_id), clock.now())
    assert outbox(engine) == [("seller", seller_id)]
    clear_outbox(engine)
    clock.advance(timedelta(minutes=1))
    with Session(engine) as session, session.begin():
        seller = session.get_one(Seller, seller_id)
        record_heartbeat(session, seller, clock.now())
        assert seller.search_online
    assert outbox(engine) == []


@pytest.fixture
def commits() -> Iterator[list[int]]:
    calls: list[int] = []

    def listener() -> None:
        calls.append(1)

    add_commit_listener(listener)
    yield calls
    remove_commit_listener(listener)


def test_commit_listeners_hear_only_commits_that_wrote_rows(
    engine: Engine, ids: tuple[int, int], commits: list[int]
) -> None:
    seller_id, gig_id = ids
    with Session(engine) as session, session.begin():
        session.get_one(Seller, seller_id).description = "Rien pour la recherche."
    assert commits == []
    with Session(engine) as session, session.begin():
        gig = session.get_one(Gig, gig_id)
        gig.title = "Je vais créer un logo sobre et efficace"
        with session.begin_nested():  # a savepoint is not the commit
            gig.tags = ["logo"]
        assert commits == []
    assert commits == [1]
    with Session(engine) as session, session.begin():
        session.get_one(Gig, gig_id).title = "Je vais créer un logo annulé plus tard"
        session.flush()
        session.rollback()
    assert commits == [1]
