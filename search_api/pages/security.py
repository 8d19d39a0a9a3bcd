"""What protects the pages: security headers on every answer, CSRF tokens on their forms.

CSRF: a random value in a cookie, and in each form the HMAC of that value under the app's
secret; a POST must bring both, matching. A site that cannot read the cookie cannot make the
token, and one that plants a cookie cannot sign it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from fastapi import Request, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from marketplace_core.errors import Forbidden

CSRF_COOKIE = "mt_csrf"
CSRF_FIELD = "csrf"
# The app's own scripts and styles only: no inline code, no other origin.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
# The interactive API docs load their own scripts: they keep their own policy.
NO_CSP_PATHS = ("/docs", "/redoc")
COMMON = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
]


class SecurityHeaders:
    """Plain ASGI (no per-request task): a few headers on every response, the policy on
    HTML."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        with_csp = not scope["path"].startswith(NO_CSP_PATHS)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(n, v) for n, v in COMMON if n not in present]
                html = any(
                    n.lower() == b"content-type" and v.startswith(b"text/html") for n, v in headers
                )
                if html and with_csp:
                    headers.append((b"content-security-policy", CSP.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class CsrfRefused(Forbidden):
    """A form's token is missing or does not match its cookie."""


def is_https(request: Request) -> bool:
    """Behind a proxy, uvicorn's --proxy-headers makes this the client's scheme."""
    return request.url.scheme == "https"


class Csrf:
    def __init__(self, secret: str) -> None:
        self._key = hashlib.sha256(f"csrf:{secret}".encode()).digest()

    def _sign(self, value: str) -> str:
        return hmac.new(self._key, value.encode(), hashlib.sha256).hexdigest()

    def token(self, request: Request) -> str:
        """The token for this page's forms; a new cookie value is set by :meth:`remember`."""
        value = request.cookies.get(CSRF_COOKIE)
        if not value:
            value = getattr(request.state, "new_csrf", None) or secrets.token_urlsafe(32)
            request.state.new_csrf = value
        return self._sign(value)

    def remember(self, request: Request, response: Response) -> None:
        value = getattr(request.state, "new_csrf", None)
        if value:
            response.set_cookie(
                CSRF_COOKIE,
                value,
                httponly=True,
                secure=is_https(request),
                samesite="lax",
                path="/",
            )

    def valid(self, request: Request, sent: str | None) -> bool:
        value = request.cookies.get(CSRF_COOKIE)
        return bool(value and sent) and hmac.compare_digest(self._sign(value or ""), sent or "")
