"""Bodies of the buyer request endpoints ("Demandes de clients", R-REQ-1…6, R-SRCH-7)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from facets.model import Attribute, Lang
from facets.taxonomy import TAXONOMY
from marketplace_core.requests.models import BuyerRequest, RequestOffer
from marketplace_core.requests.rules import (
    BOOSTED_LABEL,
    DELIVERY_DAYS,
    EXPIRING,
    MAX_DESCRIPTION_LENGTH,
    MAX_MESSAGE_LENGTH,
    MAX_REASON_LENGTH,
    MIN_DESCRIPTION_LENGTH,
    STATUS_LABELS,
    OfferInput,
    OfferStatus,
    RequestInput,
    RequestParty,
    RequestStatus,
    allowed_actions,
    delivery_label,
    expires_at,
    listing_date,
)
from search_api.schemas.base import ReadModel, RequestBody, examples
from search_api.schemas.bounds import ID, chars, documented, price
from search_api.schemas.labels import AttributeOut, Named, attributes_out, place
from search_api.schemas.quotes import UploadOut

_REQUEST_EXAMPLE: dict[str, Any] = {
    "description": "Un logo minimaliste pour ma boulangerie de quartier, tons chauds.",
    "category": "graphisme-design",
    "subcategory": "conception-logo",
    "criteria": {"style": ["minimaliste"]},
    "delivery": "3d",
    "budget_cents": 5000,
}


# -- in ---------------------------------------------------------------------------------------
class RequestIn(RequestBody):
    """The search's ``request_prefill`` posts as is (R-SRCH-7) once it names a subcategory,
    a delivery and a budget."""

    model_config = examples(
        _REQUEST_EXAMPLE,
        {
            "description": "Traduire un contrat de 12 pages de l'anglais au français.",
            "subcategory": "traduction",
            "delivery_days": 12,
            "budget_cents": 18000,
            "attachment": "3f2a9c0d5e7b41a8b6c2d4e6f8a0b1c3",
        },
    )

    description: str | None = chars(
        MAX_DESCRIPTION_LENGTH,
        MIN_DESCRIPTION_LENGTH,
        description="what is wanted, without contact details or links",
    )
    category: str | None = Field(
        default=None, description="optional; when given the subcategory must be in it"
    )
    subcategory: str | None = Field(default=None, description="required")
    budget_cents: int | None = price(
        default=None, description="required, US dollar cents, at least 500 ($5)"
    )
    delivery: str | None = Field(
        default=None, description="24h, 3d or 7d; or leave it out and give delivery_days"
    )
    delivery_days: int | None = documented(
        *DELIVERY_DAYS, default=None, description='"other": 1 to 30 days'
    )
    criteria: dict[str, list[str]] = Field(
        default_factory=dict,
        description="the criteria the subcategory asks for, slug → value slugs; each optional",
    )
    attachment: str | None = Field(
        default=None,
        description="the key of one of the buyer's uploads (`POST /uploads`), up to 30 MB",
    )

    def to_input(self) -> RequestInput:
        return RequestInput(
            description=self.description,
            category=self.category,
            subcategory=self.subcategory,
            budget_cents=self.budget_cents,
            delivery=self.delivery,
            delivery_days=self.delivery_days,
            criteria=self.criteria,
            attachment=self.attachment,
        )


class RefuseIn(RequestBody):
    model_config = examples({"reason": "La demande décrit un travail interdit par nos conditions."})

    reason: str = chars(MAX_REASON_LENGTH, 1, description="sent to the buyer")


class RequestOfferIn(RequestBody):
    model_config = examples(
        {
            "gig_id": 42,
            "price_cents": 4500,
            "delivery_days": 3,
            "message": "Trois pistes de logo, deux retouches, fichiers sources inclus.",
        }
    )

    gig_id: ID = Field(description="one of your active gigs, in the request's subcategory")
    price_cents: int = price(description="US dollar cents, at least 500 ($5)")
    delivery_days: int = documented(*DELIVERY_DAYS, description="1 to 30")
    message: str = chars(MAX_MESSAGE_LENGTH, 1, description="what the offer covers")

    def to_input(self) -> OfferInput:
        return OfferInput(self.gig_id, self.price_cents, self.delivery_days, self.message)


class ContactIn(RequestBody):
    model_config = examples({"message": "Bonjour, pouvez-vous livrer en SVG ?"})

    message: str | None = Field(default=None, description="an optional first message")


# -- out --------------------------------------------------------------------------------------
def _criteria(request: BuyerRequest) -> tuple[Attribute, ...]:
    sub = TAXONOMY.subcategory(request.subcategory)
    return sub.quote_criteria if sub else ()


class _RequestContent(ReadModel):
    """What anyone who may see a request reads."""

    id: int
    category: Named
    subcategory: Named
    description: str
    criteria: list[AttributeOut]
    delivery: str | None = Field(description="24h, 3d or 7d; null when another time was chosen")
    delivery_days: int
    budget_cents: int
    attachment: UploadOut | None
    boosted: bool
    boosted_label: str | None = Field(description='"Boosté" when boosted (R-REQ-4)')
    dated_at: datetime = Field(description="the request's date: the boost date once boosted")
    offer_count: int = Field(description="offers received so far (R-REQ-6)")

    @staticmethod
    def _content(request: BuyerRequest, offer_count: int, lang: Lang) -> dict[str, Any]:
        """What is not read as it is stored."""
        category, subcategory = place(request.category, request.subcategory, lang)
        boosted = request.boosted_at is not None
        return {
            "category": category,
            "subcategory": subcategory,
            "criteria": attributes_out(request.criteria, _criteria(request), lang),
            "delivery": delivery_label(request.delivery_days),
            "boosted": boosted,
            "boosted_label": BOOSTED_LABEL.get(lang) if boosted else None,
            "dated_at": listing_date(request.created_at, request.boosted_at),
            "offer_count": offer_count,
        }


class BuyerRequestOut(_RequestContent):
    """The buyer's view of their request."""

    status: RequestStatus
    status_label: str
    allowed_actions: list[str] = Field(description="what the buyer may do now")
    refusal_reason: str | None = Field(description="why support did not approve it")
    created_at: datetime
    approved_at: datetime | None
    boosted_at: datetime | None
    last_activity_at: datetime | None
    expires_at: datetime | None = Field(
        description="14 days after the last activity (R-REQ-5), while active or paused"
    )
    expired_at: datetime | None

    @classmethod
    def of(cls, request: BuyerRequest, offer_count: int, lang: Lang) -> BuyerRequestOut:
        return cls.read(request, **cls._managed(request, offer_count, lang, RequestParty.BUYER))

    @classmethod
    def _managed(
        cls, request: BuyerRequest, offer_count: int, lang: Lang, party: RequestParty
    ) -> dict[str, Any]:
        last = request.last_activity_at
        boosted = request.boosted_at is not None
        return cls._content(request, offer_count, lang) | {
            "status_label": STATUS_LABELS[request.status].get(lang),
            "allowed_actions": [
                a.value for a in allowed_actions(request.status, party, boosted=boosted)
            ],
            "expires_at": expires_at(last) if request.status in EXPIRING and last else None,
        }


