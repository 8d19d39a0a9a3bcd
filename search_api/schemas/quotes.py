"""Bodies of the upload and quote endpoints ("Obtenir un devis", R-QUO-1…3)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from facets.model import Attribute, Lang
from facets.taxonomy import TAXONOMY
from marketplace_core.quotes.models import QuoteRequest
from marketplace_core.quotes.rules import (
    DESCRIPTION_LENGTH,
    MAX_ATTACHMENTS,
    MAX_DELIVERY_DAYS,
    MAX_REASON_LENGTH,
    QUOTE_TRANSITIONS,
    OfferInput,
    QuoteParty,
    QuoteRequestInput,
    QuoteStatus,
)
from search_api.schemas.base import ReadModel, RequestBody, examples
from search_api.schemas.bounds import chars, documented, price
from search_api.schemas.labels import AttributeOut, Named, attributes_out, place

_REQUEST_EXAMPLE: dict[str, Any] = {
    "description": "Voix off de 90 secondes pour une publicité radio, ton chaleureux.",
    "subcategory": "voix-off",
    "criteria": {
        "genre": ["femme"],
        "langue": ["fr"],
        "tranche-age": ["adulte"],
        "objectif": ["publicite"],
        "accent": ["quebecois"],
    },
    "delivery_days": 5,
    "budget_cents": 15000,
    "attachments": ["3f2a9c0d5e7b41a8b6c2d4e6f8a0b1c3"],
}


# -- in ---------------------------------------------------------------------------------------
class QuoteRequestIn(RequestBody):
    model_config = examples(_REQUEST_EXAMPLE)

    description: str = chars(*reversed(DESCRIPTION_LENGTH), description="what is wanted")
    subcategory: str = Field(description="a subcategory that offers quotes")
    criteria: dict[str, list[str]] = Field(
        default_factory=dict,
        description="the subcategory's quote criteria, slug → value slugs; each optional",
    )
    delivery_days: int = documented(
        1, MAX_DELIVERY_DAYS, description="wanted delivery time once ordered, 1 to 90 days"
    )
    budget_cents: int | None = price(
        default=None, description="optional budget in US dollar cents, at least 500 ($5)"
    )
    attachments: list[str] = documented(
        max_items=MAX_ATTACHMENTS,
        default_factory=list,
        description="keys of the buyer's uploads (`POST /uploads`)",
    )

    def to_input(self) -> QuoteRequestInput:
        return QuoteRequestInput(**self.model_dump())


class OfferIn(RequestBody):
    model_config = examples(
        {
            "price_cents": 12000,
            "delivery_days": 4,
            "description": "90 secondes, deux prises, une retouche incluse.",
        }
    )

    price_cents: int = price(description="US dollar cents, at least 500 ($5)")
    delivery_days: int = documented(1, MAX_DELIVERY_DAYS, description="1 to 90")
    description: str = chars(*reversed(DESCRIPTION_LENGTH), description="what the quote covers")

    def to_input(self) -> OfferInput:
        return OfferInput(**self.model_dump())


class DeclineIn(RequestBody):
    reason: str | None = chars(MAX_REASON_LENGTH, default=None, description="optional")


# -- out --------------------------------------------------------------------------------------
class UploadOut(ReadModel):
    key: str = Field(description="refer to the file by this key, e.g. in `attachments`")
    filename: str
    content_type: str
    size_bytes: int
    sha256: str
    created_at: datetime


class RefusedOut(BaseModel):
    model_config = examples(
        {
            "detail": "this seller does not accept quote requests",
            "rule": "seller.no_quotes",
        }
    )

    detail: str
    rule: str = Field(description="seller.no_quotes, seller.no_active_gig or seller.self")


class OfferOut(ReadModel):
    price_cents: int
    delivery_days: int
    description: str
    created_at: datetime
    order_id: int | None = Field(description="the order placed from this offer, if any")


class QuoteSellerOut(ReadModel):
    username: str
    display_name: str


class QuoteRequestOut(ReadModel):
    id: int
    status: QuoteStatus
    role: QuoteParty = Field(description="the caller's side: buyer or seller")
    allowed_actions: list[str] = Field(description="what the caller may do now")
    seller: QuoteSellerOut
    category: Named
    subcategory: Named
    description: str
    criteria: list[AttributeOut]
    delivery_days: int
    budget_cents: int | None
    attachments: list[UploadOut]
    offer: OfferOut | None
    decline_reason: str | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, request: QuoteRequest, role: QuoteParty, lang: Lang) -> QuoteRequestOut:
        category, subcategory = place(request.category, request.subcategory, lang)
        return cls.read(
            request,
            role=role,
            allowed_actions=[a.value for a in QUOTE_TRANSITIONS.allowed(request.status, role)],
            category=category,
            subcategory=subcategory,
            criteria=attributes_out(request.criteria, _criteria(request), lang),
            attachments=[a.upload for a in request.attachments],
        )


def _criteria(request: QuoteRequest) -> tuple[Attribute, ...]:
    sub = TAXONOMY.subcategory(request.subcategory)
    return sub.quote_criteria if sub else ()
