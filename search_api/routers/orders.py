"""``/orders``: an order's life for its two parties; ``/me/balance``.

Orders are seen by their buyer and seller only: for anyone else (customer support included)
an order does not exist (404). The other party's action is 403; an action the status does
not allow is 409 with the status and the caller's allowed actions; out-of-bounds amounts and
days are 422 naming the bound; a declined payment is 402.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response, status
from sqlalchemy.orm import Session

from facets.model import DEFAULT_LANG, Lang
from marketplace_core.clock import Clock
from marketplace_core.disputes import service as disputes
from marketplace_core.disputes.rules import CancellationAction
from marketplace_core.errors import InvalidInput
from marketplace_core.ledger import service as ledger
from marketplace_core.orders import extensions, service
from marketplace_core.orders.enums import Actor, OrderStatus
from marketplace_core.orders.models import Order
from marketplace_core.orders.service import PartyOrder
from marketplace_core.orders.views import order_view
from marketplace_core.reviews import service as reviews
from marketplace_core.tips import service as tips
from search_api.action_routes import ActionRoute, add_action_routes
from search_api.deps import (
    CurrentUser,
    DbSession,
    Id,
    IdempotencyKey,
    LangParam,
    RuntimeDep,
    SupportUser,
    Tracking,
    get_payments,
)
from search_api.resources import OrderForReading, OrderForUpdate, SupportOrderForUpdate
from search_api.schemas.errors import MessageOut, TransitionOut, errors
from search_api.schemas.orders import (
    BalanceOut,
    CancellationIn,
    DeliveryIn,
    ExtendIn,
    ExtensionOfferIn,
    OrderIn,
    OrderOut,
    OrderSummaryOut,
    ReasonOut,
    RequirementsIn,
    ReviewIn,
    ReviewRemovalIn,
    RevisionIn,
    SupportCancellationIn,
    TipIn,
    reasons_out,
)

router = APIRouter(tags=["orders"])


def _out(session: Session, held: PartyOrder, lang: Lang) -> OrderOut:
    return OrderOut.of_view(order_view(session, held.order, held.actor), lang)


@dataclass(frozen=True)
class _Acting:
    """A party's action on its order: the order locked, the transaction, the clock, and the
    language the changed order is answered in."""

    held: PartyOrder
    session: Session
    clock: Clock
    lang: Lang

    @property
    def order(self) -> Order:
        return self.held.order

    @property
    def actor(self) -> Actor:
        return self.held.actor

    def out(self) -> OrderOut:
        return _out(self.session, self.held, self.lang)


def _acting(
    held: OrderForUpdate, session: DbSession, runtime: RuntimeDep, lang: LangParam = DEFAULT_LANG
) -> _Acting:
    return _Acting(held, session, runtime.clock, lang)


Acting = Annotated[_Acting, Depends(_acting)]


ACTION = errors(401, 403, 404, 413, 422) | {
    409: {
        "model": TransitionOut | MessageOut,
        "description": "The order's status does not allow it (the body names the status and "
        "the caller's allowed actions), or a window closed, or the order changed meanwhile.",
    }
}


# -- placing and reading ------------------------------------------------------------------
@router.post(
    "/orders",
    status_code=status.HTTP_201_CREATED,
    summary="Commander un service",
    description=(
        "Orders one package of an active gig. Paid from the Microtache balance, and what it "
        "lacks through the payment provider (402 if declined); the price is held until the "
        "order completes or is cancelled. The order starts **incomplete**: send the "
        "requirements, or the seller starts without them. Send `Idempotency-Key`: a retry "
        "with the same key answers the same order and pays nothing again."
    ),
    responses=errors(401, 403, 404, 409, 413, 422) | {402: {"description": "payment declined"}},
)
def place(
    body: OrderIn,
    key: IdempotencyKey,
    principal: CurrentUser,
    session: DbSession,
    runtime: RuntimeDep,
    tracking: Tracking,
    request: Request,
    lang: LangParam = DEFAULT_LANG,
) -> OrderOut:
    order = service.place_package_order(
        session,
        buyer=principal.user,
        gig_id=body.gig_id,
        tier=body.tier,
        idempotency_key=key,
        clock=runtime.clock,
        payments=get_payments(request),
        search_id=body.search_id and tracking.check_search_id(body.search_id, "search_id"),
    )
    return _out(session, PartyOrder(order, Actor.BUYER), lang)


@router.get(
    "/orders",
    summary="Mes commandes",
    description="The caller's orders as buyer and as seller (or one role), newest first.",
    responses=errors(401, 422),
)
def list_orders(
    principal: CurrentUser,
    session: DbSession,
    role: Annotated[Actor | None, Query(description="buyer or seller")] = None,
    status_: Annotated[
        list[OrderStatus] | None, Query(alias="status", description="only these statuses")
    ] = None,
) -> list[OrderSummaryOut]:
    if role not in (None, Actor.BUYER, Actor.SELLER):
        raise InvalidInput.one("role", "role.not_allowed", "role must be buyer or seller")
    user_id = principal.user.id
    return [
        OrderSummaryOut.of(o, Actor.BUYER if o.buyer_id == user_id else Actor.SELLER)
        for o in service.list_orders(session, user_id, as_=role, statuses=status_)
    ]


@router.get(
    "/orders/{order_id}",
    summary="Une commande",
    description="For its buyer and seller only (404 for anyone else). Reviews are double "
    "blind: the seller sees the buyer's review once they left theirs.",
    responses=errors(401, 404, 422),
)
def read(held: OrderForReading, session: DbSession, lang: LangParam = DEFAULT_LANG) -> OrderOut:
    return _out(session, held, lang)


# -- the parties' actions -----------------------------------------------------------------
@router.post(
    "/orders/{order_id}/requirements",
    summary="Envoyer les informations (client)",
    description="incomplete → in progress; the delivery time starts now (R-ORD-1).",
    responses=ACTION,
)
def requirements(body: RequirementsIn, act: Acting) -> OrderOut:
    service.submit_requirements(act.session, act.order, act.actor, body.text, clock=act.clock)
    return act.out()


@router.post(
    "/orders/{order_id}/start",
    summary="Démarrer sans les informations (prestataire)",
    description="incomplete → in progress (R-ORD-1).",
    responses=ACTION,
)
def start(act: Acting) -> OrderOut:
    service.start(act.session, act.order, act.actor, clock=act.clock)
    return act.out()


@router.post(
    "/orders/{order_id}/deliveries",
    status_code=status.HTTP_201_CREATED,
    summary="Livrer (prestataire)",
    description="in progress, late, very late or rejected → delivered; the buyer gets a "
    "notification and an e-mail with a link (R-ORD-10). Attachments are keys of files "
    "already uploaded. Without an answer the order completes in 3 days (R-ORD-3).",
    responses=ACTION,
)
def deliver(body: DeliveryIn, act: Acting) -> OrderOut:
    service.deliver(act.session, act.order, act.actor, body.message, body.files(), clock=act.clock)
    return act.out()


@router.post(
    "/orders/{order_id}/accept",
    summary="Accepter la livraison (client)",
    description="delivered → completed; the seller is paid (R-ORD-3).",
    responses=ACTION,
)
def accept(act: Acting) -> OrderOut:
    service.accept(act.session, act.order, act.actor, clock=act.clock)
    return act.out()


@router.post(
    "/orders/{order_id}/revision",
    summary="Demander des modifications (client)",
    description="delivered → rejected, with details; a rejected delivery never completes by "
    "itself (R-ORD-2, R-ORD-3).",
    responses=ACTION,
)
def revision(body: RevisionIn, act: Acting) -> OrderOut:
    service.request_revision(act.session, act.order, act.actor, body.details, clock=act.clock)
    return act.out()


@router.post(
    "/orders/{order_id}/extend",
    summary="Prolonger le délai (prestataire)",
    description="delivered or rejected → in progress; the new due date is the original one "
    "plus every extension (R-ORD-4).",
    responses=ACTION,
)
def extend(body: ExtendIn, act: Acting) -> OrderOut:
    service.extend(act.session, act.order, act.actor, body.days, clock=act.clock)
    return act.out()


@router.post(
    "/orders/{order_id}/extension-offers",
    status_code=status.HTTP_201_CREATED,
    summary="Proposer des extras (prestataire)",
    description="On a started order (in progress, late, very late, delivered or rejected): "
    "extras, each with a label and a price (at least $5), and 0 to 30 more days. The buyer "
    "is notified and accepts (paying) or declines; one offer waits at a time. Time alone "
    "needs no offer: use `extend` (R-ORD-4).",
    responses=ACTION,
)
def propose_extension(body: ExtensionOfferIn, act: Acting) -> OrderOut:
    extensions.propose_extension(
        act.session,
        act.order,
        act.actor,
        body.days,
        body.to_extras(),
        body.message,
        clock=act.clock,
    )
    return act.out()


@router.post(
    "/orders/{order_id}/extension-offers/{offer_id}/accept",
    summary="Accepter les extras (client)",
    description="The buyer pays the extras (balance first, the rest through payment; 402 if "
    "declined); the order's price grows, its due date moves from the original one by the "
    "offer's days, and it is in progress again (R-ORD-4). Send `Idempotency-Key`: a retry "
    "answers the same order and pays nothing again.",
    responses=ACTION | {402: {"description": "payment declined"}},
)
def accept_extension(offer_id: Id, key: IdempotencyKey, act: Acting, request: Request) -> OrderOut:
    extensions.accept_extension(
        act.session,
        act.order,
        act.actor,
        offer_id,
        idempotency_key=key,
        clock=act.clock,
        payments=get_payments(request),
    )
    return act.out()


@router.post(
    "/orders/{order_id}/extension-offers/{offer_id}/decline",
    summary="Refuser les extras (client)",
    description="The order stays as it is (R-ORD-4).",
    responses=ACTION,
)
def decline_extension(offer_id: Id, act: Acting) -> OrderOut:
    extensions.decline_extension(act.session, act.order, act.actor, offer_id, clock=act.clock)
    return act.out()


@router.post(
    "/orders/{order_id}/reviews",
    status_code=status.HTTP_201_CREATED,
    summary="Évaluer",
    description="The buyer on a delivered order (which completes it) or up to 10 days after "
    "completion; the seller after the buyer, in the same window. Once, never edited "
    "(R-REV-1…5).",
    responses=ACTION,
)
def review(body: ReviewIn, act: Acting) -> OrderOut:
    reviews.leave_review(act.session, act.order, act.actor, body.to_input(), clock=act.clock)
    return act.out()


@router.post(
    "/orders/{order_id}/tips",
    status_code=status.HTTP_201_CREATED,
    summary="Laisser un pourboire (client)",
    description="Within 7 days of completion, one per order; at least $5, up to $25 for "
    "orders under $25, else up to the price. From the balance, the rest through payment "
    "(402 if declined). Send `Idempotency-Key` (R-TIP-1…3).",
    responses=ACTION | {402: {"description": "payment declined"}},
)
def tip(body: TipIn, key: IdempotencyKey, act: Acting, request: Request) -> OrderOut:
    tips.give_tip(
        act.session,
        act.order,
        act.actor,
        amount_cents=body.amount_cents,
        message=body.message,
        idempotency_key=key,
        clock=act.clock,
        payments=get_payments(request),
    )
    return act.out()


# -- the resolution center ----------------------------------------------------------------
@router.get(
    "/cancellation-reasons",
    summary="Motifs d'annulation",
    description="The fixed list, with who may pick each reason.",
    responses=errors(422),
)
def cancellation_reasons(lang: LangParam = DEFAULT_LANG) -> list[ReasonOut]:
    return reasons_out(lang)


@router.post(
    "/orders/{order_id}/cancellation-requests",
    status_code=status.HTTP_201_CREATED,
    summary="Demander l'annulation",
    description="Either party, on an active order, with a reason from the list; the other "
    "party has 48 h to answer, else the order is cancelled. Only the two parties see it: "
    "customer support is not told (R-DIS-1…4).",
    responses=ACTION,
)
def request_cancellation(body: CancellationIn, act: Acting) -> OrderOut:
    disputes.open_request(
        act.session, act.order, act.actor, body.reason, body.explanation, clock=act.clock
    )
    return act.out()


def _answer(action: CancellationAction) -> Callable[[int, _Acting], OrderOut]:
    def endpoint(request_id: Id, act: Acting) -> OrderOut:
        disputes.answer(act.session, act.order, act.actor, request_id, action, clock=act.clock)
        return act.out()

    return endpoint


add_action_routes(
    router,
    "/orders/{order_id}/cancellation-requests/{request_id}",
    _answer,
    [
        ActionRoute(
            CancellationAction.ACCEPT,
            "Accepter l'annulation",
            "The other party accepts: the order is cancelled and the buyer refunded to their "
            "balance at once (R-ORD-6, R-ORD-9).",
            name="cancellation_request_accept",
        ),
        ActionRoute(
            CancellationAction.REFUSE,
            "Refuser l'annulation",
            "The other party refuses (R-DIS-2).",
            name="cancellation_request_refuse",
        ),
        ActionRoute(
            CancellationAction.WITHDRAW,
            "Retirer la demande",
            "The requester withdraws it (R-DIS-3).",
            name="cancellation_request_withdraw",
        ),
    ],
    response_model=OrderOut,
    responses=ACTION,
)


@router.post(
    "/orders/{order_id}/cancel",
    summary="Annuler une commande très en retard (client)",
    description="Only once very late (24 h past the due date), with a reason; the order is "
    "cancelled at once and the buyer refunded to their balance (R-DIS-5).",
    responses=ACTION,
)
def cancel_very_late(body: CancellationIn, act: Acting) -> OrderOut:
    service.cancel_very_late(
        act.session, act.order, act.actor, body.reason, body.explanation, clock=act.clock
    )
    return act.out()


@router.post(
    "/orders/{order_id}/support-cancellation",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    summary="Annuler une commande terminée (service client)",
    description="Customer support only: a completed order, within 14 days of completion, "
    "with evidence that the work was not delivered; the buyer is refunded to their balance "
    "(R-ORD-7, R-ORD-9).",
    responses=errors(401, 403, 404, 409, 422),
)
def support_cancel(
    body: SupportCancellationIn,
    order: SupportOrderForUpdate,
    session: DbSession,
    runtime: RuntimeDep,
) -> Response:
    service.support_cancel(session, order, body.evidence, clock=runtime.clock)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/reviews/{review_id}/removal",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    summary="Retirer une évaluation (service client)",
    description="Customer support only: a review that breaks the terms, with a reason "
    "(`false_statements` or `abuse`) and an explanation. It leaves the public pages and the "
    "seller's rating (search follows); its author is notified. 409 if already removed. "
    "Authors themselves can never edit or delete a review (R-REV-3, R-REV-6).",
    responses=errors(401, 403, 404, 409, 422),
)
def remove_review(
    review_id: Id,
    body: ReviewRemovalIn,
    support: SupportUser,
    session: DbSession,
    runtime: RuntimeDep,
) -> Response:
    reviews.remove_review(
        session,
        review_id,
        reason=body.reason,
        explanation=body.explanation,
        support_user_id=support.user.id,
        clock=runtime.clock,
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# -- money --------------------------------------------------------------
@router.get(
    "/me/balance",
    summary="Mon solde Microtache",
    description="The balance (refunds; orders and tips draw on it) and seller earnings, in "
    "US dollar cents, with their ledger entries, newest first (R-MON-2).",
    responses=errors(401),
)
def balance(principal: CurrentUser, session: DbSession) -> BalanceOut:
    return BalanceOut.read(ledger.money_of_user(session, principal.user.id))
