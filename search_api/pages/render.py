"""Rendering: the Jinja2 environment (autoescaped), what every template gets, and the route
class that turns domain errors into pages instead of JSON."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Coroutine, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.routing import APIRoute
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool

from facets.errors import InvalidSelection
from facets.model import Lang
from marketplace_core.accounts.cookie_sessions import cookie_principal
from marketplace_core.accounts.service import Principal
from marketplace_core.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    Throttled,
    Unauthorized,
)
from marketplace_core.gig_images.rules import image_url
from search_api.pages.i18n import lang_of, translate
from search_api.pages.security import Csrf, CsrfRefused

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
SESSION_COOKIE = "mt_session"


class Pages:
    """Made once per app: the templates, the CSRF signer, the static files' versions."""

    def __init__(self, csrf: Csrf) -> None:
        self.csrf = csrf
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=select_autoescape(["html"]),
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,
        )
        # A file's URL changes with its content, so browsers may keep it for good.
        self.versions = {
            p.name: hashlib.sha256(p.read_bytes()).hexdigest()[:12] for p in STATIC.iterdir()
        }

    def render(
        self,
        request: Request,
        template: str,
        context: dict[str, Any],
        status_code: int = 200,
    ) -> HTMLResponse:
        lang = page_lang(request)
        viewer: Principal | None = getattr(request.state, "viewer", None)
        helpers = {
            "request": request,
            "lang": lang,
            "viewer": viewer,
            "t": lambda key, **values: translate(key, lang, **values),
            "href": lambda path, **params: href(lang, path, **params),
            "static": lambda name: f"/static/{name}?v={self.versions[name]}",
            "image": image_url,
            "money": money,
            "days": lambda n: translate("days.one" if n == 1 else "days.many", lang, n=n),
            "date": lambda d: short_date(d, lang),
            "csrf": self.csrf.token(request),
            "lang_switch": lang_switch(request, "fr" if lang == "en" else "en"),
            "q": "",
        }
        html = self.env.get_template(template).render(helpers | context)
        response = HTMLResponse(html, status_code=status_code)
        self.csrf.remember(request, response)
        response.headers["Cache-Control"] = "no-store" if viewer else "no-cache"
        return response

    def done(
        self,
        request: Request,
        title: str,
        message: str,
        *,
        values: Mapping[str, object] | None = None,
        title_values: Mapping[str, object] | None = None,
        back: str | None = None,
        status_code: int = 200,
    ) -> HTMLResponse:
        """The page that tells what a form did, or why it did not (message keys, their
        values, and where to go back: the home page unless given)."""
        context = {
            "title": title,
            "title_values": title_values,
            "message": message,
            "values": values,
            "back": back,
        }
        return self.render(request, "done.html", context, status_code)


def pages_of(request: Request) -> Pages:
    pages: Pages = request.app.state.pages
    return pages


def page_lang(request: Request) -> Lang:
    return lang_of(request.query_params.get("lang"))


def href(lang: Lang, path: str, **params: object) -> str:
    query = [(k, str(v)) for k, v in params.items() if v is not None and v != ""]
    if lang == "en":
        query.append(("lang", "en"))
    return f"{path}?{urlencode(query)}" if query else path


def lang_switch(request: Request, to: Lang) -> str:
    query = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    if to == "en":
        query.append(("lang", "en"))
    return f"{request.url.path}?{urlencode(query)}" if query else request.url.path


def money(cents: int) -> str:
    return f"${cents // 100}" if cents % 100 == 0 else f"${cents / 100:.2f}"


MONTHS = {
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}


def short_date(when: datetime, lang: Lang) -> str:
    month = MONTHS[lang][when.month - 1]
    return f"{when.day} {month} {when.year}" if lang == "fr" else f"{month} {when.day}, {when.year}"


# -- who is looking ---------------------------------------------------------------------------
def _viewer_now(request: Request) -> Principal | None:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    runtime = request.app.state.runtime
    with runtime.sessions() as session:
        principal = cookie_principal(session, token, clock=runtime.clock)
        if principal is not None:
            session.expunge(principal.user)  # read after the session closes
        return principal


async def page_viewer(request: Request) -> Principal | None:
    """The logged-in visitor (from the session cookie), or None; no database trip without
    a cookie."""
    if SESSION_COOKIE not in request.cookies:
        request.state.viewer = None
        return None
    viewer = await run_in_threadpool(_viewer_now, request)
    request.state.viewer = viewer
    return viewer


def login_redirect(request: Request, target: str | None = None) -> RedirectResponse:
    """To the login page, then back: to this page, or for a form to the page it was on."""
    if target is None:
        if request.method == "GET":
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        else:
            referer = urlsplit(request.headers.get("referer", ""))
            same_site = referer.netloc == request.url.netloc
            target = (
                referer.path + (f"?{referer.query}" if referer.query else "") if same_site else "/"
            )
    return RedirectResponse(href(page_lang(request), "/connexion", next=target), status_code=303)


class PageRoute(APIRoute):
    """Errors become pages: 404, 403, 409, 422 with the problems, a login for 401."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def page_handler(request: Request) -> Response:
            try:
                return await handler(request)
            except Unauthorized:
                return login_redirect(request)
            except (NotFound, RequestValidationError):
                return error_page(request, 404, [translate("error.404", page_lang(request))])
            except CsrfRefused:
                return error_page(request, 403, [translate("error.csrf", page_lang(request))])
            except Forbidden:
                return error_page(request, 403, [translate("error.403", page_lang(request))])
            except Throttled as exc:
                message = translate(
                    "login.throttled", page_lang(request), n=exc.retry_after_seconds
                )
                return error_page(request, 429, [message])
            except (InvalidInput, InvalidSelection) as exc:
                return error_page(request, 422, [p.message for p in exc.problems])
            except Conflict as exc:
                return error_page(request, 409, [str(exc)])

        return page_handler


def error_page(request: Request, status_code: int, messages: list[str]) -> HTMLResponse:
    return pages_of(request).render(
        request, "error.html", {"status": status_code, "messages": messages}, status_code
    )
