"""``GET /health``: is the engine usable, and what does it hold."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel

from indexer.status import search_status
from marketplace_core.catalog.status import database_status
from microtache.runtime import Runtime

router = APIRouter(tags=["health"])


class DatabaseHealth(BaseModel):
    ok: bool
    backend: str
    error: str | None = None


class OpenSearchHealth(BaseModel):
    ok: bool
    status: str | None = None  # green, yellow or red
    version: str | None = None
    error: str | None = None


class CatalogCounts(BaseModel):
    sellers: int | None = None
    gigs: int | None = None
    active_gigs: int | None = None
    indexed_gigs: int | None = None


class Health(BaseModel):
    status: str  # "ok" or "degraded"
    database: DatabaseHealth
    opensearch: OpenSearchHealth
    counts: CatalogCounts


@router.get(
    "/health",
    response_model=Health,
    responses={503: {"model": Health, "description": "the database or OpenSearch is down"}},
)
def health(request: Request, response: Response) -> Health:
    runtime: Runtime = request.app.state.runtime
    db = database_status(runtime.engine)
    counts = CatalogCounts(sellers=db.sellers, gigs=db.gigs, active_gigs=db.active_gigs)
    database = DatabaseHealth(ok=db.ok, backend=db.backend, error=db.error)
    found = search_status(runtime.search, runtime.names)
    opensearch = OpenSearchHealth(
        ok=found.ok, status=found.status, version=found.version, error=found.error
    )
    counts.indexed_gigs = found.indexed_gigs
    ok = database.ok and opensearch.ok
    if not ok:
        response.status_code = 503
    return Health(
        status="ok" if ok else "degraded", database=database, opensearch=opensearch, counts=counts
    )
