"""Bodies of the order endpoints (orders, deliveries, reviews, tips, cancellations, balance)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from facets.model import Lang
from marketplace_core.disputes.models import CancellationRequest
from marketplace_core.disputes.rules import REASONS, REASONS_BY_CODE
from marketplace_core.ledger.service import EntryView, UserMoney
from marketplace_core.orders.enums import Actor
from marketplace_core.orders.extension_rules import Extra
from marketplace_core.orders.models import ExtensionOffer, Order
from marketplace_core.orders.rules import Attachment
from marketplace_core.orders.views import OrderView
from marketplace_core.reviews.models import Review
from marketplace_core.reviews.rules import ReviewInput
from marketplace_core.tips.models import Tip
from search_api.schemas.base import RequestBody


# -- requests -----------------------------------------------------------------------------
class OrderIn(RequestBody):
    """Order a package of an active gig; send an `Idempotency-Key` header (a UUID)."""

    gig_id: int
    tier: str = Field(description="basic, standard or premium, as the gig offers")


class RequirementsIn(RequestBody):
    text: str = Field(description="what the seller needs to start; 1 to 5000 characters")


class AttachmentIn(RequestBody):
    key: str = Field(description="the file's key in the file storage")
    name: str = Field(description="the file name shown to the buyer")


class DeliveryIn(RequestBody):
    message: str = Field(description="what is delivered; 1 to 5000 characters")
    attachments: list[AttachmentIn] = Field(default_factory=list, description="at most 20")

    def files(self) -> list[Attachment]:
        return [Attachment(a.key, a.name) for a in self.attachments]


class RevisionIn(RequestBody):
    details: str = Field(description="what to change; 1 to 5000 characters")


class ExtendIn(RequestBody):
    days: int = Field(description="1 to 30; counted from the original due date")


class ExtraIn(RequestBody):
    label: str = Field(description="what the seller adds; 1 to 120 characters")
    price_cents: int = Field(description="at least 500 ($5)")


class ExtensionOfferIn(RequestBody):
    """Extras with a price, and maybe more days; the buyer accepts (and pays) or declines."""

    days: int = Field(default=0, description="0 to 30 more days, from the original due date")
    extras: list[ExtraIn] = Field(description="1 to 10 extras")
    message: str = Field(default="", description="at most 2000 characters")

    def to_extras(self) -> list[Extra]:
        return [Extra(e.label, e.price_cents) for e in self.extras]


class ReviewRemovalIn(RequestBody):
    reason: str = Field(description="false_statements or abuse (R-REV-6)")
    explanation: str = Field(description="why, for the author; 1 to 2000 characters")


class ReviewIn(RequestBody):
    """The buyer gives all four star ratings (1–5); the seller only `rating` and `text`."""

    rating: int = Field(description="overall, 1 to 5 stars")
    communication: int | None = Field(default=None, description="buyer only, 1 to 5")
    as_described: int | None = Field(default=None, description="buyer only, 1 to 5")
    would_recommend: int | None = Field(default=None, description="buyer only, 1 to 5")
    text: str = Field(default="", description="at most 1500 characters")
    work_sample_key: str | None = Field(
        default=None, description="buyer only: one of the delivered files"
    )
    private_feedback: str = Field(
        default="", description="buyer only: for Microtache, never shown to anyone"
    )

    def to_input(self) -> ReviewInput:
        return ReviewInput(
            rating=self.rating,
            text=self.text,
            communication=self.communication,
            as_described=self.as_described,
            would_recommend=self.would_recommend,
            work_sample_key=self.work_sample_key,
            private_feedback=self.private_feedback,
        )


class TipIn(RequestBody):
    amount_cents: int = Field(
        description="at least 500; up to 2500 for orders under $25, else up to the price"
    )
    message: str = Field(default="", description="at most 1000 characters")


class CancellationIn(RequestBody):
    reason: str = Field(description="a code from GET /cancellation-reasons")
    explanation: str = Field(default="", description="at most 2000 characters")


class SupportCancellationIn(RequestBody):
    evidence: str = Field(description="why the work was not delivered; 20 to 5000 characters")


# -- responses ----------------------------------------------------------------------------
class AttachmentOut(BaseModel):
    key: str
    name: str


class DeliveryOut(BaseModel):
    number: int
    message: str
    attachments: list[AttachmentOut]
    created_at: datetime


class RevisionOut(BaseModel):
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


class CancellationRequestOut(BaseModel):
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
        return cls(
            id=row.id,
            requested_by=row.requested_by.value,
            reason=row.reason,
            reason_label=reason_label(row.reason, lang),
            explanation=row.explanation,
            status=row.status.value,
            created_at=row.created_at,
            respond_by=row.respond_by,
            resolved_at=row.resolved_at,
        )


class ExtraOut(BaseModel):
    label: str
    price_cents: int


class ExtensionOfferOut(BaseModel):
    id: int
    days: int
    extras: list[ExtraOut]
    extras_cents: int
    message: str
    status: str = Field(description="pending, accepted, declined or lapsed")
    created_at: datetime
    answered_at: datetime | None

    @classmethod
    def of(cls, row: ExtensionOffer) -> ExtensionOfferOut:
        return cls(
            id=row.id,
            days=row.days,
            extras=[ExtraOut(**e) for e in row.extras],
            extras_cents=row.extras_cents,
            message=row.message,
            status=row.status.value,
            created_at=row.created_at,
            answered_at=row.answered_at,
        )


class ReviewOut(BaseModel):
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
        return cls(
            id=row.id,
            author=row.author.value,
            rating=row.rating,
            communication=row.communication,
            as_described=row.as_described,
            would_recommend=row.would_recommend,
            text=row.text,
            work_sample_key=row.work_sample_key,
            created_at=row.created_at,
            published=row.published_at is not None,
        )


class TipOut(BaseModel):
    amount_cents: int
    message: str
    created_at: datetime

    @classmethod
    def of(cls, tip: Tip) -> TipOut:
        return cls(amount_cents=tip.amount_cents, message=tip.message, created_at=tip.created_at)


class OrderSummaryOut(BaseModel):
    id: int
    status: str
    title: str
    price_cents: int
    my_role: str
    created_at: datetime
    due_at: datetime | None

    @classmethod
    def of(cls, order: Order, role: Actor) -> OrderSummaryOut:
        return cls(
            id=order.id,
            status=order.status.value,
            title=order.title,
            price_cents=order.price_cents,
            my_role=role.value,
            created_at=order.created_at,
            due_at=order.due_at,
        )


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
        order = view.order
        return cls(
            **OrderSummaryOut.of(order, view.actor).model_dump(),
            allowed_actions=view.allowed_actions,
            delivery_days=order.delivery_days,
            source_kind=order.source_kind.value,
            source_id=order.source_id,
            seller_username=view.seller_username,
            requirements=order.requirements,
            started_at=order.started_at,
            very_late_at=order.very_late_at,
            delivered_at=order.delivered_at,
            auto_complete_at=order.auto_complete_at,
            completed_at=order.completed_at,
            review_closes_at=order.review_closes_at,
            tip_closes_at=order.tip_closes_at,
            cancelled_at=order.cancelled_at,
            cancelled_by=order.cancelled_by.value if order.cancelled_by else None,
            cancellation_reason=order.cancellation_reason,
            deliveries=[
                DeliveryOut(
                    number=d.number,
                    message=d.message,
                    attachments=[AttachmentOut(**a) for a in d.attachments],
                    created_at=d.created_at,
                )
                for d in view.deliveries
            ],
            revision_requests=[
                RevisionOut(details=r.details, created_at=r.created_at)
                for r in view.revision_requests
            ],
            cancellation_requests=[
                CancellationRequestOut.of(r, lang) for r in view.cancellation_requests
            ],
            extension_days=order.extension_days,
            extension_offers=[ExtensionOfferOut.of(o) for o in view.extension_offers],
            reviews=[ReviewOut.of(r) for r in view.reviews],
            tip=TipOut.of(view.tip) if view.tip is not None else None,
            version=order.version,
        )


class BalanceEntryOut(BaseModel):
    transaction_id: int
    kind: str
    account: str = Field(description="buyer_balance or seller_earnings")
    amount_cents: int = Field(description="positive: credited; negative: debited")
    order_id: int | None
    memo: str
    created_at: datetime

    @classmethod
    def of(cls, entry: EntryView) -> BalanceEntryOut:
        return cls(
            transaction_id=entry.transaction_id,
            kind=entry.kind.value,
            account=entry.account.value,
            amount_cents=entry.amount_cents,
            order_id=entry.order_id,
            memo=entry.memo,
            created_at=entry.created_at,
        )


class BalanceOut(BaseModel):
    balance_cents: int = Field(description="the Microtache balance: refunds, what orders use")
    earnings_cents: int = Field(description="earned as a seller: completed orders and tips")
    entries: list[BalanceEntryOut]

    @classmethod
    def of(cls, money: UserMoney) -> BalanceOut:
        return cls(
            balance_cents=money.balance_cents,
            earnings_cents=money.earnings_cents,
            entries=[BalanceEntryOut.of(e) for e in money.entries],
        )


class PublicReviewOut(BaseModel):
    """A published buyer review on the seller's page (no private feedback, no buyer data)."""

    id: int = Field(description="what support names to remove it (R-REV-6)")
    rating: int
    communication: int | None
    as_described: int | None
    would_recommend: int | None
    text: str
    work_sample_key: str | None
    published_at: datetime

    @classmethod
    def of(cls, row: Review) -> PublicReviewOut:
        assert row.published_at is not None
        return cls(
            id=row.id,
            rating=row.rating,
            communication=row.communication,
            as_described=row.as_described,
            would_recommend=row.would_recommend,
            text=row.text,
            work_sample_key=row.work_sample_key,
            published_at=row.published_at,
        )
