"""Bearer tokens.

- Access token: a JWT (HS256) naming the user and the session, valid for minutes
  (``ACCESS_TOKEN_SECONDS``). Each request also checks that its session is not revoked, so
  logging out ends the access token at once.
- Refresh token: 32 random bytes; the database keeps only its SHA-256, so a copy of the
  database logs nobody in. Each refresh replaces it (rotation).

The signing keys are ``TOKEN_SIGNING_KEYS`` (``kid:secret`` pairs, comma-separated: the first
signs, every one verifies), else one key: ``MICROTACHE_SECRET_KEY``, or a key generated once
into the data dir, shared by every process that uses that directory. Each token names its
key in its header (``kid``), so a new key can sign while tokens of the previous one stay
valid until they expire; and since a session lives in the database (the refresh token),
even a key dropped at once logs nobody out: the next refresh signs with the new key.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jwt

from marketplace_core.config import Settings
from marketplace_core.errors import Unauthorized

ALGORITHM = "HS256"
MIN_SECRET_CHARS = 32
SECRET_FILE = "secret_key"
KEYS_VARIABLE = "TOKEN_SIGNING_KEYS"
_KID = re.compile(r"[A-Za-z0-9._-]{1,32}")


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


@dataclass(frozen=True)
class SigningKey:
    kid: str  # named in each token's header; never secret
    secret: str = ""

    def __repr__(self) -> str:  # never the secret, in a log or a traceback
        return f"SigningKey(kid={self.kid!r})"

    @classmethod
    def of_secret(cls, secret: str) -> SigningKey:
        """The one key of a server secret, its id derived from it (not revealing it)."""
        return cls("k" + hashlib.sha256(f"kid:{secret}".encode()).hexdigest()[:8], secret)


def parse_signing_keys(value: str) -> list[SigningKey]:
    """``kid:secret,kid:secret``: the first signs. Each id 1–32 of ``A–Z a–z 0–9 . _ -``,
    once; each secret at least 32 characters."""
    keys: list[SigningKey] = []
    for i, item in enumerate(part.strip() for part in value.split(",")):
        kid, sep, secret = item.partition(":")
        where = f"{KEYS_VARIABLE}: key {i + 1}"
        if not sep or not _KID.fullmatch(kid):
            raise ValueError(f"{where} must be kid:secret, the kid 1 to 32 of A-Z a-z 0-9 . _ -")
        if len(secret) < MIN_SECRET_CHARS:
            raise ValueError(f"{where} ({kid}): the secret must be at least 32 characters")
        if any(k.kid == kid for k in keys):
            raise ValueError(f"{where}: the kid {kid!r} is listed twice")
        keys.append(SigningKey(kid, secret))
    return keys


def signing_keys(settings: Settings) -> list[SigningKey]:
    if settings.token_signing_keys:
        return parse_signing_keys(settings.token_signing_keys)
    return [SigningKey.of_secret(secret_key(settings))]


class TokenSigner:
    def __init__(self, keys: Sequence[SigningKey], access_lifetime: timedelta) -> None:
        if not keys:
            raise ValueError("at least one signing key")
        self._signing = keys[0]
        self._keys = {key.kid: key for key in keys}
        self.access_lifetime = access_lifetime

    @classmethod
    def from_settings(cls, settings: Settings) -> TokenSigner:
        return cls(signing_keys(settings), timedelta(seconds=settings.access_token_seconds))

    def access_token(self, user_id: int, session_id: int, now: datetime) -> str:
        expires = now + self.access_lifetime
        payload = {
            "sub": str(user_id),
            "sid": session_id,
            "iat": int(now.timestamp()),
            "exp": int(expires.timestamp()),
            "typ": "access",
        }
        return jwt.encode(
            payload, self._signing.secret, algorithm=ALGORITHM, headers={"kid": self._signing.kid}
        )

    def read_access_token(self, token: str, now: datetime) -> AccessClaims:
        """The claims of a well-signed, unexpired access token, else :class:`Unauthorized`.

        Times are checked against the injected clock, not the library's own clock.
        """
        try:
            key = self._keys.get(str(jwt.get_unverified_header(token).get("kid")))
            if key is None:
                raise Unauthorized("access token signed with a key no longer in use")
            payload = jwt.decode(
                token,
                key.secret,
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
