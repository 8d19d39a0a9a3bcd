"""Schema and catalog writes on a real database (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, func, inspect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from marketplace_core.catalog.models import Gig, GigPackage, Seller
from marketplace_core.catalog.rules import PackageInput
from marketplace_core.clock import ManualClock
from marketplace_core.errors import InvalidInput
from marketplace_core.migrate import upgrade
from marketplace_core.models import Base
from tests.factories import create_gig, create_seller


def test_migrations_create_exactly_the_models_schema(engine: Engine) -> None:
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    assert {"sellers", "seller_languages", "gigs", "gig_packages"} <= set(
        inspect(engine).get_table_names()
    )


def test_migrating_twice_changes_nothing(engine: Engine) -> None:
    upgrade(engine)
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []


def test_gig_round_trip_keeps_attributes_packages_and_aware_times(
    engine: Engine, clock: ManualClock
) -> None:
    with Session(engine) as session, session.begin():
        seller = create_seller(session, clock=clock)
        gig = create_gig(
            session,
            seller=seller,
            clock=clock,
            attributes={"style": ["vintage"], "format-fichier": ["svg", "pdf"]},
            packages=[
                PackageInput("premium", 9000, 1, 5),
                PackageInput("basic", 1500, 7),
                PackageInput("standard", 4000, 3),
            ],
        )
        gig_id = gig.id
    with Session(engine) as session:
        loaded = session.get_one(Gig, gig_id)
        assert loaded.attributes == {"style": ["vintage"], "format-fichier": ["svg", "pdf"]}
        assert [(p.tier, p.price_cents) for p in loaded.packages] == [
            ("basic", 1500),
            ("standard", 4000),
            ("premium", 9000),
        ]
        assert loaded.created_at == clock.now()
        assert loaded.created_at.tzinfo is not None
        assert loaded.category == "graphisme-design"
        assert loaded.seller.languages[0].language == "en"


def test_invalid_gig_writes_nothing(engine: Engine, clock: ManualClock) -> None:
    with Session(engine) as session, session.begin():
        create_seller(session, clock=clock)
    with Session(engine) as session, session.begin():
        seller = session.scalars(select(Seller)).one()
        with pytest.raises(InvalidInput) as caught:
            create_gig(session, seller=seller, clock=clock, attributes={"couleur": ["rouge"]})
    assert "allowed attributes: style, format-fichier, inclus" in str(caught.value)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Gig)).scalar_one() == 0
        assert conn.execute(select(func.count()).select_from(GigPackage)).scalar_one() == 0


def test_version_increases_on_every_update_and_stale_writes_fail(
    engine: Engine, clock: ManualClock
) -> None:
    with Session(engine) as session, session.begin():
        gig = create_gig(session, seller=create_seller(session, clock=clock), clock=clock)
        gig_id = gig.id
        assert gig.version == 1
    with Session(engine) as first, Session(engine) as second:
        a = first.get_one(Gig, gig_id)
        b = second.get_one(Gig, gig_id)
        a.title = "Je vais dessiner un logo vintage pour votre marque"
        clock.advance(timedelta(minutes=1))
        a.updated_at = clock.now()
        first.commit()
        assert a.version == 2
        b.title = "Une autre modification, partie d'une version périmée"
        with pytest.raises(StaleDataError):
            second.commit()


def test_database_refuses_a_price_under_five_dollars(engine: Engine, clock: ManualClock) -> None:
    with Session(engine) as session, session.begin():
        gig = create_gig(session, seller=create_seller(session, clock=clock), clock=clock)
        gig_id = gig.id
    with pytest.raises(IntegrityError), Session(engine) as session, session.begin():
        session.get_one(Gig, gig_id).packages[0].price_cents = 499


def test_usernames_are_unique(engine: Engine, clock: ManualClock) -> None:
    with Session(engine) as session, session.begin():
        create_seller(session, clock=clock, username="marc_voix")
    with pytest.raises(IntegrityError), Session(engine) as session, session.begin():
        create_seller(session, clock=clock, username="marc_voix")
