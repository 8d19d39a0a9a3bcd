"""The pages' log-in: a session whose token rides in a cookie instead of a bearer header.

The cookie holds the session's own token (the one ``/auth/refresh`` takes); the database
keeps only its SHA-256, as for every session. Logging out revokes the session like the API's
logout does.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from marketplace_core.accounts.models import AuthSession, User
from marketplace_core.accounts.service import Principal
from marketplace_core.accounts.tokens import token_hash
from marketplace_core.clock import Clock


def cookie_principal(session: Session, token: str, *, clock: Clock) -> Principal | None:
    """Who holds this cookie token, while its session is live; else nobody."""
    row = session.scalars(
        select(AuthSession).where(AuthSession.token_hash == token_hash(token))
    ).one_or_none()
    if row is None or row.revoked_at is not None or clock.now() >= row.expires_at:
        return None
    user = session.get(User, row.user_id)
    return Principal(user, row.id) if user is not None else None
