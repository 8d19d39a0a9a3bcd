"""The FastAPI application."""

from __future__ import annotations

from fastapi import FastAPI

from indexer.runtime import Runtime
from search_api.errors import install_error_handlers
from search_api.routers import health


def create_app(runtime: Runtime) -> FastAPI:
    app = FastAPI(
        title="Microtache",
        summary="Recherche et découverte de services freelance",
        version="0.1.0",
    )
    app.state.runtime = runtime
    install_error_handlers(app)
    app.include_router(health.router)
    return app