class SupportRequestOut(BuyerRequestOut):
    """Support's view: the buyer's too, with who posted it."""

    buyer_id: int

    @classmethod
    def of_support(cls, request: BuyerRequest, offer_count: int, lang: Lang) -> SupportRequestOut:
        return cls.read(request, **cls._managed(request, offer_count, lang, RequestParty.SUPPORT))


class OfferGigOut(BaseModel):
    id: int
    title: str
    page: str = Field(description="the gig's page, e.g. /gigs/42")


class SentOfferOut(ReadModel):
    """A seller's own offer."""

    id: int
    request_id: int
    status: OfferStatus
    gig: OfferGigOut
    price_cents: int
    delivery_days: int
    message: str
    created_at: datetime
    order_id: int | None = Field(description="the order placed from this offer, if any")

    @classmethod
    def of(cls, offer: RequestOffer) -> SentOfferOut:
        return cls.read(offer, gig=_gig(offer))


def _gig(offer: RequestOffer) -> OfferGigOut:
    return OfferGigOut(id=offer.gig_id, title=offer.gig.title, page=f"/gigs/{offer.gig_id}")


class SellerRequestOut(_RequestContent):
    """What a seller sees of a request: never who posted it."""

    created_at: datetime
    my_offer: SentOfferOut | None = Field(description="the offer you sent on it, if any")

    @classmethod
    def of(
        cls, request: BuyerRequest, offer_count: int, mine: RequestOffer | None, lang: Lang
    ) -> SellerRequestOut:
        mine_out = SentOfferOut.of(mine) if mine is not None else None
        return cls.read(request, **cls._content(request, offer_count, lang), my_offer=mine_out)


class SellerRequestPage(BaseModel):
    total: int
    page: int
    size: int
    results: list[SellerRequestOut]


class OfferSellerOut(ReadModel):
    username: str
    display_name: str
    level: str
    rating_average: float
    rating_count: int = Field(description="number of reviews")
    page: str = Field(description="the seller's page, e.g. /sellers/claire_design")


class BuyerOfferOut(SentOfferOut):
    """An offer as the buyer reviews it (R-REQ-6)."""

    seller: OfferSellerOut

    @classmethod
    def of(cls, offer: RequestOffer) -> BuyerOfferOut:
        seller = OfferSellerOut.read(offer.seller, page=f"/sellers/{offer.seller.username}")
        return cls.read(offer, gig=_gig(offer), seller=seller)


class ContactOut(BaseModel):
    conversation_id: int
    link: str = Field(description="the conversation's page, /conversations/{id}")
