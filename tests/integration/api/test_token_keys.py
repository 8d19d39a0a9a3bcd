"""The access tokens' signing key rotates without logging anybody out: each token names its
key (``kid``); a new key listed first signs while the old one still verifies, and once the
old one is dropped its tokens are refused but their sessions refresh under the new key."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import jwt
import pytest
from fastapi.testclient import TestClient

from microtache.runtime import Runtime
from search_api.app import create_app
from tests.factories import TEST_PASSWORD, create_user

OLD = "old-2026-06:" + "o" * 40
NEW = "new-2026-12:" + "n" * 40
sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@contextmanager
def process(runtime: Runtime, keys: str) -> Iterator[TestClient]:
    """An API process (an app on the same database) with these signing keys."""
    settings = runtime.settings.model_copy(update={"token_signing_keys": keys})
    with TestClient(create_app(dataclasses.replace(runtime, settings=settings))) as client:
        yield client


def me(client: TestClient, token: str) -> int:
    status: int = client.get("/me", headers={"Authorization": f"Bearer {token}"}).status_code
    return status


def kid(token: str) -> Any:
    return jwt.get_unverified_header(token).get("kid")


@sqlite_only
def test_rotating_the_signing_key_logs_nobody_out(runtime: Runtime) -> None:
    with runtime.sessions.begin() as session:
        create_user(session, clock=runtime.clock, email="paul@exemple.fr")
    credentials = {"email": "paul@exemple.fr", "password": TEST_PASSWORD}

    with process(runtime, OLD) as before:
        tokens = before.post("/auth/login", json=credentials).json()
        assert kid(tokens["access_token"]) == "old-2026-06"
        assert me(before, tokens["access_token"]) == 200

    # Step 1: the new key signs, the old one still verifies.
    with process(runtime, f"{NEW},{OLD}") as during:
        assert me(during, tokens["access_token"]) == 200
        other = during.post("/auth/login", json=credentials).json()
        assert kid(other["access_token"]) == "new-2026-12"
        assert me(during, other["access_token"]) == 200

    # Step 2: the old key dropped. Its tokens are refused, their sessions are not.
    with process(runtime, NEW) as after:
        assert me(after, tokens["access_token"]) == 401
        refreshed = after.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
        assert refreshed.status_code == 200, refreshed.text
        fresh = refreshed.json()["access_token"]
        assert kid(fresh) == "new-2026-12"
        assert me(after, fresh) == 200
        assert me(after, other["access_token"]) == 200


@sqlite_only
def test_a_token_naming_no_key_or_an_unknown_one_or_none_is_refused(runtime: Runtime) -> None:
    secret = NEW.split(":", 1)[1]
    claims = {"sub": "1", "sid": 1, "exp": 4_000_000_000, "typ": "access"}
    with process(runtime, NEW) as client:
        for token in (
            jwt.encode(claims, secret, algorithm="HS256"),  # no kid
            jwt.encode(claims, secret, algorithm="HS256", headers={"kid": "elsewhere"}),
            jwt.encode(claims, "x" * 40, algorithm="HS256", headers={"kid": "new-2026-12"}),
            jwt.encode(claims, "", algorithm="none", headers={"kid": "new-2026-12"}),
        ):
            assert me(client, token) == 401
