"""Request dependencies: the runtime, one database transaction per request, the caller."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from facets.model import Lang
from marketplace_core.accounts.service import AccountPolicy, Principal, authenticate
from marketplace_core.accounts.tokens import TokenSigner
from marketplace_core.errors import Forbidden, InvalidInput, Unauthorized
from marketplace_core.notifications.emails import EmailSender, use_email_sender
from marketplace_core.orders.payments import PaymentProvider
from microtache.runtime import Runtime
from search_api.tracking import SearchTracking


def install_accounts(app: FastAPI, runtime: Runtime) -> None:
    """What the account endpoints need, made once per app."""
    settings = runtime.settings
    app.state.token_signer = TokenSigner.from_settings(settings)
    app.state.account_policy = AccountPolicy.from_settings(settings)


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


def get_signer(request: Request) -> TokenSigner:
    signer: TokenSigner = request.app.state.token_signer
    return signer


def get_policy(request: Request) -> AccountPolicy:
    policy: AccountPolicy = request.app.state.account_policy
    return policy


def email_sender_of(app: FastAPI) -> EmailSender:
    """Where the app's committed e-mails go: the runtime's queue or worker task."""
    sender: EmailSender | None = getattr(app.state, "email_sender", None)
    if sender is None:
        sender = app.state.runtime.emails
        app.state.email_sender = sender
    return sender


def get_payments(request: Request) -> PaymentProvider:
    """The app's payment provider (made from ``PAYMENT_PROVIDER`` with the app)."""
    payments: PaymentProvider = request.app.state.payments
    return payments


def get_tracking(request: Request) -> SearchTracking:
    """The process's search tracking: search ids, visitors, the event buffer."""
    tracking: SearchTracking = request.app.state.tracking
    return tracking


def idempotency_key(
    _caller: CurrentUser,
    key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            description="A key of the client's choosing (a new UUID per payment), the same "
            "on every retry: a retry moves no money again and answers with the same result.",
            examples=["7f3c9a2e-4b1d-4c8e-9f00-2a6d5e1b3c47"],
        ),
    ] = None,
) -> str:
    if key is None:
        raise InvalidInput.one(
            "Idempotency-Key",
            "idempotency_key.required",
            "send an Idempotency-Key header (a new UUID for each payment, the same on retries)",
        )
    return key


# Each header dependency takes the caller first: an anonymous request is 401 before any
# header is looked at (FastAPI solves a dependency's own dependencies before its values).
IdempotencyKey = Annotated[str, Depends(idempotency_key)]


def db_session(request: Request) -> Iterator[Session]:
    """One transaction per request: committed when the endpoint returns, rolled back when it
    raises. Scoped to the endpoint call, so the commit happens before the response is sent:
    a client that got its answer finds the change (and its outbox row) committed. Its
    e-mails are handed over after the commit, and sent off the request path."""
    runtime = get_runtime(request)
    with runtime.sessions() as session:
        use_email_sender(session, email_sender_of(request.app))
        try:
            yield session
        except BaseException:
            session.rollback()
            raise
        session.commit()


# Every id is a PostgreSQL integer (the primary keys' type): beyond it nothing exists, and a
# larger number would reach the database only to overflow there.
MAX_ID = 2**31 - 1
Id = Annotated[int, Path(ge=1, le=MAX_ID)]
# How many rows to skip, or an id to page from: the same bound.
Offset = Annotated[int, Query(ge=0, le=MAX_ID, description="rows to skip")]

RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
Tracking = Annotated[SearchTracking, Depends(get_tracking)]
LangParam = Annotated[Lang, Query(description="labels in French (fr) or English (en)")]
SignerDep = Annotated[TokenSigner, Depends(get_signer)]
PolicyDep = Annotated[AccountPolicy, Depends(get_policy)]
DbSession = Annotated[Session, Depends(db_session, scope="function")]

bearer = HTTPBearer(
    auto_error=False,
    description="Access token from `POST /auth/login` or `POST /auth/refresh`.",
)
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def current_principal(
    session: DbSession, signer: SignerDep, runtime: RuntimeDep, credentials: Credentials
) -> Principal:
    if credentials is None:
        raise Unauthorized("log in: send Authorization: Bearer <access token>")
    return authenticate(session, signer, token=credentials.credentials, clock=runtime.clock)


def optional_principal(
    session: DbSession, signer: SignerDep, runtime: RuntimeDep, credentials: Credentials
) -> Principal | None:
    """Anonymous without a token; a token that is sent must be valid (401 otherwise), so a
    client with an expired token knows to refresh it."""
    if credentials is None:
        return None
    return authenticate(session, signer, token=credentials.credentials, clock=runtime.clock)


def support_principal(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
    if not principal.is_support:
        raise Forbidden("only customer support may do this")
    return principal


CurrentUser = Annotated[Principal, Depends(current_principal)]
OptionalUser = Annotated[Principal | None, Depends(optional_principal)]
SupportUser = Annotated[Principal, Depends(support_principal)]


def client_address(request: Request) -> str:
    """The peer address; behind a proxy, run uvicorn with ``--proxy-headers`` and
    ``--forwarded-allow-ips`` so this is the client's and not the proxy's."""
    return request.client.host if request.client else "unknown"


ClientAddress = Annotated[str, Depends(client_address)]

_ETAG = re.compile(r'^\s*(?:W/)?"(\d{1,18})"\s*$')


def _version(if_match: str | None) -> int | None:
    if if_match is None:
        return None
    found = _ETAG.match(if_match)
    if found is None:
        raise InvalidInput.one(
            "If-Match",
            "if_match.format",
            'If-Match must be the version as an ETag, e.g. If-Match: "3"',
        )
    return int(found.group(1))


def required_version(
    _caller: CurrentUser,
    if_match: Annotated[
        str | None,
        Header(
            alias="If-Match",
            description='The version the change is based on, as the ETag says: `"3"`.',
            examples=['"3"'],
        ),
    ] = None,
) -> int:
    version = _version(if_match)
    if version is None:
        raise InvalidInput.one(
            "If-Match",
            "if_match.required",
            'send If-Match with the version the change is based on, e.g. If-Match: "3"',
        )
    return version


def optional_version(
    _caller: CurrentUser,
    if_match: Annotated[
        str | None,
        Header(
            alias="If-Match",
            description="Optional: refuse the action (409) unless the gig is still at this "
            'version, e.g. `"3"`.',
            examples=['"3"'],
        ),
    ] = None,
) -> int | None:
    return _version(if_match)


RequiredVersion = Annotated[int, Depends(required_version)]
OptionalVersion = Annotated[int | None, Depends(optional_version)]


def login_refused(request: Request) -> Unauthorized | None:
    """For an error met before the dependencies ran (a body that is not JSON): the 401 the
    request would have got first, if its route needs a caller and it brings no valid token
    (checked by its signature only)."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None or not _needs_login(dependant):
        return None
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return Unauthorized("log in: send Authorization: Bearer <access token>")
    runtime = get_runtime(request)
    try:
        get_signer(request).read_access_token(token.strip(), runtime.clock.now())
    except Unauthorized as refused:
        return refused
    return None


def _needs_login(dependant: Any) -> bool:
    return any(sub.call is current_principal or _needs_login(sub) for sub in dependant.dependencies)
