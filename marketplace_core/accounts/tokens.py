"""Bearer tokens.

- Access token: a JWT (HS256) naming the user and the session, valid for minutes
  (``ACCESS_TOKEN_SECONDS``). Each request also checks that its session is not revoked, so
  logging out ends the access token at once.
- Refresh token: 32 random bytes; the database keeps only its SHA-256, so a copy of the
  database logs nobody in. Each refresh replaces it (rotation).

The signing key is ``MICROTACHE_SECRET_KEY``, else a key generated once into the data dir,
shared by every process that uses that directory.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jwt

from marketplace_core.config import Settings
from marketplace_core.errors import Unauthorized

ALGORITHM = "HS256"
MIN_SECRET_CHARS = 32
SECRET_FILE = "secret_key"


@dataclass(frozen=True)
class AccessClaims:
    user_id: int
    session_id: int
    expires_at: datetime


def secret_key(settings: Settings) -> str:
    if settings.secret_key:
        if len(settings.secret_key) < MIN_SECRET_CHARS:
            raise ValueError(
                f"MICROTACHE_SECRET_KEY must be at least {MIN_SECRET_CHARS} characters"
            )
        return settings.secret_key
    return _stored_secret(settings.data_dir / SECRET_FILE)


def _stored_secret(path: Path) -> str:
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    candidate = path.with_name(f".{SECRET_FILE}.{os.getpid()}.{secrets.token_hex(4)}")
    candidate.write_text(secrets.token_hex(32))
    candidate.chmod(0o600)
    try:
        os.link(candidate, path)  # atomic: the first process to create it wins, others read it
    except FileExistsError:
        pass
    finally:
        candidate.unlink()
    return path.read_text().strip()


class TokenSigner:
    def __init__(self, secret: str, access_lifetime: timedelta) -> None:
        self._secret = secret
        self.access_lifetime = access_lifetime

    def access_token(self, user_id: int, session_id: int, now: datetime) -> str:
        expires = now + self.access_lifetime
        payload = {
            "sub": str(user_id),
            "sid": session_id,
            "iat": int(now.timestamp()),
            "exp": int(expires.timestamp()),
            "typ": "access",
        }
        return jwt.encode(payload, self._secret, algorithm=ALGORITHM)

    def read_access_token(self, token: str, now: datetime) -> AccessClaims:
        """The claims of a well-signed, unexpired access token, else :class:`Unauthorized`.

        Times are checked against the injected clock, not the library's own clock.
        """
        try:
            payload = jwt.decode(
                token,
                self._secret,
                algorithms=[ALGORITHM],
                options={
                    "verify_exp": False,
                    "verify_iat": False,
                    "verify_nbf": False,
                    "require": ["sub", "sid", "exp", "typ"],
                },
            )
            if payload["typ"] != "access":
                raise Unauthorized("not an access token")
            claims = AccessClaims(
                int(payload["sub"]),
                int(payload["sid"]),
                datetime.fromtimestamp(int(payload["exp"]), UTC),
            )
        except (jwt.InvalidTokenError, ValueError, TypeError) as exc:
            raise Unauthorized("invalid access token") from exc
        if now >= claims.expires_at:
            raise Unauthorized("access token expired")
        return claims


def new_refresh_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
