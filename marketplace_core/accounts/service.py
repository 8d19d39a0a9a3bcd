"""Account operations: register, log in, refresh, log out, authenticate a request."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from marketplace_core.accounts.enums import Role, ThrottleScope
from marketplace_core.accounts.models import AuthSession, User
from marketplace_core.accounts.passwords import hash_password, needs_rehash, verify_password
from marketplace_core.accounts.rules import normalise_email, validate_credentials
from marketplace_core.accounts.throttle import (
    Limit,
    forget_old_windows,
    give_back_attempt,
    take_attempt,
)
from marketplace_core.accounts.tokens import TokenSigner, new_refresh_token, token_hash
from marketplace_core.clock import Clock
from marketplace_core.config import Settings
from marketplace_core.errors import NotFound, Unauthorized

LOGIN_FAILED = "wrong email or password"


@dataclass(frozen=True)
class AccountPolicy:
    session_lifetime: timedelta
    login_window: timedelta
    failures_per_account: int
    failures_per_address: int

    @classmethod
    def from_settings(cls, settings: Settings) -> AccountPolicy:
        return cls(
            session_lifetime=timedelta(days=settings.session_days),
            login_window=timedelta(seconds=settings.login_window_seconds),
            failures_per_account=settings.login_failures_per_account,
            failures_per_address=settings.login_failures_per_address,
        )


@dataclass(frozen=True)
class IssuedTokens:
    access_token: str
    access_expires_in: int  # seconds
    refresh_token: str
    refresh_expires_at: datetime


@dataclass(frozen=True)
class Principal:
    """Who is calling: the user and the session their token belongs to."""

    user: User
    session_id: int

    @property
    def is_support(self) -> bool:
        return self.user.role == Role.SUPPORT


def register(session: Session, *, email: str, password: str, clock: Clock) -> User | None:
    """Create the account; ``None`` when the e-mail is taken. Callers answer both cases the
    same way, so the answer does not tell whether an address is registered."""
    email = validate_credentials(email, password)
    password_hash = hash_password(password)  # a taken address is hashed too: same time
    if session.scalar(select(User.id).where(User.email == email)) is not None:
        return None
    now = clock.now()
    user = User(
        email=email, password_hash=password_hash, role=Role.USER, created_at=now, updated_at=now
    )
    session.add(user)
    try:
        session.flush()
    except IntegrityError:  # the same address registered concurrently; nothing else to keep
        session.rollback()
        return None
    return user


def login(
    sessions: sessionmaker[Session],
    signer: TokenSigner,
    policy: AccountPolicy,
    *,
    email: str,
    password: str,
    address: str,
    clock: Clock,
) -> IssuedTokens:
    """Open a session, or :class:`Unauthorized` (the same for an unknown e-mail and a wrong
    password, in about the same time), or :class:`Throttled`.

    Runs its own transactions: the attempt is counted (and kept) before the password is
    checked.
    """
    now = clock.now()
    normalised = normalise_email(email)
    account = Limit(ThrottleScope.ACCOUNT, normalised, policy.failures_per_account)
    client = Limit(ThrottleScope.ADDRESS, address, policy.failures_per_address)
    take_attempt(sessions, [account, client], now, policy.login_window)
    tokens: IssuedTokens | None = None
    with sessions.begin() as session:
        user = session.scalars(select(User).where(User.email == normalised)).one_or_none()
        if verify_password(user.password_hash if user else None, password) and user is not None:
            if needs_rehash(user.password_hash):
                user.password_hash = hash_password(password)
            tokens = open_session(session, signer, policy, user, now)
    if tokens is None:
        forget_old_windows(sessions, now, policy.login_window)
        raise Unauthorized(LOGIN_FAILED)
    give_back_attempt(sessions, [account], now, reset=True)
    give_back_attempt(sessions, [client], now, reset=False)
    return tokens


def open_session(
    session: Session, signer: TokenSigner, policy: AccountPolicy, user: User, now: datetime
) -> IssuedTokens:
    refresh = new_refresh_token()
    row = AuthSession(
        user_id=user.id,
        token_hash=token_hash(refresh),
        created_at=now,
        expires_at=now + policy.session_lifetime,
        revoked_at=None,
    )
    session.add(row)
    session.flush()
    return _tokens(signer, user.id, row, refresh, now)


def refresh(
    session: Session, signer: TokenSigner, *, refresh_token: str, clock: Clock
) -> IssuedTokens:
    """New tokens for a live session; the refresh token is replaced (rotation), so a copy
    of the old one no longer works."""
    now = clock.now()
    row = session.scalars(
        select(AuthSession)
        .where(AuthSession.token_hash == token_hash(refresh_token))
        .with_for_update()
    ).one_or_none()
    if row is None or not _live(row, now):
        raise Unauthorized("invalid or expired refresh token")
    new_token = new_refresh_token()
    row.token_hash = token_hash(new_token)
    session.flush()
    return _tokens(signer, row.user_id, row, new_token, now)


def logout(session: Session, principal: Principal, clock: Clock) -> None:
    row = session.get(AuthSession, principal.session_id)
    if row is not None and row.revoked_at is None:
        row.revoked_at = clock.now()
        session.flush()


def authenticate(session: Session, signer: TokenSigner, *, token: str, clock: Clock) -> Principal:
    """The caller of a request, from its access token; the session must still be live."""
    now = clock.now()
    claims = signer.read_access_token(token, now)
    row = session.get(AuthSession, claims.session_id)
    if row is None or row.user_id != claims.user_id or not _live(row, now):
        raise Unauthorized("session ended; log in again")
    user = session.get(User, claims.user_id)
    if user is None:
        raise Unauthorized("session ended; log in again")
    return Principal(user, row.id)


def set_role(session: Session, *, email: str, role: Role, clock: Clock) -> User:
    """For the operators' command line only: the API never changes a role."""
    user = session.scalars(select(User).where(User.email == normalise_email(email))).one_or_none()
    if user is None:
        raise NotFound("user", email)
    user.role = role
    user.updated_at = clock.now()
    session.flush()
    return user


def _live(row: AuthSession, now: datetime) -> bool:
    return row.revoked_at is None and now < row.expires_at


def _tokens(
    signer: TokenSigner, user_id: int, row: AuthSession, refresh_token: str, now: datetime
) -> IssuedTokens:
    return IssuedTokens(
        access_token=signer.access_token(user_id, row.id, now),
        access_expires_in=int(signer.access_lifetime.total_seconds()),
        refresh_token=refresh_token,
        refresh_expires_at=row.expires_at,
    )
