"""A process's live copy of what the searches read (the thesaurus, the merchandising rules,
the query understanding): loaded before the first request, then refreshed in the background
every so many seconds, and at once after this process changes what it copies.

A refresh that fails is logged: the copy in hand keeps serving, and the next round retries.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager, suppress
from typing import Protocol, TypeVar

from fastapi import FastAPI

from microtache.runtime import Runtime

log = logging.getLogger(__name__)


class Refreshable(Protocol):
    def refresh(self) -> object: ...


L = TypeVar("L", bound=Refreshable)


def refresh_now(live: Refreshable, what: str) -> None:
    try:
        live.refresh()
    except Exception:
        log.exception("%s refresh failed", what)


async def _keep_fresh(live: Refreshable, what: str, every: float) -> None:
    while True:
        await asyncio.sleep(every)
        await asyncio.to_thread(refresh_now, live, what)


def live_copy(
    name: str, what: str, make: Callable[[Runtime], tuple[L, float]]
) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """A router's lifespan keeping ``app.state.<name>`` fresh: ``make`` gives the copy and
    the seconds between its refreshes; ``what`` names it in the log."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        live, every = make(app.state.runtime)
        setattr(app.state, name, live)
        await asyncio.to_thread(refresh_now, live, what)
        task = asyncio.create_task(_keep_fresh(live, what, every))
        try:
            yield
        finally:
            task.cancel()
            with suppress(asyncio.CancelledError):
                await task

    return lifespan
