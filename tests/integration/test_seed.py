"""The demo catalog written into a real database, then indexed."""

from __future__ import annotations

from sqlalchemy import Engine, func, select

from marketplace_core.catalog.models import Gig, GigPackage, Seller, SellerLanguage
from marketplace_core.clock import ManualClock
from marketplace_core.demo.seed import catalog_is_empty, seed_catalog
from microtache.bootstrap import prepare
from microtache.runtime import Runtime


def count(engine: Engine, model: type) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(model)).scalar_one()


def test_seed_writes_the_requested_number_of_gigs_in_batches(
    engine: Engine, clock: ManualClock
) -> None:
    assert catalog_is_empty(engine)
    report = seed_catalog(engine, gigs=250, seed=7, clock=clock, batch_sellers=20, progress=False)
    assert report.gigs == count(engine, Gig) == 250
    assert report.sellers == count(engine, Seller) > 20  # several batches
    assert count(engine, GigPackage) >= 250
    assert count(engine, SellerLanguage) >= report.sellers
    assert not catalog_is_empty(engine)
    with engine.connect() as conn:
        orphans = conn.execute(
            select(func.count()).select_from(Gig).where(~Gig.packages.any())
        ).scalar_one()
        subcategories = conn.execute(select(func.count(func.distinct(Gig.subcategory)))).scalar()
    assert orphans == 0
    assert subcategories == 28


def test_same_seed_same_catalog(engine: Engine, clock: ManualClock, tmp_path: object) -> None:
    seed_catalog(engine, gigs=40, seed=3, clock=clock, progress=False)
    with engine.connect() as conn:
        first = conn.execute(select(Gig.title, Gig.subcategory).order_by(Gig.id)).all()
    from marketplace_core.db import make_engine
    from marketplace_core.migrate import upgrade

    other = make_engine(f"sqlite:///{tmp_path}/other.db")
    upgrade(other)
    seed_catalog(other, gigs=40, seed=3, clock=clock, progress=False)
    with other.connect() as conn:
        second = conn.execute(select(Gig.title, Gig.subcategory).order_by(Gig.id)).all()
    other.dispose()
    assert first == second


def test_prepare_migrates_seeds_and_indexes_once(runtime: Runtime) -> None:
    prepare(runtime, seed_gigs=120, progress=False)
    assert count(runtime.engine, Gig) == 120
    assert runtime.search.count(index=runtime.names.gigs)["count"] == 120
    index_before = list(runtime.search.indices.get_alias(name=runtime.names.gigs))
    prepare(runtime, seed_gigs=120, progress=False)  # second start: nothing to do
    assert count(runtime.engine, Gig) == 120
    assert list(runtime.search.indices.get_alias(name=runtime.names.gigs)) == index_before
