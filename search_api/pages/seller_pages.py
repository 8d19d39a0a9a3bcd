"""A seller's public profile (``/vendeurs/<username>``, or ``/<username>``) and the quote
request a buyer sends from it (R-QUO-1)."""

from __future__ import annotations

import re
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Request, Response
from sqlalchemy.orm import Session
from starlette.types import ASGIApp, Receive, Scope, Send

from facets.common import COUNTRIES, LANGUAGES, PROFICIENCIES, SELLER_LEVELS, label_of
from facets.model import Subcategory
from facets.taxonomy import TAXONOMY
from marketplace_core.accounts.service import Principal
from marketplace_core.catalog.gigs import active_gigs_of
from marketplace_core.catalog.models import Gig
from marketplace_core.catalog.presence import is_online
from marketplace_core.errors import InvalidInput, NotFound
from marketplace_core.quotes.rules import QuoteRequestInput
from marketplace_core.quotes.service import request_quote
from marketplace_core.reviews.service import published_about_seller
from marketplace_core.sellers.service import public_profile
from microtache.runtime import Runtime
from search_api.deps import DbSession, RuntimeDep
from search_api.pages.amounts import cents_of
from search_api.pages.cards import card_of_gig
from search_api.pages.forms import CSRF_CHECKED, Field
from search_api.pages.gig_pages import logged_in
from search_api.pages.render import PageRoute, href, page_lang, page_viewer, pages_of

router = APIRouter(route_class=PageRoute, include_in_schema=False)
Viewer = Annotated[Principal | None, Depends(page_viewer)]
USERNAME = re.compile(r"^[a-z0-9_]{3,30}$")


def _profile(
    request: Request, session: Session, runtime: Runtime, viewer: Principal | None, username: str
) -> Response:
    if not USERNAME.match(username):
        raise NotFound("seller", username)
    lang = page_lang(request)
    seller = public_profile(session, username)
    online = is_online(seller.last_seen_at, runtime.clock.now(), runtime.online_window)
    gigs = active_gigs_of(session, seller.id)
    own = viewer is not None and seller.user_id == viewer.user.id
    context = {
        "seller": seller,
        "level": label_of(SELLER_LEVELS, seller.level.value, lang) or seller.level.value,
        "country": label_of(COUNTRIES, seller.country, lang) or seller.country,
        "local_time": runtime.clock.now().astimezone(ZoneInfo(seller.timezone)).strftime("%H:%M"),
        "languages": [
            (
                label_of(LANGUAGES, row.language, lang) or row.language,
                label_of(PROFICIENCIES, row.proficiency, lang) or row.proficiency,
            )
            for row in seller.languages
        ],
        "online": online,
        "cards": [card_of_gig(g, lang, online=online) for g in gigs],
        "reviews": published_about_seller(session, seller.id),
        # R-QUO-1: only a seller who accepts quotes and has an active gig.
        "can_quote": seller.accepts_quotes and bool(gigs) and not own,
        "own": own,
    }
    return pages_of(request).render(request, "seller.html", context)


@router.get("/vendeurs/{username}")
def seller_page(
    username: str, request: Request, session: DbSession, runtime: RuntimeDep, viewer: Viewer
) -> Response:
    return _profile(request, session, runtime, viewer, username)


class ShortProfiles:
    """``/<username>``: the profile, for a one-word path that no route took. As the router's
    fallback it never shadows a route, even one added later; ``/vendeurs/<username>`` is the
    address that never clashes."""

    def __init__(self, router: ASGIApp, fallback: ASGIApp) -> None:
        self.router = router
        self.fallback = fallback

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        name = scope["path"][1:]
        if scope["type"] == "http" and USERNAME.match(name):
            path = f"/vendeurs/{name}"
            scope = {**scope, "path": path, "raw_path": path.encode()}
            await self.router(scope, receive, send)
            return
        await self.fallback(scope, receive, send)


def _quote_choices(gigs: list[Gig]) -> list[Subcategory]:
    found: dict[str, Subcategory] = {}
    for gig in gigs:
        sub = TAXONOMY.subcategory(gig.subcategory)
        if sub is not None and sub.offers_quotes:
            found.setdefault(sub.slug, sub)
    return list(found.values())


def _quote_form(
    request: Request,
    session: Session,
    username: str,
    values: dict[str, str],
    problems: list[Any],
    status_code: int = 200,
) -> Response:
    seller = public_profile(session, username)
    context = {
        "seller": seller,
        "subcategories": _quote_choices(active_gigs_of(session, seller.id)),
        "values": values,
        "problems": problems,
    }
    return pages_of(request).render(request, "quote.html", context, status_code)


@router.get("/vendeurs/{username}/devis")
def quote_form(username: str, request: Request, session: DbSession, viewer: Viewer) -> Response:
    logged_in(viewer)
    return _quote_form(request, session, username, {}, [])


@router.post("/vendeurs/{username}/devis", dependencies=CSRF_CHECKED)
def send_quote_request(
    username: str,
    request: Request,
    session: DbSession,
    runtime: RuntimeDep,
    viewer: Viewer,
    subcategory: Field = "",
    description: Field = "",
    delivery_days: Field = "",
    budget: Field = "",
) -> Response:
    buyer = logged_in(viewer)
    values = {
        "subcategory": subcategory,
        "description": description,
        "delivery_days": delivery_days,
        "budget": budget,
    }
    try:
        request_quote(
            session,
            buyer.user.id,
            username,
            QuoteRequestInput(
                description=description,
                subcategory=subcategory,
                delivery_days=int(delivery_days) if delivery_days.isdigit() else 0,
                budget_cents=cents_of(budget, "budget"),
            ),
            taxonomy=TAXONOMY,
            max_attachment_bytes=runtime.settings.quote_attachment_max_bytes,
            clock=runtime.clock,
        )
    except InvalidInput as exc:
        session.rollback()
        return _quote_form(request, session, username, values, exc.problems, 422)
    name = {"name": username}
    back = href(page_lang(request), f"/vendeurs/{username}")
    return pages_of(request).done(
        request, "quote.title", "quote.sent", values=name, title_values=name, back=back
    )
