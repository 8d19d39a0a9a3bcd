"""``/auth``: register, log in, refresh, log out."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from marketplace_core.accounts import service
from search_api.deps import ClientAddress, CurrentUser, DbSession, PolicyDep, RuntimeDep, SignerDep
from search_api.schemas.accounts import CredentialsIn, RefreshIn, RegisteredOut, TokensOut
from search_api.schemas.errors import errors

router = APIRouter(prefix="/auth", tags=["accounts"])


def _tokens(issued: service.IssuedTokens) -> TokensOut:
    return TokensOut(
        access_token=issued.access_token,
        expires_in=issued.access_expires_in,
        refresh_token=issued.refresh_token,
        refresh_expires_at=issued.refresh_expires_at,
    )


@router.post(
    "/register",
    status_code=status.HTTP_202_ACCEPTED,
    summary="Créer un compte",
    description=(
        "Creates an account (e-mail and password) that can buy, and sell once it has a seller "
        "profile. The answer is **the same 202 whether the address was free or already "
        "registered**, so it never tells whether an address has an account; then log in. "
        "Password: 10 to 128 characters, not a common one, not the e-mail."
    ),
    responses=errors(413, 422),
)
def register(body: CredentialsIn, session: DbSession, runtime: RuntimeDep) -> RegisteredOut:
    service.register(session, email=body.email, password=body.password, clock=runtime.clock)
    return RegisteredOut()


@router.post(
    "/login",
    summary="Se connecter",
    description=(
        "Opens a session: a short-lived access token (bearer) and a refresh token. A wrong "
        "password and an unknown e-mail get the same 401. After too many failures in a window, "
        "for the account or for the client address, logins are refused with 429 and "
        "`Retry-After` until the window passes."
    ),
    responses=errors(401, 413, 422, 429),
)
def login(
    body: CredentialsIn,
    runtime: RuntimeDep,
    signer: SignerDep,
    policy: PolicyDep,
    address: ClientAddress,
) -> TokensOut:
    # No request transaction: the login counts attempts in transactions of its own.
    issued = service.login(
        runtime.sessions,
        signer,
        policy,
        email=body.email,
        password=body.password,
        address=address,
        clock=runtime.clock,
    )
    return _tokens(issued)


@router.post(
    "/refresh",
    summary="Renouveler le jeton d'accès",
    description=(
        "A new access token and a new refresh token for a live session; the refresh token "
        "sent is replaced and no longer works."
    ),
    responses=errors(401, 413, 422),
)
def refresh(
    body: RefreshIn, session: DbSession, signer: SignerDep, runtime: RuntimeDep
) -> TokensOut:
    return _tokens(
        service.refresh(session, signer, refresh_token=body.refresh_token, clock=runtime.clock)
    )


@router.post(
    "/logout",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    summary="Se déconnecter",
    description="Ends the session: its access and refresh tokens stop working at once.",
    responses=errors(401),
)
def logout(principal: CurrentUser, session: DbSession, runtime: RuntimeDep) -> Response:
    service.logout(session, principal, runtime.clock)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
