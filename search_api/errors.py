"""The one place where errors become HTTP responses.

Every error body has the same shape: ``{"detail": [{"field", "rule", "message"}, ...]}``
for bad input (413 when too large), ``{"detail": "..."}`` otherwise; a conflict adds
``current_version``, or ``status`` and ``allowed_actions``, or the ``rule`` that refused it;
a throttled login adds ``retry_after``. The database out of reach (restarting, refusing
connections, every pooled connection busy) is 503 with ``Retry-After``: the transaction was
rolled back, so nothing was written, and the same request can be sent again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from facets.errors import FieldProblem, InvalidSelection
from marketplace_core.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    InvalidTransition,
    NotFound,
    Refused,
    StaleVersion,
    Throttled,
    TooLarge,
    Unauthorized,
)
from marketplace_core.orders.payments import PaymentDeclined
from search_api.deps import login_refused

E = TypeVar("E", bound=Exception)
Body = dict[str, Any]
# Long enough for a restarting database to come back, short enough not to lose the client.
DATABASE_RETRY_AFTER_SECONDS = 5


def install_error_handlers(app: FastAPI) -> None:
    def answer(
        error: type[E],
        status: int,
        body: Callable[[E], Body],
        headers: Callable[[E], dict[str, str]] | None = None,
    ) -> None:
        async def handler(_: Request, exc: Exception) -> JSONResponse:
            assert isinstance(exc, error)
            return JSONResponse(
                status_code=status, content=body(exc), headers=headers(exc) if headers else None
            )

        app.add_exception_handler(error, handler)

    # The most specific class of an error picks its answer.
    answer(InvalidSelection, 422, lambda e: _problems(e.problems))
    answer(InvalidInput, 422, lambda e: _problems(e.problems))
    answer(TooLarge, 413, lambda e: _problems(e.problems))
    unauthorized = _answer_of(401, _detail, lambda _: {"WWW-Authenticate": "Bearer"})

    async def request_validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        # A body that is not JSON is met before the dependencies run: the caller first.
        json_invalid = any(e.get("type") == "json_invalid" for e in exc.errors())
        if json_invalid and (refused := login_refused(request)) is not None:
            return unauthorized(refused)
        return JSONResponse(status_code=422, content=_validation_problems(exc))

    async def http_exception(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        # FastAPI answers a body it cannot read (bytes that are not UTF-8 JSON) with a 400 of
        # its own: bad input like any other, 422 naming the body, once the caller is known.
        if exc.status_code != 400:
            return JSONResponse(
                status_code=exc.status_code, content={"detail": exc.detail}, headers=exc.headers
            )
        if (refused := login_refused(request)) is not None:
            return unauthorized(refused)
        problem = FieldProblem("body", "json_invalid", "the body must be a JSON document in UTF-8")
        return JSONResponse(status_code=422, content=_problems([problem]))

    app.add_exception_handler(RequestValidationError, request_validation)
    app.add_exception_handler(StarletteHTTPException, http_exception)
    answer(NotFound, 404, _detail)
    answer(Conflict, 409, _detail)
    answer(StaleVersion, 409, lambda e: _detail(e) | {"current_version": e.current})
    answer(
        InvalidTransition,
        409,
        lambda e: _detail(e) | {"status": e.status, "allowed_actions": e.allowed},
    )
    answer(Refused, 409, lambda e: _detail(e) | {"rule": e.rule})
    # Another request wrote the same row between our read and our write.
    answer(StaleDataError, 409, lambda _: {"detail": "changed meanwhile by another request; retry"})
    answer(Unauthorized, 401, _detail, lambda _: {"WWW-Authenticate": "Bearer"})
    answer(Forbidden, 403, _detail)
    answer(PaymentDeclined, 402, _detail)
    answer(
        Throttled,
        429,
        lambda e: _detail(e) | {"retry_after": e.retry_after_seconds},
        lambda e: {"Retry-After": str(e.retry_after_seconds)},
    )
    # Connection refused or lost, server shutting down or starting up; a closed connection;
    # no pooled connection free in time. The pool drops the broken connections (and pings
    # before reuse): the next request after the database's return gets a fresh one.
    for unavailable in (OperationalError, InterfaceError, PoolTimeout):
        answer(
            unavailable,
            503,
            lambda _: {
                "detail": "the database is unavailable; nothing was written, retry shortly",
                "retry_after": DATABASE_RETRY_AFTER_SECONDS,
            },
            lambda _: {"Retry-After": str(DATABASE_RETRY_AFTER_SECONDS)},
        )


def _answer_of(
    status: int, body: Callable[[Any], Body], headers: Callable[[Any], dict[str, str]]
) -> Callable[[Exception], JSONResponse]:
    return lambda exc: JSONResponse(status_code=status, content=body(exc), headers=headers(exc))


def _detail(exc: Exception) -> Body:
    return {"detail": str(exc)}


def _problems(problems: list[FieldProblem]) -> Body:
    return {"detail": [{"field": p.field, "rule": p.rule, "message": p.message} for p in problems]}


def _validation_problems(exc: RequestValidationError) -> Body:
    problems = []
    for error in exc.errors():
        location = [str(part) for part in error.get("loc", ()) if part not in ("body",)]
        if error.get("type") == "json_invalid":  # its location is a character offset
            location = ["body"]
        problems.append(
            FieldProblem(
                field=".".join(location[1:] if location[:1] == ["query"] else location),
                rule=error.get("type", "invalid"),
                message=error.get("msg", "invalid value"),
            )
        )
    return _problems(problems)
