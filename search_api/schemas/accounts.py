"""Bodies of the account endpoints."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from marketplace_core.accounts.enums import Role
from search_api.schemas.base import ReadModel, RequestBody, examples

# The same words whether the address was free or taken. E-mail confirmation (and the notice
# to the owner of a taken address) comes with the notifications.
REGISTERED = "If this address can be used, its account is ready: log in with it."


class CredentialsIn(RequestBody):
    model_config = examples({"email": "claire@exemple.fr", "password": "un-long-mot-de-passe"})

    email: str = Field(max_length=320)
    password: str = Field(max_length=1024, description="10 to 128 characters")


class RegisteredOut(BaseModel):
    """The same answer whether the address was free or already registered."""

    model_config = examples({"detail": REGISTERED})

    detail: str = REGISTERED


class TokensOut(BaseModel):
    model_config = examples(
        {
            "access_token": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI3In0.c2ln",
            "token_type": "bearer",
            "expires_in": 900,
            "refresh_token": "q3Yx0b5Wm1dN2r4uVf8KpZ7sTg6hJc9L0aQeRiOyUwE",
            "refresh_expires_at": "2026-04-01T09:00:00Z",
        }
    )

    access_token: str = Field(description="send as `Authorization: Bearer <access_token>`")
    token_type: str = "bearer"
    expires_in: int = Field(description="seconds the access token is valid")
    refresh_token: str = Field(description="for `POST /auth/refresh`; keep it secret")
    refresh_expires_at: datetime = Field(description="when the session ends")


class RefreshIn(RequestBody):
    refresh_token: str = Field(max_length=200)


class AccountOut(ReadModel):
    model_config = examples(
        {
            "id": 7,
            "email": "claire@exemple.fr",
            "role": "user",
            "seller_username": "claire_design",
            "created_at": "2026-03-02T09:00:00Z",
        }
    )

    id: int
    email: str
    role: Role
    seller_username: str | None = Field(description="null until the account becomes a seller")
    created_at: datetime
