"""``POST /search/events``: what the buyer did with a results page (click, favorite, quote
request, order), for the search reports. Anonymous or logged in; answered without any I/O:
the events go to this process's buffer, written to OpenSearch every few seconds."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from datetime import datetime

from fastapi import APIRouter, FastAPI, Request, status

from indexer.events import EventLog
from marketplace_core.accounts.tokens import secret_key
from marketplace_core.insights.orders import order_events
from marketplace_core.insights.rules import (
    EventType,
    Pseudonyms,
    SearchEvent,
    SearchIds,
    derive_key,
)
from search_api.schemas.errors import errors
from search_api.schemas.insights import EventsAccepted, EventsIn
from search_api.tracking import VISITOR_HEADER, SearchTracking

log = logging.getLogger(__name__)

FLUSH_EVERY = 5.0  # seconds, like the query log


async def _flush(events: EventLog) -> None:
    try:
        await asyncio.to_thread(events.flush)
    except Exception:  # the events stay buffered; the next flush retries
        log.exception("search events flush failed")


async def _keep_flushing(events: EventLog) -> None:
    while True:
        await asyncio.sleep(FLUSH_EVERY)
        await _flush(events)


@asynccontextmanager
async def search_tracking(app: FastAPI) -> AsyncIterator[None]:
    """The process's :class:`SearchTracking` (``app.state.tracking``) and its flushes."""
    runtime = app.state.runtime
    secret = secret_key(runtime.settings)
    ids = SearchIds(derive_key(secret, "search-id"))
    pseudonyms = Pseudonyms(derive_key(secret, "visitor"))

    def orders(since: datetime) -> list[SearchEvent]:
        return order_events(runtime.sessions, since, pseudonyms)

    events = EventLog(
        runtime.search,
        runtime.names,
        clock=runtime.clock,
        searches=app.state.query_log,
        ids=ids,
        orders=orders,
    )
    app.state.tracking = SearchTracking(
        ids=ids,
        pseudonyms=pseudonyms,
        signer=app.state.token_signer,
        clock=runtime.clock,
        searches=app.state.query_log,
        events=events,
        retention_days=runtime.settings.insights_retention_days,
    )
    task = asyncio.create_task(_keep_flushing(events))
    try:
        yield
    finally:
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task
        await _flush(events)  # what was buffered since the last flush


router = APIRouter(tags=["search"], lifespan=search_tracking)


def tracking_of(request: Request) -> SearchTracking:
    tracking: SearchTracking = request.app.state.tracking
    return tracking


@router.post(
    "/search/events",
    response_model=EventsAccepted,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Ce que l'acheteur a fait d'une recherche",
    description="Up to 100 events, each naming the `search_id` of the results page the "
    "gig was on: `click` (with the gig's `position`, 1 for the first), `favorite`, "
    "`quote_request`, `order` (orders placed with a `search_id` are also recorded by the "
    "orders core). Sending an event again records it once (its key is its search, kind and "
    "gig). Anonymous or logged in: a valid access token, else the client's random "
    f"`{VISITOR_HEADER}` (8–128 of `A–Z a–z 0–9 . _ : -`), becomes a pseudonymous visitor "
    "id; neither the account nor the header is kept. Any bad event refuses the request "
    "(422 naming it) and records nothing.",
    responses=errors(413, 422),
)
async def record_events(body: EventsIn, request: Request) -> EventsAccepted:
    accepted = tracking_of(request).record_events(
        request.headers,
        [(e.search_id, EventType(e.type), e.gig_id, e.position) for e in body.events],
    )
    return EventsAccepted(accepted=accepted)
