"""Bodies of the search events and of the search reports."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from marketplace_core.insights.reports import Row, ZeroResultRow
from marketplace_core.insights.rules import MAX_EVENTS_PER_REQUEST, MAX_POSITION, SEARCH_ID_CHARS
from search_api.schemas.base import RequestBody
from search_api.schemas.bounds import ID

EventKind = Literal["click", "favorite", "quote_request", "order"]


class EventIn(RequestBody):
    search_id: str = Field(
        min_length=SEARCH_ID_CHARS,
        max_length=SEARCH_ID_CHARS,
        description="the `search_id` of the results page the gig was on",
    )
    type: EventKind = Field(
        description="click (the gig was opened), favorite, quote_request or order"
    )
    gig_id: ID
    position: int | None = Field(
        default=None,
        ge=1,
        le=MAX_POSITION,
        description="the gig's rank in the results, 1 for the first, counted across pages; "
        "required for a click",
    )


class EventsIn(RequestBody):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "events": [
                        {
                            "search_id": "AZrEvn0oF2m1Yq8xPbO3cZ0kLw5sT1",
                            "type": "click",
                            "gig_id": 1234,
                            "position": 3,
                        }
                    ]
                }
            ]
        },
    )

    events: list[EventIn] = Field(min_length=1, max_length=MAX_EVENTS_PER_REQUEST)


class EventsAccepted(BaseModel):
    accepted: int = Field(description="events taken; one sent again is still recorded once")


class RowOut(BaseModel):
    """One query, or one day or week, or the whole window."""

    key: str = Field(description="the query, the period's first day, or `total`")
    searches: int
    zero_results: int = Field(description="searches that found nothing")
    with_results: int
    clicked_searches: int = Field(description="searches with results and at least one click")
    no_click_searches: int = Field(description="searches with results and no click")
    clicks: int
    click_rate: float | None = Field(description="clicked searches / searches with results")
    mean_click_position: float | None = Field(description="over every click; 1 is the first")
    ordered_searches: int
    conversion_rate: float | None = Field(
        description="searches that led to an order / searches with results"
    )
    favorites: int
    quote_requests: int
    visitors: int = Field(description="distinct pseudonymous visitors who searched")

    @classmethod
    def of(cls, r: Row) -> RowOut:
        return cls.model_validate(r, from_attributes=True)


class WindowOut(BaseModel):
    from_: str = Field(alias="from", serialization_alias="from")
    to: str
    category: str | None

    model_config = ConfigDict(populate_by_name=True)


class QueriesOut(BaseModel):
    window: WindowOut
    queries: list[RowOut]


class OverviewOut(BaseModel):
    window: WindowOut
    interval: Literal["day", "week"]
    total: RowOut
    periods: list[RowOut]


class ZeroResultOut(BaseModel):
    query: str
    searches: int = Field(description="searches of it that found nothing in the window")
    last_searched_at: datetime | None
    add_synonym: dict[str, Any] | None = Field(
        description="the thesaurus request that would make it find gigs: POST `body` to "
        "`path` once its `targets` say what the buyers mean (prefilled with corrections "
        "and the likely subcategory, which do find gigs); try it with `check`. None when "
        "the query cannot be a thesaurus phrase (over 5 words or 60 characters)."
    )

    @classmethod
    def of(cls, r: ZeroResultRow) -> ZeroResultOut:
        return cls.model_validate(r, from_attributes=True)


class ZeroResultsOut(BaseModel):
    window: WindowOut
    queries: list[ZeroResultOut]
