"""Bodies of the merchandising endpoints (customer support)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from marketplace_core.merchandising.models import MerchandisingRule
from marketplace_core.merchandising.rules import MAX_POSITION, RuleInput
from search_api.routers.search import AppliedRuleOut, GigResult
from search_api.schemas.base import RequestBody
from search_api.schemas.bounds import documented


class RuleIn(RequestBody):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "query": "logo",
                    "match": "contains",
                    "action": "pin",
                    "gig_id": 42,
                    "position": 1,
                    "placement": "sponsored",
                    "ends_at": "2027-01-01T00:00:00Z",
                },
                {
                    "category": "conception-logo",
                    "action": "boost",
                    "attribute": "seller_level",
                    "value": "top_rated",
                    "starts_at": "2026-12-24T00:00:00Z",
                    "ends_at": "2026-12-26T00:00:00Z",
                },
            ]
        },
    )

    query: str | None = Field(None, description="the pages of these words (or `category`)")
    match: str = Field("exact", description="exact: the words as a whole; contains: holding them")
    category: str | None = Field(
        None, description="the page of this category or subcategory, browsed without words"
    )
    action: str = Field(description="pin, hide, boost or bury")
    gig_id: int | None = Field(None, description="pin, hide: the gig")
    position: int | None = documented(1, MAX_POSITION, default=None, description="pin")
    placement: str | None = Field(None, description="pin: sponsored or featured (default)")
    attribute: str | None = Field(None, description="boost, bury: seller_level or subcategory")
    value: str | None = Field(None, description="boost, bury: a seller level or subcategory slug")
    starts_at: datetime | None = Field(None, description="from (now by default)")
    ends_at: datetime = Field(description="until (excluded)")

    def as_input(self, now: datetime) -> RuleInput:
        return RuleInput(
            action=self.action,
            starts_at=self.starts_at or now,
            ends_at=self.ends_at,
            query=self.query,
            match=self.match,
            category=self.category,
            gig_id=self.gig_id,
            position=self.position,
            placement=self.placement,
            attribute=self.attribute,
            value=self.value,
        )


class RuleOut(BaseModel):
    id: int
    trigger: str
    target: str
    action: str
    gig_id: int | None
    position: int | None
    placement: str | None
    attribute: str | None
    value: str | None
    starts_at: datetime
    ends_at: datetime
    in_force: bool
    author_id: int
    created_at: datetime
    removed_at: datetime | None
    removed_by: int | None

    @classmethod
    def of(cls, row: MerchandisingRule, now: datetime) -> RuleOut:
        return cls(
            id=row.id,
            trigger=row.trigger.value,
            target=row.target,
            action=row.action.value,
            gig_id=row.gig_id,
            position=row.position,
            placement=row.placement.value if row.placement else None,
            attribute=row.attribute.value if row.attribute else None,
            value=row.value,
            starts_at=row.starts_at,
            ends_at=row.ends_at,
            in_force=row.removed_at is None and row.starts_at <= now < row.ends_at,
            author_id=row.created_by_user_id,
            created_at=row.created_at,
            removed_at=row.removed_at,
            removed_by=row.removed_by_user_id,
        )


class PreviewPage(BaseModel):
    total: int
    results: list[GigResult]
    applied_rules: list[AppliedRuleOut]


class PreviewOut(BaseModel):
    rule: RuleOut
    query: str = Field(description="the page previewed, as a query string of GET /search")
    applies: bool = Field(description="whether the rule acts on that page")
    with_rule: PreviewPage
    without_rule: PreviewPage
