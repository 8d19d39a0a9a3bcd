"""The gig page, and what a logged-in buyer does there: order a package, contact the seller,
heart the gig."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import RedirectResponse

from facets.common import LANGUAGES, label_of
from marketplace_core.accounts.models import User
from marketplace_core.accounts.service import Principal
from marketplace_core.catalog.gigs import public_gig
from marketplace_core.conversations.service import contact_seller
from marketplace_core.errors import Refused, Unauthorized
from marketplace_core.favorites.service import heart, unheart
from marketplace_core.orders.payments import PaymentDeclined
from marketplace_core.orders.service import place_package_order
from marketplace_core.reviews.service import published_about_seller
from search_api.deps import DbSession, RuntimeDep, get_payments
from search_api.pages.forms import CSRF_CHECKED, Field, local_path
from search_api.pages.render import PageRoute, href, money, page_lang, page_viewer, pages_of
from search_api.schemas.gigs import GigPageOut, SellerSummaryOut

router = APIRouter(route_class=PageRoute, include_in_schema=False)
Viewer = Annotated[Principal | None, Depends(page_viewer)]


def logged_in(viewer: Principal | None) -> Principal:
    if viewer is None:
        raise Unauthorized("log in first")
    return viewer


@router.get("/services/{gig_id}")
def gig_page(
    gig_id: int, request: Request, session: DbSession, runtime: RuntimeDep, viewer: Viewer
) -> Response:
    lang = page_lang(request)
    gig = public_gig(session, gig_id, viewer.user.id if viewer else None)
    seller = gig.seller
    summary = SellerSummaryOut.of(
        seller, lang, now=runtime.clock.now(), window=runtime.online_window
    )
    context = {
        "gig": gig,
        "page": GigPageOut.of(gig, lang, summary),  # what GET /gigs/{id} answers
        "seller": seller,
        "seller_languages": [label_of(LANGUAGES, s.language, lang) for s in seller.languages],
        "reviews": published_about_seller(session, seller.id, limit=10),
        "own": viewer is not None and seller.user_id == viewer.user.id,
        "order_key": str(uuid.uuid4()),  # one per page shown: a double submit orders once
    }
    return pages_of(request).render(request, "gig.html", context)


@router.post("/services/{gig_id}/commander", dependencies=CSRF_CHECKED)
def order(
    gig_id: int,
    request: Request,
    session: DbSession,
    runtime: RuntimeDep,
    viewer: Viewer,
    tier: Field = "",
    order_key: Field = "",
) -> Response:
    buyer = logged_in(viewer)
    pages = pages_of(request)
    try:
        placed = place_package_order(
            session,
            buyer=session.get_one(User, buyer.user.id),
            gig_id=gig_id,
            tier=tier,
            idempotency_key=order_key or str(uuid.uuid4()),
            clock=runtime.clock,
            payments=get_payments(request),
        )
    except PaymentDeclined:
        return pages.done(request, "order.title", "order.declined", status_code=402)
    values = {"id": placed.id, "title": placed.title, "price": money(placed.price_cents)}
    back = href(page_lang(request), f"/services/{gig_id}")
    return pages.done(request, "order.title", "order.done", values=values, back=back)


@router.post("/vendeurs/{username}/contacter", dependencies=CSRF_CHECKED)
def contact(
    username: str,
    request: Request,
    session: DbSession,
    runtime: RuntimeDep,
    viewer: Viewer,
    message: Field = "",
    next: Field = "",
) -> Response:
    buyer = logged_in(viewer)
    pages = pages_of(request)
    try:
        contact_seller(session, buyer.user.id, username, message, clock=runtime.clock)
    except Refused:
        return pages.done(request, "error.title", "gig.no_account", status_code=409)
    name = {"name": username}
    return pages.done(request, "contact.title", "contact.done", values=name, back=local_path(next))


@router.post("/favoris/{gig_id}", dependencies=CSRF_CHECKED)
def toggle_heart(
    gig_id: int,
    session: DbSession,
    runtime: RuntimeDep,
    viewer: Viewer,
    action: Field = "heart",
    next: Field = "",
) -> Response:
    user = logged_in(viewer)
    if action == "unheart":
        unheart(session, user.user.id, gig_id)
    else:
        heart(session, user.user.id, gig_id, clock=runtime.clock)
    return RedirectResponse(local_path(next), status_code=303)
