"""Quotes ("Obtenir un devis", R-QUO-1…3): a buyer asks a seller from the seller's profile,
the seller answers with an offer or declines, the buyer declines the offer or orders from it.

Only the buyer and the seller see a request: anyone else gets 404, as if it did not exist.
The wrong party acting is 403; an action the status does not allow is 409 naming the status
and the allowed actions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, status
from fastapi.responses import StreamingResponse

from facets.model import DEFAULT_LANG
from facets.taxonomy import TAXONOMY
from marketplace_core.quotes import service
from marketplace_core.quotes.rules import QuoteAction, QuoteParty, QuoteStatus
from search_api.action_routes import ActionRoute, add_action_routes
from search_api.deps import (
    CurrentUser,
    DbSession,
    IdempotencyKey,
    LangParam,
    RuntimeDep,
    get_payments,
)
from search_api.resources import QuoteForReading, QuoteForUpdate
from search_api.routers.uploads import download_response
from search_api.schemas.errors import TransitionOut, errors
from search_api.schemas.quotes import (
    DeclineIn,
    OfferIn,
    QuoteRequestIn,
    QuoteRequestOut,
    RefusedOut,
)

router = APIRouter(tags=["quotes"])


StatusFilter = Annotated[
    list[QuoteStatus] | None, Query(alias="status", description="only these statuses")
]

_REFUSED: dict[int | str, dict[str, Any]] = {
    409: {
        "model": RefusedOut,
        "description": "The seller cannot be asked (`rule`): `seller.no_quotes` (does not "
        "accept quotes), `seller.no_active_gig` (no active gig), `seller.self` (your own "
        "profile).",
    }
}
_TRANSITION: dict[int | str, dict[str, Any]] = {
    409: {
        "model": TransitionOut,
        "description": "The request's status does not allow it (the body names the status "
        "and the allowed actions), or another answer won meanwhile.",
    }
}
_ACTION_ERRORS = errors(401, 403, 404, 413, 422) | _TRANSITION


@router.post(
    "/sellers/{username}/quote-requests",
    status_code=status.HTTP_201_CREATED,
    summary="Demander un devis",
    description=(
        "From the seller's profile (R-QUO-1, R-QUO-2): a description, the criteria of the "
        "subcategory (e.g. voice over: genre, langue, tranche-age, objectif, accent), the "
        "wanted delivery time, an optional budget and attachments uploaded first with "
        "`POST /uploads`. A subcategory without quotes is 422 `subcategory.no_quotes`; a "
        "seller who does not accept quotes or has no active gig is 409 with the `rule`."
    ),
    responses=errors(401, 404, 413, 422) | _REFUSED,
)
def ask(
    username: str,
    body: QuoteRequestIn,
    principal: CurrentUser,
    session: DbSession,
    runtime: RuntimeDep,
    lang: LangParam = DEFAULT_LANG,
) -> QuoteRequestOut:
    row = service.request_quote(
        session,
        principal.user.id,
        username,
        body.to_input(),
        taxonomy=TAXONOMY,
        max_attachment_bytes=runtime.settings.quote_attachment_max_bytes,
        clock=runtime.clock,
    )
    return QuoteRequestOut.of(row, QuoteParty.BUYER, lang)


@router.get(
    "/me/quote-requests",
    summary="Demandes de devis reçues",
    description="The requests the caller's seller profile received, newest first.",
    responses=errors(401, 403, 422),
)
def list_received(
    principal: CurrentUser,
    session: DbSession,
    status_: StatusFilter = None,
    lang: LangParam = DEFAULT_LANG,
) -> list[QuoteRequestOut]:
    rows = service.received(session, principal.user.id, status_)
    return [QuoteRequestOut.of(r, QuoteParty.SELLER, lang) for r in rows]


@router.get(
    "/me/quote-requests/sent",
    summary="Mes demandes de devis",
    description="The requests the caller sent, newest first, with the sellers' offers.",
    responses=errors(401, 422),
)
def list_sent(
    principal: CurrentUser,
    session: DbSession,
    status_: StatusFilter = None,
    lang: LangParam = DEFAULT_LANG,
) -> list[QuoteRequestOut]:
    rows = service.sent(session, principal.user.id, status_)
    return [QuoteRequestOut.of(r, QuoteParty.BUYER, lang) for r in rows]


@router.get(
    "/quote-requests/{request_id}",
    summary="Une demande de devis",
    description="For its buyer and its seller only.",
    responses=errors(401, 404, 422),
)
def read(held: QuoteForReading, lang: LangParam = DEFAULT_LANG) -> QuoteRequestOut:
    return QuoteRequestOut.of(held.request, held.party, lang)


@router.post(
    "/quote-requests/{request_id}/offer",
    summary="Répondre par un devis",
    description="The seller answers (R-QUO-3): requested → offered. Price in US dollar "
    "cents, at least 500; delivery 1 to 90 days.",
    responses=_ACTION_ERRORS,
)
def offer(
    body: OfferIn,
    held: QuoteForUpdate,
    session: DbSession,
    runtime: RuntimeDep,
    lang: LangParam = DEFAULT_LANG,
) -> QuoteRequestOut:
    service.make_offer(session, held.request, held.party, body.to_input(), clock=runtime.clock)
    return QuoteRequestOut.of(held.request, held.party, lang)


def _decline(action: QuoteAction) -> Callable[..., QuoteRequestOut]:
    def endpoint(
        held: QuoteForUpdate,
        session: DbSession,
        runtime: RuntimeDep,
        body: DeclineIn | None = None,
        lang: LangParam = DEFAULT_LANG,
    ) -> QuoteRequestOut:
        reason = body.reason if body else None
        service.decline(session, held.request, held.party, action, reason, clock=runtime.clock)
        return QuoteRequestOut.of(held.request, held.party, lang)

    return endpoint


add_action_routes(
    router,
    "/quote-requests/{request_id}",
    _decline,
    [
        ActionRoute(
            QuoteAction.DECLINE,
            "Décliner une demande de devis",
            "The seller declines, with an optional reason: requested → declined_by_seller.",
            path="decline",
            name="decline_request",
        ),
        ActionRoute(
            QuoteAction.DECLINE_OFFER,
            "Décliner le devis",
            "The buyer declines the offer, with an optional reason (R-QUO-3): offered → "
            "declined_by_buyer.",
            path="offer/decline",
            name="decline_offer",
        ),
    ],
    response_model=QuoteRequestOut,
    responses=_ACTION_ERRORS,
)


@router.post(
    "/quote-requests/{request_id}/offer/order",
    summary="Commander à partir du devis",
    description=(
        "The buyer orders from the offer (R-QUO-3): offered → accepted, and the order is "
        "placed and paid at the offer's price and delivery time; the offer's `order_id` "
        "names it. **`Idempotency-Key` is required**: a retry with the same key gets the "
        "same answer and never a second order or charge."
    ),
    responses=_ACTION_ERRORS,
)
def order(
    request: Request,
    principal: CurrentUser,
    held: QuoteForUpdate,
    session: DbSession,
    runtime: RuntimeDep,
    idempotency_key: IdempotencyKey,
    lang: LangParam = DEFAULT_LANG,
) -> QuoteRequestOut:
    service.order_from_offer(
        session,
        held.request,
        held.party,
        buyer=principal.user,
        idempotency_key=idempotency_key,
        taxonomy=TAXONOMY,
        payments=get_payments(request),
        clock=runtime.clock,
    )
    return QuoteRequestOut.of(held.request, held.party, lang)


@router.get(
    "/quote-requests/{request_id}/attachments/{key}",
    response_class=StreamingResponse,
    summary="Télécharger une pièce jointe",
    description="An attachment of the request, for its buyer and its seller only.",
    responses=errors(401, 404, 422)
    | {200: {"content": {"application/octet-stream": {}}, "description": "the file"}},
)
def download(key: str, request: Request, held: QuoteForReading) -> StreamingResponse:
    return download_response(request, service.attachment(held.request, key))
