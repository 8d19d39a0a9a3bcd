"""Buyer requests ("Demandes de clients", R-REQ-1…6, R-SRCH-7): a buyer posts what they
want; support approves or refuses it; sellers whose active gigs match see it and send offers;
the buyer sorts the offers, withdraws some, orders one or contacts its seller.

A request is managed by its buyer only: for anyone else it does not exist (404). Sellers see
active requests in the subcategories of their active gigs, never who posted them. Bad input
is 422 naming the field and the rule (the automatic checks included); an action the
request's status does not allow is 409 naming the status and the allowed actions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response, status
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session

from facets.common import MAX_PRICE_CENTS
from facets.model import DEFAULT_LANG, Lang
from facets.taxonomy import TAXONOMY
from marketplace_core.requests import service
from marketplace_core.requests.contact import contact_offer_seller
from marketplace_core.requests.models import BuyerRequest
from marketplace_core.requests.rules import OfferSort, RequestAction, RequestStatus
from marketplace_core.requests.service import MAX_PAGE_SIZE
from search_api.action_routes import ActionRoute, add_action_routes
from search_api.deps import (
    MAX_ID,
    CurrentUser,
    DbSession,
    Id,
    IdempotencyKey,
    LangParam,
    RuntimeDep,
    SupportUser,
    get_payments,
)
from search_api.resources import ModeratedRequest, OwnRequest, OwnRequestForUpdate, VisibleRequest
from search_api.routers.uploads import download_response
from search_api.schemas.errors import MessageOut, TransitionOut, errors
from search_api.schemas.quotes import RefusedOut
from search_api.schemas.requests import (
    BuyerOfferOut,
    BuyerRequestOut,
    ContactIn,
    ContactOut,
    RefuseIn,
    RequestIn,
    RequestOfferIn,
    SellerRequestOut,
    SellerRequestPage,
    SentOfferOut,
    SupportRequestOut,
)

router = APIRouter(tags=["requests"])

StatusFilter = Annotated[
    list[RequestStatus] | None, Query(alias="status", description="only these statuses")
]

_TRANSITION: dict[int | str, dict[str, Any]] = {
    409: {
        "model": TransitionOut | RefusedOut | MessageOut,
        "description": "The request's status does not allow it (the body names the status "
        "and the allowed actions), it was already boosted (`rule`: `request.boost_once`), or "
        "another action won meanwhile.",
    }
}
_ACTION_ERRORS = errors(401, 404, 422) | _TRANSITION
_FILE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/octet-stream": {}}, "description": "the file"}
}


def _buyer_out(session: Session, row: BuyerRequest, lang: Lang) -> BuyerRequestOut:
    return BuyerRequestOut.of(row, service.offer_counts(session, [row.id])[row.id], lang)


# -- the buyer: posting and managing (R-REQ-1…5) ----------------------------------------------
@router.post(
    "/requests",
    status_code=status.HTTP_201_CREATED,
    summary="Poster une demande",
    description=(
        "A logged-in buyer posts a request (R-REQ-1): a description, a subcategory (and "
        "optionally its category), the criteria the subcategory asks for, a delivery time "
        "(`delivery` 24h, 3d or 7d, or `delivery_days` 1 to 30 for another time), a budget "
        "and an optional attachment uploaded first with `POST /uploads` (up to 30 MB). The "
        "`request_prefill` of a search that found nothing posts as is (R-SRCH-7). It is "
        "pending until support approves it (R-REQ-2). Automatic checks refuse with 422 and "
        "their rule: `request.description.too_short`, `request.contact_details`, "
        "`request.link`, `budget.min`."
    ),
    responses=errors(401, 413, 422),
)
def post_request(
    body: RequestIn,
    principal: CurrentUser,
    session: DbSession,
    runtime: RuntimeDep,
    lang: LangParam = DEFAULT_LANG,
) -> BuyerRequestOut:
    row = service.post_request(
        session,
        principal.user.id,
        body.to_input(),
        taxonomy=TAXONOMY,
        max_attachment_bytes=runtime.settings.request_attachment_max_bytes,
        clock=runtime.clock,
    )
    return BuyerRequestOut.of(row, 0, lang)


@router.get(
    "/me/requests",
    summary="Gérer mes demandes",
    description="The caller's requests, newest first, with their status, the actions "
    "allowed now and the number of offers received (R-REQ-3, R-REQ-6).",
    responses=errors(401, 422),
)
def my_requests(
    principal: CurrentUser,
    session: DbSession,
    status_: StatusFilter = None,
    lang: LangParam = DEFAULT_LANG,
) -> list[BuyerRequestOut]:
    rows = service.my_requests(session, principal.user.id, status_)
    return [BuyerRequestOut.of(r, n, lang) for r, n in service.with_offer_counts(session, rows)]


@router.get(
    "/me/requests/{request_id}",
    summary="Une de mes demandes",
    description="For its buyer only; anyone else gets 404.",
    responses=errors(401, 404, 422),
)
def my_request(
    row: OwnRequest, session: DbSession, lang: LangParam = DEFAULT_LANG
) -> BuyerRequestOut:
    return _buyer_out(session, row, lang)


@router.delete(
    "/me/requests/{request_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    summary="Supprimer une demande",
    description="Once submitted a request cannot be edited, only deleted (R-REQ-2, "
    "R-REQ-4). It disappears for everyone; orders placed from its offers stay.",
    responses=_ACTION_ERRORS,
)
def delete_request(row: OwnRequestForUpdate, session: DbSession, runtime: RuntimeDep) -> Response:
    service.buyer_action(session, row, RequestAction.DELETE, clock=runtime.clock)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


def _act(action: RequestAction) -> Callable[..., BuyerRequestOut]:
    def endpoint(
        row: OwnRequestForUpdate,
        session: DbSession,
        runtime: RuntimeDep,
        lang: LangParam = DEFAULT_LANG,
    ) -> BuyerRequestOut:
        service.buyer_action(session, row, action, clock=runtime.clock)
        return _buyer_out(session, row, lang)

    return endpoint


add_action_routes(
    router,
    "/me/requests/{request_id}",
    _act,
    [
        ActionRoute(
            RequestAction.PAUSE,
            "Mettre une demande en pause",
            "Active → paused: sellers no longer see it (R-REQ-3, R-REQ-4).",
        ),
        ActionRoute(
            RequestAction.RESUME, "Réactiver une demande", "Paused → active: sellers see it again."
        ),
        ActionRoute(
            RequestAction.BOOST,
            "Booster une demande",
            "Once per approved, active request (R-REQ-4): its date becomes the boost date, it is "
            "labelled boosted and goes to the top of the sellers' list; its 14 days start again "
            "(R-REQ-5). A second boost is 409 `request.boost_once`.",
        ),
    ],
    response_model=BuyerRequestOut,
    responses=_ACTION_ERRORS,
)


@router.get(
    "/me/requests/{request_id}/attachment",
    response_class=StreamingResponse,
    summary="Télécharger la pièce jointe de ma demande",
    description="For its buyer only.",
    responses=errors(401, 404, 422) | _FILE,
)
def my_attachment(row: OwnRequest, request: Request) -> StreamingResponse:
    return download_response(request, service.attachment_of(row))


# -- the buyer's side of offers (R-REQ-6) ---------------------------------------------------
@router.get(
    "/me/requests/{request_id}/offers",
    summary="Examiner les offres",
    description="The offers not withdrawn, sorted by `date` (newest first), `price` "
    "(cheapest first), `delivery` (fastest first), `rating` (best rated seller first) or "
    "`reviews` (most reviewed seller first), each with its seller's page.",
    responses=errors(401, 404, 422),
)
def offers(
    row: OwnRequest,
    session: DbSession,
    sort: Annotated[OfferSort, Query(description="date, price, delivery, rating or reviews")] = (
        OfferSort.DATE
    ),
) -> list[BuyerOfferOut]:
    return [BuyerOfferOut.of(o) for o in service.offers_for_buyer(session, row, sort)]


@router.post(
    "/me/requests/{request_id}/offers/{offer_id}/withdraw",
    summary="Retirer une offre",
    description="Hide an offer to see others instead (R-REQ-6); 409 if it was already "
    "withdrawn or ordered.",
    responses=_ACTION_ERRORS,
)
def withdraw(
    offer_id: Id, row: OwnRequestForUpdate, session: DbSession, runtime: RuntimeDep
) -> BuyerOfferOut:
    return BuyerOfferOut.of(service.withdraw_offer(session, row, offer_id, clock=runtime.clock))


@router.post(
    "/me/requests/{request_id}/offers/{offer_id}/order",
    summary="Commander maintenant",
    description=(
        "Order the offer (R-REQ-6): the order is placed and paid at the offer's price and "
        "delivery time (from the balance, the rest through the payment provider); the "
        "offer's `order_id` names it. The request is then closed (`ordered`): no more "
        "offers, hidden from sellers. **`Idempotency-Key` is required**: a retry with the "
        "same key gets the same answer and never a second order or charge."
    ),
    responses=_ACTION_ERRORS
    | {402: {"model": MessageOut, "description": "The payment was declined."}},
)
def order(
    offer_id: Id,
    request: Request,
    principal: CurrentUser,
    row: OwnRequestForUpdate,
    session: DbSession,
    runtime: RuntimeDep,
    idempotency_key: IdempotencyKey,
) -> BuyerOfferOut:
    offer = service.order_offer(
        session,
        row,
        offer_id,
        buyer=principal.user,
        idempotency_key=idempotency_key,
        taxonomy=TAXONOMY,
        payments=get_payments(request),
        clock=runtime.clock,
    )
    return BuyerOfferOut.of(offer)


# -- sellers (R-REQ-6) ------------------------------------------------------------------------
@router.get(
    "/requests",
    summary="Demandes de clients",
    description="For a seller: the active requests in the subcategories of the caller's "
    "active gigs, boosted first, then newest first (a boosted request's date is its boost "
    "date), filterable by subcategory and budget; with the number of offers and the "
    "caller's own offer. Never who posted them.",
    responses=errors(401, 403, 422),
)
def matching(
    principal: CurrentUser,
    session: DbSession,
    runtime: RuntimeDep,
    subcategory: Annotated[str | None, Query(examples=["conception-logo"])] = None,
    budget_min: Annotated[int | None, Query(description="cents", ge=0, le=MAX_PRICE_CENTS)] = None,
    budget_max: Annotated[int | None, Query(description="cents", ge=0, le=MAX_PRICE_CENTS)] = None,
    page: Annotated[int, Query(description="from 1", ge=1, le=MAX_ID)] = 1,
    size: Annotated[int, Query(description=f"1 to {MAX_PAGE_SIZE}", ge=1, le=MAX_PAGE_SIZE)] = 20,
    lang: LangParam = DEFAULT_LANG,
) -> SellerRequestPage:
    found = service.matching_requests(
        session,
        principal.user.id,
        subcategory=subcategory,
        budget_min=budget_min,
        budget_max=budget_max,
        page=page,
        size=size,
        taxonomy=TAXONOMY,
        clock=runtime.clock,
    )
    return SellerRequestPage(
        total=found.total,
        page=page,
        size=size,
        results=[
            SellerRequestOut.of(r, found.offer_counts[r.id], found.mine.get(r.id), lang)
            for r in found.requests
        ],
    )


@router.get(
    "/requests/{request_id}",
    summary="Une demande de client",
    description="For a seller who may see it (active, in the subcategory of one of their "
    "active gigs); 404 otherwise.",
    responses=errors(401, 403, 404, 422),
)
def seller_request(
    visible: VisibleRequest, session: DbSession, lang: LangParam = DEFAULT_LANG
) -> SellerRequestOut:
    row, seller = visible
    view = service.seller_view(session, row, seller)
    return SellerRequestOut.of(row, view.offer_counts[row.id], view.mine.get(row.id), lang)


@router.get(
    "/requests/{request_id}/attachment",
    response_class=StreamingResponse,
    summary="Télécharger la pièce jointe d'une demande",
    description="For a seller who may see the request.",
    responses=errors(401, 403, 404, 422) | _FILE,
)
def seller_attachment(visible: VisibleRequest, request: Request) -> StreamingResponse:
    row, _ = visible
    return download_response(request, service.attachment_of(row))


@router.post(
    "/requests/{request_id}/offers",
    status_code=status.HTTP_201_CREATED,
    summary="Envoyer une offre",
    description=(
        "A seller offers on an active request (R-REQ-6), once, with one of their active "
        "gigs in the request's subcategory: a price (at least 500 cents), a delivery time "
        "(1 to 30 days) and a message. A request that is not active is 409 with its "
        "status; a second offer is 409 `offer.already_sent`; your own request is 409 "
        "`offer.own_request`."
    ),
    responses=errors(401, 403, 404, 413, 422) | _TRANSITION,
)
def send_offer(
    request_id: Id,
    body: RequestOfferIn,
    principal: CurrentUser,
    session: DbSession,
    runtime: RuntimeDep,
) -> SentOfferOut:
    offer = service.send_offer(
        session, principal.user.id, request_id, body.to_input(), clock=runtime.clock
    )
    return SentOfferOut.of(offer)


@router.get(
    "/me/request-offers",
    summary="Mes offres envoyées",
    description="The caller's offers on buyer requests, newest first.",
    responses=errors(401, 403),
)
def sent_offers(principal: CurrentUser, session: DbSession) -> list[SentOfferOut]:
    return [SentOfferOut.of(o) for o in service.sent_offers(session, principal.user.id)]


# -- support (R-REQ-2) ------------------------------------------------------------------------
@router.get(
    "/support/requests",
    summary="Demandes à modérer",
    description="Customer support only: requests in these statuses (pending by default), "
    "oldest first.",
    responses=errors(401, 403, 422),
)
def support_queue(
    _support: SupportUser,
    session: DbSession,
    status_: StatusFilter = None,
    lang: LangParam = DEFAULT_LANG,
) -> list[SupportRequestOut]:
    rows = service.support_queue(session, status_ or [RequestStatus.PENDING])
    counted = service.with_offer_counts(session, rows)
    return [SupportRequestOut.of_support(r, n, lang) for r, n in counted]


@router.post(
    "/support/requests/{request_id}/approve",
    summary="Approuver une demande",
    description="Customer support only: pending → active; the buyer is notified and "
    "e-mailed, sellers see it, its 14 days start (R-REQ-2, R-REQ-5).",
    responses=errors(401, 403, 404, 422) | _TRANSITION,
)
def approve(
    row: ModeratedRequest, session: DbSession, runtime: RuntimeDep, lang: LangParam = DEFAULT_LANG
) -> SupportRequestOut:
    service.approve(session, row, clock=runtime.clock)
    return SupportRequestOut.of_support(row, 0, lang)


@router.post(
    "/support/requests/{request_id}/refuse",
    summary="Refuser une demande",
    description="Customer support only: pending → not approved, with the reason, which the "
    "buyer gets by notification and e-mail (R-REQ-2).",
    responses=errors(401, 403, 404, 413, 422) | _TRANSITION,
)
def refuse(
    body: RefuseIn,
    row: ModeratedRequest,
    session: DbSession,
    runtime: RuntimeDep,
    lang: LangParam = DEFAULT_LANG,
) -> SupportRequestOut:
    service.refuse(session, row, body.reason, clock=runtime.clock)
    return SupportRequestOut.of_support(row, 0, lang)


# -- contact (R-REQ-6) ------------------------------------------------------------------------
@router.post(
    "/me/requests/{request_id}/offers/{offer_id}/contact",
    summary="Contacter le prestataire",
    description="Open (or find) the conversation between the buyer and the offer's seller "
    "about this offer, with an optional first message; only these two read it.",
    responses=errors(401, 404, 413, 422),
)
def contact(
    offer_id: Id,
    row: OwnRequest,
    session: DbSession,
    runtime: RuntimeDep,
    body: ContactIn | None = None,
) -> ContactOut:
    conversation = contact_offer_seller(
        session, row, offer_id, message=body.message if body else None, clock=runtime.clock
    )
    return ContactOut(conversation_id=conversation.id, link=f"/conversations/{conversation.id}")
