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
    answer(RequestValidationError, 422, _validation_problems)
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


def _detail(exc: Exception) -> Body:
    return {"detail": str(exc)}


def _problems(problems: list[FieldProblem]) -> Body:
    return {"detail": [{"field": p.field, "rule": p.rule, "message": p.message} for p in problems]}


def _validation_problems(exc: RequestValidationError) -> Body:
    problems = []
    for error in exc.errors():
        location = [str(part) for part in error.get("loc", ()) if part not in ("body",)]
        problems.append(
            FieldProblem(
                field=".".join(location[1:] if location[:1] == ["query"] else location),
                rule=error.get("type", "invalid"),
                message=error.get("msg", "invalid value"),
            )
        )
    return _problems(problems)
