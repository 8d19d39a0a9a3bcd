"""Bodies of the alert endpoints: saved searches (buyers), request alerts (sellers)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from marketplace_core.alerts.models import SavedSearch, SellerRequestAlert
from marketplace_core.alerts.rules import MAX_BUDGET_FLOOR_CENTS, MAX_DELIVERY_FLOOR_DAYS
from search_api.schemas.base import RequestBody
from search_api.schemas.bounds import documented


class SavedSearchIn(RequestBody):
    search: str = Field(
        description="the results page's query string: its words and filters (paging, order, "
        "language and the online filter are left out)",
        examples=["q=logo&subcategory=conception-logo&style=vintage&budget_max=5000"],
    )


class SavedSearchOut(BaseModel):
    id: int
    search: str = Field(description="as kept: the query string of its results page")
    words: str
    created_at: datetime
    last_digest_at: datetime | None
    new_matches: int = Field(description="new gigs found since the last digest")

    @classmethod
    def of(cls, row: SavedSearch, new_matches: int = 0) -> SavedSearchOut:
        return cls(
            id=row.id,
            search=row.query,
            words=row.words,
            created_at=row.created_at,
            last_digest_at=row.last_digest_at,
            new_matches=new_matches,
        )


class RequestAlertIn(RequestBody):
    budget_min_cents: int | None = documented(
        0, MAX_BUDGET_FLOOR_CENTS, default=None, description="only requests of at least this budget"
    )
    min_delivery_days: int | None = documented(
        1,
        MAX_DELIVERY_FLOOR_DAYS,
        default=None,
        description="only requests giving at least this many days",
    )


class RequestAlertOut(BaseModel):
    budget_min_cents: int | None
    min_delivery_days: int | None
    updated_at: datetime

    @classmethod
    def of(cls, row: SellerRequestAlert) -> RequestAlertOut:
        return cls(
            budget_min_cents=row.budget_min_cents,
            min_delivery_days=row.min_delivery_days,
            updated_at=row.updated_at,
        )
