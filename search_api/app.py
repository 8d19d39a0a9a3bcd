"""The FastAPI application."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from indexer.client import make_async_client
from indexer.querylog import QueryLog
from indexer.search import BudgetBands
from indexer.suggest_cache import SuggestionCache
from marketplace_core.storage import LocalFileStorage
from microtache.runtime import Runtime
from search_api.deps import install_accounts
from search_api.errors import install_error_handlers
from search_api.exposure import install_cors
from search_api.limits import BodySizeLimit
from search_api.observability import install_observability
from search_api.openapi_links import install_links
from search_api.pages import install_pages
from search_api.rate_limits import RateLimits
from search_api.routers import (
    alerts,
    auth,
    autocomplete,
    buyers,
    conversations,
    facet_values,
    favorites,
    gig_images,
    gigs,
    health,
    insights,
    me,
    merchandising,
    my_gigs,
    notifications,
    orders,
    quotes,
    requests,
    search,
    search_events,
    sellers,
    thesaurus,
    uploads,
)
from search_api.tracking import search_tracking

log = logging.getLogger(__name__)


def create_app(runtime: Runtime) -> FastAPI:
    query_log = QueryLog(runtime.search, runtime.names, clock=runtime.clock)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Made in the loop that serves the requests: its connections belong to that loop.
        app.state.search_async = make_async_client(runtime.opensearch_url, runtime.settings)
        try:
            yield
        finally:
            await app.state.search_async.close()
            app.state.rate_limits.reset()
            # Searches and events buffered since the last periodic flush; a cluster refusing
            # them (down, or its disk full) must not fail the shutdown.
            try:
                app.state.tracking.events.flush()
            except Exception:
                log.warning("search log flush failed at shutdown", exc_info=True)

    app = FastAPI(
        title="Microtache",
        summary="Recherche et découverte de services freelance",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.runtime = runtime
    app.state.budget_bands = BudgetBands()
    # The runtime's provider, shared with the payment sweep (see microtache.jobs).
    app.state.payments = runtime.payments
    app.state.suggestion_cache = SuggestionCache(
        runtime.settings.autocomplete_cache_seconds, timer=lambda: runtime.clock.now().timestamp()
    )
    app.state.query_log = query_log
    app.state.rate_limits = RateLimits.from_settings(runtime.settings)
    install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(autocomplete.router)
    app.include_router(search.router)
    app.include_router(facet_values.router)
    app.include_router(search_events.router)
    app.include_router(thesaurus.router)
    app.include_router(merchandising.router)
    app.include_router(insights.router)
    app.state.file_storage = LocalFileStorage(runtime.settings.files_dir)
    # 413 for request bodies over 64 KiB; uploads stream to storage under their own limit.
    app.add_middleware(
        BodySizeLimit,
        own_limit_paths=frozenset({uploads.PATH}),
        own_limit_patterns=(gig_images.UPLOAD_PATH,),
    )
    install_observability(app, runtime)
    install_accounts(app, runtime)
    app.state.tracking = search_tracking(runtime, query_log, app.state.token_signer)
    for accounts_router in (
        auth,
        alerts,
        me,
        my_gigs,
        gig_images,
        favorites,
        gigs,
        sellers,
        uploads,
        quotes,
        requests,
        orders,
        buyers,
        notifications,
        conversations,
    ):
        app.include_router(accounts_router.router)
    install_pages(app, runtime)
    install_cors(app, runtime.settings)
    install_links(app)
    return app
