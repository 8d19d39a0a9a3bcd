"""What the database reports about itself, for ``/health``: reachable, and the catalog's
counts."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import SQLAlchemyError

from marketplace_core.catalog.enums import GigStatus
from marketplace_core.catalog.models import Gig, Seller


@dataclass(frozen=True)
class DatabaseStatus:
    ok: bool
    backend: str
    error: str | None = None
    sellers: int | None = None
    gigs: int | None = None
    active_gigs: int | None = None


def database_status(engine: Engine) -> DatabaseStatus:
    backend = engine.dialect.name
    try:
        with engine.connect() as conn:
            sellers = conn.execute(select(func.count()).select_from(Seller)).scalar_one()
            by_status = dict(
                conn.execute(select(Gig.status, func.count()).group_by(Gig.status)).tuples().all()
            )
    except SQLAlchemyError as exc:
        return DatabaseStatus(ok=False, backend=backend, error=str(exc))
    return DatabaseStatus(
        ok=True,
        backend=backend,
        sellers=sellers,
        gigs=sum(by_status.values()),
        active_gigs=by_status.get(GigStatus.ACTIVE, 0),
    )
