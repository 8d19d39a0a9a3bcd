"""The one place where errors become HTTP responses.

Every error body has the same shape: ``{"detail": [{"field", "rule", "message"}, ...]}``
for bad input, ``{"detail": "..."}`` otherwise.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from marketplace_core.errors import Conflict, InvalidInput, NotFound


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

    @app.exception_handler(RequestValidationError)
    async def request_validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for error in exc.errors():
            location = [str(part) for part in error.get("loc", ()) if part not in ("body",)]
            problems.append(
                {
                    "field": ".".join(location[1:] if location[:1] == ["query"] else location),
                    "rule": error.get("type", "invalid"),
                    "message": error.get("msg", "invalid value"),
                }
            )
        return JSONResponse(status_code=422, content={"detail": problems})

    @app.exception_handler(NotFound)
    async def not_found(_: Request, exc: NotFound) -> JSONResponse:
        return JSONResponse(status_code=404, content={"detail": str(exc)})

    @app.exception_handler(Conflict)
    async def conflict(_: Request, exc: Conflict) -> JSONResponse:
        return JSONResponse(status_code=409, content={"detail": str(exc)})
