"""The FastAPI application."""

from __future__ import annotations

from fastapi import FastAPI

from indexer.runtime import Runtime
from indexer.search import BudgetBands
from search_api.errors import install_error_handlers
from search_api.routers import health, search


def create_app(runtime: Runtime) -> FastAPI:
    app = FastAPI(
        title="Microtache",
        summary="Recherche et découverte de services freelance",
        version="0.1.0",
    )
    app.state.runtime = runtime
    app.state.budget_bands = BudgetBands()
    install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(search.router)
    return app
