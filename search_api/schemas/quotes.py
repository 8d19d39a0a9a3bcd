"""Bodies of the upload and quote endpoints ("Obtenir un devis", R-QUO-1…3)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from facets.model import Lang
from facets.taxonomy import TAXONOMY
from marketplace_core.quotes.models import QuoteRequest
from marketplace_core.quotes.rules import (
    QUOTE_TRANSITIONS,
    OfferInput,
    QuoteParty,
    QuoteRequestInput,
    QuoteStatus,
)
from marketplace_core.uploads.models import Upload
from search_api.schemas.base import RequestBody
from search_api.schemas.gigs import AttributeOut, Named

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
    model_config = ConfigDict(json_schema_extra={"examples": [_REQUEST_EXAMPLE]})

    description: str = Field(description="what is wanted, 1 to 5000 characters")
    subcategory: str = Field(description="a subcategory that offers quotes")
    criteria: dict[str, list[str]] = Field(
        default_factory=dict,
        description="the subcategory's quote criteria, slug → value slugs; each optional",
    )
    delivery_days: int = Field(description="wanted delivery time once ordered, 1 to 90 days")
    budget_cents: int | None = Field(
        default=None, description="optional budget in US dollar cents, at least 500 ($5)"
    )
    attachments: list[str] = Field(
        default_factory=list,
        description="keys of the buyer's uploads (`POST /uploads`), at most 10",
    )

    def to_input(self) -> QuoteRequestInput:
        return QuoteRequestInput(
            description=self.description,
            subcategory=self.subcategory,
            delivery_days=self.delivery_days,
            criteria=self.criteria,
            budget_cents=self.budget_cents,
            attachments=self.attachments,
        )


class OfferIn(RequestBody):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "price_cents": 12000,
                    "delivery_days": 4,
                    "description": "90 secondes, deux prises, une retouche incluse.",
                }
            ]
        }
    )

    price_cents: int = Field(description="US dollar cents, at least 500 ($5)")
    delivery_days: int = Field(description="1 to 90")
    description: str = Field(description="what the quote covers, 1 to 5000 characters")

    def to_input(self) -> OfferInput:
        return OfferInput(self.price_cents, self.delivery_days, self.description)


class DeclineIn(RequestBody):
    reason: str | None = Field(default=None, description="optional, at most 1000 characters")


# -- out --------------------------------------------------------------------------------------
class UploadOut(BaseModel):
    key: str = Field(description="refer to the file by this key, e.g. in `attachments`")
    filename: str
    content_type: str
    size_bytes: int
    sha256: str
    created_at: datetime

    @classmethod
    def of(cls, upload: Upload) -> UploadOut:
        return cls(
            key=upload.key,
            filename=upload.filename,
            content_type=upload.content_type,
            size_bytes=upload.size_bytes,
            sha256=upload.sha256,
            created_at=upload.created_at,
        )


class RefusedOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "detail": "this seller does not accept quote requests",
                    "rule": "seller.no_quotes",
                }
            ]
        }
    )

    detail: str
    rule: str = Field(description="seller.no_quotes, seller.no_active_gig or seller.self")


class OfferOut(BaseModel):
    price_cents: int
    delivery_days: int
    description: str
    created_at: datetime
    order_id: int | None = Field(description="the order placed from this offer, if any")


class QuoteSellerOut(BaseModel):
    username: str
    display_name: str


class QuoteRequestOut(BaseModel):
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
        category = TAXONOMY.category(request.category)
        sub = TAXONOMY.subcategory(request.subcategory)
        offer = request.offer
        return cls(
            id=request.id,
            status=request.status,
            role=role,
            allowed_actions=[a.value for a in QUOTE_TRANSITIONS.allowed(request.status, role)],
            seller=QuoteSellerOut(
                username=request.seller.username, display_name=request.seller.display_name
            ),
            category=Named(
                slug=request.category,
                label=category.label.get(lang) if category else request.category,
            ),
            subcategory=Named(
                slug=request.subcategory,
                label=sub.label.get(lang) if sub else request.subcategory,
            ),
            description=request.description,
            criteria=_criteria(request, lang),
            delivery_days=request.delivery_days,
            budget_cents=request.budget_cents,
            attachments=[UploadOut.of(a.upload) for a in request.attachments],
            offer=None
            if offer is None
            else OfferOut(
                price_cents=offer.price_cents,
                delivery_days=offer.delivery_days,
                description=offer.description,
                created_at=offer.created_at,
                order_id=offer.order_id,
            ),
            decline_reason=request.decline_reason,
            created_at=request.created_at,
            updated_at=request.updated_at,
        )


def _criteria(request: QuoteRequest, lang: Lang) -> list[AttributeOut]:
    sub = TAXONOMY.subcategory(request.subcategory)
    schema = {a.slug: a for a in sub.quote_criteria} if sub else {}
    found: list[AttributeOut] = []
    for slug, values in request.criteria.items():
        criterion = schema.get(slug)
        labels = []
        for value in values:
            choice = criterion.choice(value) if criterion else None
            labels.append(Named(slug=value, label=choice.label.get(lang) if choice else value))
        found.append(
            AttributeOut(
                slug=slug, label=criterion.label.get(lang) if criterion else slug, values=labels
            )
        )
    return found
