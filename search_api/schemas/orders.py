"""Bodies of the order endpoints (orders, deliveries, reviews, tips, cancellations, balance)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from facets.model import Lang
from marketplace_core.disputes.models import CancellationRequest
from marketplace_core.disputes.rules import MAX_EXPLANATION_LENGTH, REASONS, REASONS_BY_CODE
from marketplace_core.orders.enums import Actor
from marketplace_core.orders.extension_rules import (
    MAX_EXTRA_LABEL,
    MAX_EXTRAS,
    MAX_OFFER_MESSAGE,
    MAX_ORDER_TOTAL_CENTS,
    Extra,
)
from marketplace_core.orders.models import Order
from marketplace_core.orders.rules import (
    MAX_ATTACHMENTS,
    MAX_EXTENSION_DAYS,
    MAX_FILE_KEY_LENGTH,
    MAX_FILE_NAME_LENGTH,
    MAX_TEXT_LENGTH,
    MIN_EVIDENCE_LENGTH,
    Attachment,
)
from marketplace_core.orders.views import OrderView
from marketplace_core.reviews.models import Review
from marketplace_core.reviews.rules import (
    MAX_PRIVATE_FEEDBACK,
    MAX_REMOVAL_EXPLANATION,
    MAX_REVIEW_TEXT,
    MAX_STARS,
    MIN_STARS,
    ReviewInput,
)
from marketplace_core.tips.rules import MAX_MESSAGE_LENGTH as MAX_TIP_MESSAGE
from marketplace_core.tips.rules import MIN_TIP_CENTS, SMALL_ORDER_CAP_CENTS
from search_api.schemas.base import ReadModel, RequestBody
from search_api.schemas.bounds import ID, chars, documented, price


# -- requests -----------------------------------------------------------------------------
class OrderIn(RequestBody):
    """Order a package of an active gig; send an `Idempotency-Key` header (a UUID)."""

    gig_id: ID
    tier: str = Field(description="basic, standard or premium, as the gig offers")
    search_id: str | None = Field(
        default=None, description="the results page the gig was ordered from, if any"
    )


class RequirementsIn(RequestBody):
    text: str = chars(MAX_TEXT_LENGTH, 1, description="what the seller needs to start")


class AttachmentIn(RequestBody):
    key: str = chars(
        MAX_FILE_KEY_LENGTH, 1, trimmed=False, description="the file's key in the file storage"
    )
    name: str = chars(
        MAX_FILE_NAME_LENGTH, 1, trimmed=False, description="the file name shown to the buyer"
    )


class DeliveryIn(RequestBody):
    message: str = chars(MAX_TEXT_LENGTH, 1, description="what is delivered")
    attachments: list[AttachmentIn] = documented(max_items=MAX_ATTACHMENTS, default_factory=list)

    def files(self) -> list[Attachment]:
        return [Attachment(a.key, a.name) for a in self.attachments]


class RevisionIn(RequestBody):
    details: str = chars(MAX_TEXT_LENGTH, 1, description="what to change")


class ExtendIn(RequestBody):
    days: int = documented(
        1, MAX_EXTENSION_DAYS, description="1 to 30; counted from the original due date"
    )


class ExtraIn(RequestBody):
    label: str = chars(MAX_EXTRA_LABEL, 1, description="what the seller adds")
    price_cents: int = price(description="at least 500 ($5)")


class ExtensionOfferIn(RequestBody):
    """Extras with a price, and maybe more days; the buyer accepts (and pays) or declines."""

    days: int = documented(
        0,
        MAX_EXTENSION_DAYS,
        default=0,
        description="0 to 30 more days, from the original due date",
    )
    extras: list[ExtraIn] = documented(min_items=1, max_items=MAX_EXTRAS)
    message: str = chars(MAX_OFFER_MESSAGE, default="")

    def to_extras(self) -> list[Extra]:
        return [Extra(e.label, e.price_cents) for e in self.extras]


class ReviewRemovalIn(RequestBody):
    reason: str = Field(description="false_statements or abuse (R-REV-6)")
    explanation: str = chars(MAX_REMOVAL_EXPLANATION, 1, description="why, for the author")


class ReviewIn(RequestBody):
    """The buyer gives all four star ratings (1–5); the seller only `rating` and `text`."""

    rating: int = documented(MIN_STARS, MAX_STARS, description="overall, 1 to 5 stars")
    communication: int | None = documented(
        MIN_STARS, MAX_STARS, default=None, description="buyer only, 1 to 5"
    )
    as_described: int | None = documented(
        MIN_STARS, MAX_STARS, default=None, description="buyer only, 1 to 5"
    )
    would_recommend: int | None = documented(
        MIN_STARS, MAX_STARS, default=None, description="buyer only, 1 to 5"
    )
    text: str = chars(MAX_REVIEW_TEXT, default="")
    work_sample_key: str | None = Field(
        default=None, description="buyer only: one of the delivered files"
    )
    private_feedback: str = chars(
        MAX_PRIVATE_FEEDBACK,
        default="",
        description="buyer only: for Microtache, never shown to anyone",
    )

    def to_input(self) -> ReviewInput:
        return ReviewInput(**self.model_dump())


class TipIn(RequestBody):
    amount_cents: int = documented(
        MIN_TIP_CENTS,
        MAX_ORDER_TOTAL_CENTS,
        description=f"at least {MIN_TIP_CENTS}; up to {SMALL_ORDER_CAP_CENTS} for orders under "
        f"{SMALL_ORDER_CAP_CENTS} cents, else up to the order's price",
    )
    message: str = chars(MAX_TIP_MESSAGE, default="")


class CancellationIn(RequestBody):
    reason: str = Field(description="a code from GET /cancellation-reasons")
    explanation: str = chars(MAX_EXPLANATION_LENGTH, default="")


class SupportCancellationIn(RequestBody):
    evidence: str = chars(
        MAX_TEXT_LENGTH, MIN_EVIDENCE_LENGTH, description="why the work was not delivered"
    )


# -- responses ----------------------------------------------------------------------------
class AttachmentOut(ReadModel):
    key: str
    name: str


class DeliveryOut(ReadModel):
    number: int
    message: str
    attachments: list[AttachmentOut]
    created_at: datetime


class RevisionOut(ReadModel):
    details: str
    created_at: datetime


class ReasonOut(BaseModel):
    code: str
    label: str
    parties: list[str]


def reason_label(code: str, lang: Lang) -> str:
    reason = REASONS_BY_CODE.get(code)
    if reason is None:
        return code
    return reason.fr if lang == "fr" else reason.en


def reasons_out(lang: Lang) -> list[ReasonOut]:
    return [
        ReasonOut(code=r.code, label=reason_label(r.code, lang), parties=sorted(r.parties))
        for r in REASONS
    ]


class CancellationRequestOut(ReadModel):
    id: int
    requested_by: str
    reason: str
    reason_label: str
    explanation: str
    status: str
    created_at: datetime
    respond_by: datetime
    resolved_at: datetime | None

    @classmethod
    def of(cls, row: CancellationRequest, lang: Lang) -> CancellationRequestOut:
        return cls.read(row, reason_label=reason_label(row.reason, lang))


class ExtraOut(ReadModel):
    label: str
    price_cents: int


class ExtensionOfferOut(ReadModel):
    id: int
    days: int
    extras: list[ExtraOut]
    extras_cents: int
    message: str
    status: str = Field(description="pending, accepted, declined or lapsed")
    created_at: datetime
    answered_at: datetime | None


class ReviewOut(ReadModel):
    id: int
    author: str
    rating: int
    communication: int | None
    as_described: int | None
    would_recommend: int | None
    text: str
    work_sample_key: str | None
    created_at: datetime
    published: bool

    @classmethod
    def of(cls, row: Review) -> ReviewOut:
        return cls.read(row, published=row.published_at is not None)


class TipOut(ReadModel):
    amount_cents: int
    message: str
    created_at: datetime


class OrderSummaryOut(ReadModel):
    id: int
    status: str
    title: str
    price_cents: int
    my_role: str
    created_at: datetime
    due_at: datetime | None

    @classmethod
    def of(cls, order: Order, role: Actor) -> OrderSummaryOut:
        return cls.read(order, my_role=role)


class OrderOut(OrderSummaryOut):
    """An order as one of its two parties sees it."""

    allowed_actions: list[str] = Field(description="what the caller may do in this status")
    delivery_days: int
    source_kind: str
    source_id: int
    seller_username: str
    requirements: str | None
    started_at: datetime | None
    very_late_at: datetime | None
    delivered_at: datetime | None
    auto_complete_at: datetime | None
    completed_at: datetime | None
    review_closes_at: datetime | None
    tip_closes_at: datetime | None
    cancelled_at: datetime | None
    cancelled_by: str | None
    cancellation_reason: str | None
    deliveries: list[DeliveryOut]
    revision_requests: list[RevisionOut]
    cancellation_requests: list[CancellationRequestOut]
    extension_days: int = Field(description="every extension, added to the original due date")
    extension_offers: list[ExtensionOfferOut]
    reviews: list[ReviewOut]
    tip: TipOut | None
    version: int

    @classmethod
    def of_view(cls, view: OrderView, lang: Lang) -> OrderOut:
        return cls.read(
            view.order,
            my_role=view.actor,
            allowed_actions=view.allowed_actions,
            seller_username=view.seller_username,
            deliveries=view.deliveries,
            revision_requests=view.revision_requests,
            cancellation_requests=[
                CancellationRequestOut.of(r, lang) for r in view.cancellation_requests
            ],
            extension_offers=view.extension_offers,
            reviews=[ReviewOut.of(r) for r in view.reviews],
            tip=view.tip,
        )


class BalanceEntryOut(ReadModel):
    transaction_id: int
    kind: str
    account: str = Field(description="buyer_balance or seller_earnings")
    amount_cents: int = Field(description="positive: credited; negative: debited")
    order_id: int | None
    memo: str
    created_at: datetime


class BalanceOut(ReadModel):
    balance_cents: int = Field(description="the Microtache balance: refunds, what orders use")
    earnings_cents: int = Field(description="earned as a seller: completed orders and tips")
    entries: list[BalanceEntryOut]


class PublicReviewOut(ReadModel):
    """A published buyer review on the seller's page (no private feedback, no buyer data)."""

    id: int = Field(description="what support names to remove it (R-REV-6)")
    rating: int
    communication: int | None
    as_described: int | None
    would_recommend: int | None
    text: str
    work_sample_key: str | None
    published_at: datetime
