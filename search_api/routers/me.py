"""``/me``: the caller's account, seller profile and presence."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from facets.model import DEFAULT_LANG
from marketplace_core.catalog.gigs import seller_of
from marketplace_core.sellers import service
from search_api.deps import CurrentUser, DbSession, LangParam, RuntimeDep
from search_api.schemas.accounts import AccountOut
from search_api.schemas.errors import errors
from search_api.schemas.sellers import HeartbeatIn, OwnSellerOut, SellerIn, SellerPatch

router = APIRouter(prefix="/me", tags=["me"])


@router.get("", summary="Mon compte", responses=errors(401))
def account(principal: CurrentUser, session: DbSession) -> AccountOut:
    user = principal.user
    seller = seller_of(session, user.id)
    return AccountOut.read(user, seller_username=seller.username if seller else None)


@router.post(
    "/seller",
    status_code=status.HTTP_201_CREATED,
    summary="Devenir vendeur",
    description=(
        "Creates the account's seller profile; its gigs are then managed under `/me/gigs` and "
        "its public page is `/sellers/{username}`. The time zone must be one of the country's; "
        "it can be left out when the country has only one. Level, rating and completed orders "
        "are set by the platform (sending them is a 422). 409 if the account already has a "
        "profile; a taken username is a 422 (`username.taken`)."
    ),
    responses=errors(401, 409, 413, 422),
)
def become_seller(
    body: SellerIn,
    principal: CurrentUser,
    session: DbSession,
    runtime: RuntimeDep,
    lang: LangParam = DEFAULT_LANG,
) -> OwnSellerOut:
    seller = service.become_seller(
        session, principal.user.id, body.username, body.to_input(), clock=runtime.clock
    )
    return OwnSellerOut.of(seller, lang)


@router.get("/seller", summary="Mon profil vendeur", responses=errors(401, 404, 422))
def own_profile(
    principal: CurrentUser, session: DbSession, lang: LangParam = DEFAULT_LANG
) -> OwnSellerOut:
    return OwnSellerOut.of(service.own_profile(session, principal.user.id), lang)


@router.patch(
    "/seller",
    summary="Modifier mon profil vendeur",
    description=(
        "Only the fields sent change (`languages` is replaced whole); the username is final. "
        "The last write wins: the profile has no `If-Match`, since presence heartbeats also "
        "write the seller row. Changes to what search shows (display name, country, "
        "languages) reach search within seconds."
    ),
    responses=errors(401, 404, 413, 422),
)
def update_profile(
    body: SellerPatch,
    principal: CurrentUser,
    session: DbSession,
    runtime: RuntimeDep,
    lang: LangParam = DEFAULT_LANG,
) -> OwnSellerOut:
    seller = service.own_profile(session, principal.user.id)
    service.update_profile(session, seller, body.to_input(), clock=runtime.clock)
    return OwnSellerOut.of(seller, lang)


@router.post(
    "/heartbeat",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    summary="Signal de présence",
    description=(
        "Sent by the web site or the app while the user is there (every minute or two). A "
        "seller counts as online for the search's online filter for "
        "`ONLINE_WINDOW_SECONDS` after the last one. Only sellers' presence is kept; for "
        "other accounts this does nothing."
    ),
    responses=errors(401, 413, 422),
)
def heartbeat(
    principal: CurrentUser, session: DbSession, runtime: RuntimeDep, body: HeartbeatIn | None = None
) -> Response:
    service.heartbeat(session, principal.user.id, clock=runtime.clock)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
