"""The buyer's pages, server-rendered from the same services and search steps as the JSON
API, and working without JavaScript; ``static/app.js`` only enhances them."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from marketplace_core.accounts.tokens import secret_key
from microtache.runtime import Runtime
from search_api.pages import account_pages, alert_pages, gig_pages, search_pages, seller_pages
from search_api.pages.render import STATIC, Pages
from search_api.pages.security import Csrf, SecurityHeaders


def install_pages(app: FastAPI, runtime: Runtime) -> None:
    """The pages' routes, their static files and headers."""
    app.state.pages = Pages(Csrf(secret_key(runtime.settings)))
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (search_pages, gig_pages, account_pages, alert_pages, seller_pages):
        app.include_router(module.router)
    app.router.default = seller_pages.ShortProfiles(app.router, app.router.default)
    app.add_middleware(SecurityHeaders)
