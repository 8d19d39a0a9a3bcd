"""The FastAPI application."""

from __future__ import annotations

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
from search_api.limits import BodySizeLimit
from search_api.observability import install_observability
from search_api.routers import (
    auth,
    autocomplete,
    buyers,
    conversations,
    favorites,
    gigs,
    health,
    me,
    my_gigs,
    notifications,
    orders,
    quotes,
    requests,
    search,
    sellers,
    thesaurus,
    uploads,
)


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
            query_log.flush()  # searches buffered since the last periodic flush

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
    install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(autocomplete.router)
    app.include_router(search.router)
    app.include_router(thesaurus.router)
    app.state.file_storage = LocalFileStorage(runtime.settings.files_dir)
    # 413 for request bodies over 64 KiB; uploads stream to storage under their own limit.
    app.add_middleware(BodySizeLimit, own_limit_paths=frozenset({uploads.PATH}))
    install_observability(app, runtime)
    install_accounts(app, runtime)
    for accounts_router in (
        auth,
        me,
        my_gigs,
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
    return app
