"""Log in, sign up, log out; a buyer's requests ("Mes demandes") and posting one (R-SRCH-7)."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import RedirectResponse

from facets.common import DELIVERY_BANDS
from facets.taxonomy import TAXONOMY
from marketplace_core.accounts import service as accounts
from marketplace_core.accounts.service import Principal
from marketplace_core.errors import FieldProblem, InvalidInput, Throttled, Unauthorized
from marketplace_core.requests.rules import RequestInput
from marketplace_core.requests.service import (
    my_requests,
    offer_counts,
    offers_for_buyer,
    own_request,
    post_request,
)
from search_api.deps import ClientAddress, DbSession, PolicyDep, RuntimeDep, SignerDep
from search_api.pages.amounts import cents_of
from search_api.pages.forms import CSRF_CHECKED, Field, local_path
from search_api.pages.gig_pages import logged_in
from search_api.pages.i18n import translate
from search_api.pages.render import (
    SESSION_COOKIE,
    PageRoute,
    href,
    login_redirect,
    page_lang,
    page_viewer,
    pages_of,
)
from search_api.pages.security import is_https

router = APIRouter(route_class=PageRoute, include_in_schema=False)
Viewer = Annotated[Principal | None, Depends(page_viewer)]
REQUEST_DELIVERIES = [c for c in DELIVERY_BANDS if c.slug != "any"]


def _account_form(
    request: Request, template: str, values: dict[str, str], errors: list[str], status: int
) -> Response:
    return pages_of(request).render(request, template, {"values": values, "errors": errors}, status)


@router.get("/connexion")
def login_form(request: Request, next: str = "") -> Response:
    return _account_form(request, "login.html", {"next": local_path(next)}, [], 200)


@router.post("/connexion", dependencies=CSRF_CHECKED)
def login(
    request: Request,
    runtime: RuntimeDep,
    signer: SignerDep,
    policy: PolicyDep,
    address: ClientAddress,
    email: Field = "",
    password: Field = "",
    next: Field = "",
) -> Response:
    lang = page_lang(request)
    values = {"email": email, "next": local_path(next)}
    try:
        issued = accounts.login(
            runtime.sessions,
            signer,
            policy,
            email=email,
            password=password,
            address=address,
            clock=runtime.clock,
        )
    except Unauthorized:
        return _account_form(request, "login.html", values, [translate("login.failed", lang)], 401)
    except Throttled as exc:
        message = translate("login.throttled", lang, n=exc.retry_after_seconds)
        return _account_form(request, "login.html", values, [message], 429)
    response = RedirectResponse(local_path(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        issued.refresh_token,
        max_age=int(policy.session_lifetime.total_seconds()),
        httponly=True,
        secure=is_https(request),
        samesite="lax",
        path="/",
    )
    return response


@router.get("/inscription")
def register_form(request: Request, next: str = "") -> Response:
    return _account_form(request, "register.html", {"next": local_path(next)}, [], 200)


@router.post("/inscription", dependencies=CSRF_CHECKED)
def register(
    request: Request,
    session: DbSession,
    runtime: RuntimeDep,
    email: Field = "",
    password: Field = "",
    next: Field = "",
) -> Response:
    values = {"email": email, "next": local_path(next)}
    try:
        accounts.register(session, email=email, password=password, clock=runtime.clock)
    except InvalidInput as exc:
        return _account_form(
            request, "register.html", values, [p.message for p in exc.problems], 422
        )
    # The same answer whether the address was free or taken (as the API's 202).
    lang = page_lang(request)
    return _account_form(
        request, "login.html", values | {"notice": translate("register.done", lang)}, [], 200
    )


@router.post("/deconnexion", dependencies=CSRF_CHECKED)
def logout(request: Request, session: DbSession, runtime: RuntimeDep, viewer: Viewer) -> Response:
    if viewer is not None:
        accounts.logout(session, viewer, runtime.clock)
    response = RedirectResponse(href(page_lang(request), "/"), status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax")
    return response


# -- buyer requests -------------------------------------------------------------------------
def _request_form(
    request: Request, values: dict[str, str], problems: list[FieldProblem], status: int = 200
) -> Response:
    context: dict[str, Any] = {
        "values": values,
        "problems": problems,
        "categories": TAXONOMY.categories,
        "deliveries": REQUEST_DELIVERIES,
    }
    return pages_of(request).render(request, "request_form.html", context, status)


@router.get("/demandes/nouvelle")
def new_request(
    request: Request,
    viewer: Viewer,
    description: str = "",
    subcategory: str = "",
    budget: str = "",
    delivery: str = "",
) -> Response:
    """Prefilled from a search that found nothing (its words, the guessed subcategory, the
    budget and delivery it asked for)."""
    values = {
        "description": description,
        "subcategory": subcategory,
        "budget": budget,
        "delivery": delivery,
    }
    return _request_form(request, values, [])


@router.post("/demandes/nouvelle", dependencies=CSRF_CHECKED)
def post_new_request(
    request: Request,
    session: DbSession,
    runtime: RuntimeDep,
    viewer: Viewer,
    description: Field = "",
    subcategory: Field = "",
    budget: Field = "",
    delivery: Field = "",
) -> Response:
    values = {
        "description": description,
        "subcategory": subcategory,
        "budget": budget,
        "delivery": delivery,
    }
    if viewer is None:  # log in, then back to the same form, still filled in
        query = urlencode({k: v for k, v in values.items() if v})
        return login_redirect(request, f"/demandes/nouvelle?{query}")
    try:
        posted = post_request(
            session,
            viewer.user.id,
            RequestInput(
                description=description,
                subcategory=subcategory or None,
                budget_cents=cents_of(budget, "budget"),
                delivery=delivery or None,
            ),
            taxonomy=TAXONOMY,
            max_attachment_bytes=runtime.settings.request_attachment_max_bytes,
            clock=runtime.clock,
        )
    except InvalidInput as exc:
        return _request_form(request, values, exc.problems, 422)
    return RedirectResponse(
        href(page_lang(request), "/mes-demandes", publiee=posted.id), status_code=303
    )


@router.get("/mes-demandes")
def requests_page(
    request: Request, session: DbSession, viewer: Viewer, publiee: int | None = None
) -> Response:
    buyer = logged_in(viewer)
    rows = my_requests(session, buyer.user.id)
    counts = offer_counts(session, [r.id for r in rows])
    return pages_of(request).render(
        request,
        "requests.html",
        {
            "requests": [
                (r, counts.get(r.id, 0), _sub_label(r.subcategory, request)) for r in rows
            ],
            "posted": publiee,
        },
    )


@router.get("/mes-demandes/{request_id}")
def request_page(request_id: int, request: Request, session: DbSession, viewer: Viewer) -> Response:
    buyer = logged_in(viewer)
    row = own_request(session, buyer.user.id, request_id)
    return pages_of(request).render(
        request,
        "request.html",
        {
            "row": row,
            "offers": offers_for_buyer(session, row),
            "sub": _sub_label(row.subcategory, request),
        },
    )


def _sub_label(slug: str, request: Request) -> str:
    sub = TAXONOMY.subcategory(slug)
    return sub.label.get(page_lang(request)) if sub else slug
