"""The one place where errors become HTTP responses.

Every error body has the same shape: ``{"detail": [{"field", "rule", "message"}, ...]}``
for bad input (413 when too large), ``{"detail": "..."}`` otherwise; a conflict adds
``current_version``, or ``status`` and ``allowed_actions``, or the ``rule`` that refused it;
a throttled login adds ``retry_after``. The database out of reach (restarting, refusing
connections, every pooled connection busy) is 503 with ``Retry-After``: the transaction was
rolled back, so nothing was written, and the same request can be sent again.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

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

# Long enough for a restarting database to come back, short enough not to lose the client.
DATABASE_RETRY_AFTER_SECONDS = 5


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(InvalidInput)
    async def invalid_input(_: Request, exc: InvalidInput) -> JSONResponse:
        return JSONResponse(
            status_code=422,
            content={
                "detail": [
                    {"field": p.field, "rule": p.rule, "message": p.message} for p in exc.problems
                ]
            },
        )

    @app.exception_handler(TooLarge)
    async def too_large(_: Request, exc: TooLarge) -> JSONResponse:
        return JSONResponse(
            status_code=413,
            content={
                "detail": [
                    {"field": p.field, "rule": p.rule, "message": p.message} for p in exc.problems
                ]
            },
        )

    @app.exception_handler(RequestValidationError)
    async def request_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        # A body that is not JSON is met before the dependencies run: the caller first.
        json_invalid = any(e.get("type") == "json_invalid" for e in exc.errors())
        if json_invalid and (refused := login_refused(request)) is not None:
            return await unauthorized(request, refused)
        problems = []
        for error in exc.errors():
            location = [str(part) for part in error.get("loc", ()) if part not in ("body",)]
            if error.get("type") == "json_invalid":  # its location is a character offset
                location = ["body"]
            problems.append(
                {
                    "field": ".".join(location[1:] if location[:1] == ["query"] else location),
                    "rule": error.get("type", "invalid"),
                    "message": error.get("msg", "invalid value"),
                }
            )
        return JSONResponse(status_code=422, content={"detail": problems})

    @app.exception_handler(StarletteHTTPException)
    async def http_exception(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        # FastAPI answers a body it cannot read (bytes that are not UTF-8 JSON) with a
        # 400 of its own: it is bad input like any other, 422 naming the body, once the
        # caller is known.
        if exc.status_code == 400:
            if (refused := login_refused(request)) is not None:
                return await unauthorized(request, refused)
            return JSONResponse(
                status_code=422,
                content={
                    "detail": [
                        {
                            "field": "body",
                            "rule": "json_invalid",
                            "message": "the body must be a JSON document in UTF-8",
                        }
                    ]
                },
            )
        return JSONResponse(
            status_code=exc.status_code, content={"detail": exc.detail}, headers=exc.headers
        )

    @app.exception_handler(NotFound)
    async def not_found(_: Request, exc: NotFound) -> JSONResponse:
        return JSONResponse(status_code=404, content={"detail": str(exc)})

    @app.exception_handler(Conflict)
    async def conflict(_: Request, exc: Conflict) -> JSONResponse:
        return JSONResponse(status_code=409, content={"detail": str(exc)})

    @app.exception_handler(StaleVersion)
    async def stale_version(_: Request, exc: StaleVersion) -> JSONResponse:
        return JSONResponse(
            status_code=409, content={"detail": str(exc), "current_version": exc.current}
        )

    @app.exception_handler(InvalidTransition)
    async def invalid_transition(_: Request, exc: InvalidTransition) -> JSONResponse:
        return JSONResponse(
            status_code=409,
            content={"detail": str(exc), "status": exc.status, "allowed_actions": exc.allowed},
        )

    @app.exception_handler(Refused)
    async def refused(_: Request, exc: Refused) -> JSONResponse:
        return JSONResponse(status_code=409, content={"detail": str(exc), "rule": exc.rule})

    @app.exception_handler(StaleDataError)
    async def stale_data(_: Request, exc: StaleDataError) -> JSONResponse:
        # Another request wrote the same row between our read and our write.
        return JSONResponse(
            status_code=409, content={"detail": "changed meanwhile by another request; retry"}
        )

    @app.exception_handler(Unauthorized)
    async def unauthorized(_: Request, exc: Unauthorized) -> JSONResponse:
        return JSONResponse(
            status_code=401, content={"detail": str(exc)}, headers={"WWW-Authenticate": "Bearer"}
        )

    @app.exception_handler(Forbidden)
    async def forbidden(_: Request, exc: Forbidden) -> JSONResponse:
        return JSONResponse(status_code=403, content={"detail": str(exc)})

    @app.exception_handler(PaymentDeclined)
    async def payment_declined(_: Request, exc: PaymentDeclined) -> JSONResponse:
        return JSONResponse(status_code=402, content={"detail": str(exc)})

    @app.exception_handler(Throttled)
    async def throttled(_: Request, exc: Throttled) -> JSONResponse:
        return JSONResponse(
            status_code=429,
            content={"detail": str(exc), "retry_after": exc.retry_after_seconds},
            headers={"Retry-After": str(exc.retry_after_seconds)},
        )

    async def database_unavailable(_: Request, exc: Exception) -> JSONResponse:
        # The pool drops the broken connections (and pings before reuse): the next request
        # after the database's return gets a fresh one.
        return JSONResponse(
            status_code=503,
            content={
                "detail": "the database is unavailable; nothing was written, retry shortly",
                "retry_after": DATABASE_RETRY_AFTER_SECONDS,
            },
            headers={"Retry-After": str(DATABASE_RETRY_AFTER_SECONDS)},
        )

    # Connection refused or lost, server shutting down or starting up; a closed connection;
    # no pooled connection free in time.
    for unavailable in (OperationalError, InterfaceError, PoolTimeout):
        app.add_exception_handler(unavailable, database_unavailable)
