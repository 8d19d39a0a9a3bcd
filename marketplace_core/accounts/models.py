"""Account tables: users, their sessions, and the failed-login counters."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from marketplace_core.accounts.enums import Role, ThrottleScope
from marketplace_core.db import Base, UTCDateTime, string_enum


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Normalised (trimmed, lower-cased) by accounts.rules before it is stored or looked up.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(
        string_enum(Role, "user_role", 16),
        default=Role.USER,
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AuthSession(Base):
    """One login: the refresh token (stored as its SHA-256) and what revokes it."""

    __tablename__ = "auth_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class LoginThrottle(Base):
    """Failed logins of one account or one client address in the current window.

    In the database so every API process counts the same attempts. The key is a SHA-256 of
    the e-mail or the address: unregistered e-mails tried by an attacker are not kept.
    """

    __tablename__ = "login_throttles"

    scope: Mapped[ThrottleScope] = mapped_column(
        string_enum(ThrottleScope, "throttle_scope", 16),
        primary_key=True,
    )
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    window_started_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
