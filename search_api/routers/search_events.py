"""``POST /search/events``: what the buyer did with a results page (click, favorite, quote
request, order), for the search reports. Anonymous or logged in; answered without any I/O:
the events go to this process's buffer, written to OpenSearch every few seconds with the
query log (``microtache.jobs.FLUSH_SEARCH_LOG``)."""

from __future__ import annotations

from fastapi import APIRouter, Request, status

from marketplace_core.insights.rules import EventType
from search_api.deps import Tracking
from search_api.schemas.errors import errors
from search_api.schemas.insights import EventsAccepted, EventsIn
from search_api.tracking import VISITOR_HEADER

router = APIRouter(tags=["search"])


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
async def record_events(body: EventsIn, request: Request, tracking: Tracking) -> EventsAccepted:
    accepted = tracking.record_events(
        request.headers,
        [(e.search_id, EventType(e.type), e.gig_id, e.position) for e in body.events],
    )
    return EventsAccepted(accepted=accepted)
