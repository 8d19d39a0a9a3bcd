"""Error bodies, as ``search_api.errors`` writes them, for the OpenAPI ``responses=``."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from search_api.schemas.base import examples


class Problem(BaseModel):
    field: str = Field(description="dotted path of the field, e.g. packages.0.price_cents")
    rule: str = Field(description="stable rule id, e.g. package.price_min")
    message: str


class InvalidInputOut(BaseModel):
    model_config = examples(
        {
            "detail": [
                {
                    "field": "packages.0.price_cents",
                    "rule": "package.price_min",
                    "message": "price_cents must be between 500 ($5) and 10000000",
                }
            ]
        }
    )

    detail: list[Problem]


class MessageOut(BaseModel):
    detail: str


class StaleVersionOut(BaseModel):
    model_config = examples(
        {
            "detail": "gig 42 is at version 4, not 3: reload it and apply the change again",
            "current_version": 4,
        }
    )

    detail: str
    current_version: int


class TransitionOut(BaseModel):
    model_config = examples(
        {
            "detail": "cannot pause gig 42: it is draft; allowed actions: update, publish, delete",
            "status": "draft",
            "allowed_actions": ["update", "publish", "delete"],
        }
    )

    detail: str
    status: str
    allowed_actions: list[str]


class ThrottledOut(BaseModel):
    model_config = examples(
        {"detail": "too many failed logins; try again later", "retry_after": 840}
    )

    detail: str
    retry_after: int = Field(description="seconds, as in the Retry-After header")


_RESPONSES: dict[int, dict[str, Any]] = {
    401: {
        "model": MessageOut,
        "description": "No valid bearer token: missing, malformed, expired or of a closed "
        "session (header `WWW-Authenticate: Bearer`).",
    },
    403: {"model": MessageOut, "description": "This account may not do this."},
    404: {
        "model": MessageOut,
        "description": "Not found, or not yours: another seller's gig that is not public is "
        "answered as if it did not exist.",
    },
    409: {"model": MessageOut, "description": "The current state does not allow it."},
    413: {"model": MessageOut, "description": "Request body larger than 64 KiB."},
    422: {
        "model": InvalidInputOut,
        "description": "Invalid input: each problem names the field and the rule.",
    },
    429: {
        "model": ThrottledOut,
        "description": "Too many failed logins for this account or address (header `Retry-After`).",
    },
}


RATE_LIMITED: dict[int | str, dict[str, Any]] = {
    429: {
        "model": ThrottledOut,
        "description": "Too many requests from this client (per signed-in user, else per "
        "address); header `Retry-After`.",
    }
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for these status codes (``| {409: {...}}`` to say more about one)."""
    return {code: dict(_RESPONSES[code]) for code in codes}


CONFLICT_GIG: dict[int | str, dict[str, Any]] = {
    409: {
        "model": StaleVersionOut | TransitionOut,
        "description": "`If-Match` names an older version (the body gives the current one), "
        "or the gig's status does not allow the action (the body names the status and the "
        "allowed actions).",
    }
}
