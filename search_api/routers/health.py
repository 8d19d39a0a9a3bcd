"""``GET /health``: is the engine usable, and what does it hold; the probes orchestrators
ask (``/health/live``, ``/health/ready``) and ``/metrics`` for Prometheus."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST
from pydantic import BaseModel
from sqlalchemy.exc import SQLAlchemyError

from indexer.status import search_status, sync_status
from marketplace_core.catalog.status import database_status
from marketplace_core.migrate import is_up_to_date
from microtache.runtime import Runtime
from search_api.observability import exposition

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


class SearchSyncHealth(BaseModel):
    """Whether changes reach search."""

    ok: bool
    outbox_rows: int | None = None
    retrying_rows: int | None = None  # rows whose last sync failed
    oldest_row_age_seconds: float | None = None  # how far search lags behind
    last_error: str | None = None  # the newest error a drain kept on a row
    write_blocks: list[str] = []  # blocks refusing writes to the gig index, with their reason


class Health(BaseModel):
    status: str  # "ok" or "degraded"
    database: DatabaseHealth
    opensearch: OpenSearchHealth
    search_sync: SearchSyncHealth
    counts: CatalogCounts


@router.get(
    "/health",
    response_model=Health,
    responses={
        503: {
            "model": Health,
            "description": "the database or OpenSearch is down, or changes do not reach search",
        }
    },
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
    sync = sync_status(runtime.search, runtime.engine, runtime.names)
    age = None
    if sync.oldest_row_at is not None:
        age = max((runtime.clock.now() - sync.oldest_row_at).total_seconds(), 0.0)
    search_sync = SearchSyncHealth(
        ok=sync.ok,
        outbox_rows=sync.outbox_rows,
        retrying_rows=sync.retrying_rows,
        oldest_row_age_seconds=age,
        last_error=sync.last_error,
        write_blocks=sync.write_blocks,
    )
    ok = database.ok and opensearch.ok and search_sync.ok
    if not ok:
        response.status_code = 503
    return Health(
        status="ok" if ok else "degraded",
        database=database,
        opensearch=opensearch,
        search_sync=search_sync,
        counts=counts,
    )


class Live(BaseModel):
    status: str  # always "ok": the process answers


@router.get("/health/live", response_model=Live, summary="Liveness probe")
async def live() -> Live:
    """The process answers; nothing else is checked (a restart would not help with that)."""
    return Live(status="ok")


class Ready(BaseModel):
    ready: bool
    database_migrated: bool
    opensearch_reachable: bool
    gig_alias_present: bool
    error: str | None = None


@router.get(
    "/health/ready",
    response_model=Ready,
    summary="Readiness probe",
    responses={503: {"model": Ready, "description": "not ready: see which check failed"}},
)
def ready(request: Request, response: Response) -> Ready:
    """Ready to serve: the database holds every migration, the cluster answers, and the gig
    alias exists (searches have an index to read)."""
    runtime: Runtime = request.app.state.runtime
    errors: list[str] = []
    try:
        migrated = is_up_to_date(runtime.engine)
    except SQLAlchemyError as exc:
        migrated = False
        errors.append(f"database: {exc}")
    found = search_status(runtime.search, runtime.names)
    if found.error:
        errors.append(f"opensearch: {found.error}")
    alias = found.indexed_gigs is not None
    answer = Ready(
        ready=migrated and found.ok and alias,
        database_migrated=migrated,
        opensearch_reachable=found.ok,
        gig_alias_present=alias,
        error="; ".join(errors) or None,
    )
    if not answer.ready:
        response.status_code = 503
    return answer


@router.get("/metrics", summary="Prometheus metrics", response_class=Response)
def metrics(request: Request) -> Response:
    """Request counts and latencies by route, search time split between OpenSearch and the
    API, background loops, the search outbox and the cluster's status (text format 0.0.4)."""
    return Response(exposition(request.app), media_type=CONTENT_TYPE_LATEST)
