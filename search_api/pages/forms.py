"""What the page forms share: the CSRF check, form fields, and where to go back to."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Form, Request

from search_api.pages.render import pages_of
from search_api.pages.security import CsrfRefused


def check_csrf(request: Request, csrf: Annotated[str, Form()] = "") -> None:
    if not pages_of(request).csrf.valid(request, csrf):
        raise CsrfRefused("the form's CSRF token is missing or wrong")


CSRF_CHECKED = [Depends(check_csrf)]
# A form field, "" when the form left it out (the service then names what is missing).
Field = Annotated[str, Form()]


def local_path(target: str | None, default: str = "/") -> str:
    """Only a path of this site: never an address elsewhere (no open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target
